/* SPDX-License-Identifier: BSD-3-Clause */
/* Checks that /dev/kvm works: a 2 MiB real-mode guest must write 42 to port 0x10 and halt. */

#include <err.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#define GUEST_MEM_SIZE (2UL << 20)
#define GUEST_CODE_GPA 0x1000
#define SMOKE_PORT     0x10
#define SMOKE_VALUE    42

/* mov al, 42; out 0x10, al; hlt */
static const uint8_t guest_code[] = {0xb0, SMOKE_VALUE, 0xe6, SMOKE_PORT, 0xf4};

struct smoke_vm {
	int kvm, vm, vcpu;
	struct kvm_run *run;
};

static void setup_memory(struct smoke_vm *s)
{
	void *mem = mmap(NULL, GUEST_MEM_SIZE, PROT_READ | PROT_WRITE,
	                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (mem == MAP_FAILED)
		err(1, "mmap %lu bytes of guest memory", GUEST_MEM_SIZE);
	memcpy((uint8_t *)mem + GUEST_CODE_GPA, guest_code, sizeof(guest_code));

	struct kvm_userspace_memory_region region = {
	    .slot = 0,
	    .guest_phys_addr = 0,
	    .memory_size = GUEST_MEM_SIZE,
	    .userspace_addr = (uintptr_t)mem,
	};
	if (ioctl(s->vm, KVM_SET_USER_MEMORY_REGION, &region) < 0)
		err(1, "ioctl KVM_SET_USER_MEMORY_REGION");
}

static void setup_vcpu(struct smoke_vm *s)
{
	s->vcpu = ioctl(s->vm, KVM_CREATE_VCPU, 0);
	if (s->vcpu < 0)
		err(1, "ioctl KVM_CREATE_VCPU 0");
	int size = ioctl(s->kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (size < (int)sizeof(struct kvm_run))
		err(1, "ioctl KVM_GET_VCPU_MMAP_SIZE");
	s->run = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, s->vcpu, 0);
	if (s->run == MAP_FAILED)
		err(1, "mmap kvm_run (%d bytes)", size);

	/* Real mode, flat segment 0: CS:IP = 0:GUEST_CODE_GPA. */
	struct kvm_sregs sregs;
	if (ioctl(s->vcpu, KVM_GET_SREGS, &sregs) < 0)
		err(1, "ioctl KVM_GET_SREGS");
	sregs.cs.base = 0;
	sregs.cs.selector = 0;
	if (ioctl(s->vcpu, KVM_SET_SREGS, &sregs) < 0)
		err(1, "ioctl KVM_SET_SREGS");

	struct kvm_regs regs = {.rip = GUEST_CODE_GPA, .rflags = 0x2};
	if (ioctl(s->vcpu, KVM_SET_REGS, &regs) < 0)
		err(1, "ioctl KVM_SET_REGS");
}

static uint32_t run_until_exit(struct smoke_vm *s)
{
	if (ioctl(s->vcpu, KVM_RUN, 0) < 0)
		err(1, "ioctl KVM_RUN");
	return s->run->exit_reason;
}

static void expect_out(struct smoke_vm *s)
{
	uint32_t reason = run_until_exit(s);
	if (reason != KVM_EXIT_IO)
		errx(1, "first exit: reason %u, expected KVM_EXIT_IO (%d)", reason, KVM_EXIT_IO);

	const struct kvm_run *r = s->run;
	const uint8_t *data = (const uint8_t *)r + r->io.data_offset;
	if (r->io.direction != KVM_EXIT_IO_OUT || r->io.port != SMOKE_PORT || r->io.size != 1 ||
	    r->io.count != 1)
		errx(1, "unexpected I/O exit: dir %u port %#x size %u count %u", r->io.direction,
		     r->io.port, r->io.size, r->io.count);
	if (*data != SMOKE_VALUE)
		errx(1, "guest wrote %u to port %#x, expected %u", *data, SMOKE_PORT, SMOKE_VALUE);
}

static void expect_hlt(struct smoke_vm *s)
{
	uint32_t reason = run_until_exit(s);
	if (reason != KVM_EXIT_HLT)
		errx(1, "second exit: reason %u, expected KVM_EXIT_HLT (%d)", reason, KVM_EXIT_HLT);
}

int main(void)
{
	struct smoke_vm s;

	s.kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (s.kvm < 0)
		err(1, "open /dev/kvm");
	int version = ioctl(s.kvm, KVM_GET_API_VERSION, 0);
	if (version != KVM_API_VERSION)
		errx(1, "KVM API version %d, expected %d", version, KVM_API_VERSION);
	s.vm = ioctl(s.kvm, KVM_CREATE_VM, 0);
	if (s.vm < 0)
		err(1, "ioctl KVM_CREATE_VM");

	setup_memory(&s);
	setup_vcpu(&s);
	expect_out(&s);
	expect_hlt(&s);

	printf("kvm-smoke: ok (out %#x <- %d, hlt)\n", SMOKE_PORT, SMOKE_VALUE);
	return 0;
}
