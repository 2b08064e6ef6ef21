/* SPDX-License-Identifier: BSD-3-Clause */
/* Interrupt and exception dispatch; fatal exceptions print the registers and end the VM. */
#include <kernel/arch.h>
#include <kernel/kernel.h>
#include <kernel/net.h>
#include <kernel/platform.h>
#include <kernel/sched.h>
#include "cpu.h"

static const char *const exception_names[32] = {
    "divide error",
    "debug",
    "NMI",
    "breakpoint",
    "overflow",
    "bound range",
    "invalid opcode",
    "device not available",
    "double fault",
    "coprocessor overrun",
    "invalid TSS",
    "segment not present",
    "stack fault",
    "general protection",
    "page fault",
    "reserved",
    "x87 floating point",
    "alignment check",
    "machine check",
    "SIMD floating point",
    "virtualization",
    "control protection",
};

extern const char __gate_start[], __gate_end[];

void preempt_trampoline(void);

#define RFLAGS_IF (1UL << 9)

/*
 * Makes the interrupted thread continue in preempt_trampoline (preempt.asm) on its own stack:
 * its rip goes 128 bytes below its rsp (the red zone stays intact), rflags and the general
 * registers below that, in the order the trampoline pops them.
 */
static void inject_preempt(struct trap_frame *f, struct cpu *c)
{
	uint64_t *slot = (uint64_t *)(f->rsp - 128 - 8);
	uint64_t *sp = slot - 16;

	*slot = f->rip;
	kmemcpy(sp, f, 15 * sizeof(uint64_t)); /* rax .. r15, as in struct trap_frame */
	sp[15] = f->rflags;
	f->rsp = (uintptr_t)sp;
	f->rip = (uintptr_t)preempt_trampoline;
	if (priv_model == HERMIT_PRIV_CLASSIC)
		f->rflags &= ~RFLAGS_IF;
	else
		c->irq_masked = 1;
}

/* Only threads can be preempted: CPL3 code in the deprivileged model; in the classic model
 * anything that ran with interrupts on (kernel code masks them around its locks). */
static bool preemptible(const struct trap_frame *f)
{
	if (priv_model == HERMIT_PRIV_DEPRIV)
		return (f->cs & 3) == 3;
	return f->rflags & RFLAGS_IF;
}

/* Timer and wake-up IPI: the scheduler decides about slices, sleepers and priorities. */
static void handle_sched_irq(struct trap_frame *f, struct cpu *c, bool timer)
{
	bool preempt = false;

	apic_eoi();
	c->ticks++;
	if (priv_model == HERMIT_PRIV_DEPRIV && c->irq_masked) {
		c->irq_pending = 1; /* handled when the software mask is lifted */
		return;
	}
	uint64_t deadline = sched_irq(timer, preemptible(f), &preempt);
	if (deadline)
		apic_arm_deadline(deadline);
	if (preempt)
		inject_preempt(f, c);
}

/* A `ud2; op` gate in .text.gate, reached from CPL3 in the deprivileged model. */
static bool handle_gate(struct trap_frame *f)
{
	const uint8_t *ip = (const uint8_t *)f->rip;

	if ((f->cs & 3) != 3 || ip < (const uint8_t *)__gate_start ||
	    ip + 3 > (const uint8_t *)__gate_end || ip[0] != 0x0f || ip[1] != 0x0b)
		return false;
	switch (ip[2]) {
	case GATE_IDLE_UNTIL:
		idle_until_privileged(f->rdi, (const volatile int *)f->rsi);
		f->rax = 0;
		break;
	case GATE_ARM_TIMER:
		apic_arm_deadline(f->rdi);
		f->rax = 0;
		break;
	case GATE_SEND_IPI:
		apic_send_ipi(f->rdi, f->rsi);
		f->rax = 0;
		break;
	case GATE_FLUSH_TLB:
		flush_tlb_privileged();
		f->rax = 0;
		break;
	default:
		return false;
	}
	f->rip += 3;
	return true;
}

void trap_print_frame(const struct trap_frame *f)
{
	uint64_t cr2;
	__asm__ volatile("mov %%cr2, %0" : "=r"(cr2));
	kprintf("  rip %016lx  cs %lx  rflags %016lx  rsp %016lx  ss %lx\n", f->rip, f->cs,
	        f->rflags, f->rsp, f->ss);
	kprintf("  rax %016lx  rbx %016lx  rcx %016lx  rdx %016lx\n", f->rax, f->rbx, f->rcx,
	        f->rdx);
	kprintf("  rsi %016lx  rdi %016lx  rbp %016lx  r8  %016lx\n", f->rsi, f->rdi, f->rbp,
	        f->r8);
	kprintf("  r9  %016lx  r10 %016lx  r11 %016lx  r12 %016lx\n", f->r9, f->r10, f->r11,
	        f->r12);
	kprintf("  r13 %016lx  r14 %016lx  r15 %016lx  cr2 %016lx\n", f->r13, f->r14, f->r15, cr2);
}

static __noreturn void trap_fatal(struct trap_frame *f)
{
	const char *name = f->vector < 32 && exception_names[f->vector] ? exception_names[f->vector]
	                                                                : "unexpected interrupt";
	char msg[160];

	if (f->vector == 14) {
		uint64_t cr2;
		__asm__ volatile("mov %%cr2, %0" : "=r"(cr2));
		/* A fault just below the stack pointer is a run into a stack's guard page. */
		bool overflow = cr2 < f->rsp + PAGE_SIZE && cr2 + 65536 > f->rsp;
		ksnprintf(msg, sizeof(msg), "%s%s at address %#lx (error %#lx), rip %#lx",
		          overflow ? "stack overflow: " : "", name, cr2, f->error, f->rip);
	} else if (f->vector == 11 && (f->error & 2)) {
		/* Error code bit 1: the selector is an IDT gate, i.e. a vector without a handler
		 * (in an isle, e.g. a broadcast IPI from Linux). */
		ksnprintf(msg, sizeof(msg), "interrupt vector %#lx has no handler, rip %#lx",
		          (f->error >> 3) & 0xff, f->rip);
	} else {
		ksnprintf(msg, sizeof(msg), "%s (vector %lu, error %#lx), rip %#lx", name,
		          f->vector, f->error, f->rip);
	}
	kprintf("CPU %u: exception: %s\n", arch_cpu_id(), msg);
	trap_print_frame(f);
	arch_backtrace(f->rip, f->rbp);
	platform->panic(msg);
}

_Static_assert(VEC_NET == ARCH_NET_VECTOR, "one network vector");

void trap_dispatch(struct trap_frame *f)
{
	struct cpu *c = this_cpu();

	switch (f->vector) {
	case VEC_TIMER:
		handle_sched_irq(f, c, true);
		return;
	case VEC_WAKEUP:
		handle_sched_irq(f, c, false);
		return;
	case VEC_NET:
		apic_eoi();
		if (priv_model == HERMIT_PRIV_CLASSIC) {
			net_irq();
			return;
		}
		/* The wake-up takes scheduler locks and gates: it runs at thread level. */
		net_irq_defer();
		if (c->irq_masked)
			c->irq_pending = 1;
		else if (preemptible(f) && !sched_idle_here())
			inject_preempt(f, c);
		sched_poke_idle();
		return;
	case VEC_SPURIOUS:
		return;
	case 6:
		if (handle_gate(f))
			return;
		break;
	}
	trap_fatal(f);
}
