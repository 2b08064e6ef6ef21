/* SPDX-License-Identifier: BSD-3-Clause */
/* vCPU threads: creation, the KVM_RUN loop, exits other than hypercalls, and the VM's end. */
#include <err.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <linux/kvm.h>

#include "uhyve.h"

#define LOG_TAIL_LINES 40

bool uhyve_vm_ending(struct uhyve_vm *vm)
{
	return __atomic_load_n(&vm->ending, __ATOMIC_ACQUIRE);
}

void uhyve_vm_end(struct uhyve_vm *vm, const struct uhyve_vcpu *cpu, unsigned what, int status,
                  const char *fmt, ...)
{
	va_list ap;

	pthread_mutex_lock(&vm->lock);
	if (vm->ending)
		goto out_unlock;
	if (fmt) {
		fputs("uhyve: ", stderr);
		va_start(ap, fmt);
		vfprintf(stderr, fmt, ap);
		va_end(ap);
		fputc('\n', stderr);
	}
	if ((what & UHYVE_END_REGS) && cpu)
		uhyve_kvm_dump_regs(cpu);
	if ((what & UHYVE_END_LOG) && !vm->opt->verbose)
		uhyve_klog_print_tail(vm, LOG_TAIL_LINES);
	vm->exit_status = status;
	__atomic_store_n(&vm->ending, true, __ATOMIC_RELEASE);
	pthread_cond_broadcast(&vm->cond);
out_unlock:
	pthread_mutex_unlock(&vm->lock);
}

int uhyve_vcpu_request_start(struct uhyve_vm *vm, unsigned id)
{
	int ret = 0;

	if (id == 0 || id >= vm->ncpus)
		return -HERMIT_EINVAL;
	pthread_mutex_lock(&vm->lock);
	if (vm->vcpu[id].start_requested)
		ret = -HERMIT_EBUSY;
	vm->vcpu[id].start_requested = true;
	pthread_cond_broadcast(&vm->cond);
	pthread_mutex_unlock(&vm->lock);
	return ret;
}

static void handle_exit(struct uhyve_vcpu *cpu)
{
	struct uhyve_vm *vm = cpu->vm;
	struct kvm_run *run = cpu->run;
	const unsigned crash = UHYVE_END_REGS | UHYVE_END_LOG;

	if (vm->gdb && uhyve_gdb_handle_exit(cpu))
		return;
	switch (run->exit_reason) {
	case KVM_EXIT_IO:
		uhyve_hypercall(cpu);
		break;
	case KVM_EXIT_INTR:
		break;
	case KVM_EXIT_HLT:
		uhyve_vm_end(vm, cpu, crash, UHYVE_EXIT_CRASH,
		             "guest crashed: cpu %u halted (KVM_EXIT_HLT)", cpu->id);
		break;
	case KVM_EXIT_SHUTDOWN:
		uhyve_vm_end(vm, cpu, crash, UHYVE_EXIT_CRASH,
		             "guest crashed: triple fault (KVM_EXIT_SHUTDOWN) on cpu %u", cpu->id);
		break;
	case KVM_EXIT_INTERNAL_ERROR:
		uhyve_vm_end(vm, cpu, crash, UHYVE_EXIT_CRASH,
		             "guest crashed: KVM internal error on cpu %u, suberror %u", cpu->id,
		             run->internal.suberror);
		break;
	case KVM_EXIT_FAIL_ENTRY:
		uhyve_vm_end(vm, cpu, crash, UHYVE_EXIT_CRASH,
		             "guest crashed: VM entry failed on cpu %u, hardware reason 0x%llx",
		             cpu->id,
		             (unsigned long long)run->fail_entry.hardware_entry_failure_reason);
		break;
	case KVM_EXIT_MMIO:
		uhyve_vm_end(vm, cpu, crash, UHYVE_EXIT_CRASH,
		             "guest error: cpu %u %s %u bytes at 0x%llx, outside guest memory",
		             cpu->id, run->mmio.is_write ? "wrote" : "read", run->mmio.len,
		             (unsigned long long)run->mmio.phys_addr);
		break;
	default:
		uhyve_vm_end(vm, cpu, crash, UHYVE_EXIT_CRASH,
		             "guest crashed: unexpected KVM exit reason %u on cpu %u",
		             run->exit_reason, cpu->id);
		break;
	}
}

static void run_loop(struct uhyve_vcpu *cpu)
{
	struct uhyve_vm *vm = cpu->vm;

	while (!uhyve_vm_ending(vm)) {
		if (ioctl(cpu->fd, KVM_RUN, 0) < 0) {
			if (errno == EINTR || errno == EAGAIN) {
				uhyve_gdb_check_interrupt(cpu);
				continue;
			}
			uhyve_vm_end(vm, cpu, UHYVE_END_LOG, UHYVE_EXIT_CRASH,
			             "ioctl (KVM_RUN) on cpu %u: %s", cpu->id, strerror(errno));
			break;
		}
		handle_exit(cpu);
	}
}

/* Waits (lock held) until this CPU may run: the boot CPU when all vCPUs exist, the others
 * when the guest asks for them. False if the VM ends first. */
static bool wait_for_start(struct uhyve_vcpu *cpu)
{
	struct uhyve_vm *vm = cpu->vm;

	while (!vm->ending && (vm->ready < vm->ncpus || !cpu->start_requested))
		pthread_cond_wait(&vm->cond, &vm->lock);
	return !vm->ending;
}

static void boot_cpu_stamp(struct uhyve_vcpu *cpu)
{
	struct timespec ts;

	cpu->vm->boot_info->tsc_khz = uhyve_kvm_tsc_khz(cpu);
	clock_gettime(CLOCK_REALTIME, &ts);
	cpu->vm->boot_info->boot_time_ns =
	    (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static void *vcpu_thread(void *arg)
{
	struct uhyve_vcpu *cpu = arg;
	struct uhyve_vm *vm = cpu->vm;
	bool go;
	int ret;

	uhyve_numa_pin_self(cpu->host_cpu);
	ret = uhyve_kvm_create_vcpu(cpu);
	if (ret) {
		uhyve_vm_end(vm, NULL, 0, UHYVE_EXIT_HOSTRES, "ioctl (KVM_CREATE_VCPU) cpu %u: %s",
		             cpu->id, strerror(-ret));
		return NULL;
	}
	pthread_mutex_lock(&vm->lock);
	vm->ready++;
	pthread_cond_broadcast(&vm->cond);
	go = wait_for_start(cpu);
	pthread_mutex_unlock(&vm->lock);
	if (!go)
		return NULL;
	if (cpu->id == 0)
		boot_cpu_stamp(cpu);
	ret = uhyve_kvm_set_boot_regs(cpu);
	if (ret) {
		uhyve_vm_end(vm, NULL, 0, UHYVE_EXIT_HOSTRES, "ioctl (KVM_SET_*REGS) cpu %u: %s",
		             cpu->id, strerror(-ret));
		return NULL;
	}
	uhyve_verbose(vm, "cpu %u runs on host cpu %d", cpu->id, cpu->host_cpu);
	uhyve_gdb_first_stop(cpu);
	run_loop(cpu);
	return NULL;
}

static void on_stop_signal(int sig)
{
	(void)sig; /* only there to make KVM_RUN and blocking host calls return EINTR */
}

int uhyve_vcpus_start(struct uhyve_vm *vm)
{
	struct sigaction sa = {.sa_handler = on_stop_signal};
	int ret;

	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, NULL) < 0) {
		ret = errno;
		uhyve_vm_end(vm, NULL, 0, UHYVE_EXIT_HOSTRES, "sigaction (SIGUSR1): %s",
		             strerror(ret));
		return -ret;
	}
	vm->vcpu[0].start_requested = true;
	for (unsigned i = 0; i < vm->ncpus; i++) {
		ret = pthread_create(&vm->vcpu[i].thread, NULL, vcpu_thread, &vm->vcpu[i]);
		if (ret) {
			uhyve_vm_end(vm, NULL, 0, UHYVE_EXIT_HOSTRES, "pthread_create (cpu %u): %s",
			             i, strerror(ret));
			return -ret;
		}
		vm->vcpu[i].thread_created = true;
	}
	return 0;
}

static void wait_for_end(struct uhyve_vm *vm)
{
	struct timespec deadline;

	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += vm->opt->timeout;
	pthread_mutex_lock(&vm->lock);
	while (!vm->ending) {
		if (!vm->opt->timeout) {
			pthread_cond_wait(&vm->cond, &vm->lock);
		} else if (pthread_cond_timedwait(&vm->cond, &vm->lock, &deadline) == ETIMEDOUT) {
			pthread_mutex_unlock(&vm->lock);
			uhyve_vm_end(vm, NULL, UHYVE_END_LOG, UHYVE_EXIT_TIMEOUT,
			             "timeout: guest still running after %u s", vm->opt->timeout);
			pthread_mutex_lock(&vm->lock);
		}
	}
	pthread_mutex_unlock(&vm->lock);
}

int uhyve_vcpus_wait(struct uhyve_vm *vm)
{
	wait_for_end(vm);
	for (unsigned i = 0; i < vm->ncpus; i++) {
		struct uhyve_vcpu *cpu = &vm->vcpu[i];

		if (!cpu->thread_created)
			continue;
		/* immediate_exit catches a thread that is just about to enter KVM_RUN; the
		 * signal one that is inside it or blocked in a host call. */
		pthread_mutex_lock(&vm->lock);
		if (__atomic_load_n(&cpu->run, __ATOMIC_ACQUIRE))
			cpu->run->immediate_exit = 1;
		pthread_mutex_unlock(&vm->lock);
		pthread_kill(cpu->thread, SIGUSR1);
	}
	for (unsigned i = 0; i < vm->ncpus; i++)
		if (vm->vcpu[i].thread_created)
			pthread_join(vm->vcpu[i].thread, NULL);
	return vm->exit_status;
}
