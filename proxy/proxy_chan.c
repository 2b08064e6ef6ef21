/* SPDX-License-Identifier: BSD-3-Clause */
/* Serves an isle's system-call ring with uhyve's checked handlers (protocol: abi_isle.h). */
#include <err.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "proxy.h"
#include "proxy_chan.h"
#include "uhyve_files.h"

#define container_of(p, type, member) ((type *)((char *)(p)-offsetof(type, member)))

static struct proxy_chan *chan_of(struct uhyve_vcpu *cpu)
{
	return container_of(cpu, struct proxy_chan, vcpu);
}

static void print_log_tail(const struct proxy_chan *c)
{
	uhyve_klog_print_as(&c->vm, PROXY_LOG_TAIL, "proxy: isle");
}

static void chan_exit(struct uhyve_vcpu *cpu, void *arg)
{
	struct uhyve_exit a;

	memcpy(&a, arg, sizeof(a));
	chan_of(cpu)->end_status = a.status & 0xff;
}

static void chan_panic(struct uhyve_vcpu *cpu, void *arg)
{
	struct proxy_chan *c = chan_of(cpu);
	char msg[UHYVE_MSG_MAX];
	struct uhyve_panic a;
	size_t len;

	memcpy(&a, arg, sizeof(a));
	if (uhyve_gpa_string(&c->vm, a.msg.addr, msg, sizeof(msg)) == -HERMIT_EFAULT)
		snprintf(msg, sizeof(msg), "(message at 0x%llx outside the isle's memory)",
		         (unsigned long long)a.msg.addr);
	msg[sizeof(msg) - 1] = '\0';
	len = strlen(msg);
	while (len && (msg[len - 1] == '\n' || msg[len - 1] == '\r'))
		msg[--len] = '\0';
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)msg[i] < 0x20 || msg[i] == 0x7f)
			msg[i] = '?';
	warnx("isle kernel panic: %s", msg);
	print_log_tail(c);
	c->end_status = PROXY_EX_PANIC;
}

/* Isle CPUs are started by the kernel itself through chan->cpu[i].start. */
static void chan_cpu_start(struct uhyve_vcpu *cpu, void *arg)
{
	int32_t ret = -HERMIT_EINVAL;

	(void)cpu;
	memcpy((char *)arg + offsetof(struct uhyve_cpu_start, ret), &ret, sizeof(ret));
}

/* The calls that concern the isle itself; the others are uhyve's (uhyve_file_calls). */
static const struct uhyve_call isle_calls[UHYVE_HC_MAX] = {
    [UHYVE_HC_EXIT] = {chan_exit, sizeof(struct uhyve_exit), "exit"},
    [UHYVE_HC_PANIC] = {chan_panic, sizeof(struct uhyve_panic), "panic"},
    [UHYVE_HC_CPU_START] = {chan_cpu_start, sizeof(struct uhyve_cpu_start), "cpu_start"},
};

uint64_t proxy_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

int proxy_chan_init(struct proxy_chan *c, uint8_t *mem, uint64_t mem_size,
                    struct uhyve_files *files, const struct proxy_chan_ops *ops, char *err,
                    size_t errlen)
{
	struct hermit_isle_chan head;

	memset(c, 0, sizeof(*c));
	c->vm.mem = mem;
	c->vm.mem_size = mem_size;
	c->vm.files = files;
	c->vcpu.vm = &c->vm;
	c->vcpu.fd = -1;
	c->vcpu.host_cpu = -1;
	c->ops = *ops;
	c->end_status = -1;
	c->vm.boot_info = uhyve_gpa_p(&c->vm, HERMIT_ISLE_BOOTINFO_ADDR, sizeof(*c->vm.boot_info));
	c->chan = uhyve_gpa_p(&c->vm, HERMIT_ISLE_CHAN_ADDR, sizeof(*c->chan));
	if (!c->vm.boot_info || !c->chan) {
		snprintf(err, errlen, "isle window of %llu bytes holds no channel",
		         (unsigned long long)mem_size);
		return -EINVAL;
	}
	memcpy(&head, c->chan, offsetof(struct hermit_isle_chan, head));
	if (head.magic != HERMIT_ISLE_CHAN_MAGIC || head.version != HERMIT_ISLE_ABI_VERSION ||
	    head.size != sizeof(*c->chan)) {
		snprintf(err, errlen,
		         "isle channel magic 0x%llx version %u size %u, proxy expects version %u "
		         "size %zu (module and proxy from different builds?)",
		         (unsigned long long)head.magic, head.version, head.size,
		         HERMIT_ISLE_ABI_VERSION, sizeof(*c->chan));
		return -EINVAL;
	}
	c->cpu_count = __atomic_load_n(&c->vm.boot_info->cpu_count, __ATOMIC_RELAXED);
	if (c->cpu_count > HERMIT_MAX_CPUS)
		c->cpu_count = HERMIT_MAX_CPUS;
	c->tail = __atomic_load_n(&c->chan->tail, __ATOMIC_RELAXED);
	return 0;
}

/* A broken entry ends the isle: one line, the log tail, status 126. */
static int bad_entry(struct proxy_chan *c, const struct hermit_isle_req *r, const char *fmt,
                     const char *what)
{
	char why[160];

	snprintf(why, sizeof(why), fmt, what);
	warnx("isle error: request %llu (cpu %u, call %u, argument 0x%llx): %s",
	      (unsigned long long)c->tail, r->cpu, r->nr, (unsigned long long)r->arg, why);
	print_log_tail(c);
	return PROXY_EX_CRASH;
}

/* Checks the copied entry r and serves it; returns the status to end with, or -1. */
static int serve_entry(struct proxy_chan *c, const struct hermit_isle_req *r)
{
	const struct uhyve_call *call = uhyve_call_of(isle_calls, r->nr);
	void *arg;

	if (r->cpu >= c->cpu_count)
		return bad_entry(c, r, "%s", "no such CPU in this isle");
	if (!call)
		return bad_entry(c, r, "%s", "no such call");
	arg = uhyve_gpa_p(&c->vm, r->arg, call->size);
	if (!arg)
		return bad_entry(c, r, "%s argument struct outside the isle's memory", call->name);
	if (r->arg % 8)
		return bad_entry(c, r, "%s argument struct not 8-byte aligned", call->name);
	c->vcpu.id = r->cpu;
	call->fn(&c->vcpu, arg);
	__atomic_store_n(&c->chan->cpu[r->cpu].done, c->tail + 1, __ATOMIC_RELEASE);
	c->tail++;
	__atomic_store_n(&c->chan->tail, c->tail, __ATOMIC_RELEASE);
	return c->end_status;
}

int proxy_chan_drain(struct proxy_chan *c)
{
	/* At most one ring's worth per call, so that signals and the timeout are looked at even
	 * while a busy isle keeps posting. */
	for (unsigned n = 0; n < HERMIT_ISLE_RING; n++) {
		struct hermit_isle_req *slot = &c->chan->ring[c->tail % HERMIT_ISLE_RING];
		struct hermit_isle_req r;
		int status;

		if (__atomic_load_n(&slot->seq, __ATOMIC_ACQUIRE) != c->tail + 1)
			return -1;
		memcpy(&r, slot, sizeof(r));
		if (!c->first_request_ns)
			c->first_request_ns = proxy_now_ns();
		status = serve_entry(c, &r);
		if (status >= 0)
			return status;
	}
	return -1;
}

/*
 * The kernel sets its state before it posts its exit or panic request, so a drained ring
 * may see the state first: the request gets a bounded moment to arrive, so that the panic
 * message is not lost. No request by then (the trampoline's early fault handler posts
 * none): -1.
 */
static int drain_late(struct proxy_chan *c)
{
	uint64_t end = proxy_now_ns() + PROXY_CHAN_LATE_NS;
	struct timespec pause = {0, 100000};

	do {
		int status = proxy_chan_drain(c);

		if (status >= 0)
			return status;
		nanosleep(&pause, NULL);
	} while (proxy_now_ns() < end);
	return -1;
}

/* After the ring is drained: the isle's own state and the result of the wait. */
static int check_state(struct proxy_chan *c, int waited)
{
	uint32_t state = __atomic_load_n(&c->chan->state, __ATOMIC_ACQUIRE);
	int status;

	if (state == HERMIT_ISLE_EXITED)
		return __atomic_load_n(&c->chan->exit_status, __ATOMIC_RELAXED) & 0xff;
	if (state == HERMIT_ISLE_PANICKED && (status = drain_late(c)) >= 0)
		return status;
	if (state == HERMIT_ISLE_PANICKED) {
		warnx("isle kernel panic (no message, see the log)");
		print_log_tail(c);
		return PROXY_EX_PANIC;
	}
	if (waited == -ESRCH) {
		warnx("the isle stopped without exiting (stopped through sysfs, or a fault)");
		print_log_tail(c);
		return PROXY_EX_PANIC;
	}
	if (waited && waited != -ETIMEDOUT && waited != -EINTR) {
		warnx("ioctl (HERMIT_ISLE_IOC_WAIT): %s", strerror(-waited));
		return PROXY_EX_OSERR;
	}
	return -1;
}

int proxy_chan_serve(struct proxy_chan *c)
{
	for (;;) {
		int waited = c->ops.wait(c->ops.ctx, PROXY_CHAN_WAIT_US);
		int status = c->ops.check_end(c->ops.ctx);

		if (status)
			return status;
		status = proxy_chan_drain(c);
		if (status >= 0)
			return status;
		status = check_state(c, waited);
		if (status >= 0)
			return status;
	}
}
