/* SPDX-License-Identifier: BSD-3-Clause */
/* Hypercall decoding and dispatch, and the calls that concern the VM itself (exit, panic, CPUs). */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <linux/kvm.h>

#include "uhyve.h"
#include "uhyve_files.h"

static void hc_exit(struct uhyve_vcpu *cpu, void *arg)
{
	struct uhyve_exit a;

	memcpy(&a, arg, sizeof(a));
	uhyve_vm_end(cpu->vm, NULL, 0, a.status & 0xff, NULL);
}

static void hc_panic(struct uhyve_vcpu *cpu, void *arg)
{
	static char msg[UHYVE_MSG_MAX]; /* the VM ends: only the first panic gets printed */
	struct uhyve_panic a;
	size_t len;
	int ret;

	memcpy(&a, arg, sizeof(a));
	pthread_mutex_lock(&cpu->vm->lock);
	ret = uhyve_gpa_string(cpu->vm, a.msg.addr, msg, sizeof(msg));
	if (ret == -HERMIT_EFAULT)
		snprintf(msg, sizeof(msg), "(message at 0x%llx outside guest memory)",
		         (unsigned long long)a.msg.addr);
	msg[sizeof(msg) - 1] = '\0';
	len = strlen(msg);
	while (len && (msg[len - 1] == '\n' || msg[len - 1] == '\r'))
		msg[--len] = '\0';
	pthread_mutex_unlock(&cpu->vm->lock);
	uhyve_vm_end(cpu->vm, NULL, UHYVE_END_LOG, UHYVE_EXIT_PANIC, "guest kernel panic: %s", msg);
}

static void hc_cpu_start(struct uhyve_vcpu *cpu, void *arg)
{
	struct uhyve_cpu_start a;

	memcpy(&a, arg, sizeof(a));
	a.ret = uhyve_vcpu_request_start(cpu->vm, a.cpu);
	memcpy((char *)arg + offsetof(struct uhyve_cpu_start, ret), &a.ret, sizeof(a.ret));
}

/* The calls that concern the VM itself; the others are uhyve_file_calls. */
static const struct uhyve_call vm_calls[UHYVE_HC_MAX] = {
    [UHYVE_HC_EXIT] = {hc_exit, sizeof(struct uhyve_exit), "exit"},
    [UHYVE_HC_PANIC] = {hc_panic, sizeof(struct uhyve_panic), "panic"},
    [UHYVE_HC_CPU_START] = {hc_cpu_start, sizeof(struct uhyve_cpu_start), "cpu_start"},
    [UHYVE_HC_NET_ATTACH] = {uhyve_hc_net_attach, sizeof(struct uhyve_net_attach), "net_attach"},
};

void uhyve_hypercall(struct uhyve_vcpu *cpu)
{
	struct uhyve_vm *vm = cpu->vm;
	const struct kvm_run *run = cpu->run;
	unsigned port = run->io.port, nr = port - UHYVE_PORT_BASE;
	const struct uhyve_call *d = uhyve_call_of(vm_calls, nr);
	uint32_t gpa;
	void *arg;

	if (run->io.direction != KVM_EXIT_IO_OUT || run->io.size != 4 || run->io.count != 1 ||
	    port < UHYVE_PORT_BASE || !d) {
		uhyve_vm_end(
		    vm, cpu, UHYVE_END_REGS | UHYVE_END_LOG, UHYVE_EXIT_CRASH,
		    "guest error: cpu %u: %s of %u byte(s) at I/O port 0x%x is no hypercall",
		    cpu->id, run->io.direction == KVM_EXIT_IO_OUT ? "out" : "in", run->io.size,
		    port);
		return;
	}
	memcpy(&gpa, (const char *)run + run->io.data_offset, sizeof(gpa));
	arg = uhyve_gpa_p(vm, gpa, d->size);
	if (!arg || gpa % 8) {
		uhyve_vm_end(vm, cpu, UHYVE_END_REGS | UHYVE_END_LOG, UHYVE_EXIT_CRASH,
		             "guest error: hypercall %s: argument struct at 0x%x %s", d->name, gpa,
		             arg ? "not 8-byte aligned" : "outside guest memory");
		return;
	}
	d->fn(cpu, arg);
}
