/* SPDX-License-Identifier: BSD-3-Clause */
/* libFuzzer harness for hypercall decoding: a fake KVM_EXIT_IO and fuzzed guest memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/kvm.h>

#include "uhyve.h"

/*
 * Input: port (2 bytes), size (1), GPA of the argument struct (4), then the first bytes of
 * guest RAM. The boot info at 0x1000 is part of RAM, so klog_addr is fuzzed as well.
 * File calls act below a private empty root directory; run with stdin from /dev/null and
 * -close_fd_mask=3 so that guest reads and writes on fds 0-2 neither block nor spam.
 */

#define RAM (1ULL << 20)

static struct uhyve_options opt;
static char root[4096];

/* Stand-in for uhyve_main.c's (uhyve_net.c's link thread times its polling with it). */
uint64_t uhyve_now_ns(void)
{
	return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stand-ins for uhyve_vcpu.c, which needs real vCPUs. */
void uhyve_vm_end(struct uhyve_vm *vm, const struct uhyve_vcpu *cpu, unsigned what, int status,
                  const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	(void)cpu;
	if (fmt) {
		va_start(ap, fmt);
		vsnprintf(msg, sizeof(msg), fmt, ap);
		va_end(ap);
	}
	if (what & UHYVE_END_LOG)
		uhyve_klog_print_tail(vm, 40);
	vm->exit_status = status;
	vm->ending = true;
}

int uhyve_vcpu_request_start(struct uhyve_vm *vm, unsigned id)
{
	return id == 0 || id >= vm->ncpus ? -HERMIT_EINVAL : 0;
}

bool uhyve_vm_ending(struct uhyve_vm *vm)
{
	return vm->ending;
}

/* Stand-in for uhyve_main.c's (uhyve_net.c reports with it). */
void uhyve_verbose(const struct uhyve_vm *vm, const char *fmt, ...)
{
	(void)vm;
	(void)fmt;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	const char *tmp = getenv("TMPDIR");

	snprintf(root, sizeof(root), "%s/uhyve-fuzz-XXXXXX", tmp ? tmp : "/tmp");
	if (!mkdtemp(root))
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t mem[RAM] __attribute__((aligned(4096)));
	static struct kvm_run run;
	struct uhyve_vm vm = {.opt = &opt, .mem = mem, .mem_size = RAM, .ncpus = 2};
	struct uhyve_vcpu cpu = {.vm = &vm, .fd = -1, .run = &run};
	uint32_t gpa;
	char err[256];

	if (size < 7)
		return 0;
	memset(&run, 0, sizeof(run));
	run.exit_reason = KVM_EXIT_IO;
	run.io.direction = KVM_EXIT_IO_OUT;
	run.io.port = (uint16_t)(data[0] | data[1] << 8);
	run.io.size = data[2];
	run.io.count = 1;
	run.io.data_offset = offsetof(struct kvm_run, s); /* any spot inside the page */
	memcpy(&gpa, data + 3, 4);
	memcpy((uint8_t *)&run + run.io.data_offset, &gpa, 4);
	memset(mem, 0, 0x10000);
	memcpy(mem, data + 7, size - 7 < 0x10000 ? size - 7 : 0x10000);
	vm.boot_info = (struct hermit_boot_info *)(mem + UHYVE_BOOTINFO_ADDR);
	vm.files = uhyve_files_new(root, err, sizeof(err));
	if (!vm.files)
		abort();
	pthread_mutex_init(&vm.lock, NULL);
	uhyve_hypercall(&cpu);
	uhyve_files_free(vm.files);
	return 0;
}
