/* SPDX-License-Identifier: BSD-3-Clause */
/* Host services in an isle: each call is an entry in the shared-memory channel (abi_isle.h). */
#include <hermit/abi_isle.h>
#include <hermit/abi_uhyve.h>
#include <kernel/arch.h>
#include <kernel/kernel.h>
#include <kernel/net.h>
#include <kernel/platform.h>

static struct hermit_isle_chan *chan;

/* Wakes the proxy if it sleeps in HERMIT_ISLE_IOC_WAIT (the module may change the target
 * while we run, so it is read anew; vector 0 means Linux polls). */
static void isle_notify(void)
{
	uint32_t vector = READ_ONCE(chan->notify_vector);
	uint32_t apic_id = READ_ONCE(chan->notify_apic_id);

	if (READ_ONCE(chan->linux_waiting) && vector >= 32 && vector <= 255)
		arch_send_host_ipi(apic_id, (uint8_t)vector);
}

struct hermit_isle_chan *isle_channel(void)
{
	return chan;
}

void isle_kick_host(void)
{
	uint32_t vector = READ_ONCE(chan->notify_vector);

	if (vector >= 32 && vector <= 255)
		arch_send_host_ipi(READ_ONCE(chan->notify_apic_id), (uint8_t)vector);
}

/* Fills the next ring entry for this CPU and makes it visible; returns its sequence. */
static uint64_t isle_post(unsigned nr, void *args, unsigned cpu)
{
	uint64_t idx = __atomic_fetch_add(&chan->head, 1, __ATOMIC_SEQ_CST);
	struct hermit_isle_req *r = &chan->ring[idx % HERMIT_ISLE_RING];

	r->nr = nr;
	r->cpu = cpu;
	r->arg = (uintptr_t)args; /* an isle address: the proxy maps RAM from 0 */
	__atomic_store_n(&r->seq, idx + 1, __ATOMIC_RELEASE);
	/* The proxy sets linux_waiting, then checks the ring; we fill the ring, then check
	 * linux_waiting: the full fence keeps one of the two from missing the other. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	isle_notify();
	return idx + 1;
}

/*
 * Interrupts stay masked from posting to the answer, so the thread cannot leave this CPU
 * (cpu[c].done is per CPU, and at most one request per CPU keeps the ring from overflowing).
 * The argument struct may be on the thread's stack: it is isle memory the proxy reads and
 * writes in place. Exit and panic are posted and the CPU halts for good: the proxy stops
 * the isle (INIT) once it has read them.
 */
static void isle_call(unsigned nr, void *args, size_t size)
{
	(void)size;
	unsigned long flags = arch_irq_save();
	unsigned cpu = arch_cpu_id();
	uint64_t seq = isle_post(nr, args, cpu);

	if (nr == UHYVE_HC_EXIT || nr == UHYVE_HC_PANIC)
		arch_halt();
	while (__atomic_load_n(&chan->cpu[cpu].done, __ATOMIC_ACQUIRE) != seq)
		cpu_relax(); /* under TCG, pause lets the other vCPUs (and Linux) run */
	arch_irq_restore(flags);
}

/* The module's trampoline parks the core in a pause loop until `start` is set; the core
 * then enters the image with rsi = its index (entry.asm takes ap_stack_top[cpu]). */
static int isle_start_cpu(unsigned cpu)
{
	__atomic_store_n(&chan->cpu[cpu].start, 1, __ATOMIC_RELEASE);
	return 0;
}

/* The state is set before the request, so that a proxy that sees the isle end before it
 * reads the ring still finds the exit status (or knows it panicked). */
static __noreturn void isle_exit(int status)
{
	chan->exit_status = status;
	__atomic_store_n(&chan->state, HERMIT_ISLE_EXITED, __ATOMIC_RELEASE);
	hcall_exit(status);
}

static __noreturn void isle_panic(const char *msg)
{
	__atomic_store_n(&chan->state, HERMIT_ISLE_PANICKED, __ATOMIC_RELEASE);
	hcall_panic(msg);
}

/* Boot CPU, CPL0, before the IDT: the channel must be the one this kernel was built for. */
int isle_init(void)
{
	struct hermit_isle_chan *c = (struct hermit_isle_chan *)boot_info->isle_chan;

	if (!c || c->magic != HERMIT_ISLE_CHAN_MAGIC || c->version != HERMIT_ISLE_ABI_VERSION ||
	    c->size < sizeof(*c))
		return -HERMIT_EINVAL;
	chan = c;
	__atomic_store_n(&chan->state, HERMIT_ISLE_RUNNING, __ATOMIC_RELEASE);
	return 0;
}

const struct platform_ops platform_isle = {
    .name = "isle",
    .call = isle_call,
    .start_cpu = isle_start_cpu,
    .exit = isle_exit,
    .panic = isle_panic,
    .preempt_classic = true,
    .net = &mmnif_net,
};
