/* SPDX-License-Identifier: BSD-3-Clause */
/* The floor of a uhyve start: a minimal KVM program that runs a long-mode guest to its first `out`.
 */
#include <err.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/kvm.h>

#define MEM_SIZE  (64ULL << 20)
#define PML4      0x2000ULL
#define PDPT      0x3000ULL
#define PD        0x4000ULL
#define CODE      0x200000ULL
#define FLOOR_OUT 0x500 /* the guest's `out` (any port would do) */

static void set_long_mode(int vcpu)
{
	struct kvm_sregs s;
	struct kvm_segment cs = {
	    .limit = 0xffffffff, .selector = 8, .type = 0xb, .present = 1, .s = 1, .l = 1, .g = 1};
	struct kvm_segment ds = {
	    .limit = 0xffffffff, .selector = 16, .type = 3, .present = 1, .s = 1, .db = 1, .g = 1};
	struct kvm_regs r = {.rip = CODE, .rflags = 2};

	if (ioctl(vcpu, KVM_GET_SREGS, &s) < 0)
		err(1, "ioctl (KVM_GET_SREGS)");
	s.cs = cs;
	s.ds = s.es = s.fs = s.gs = s.ss = ds;
	s.gdt.base = 0;
	s.gdt.limit = 23;
	s.cr0 = 0x80050033;
	s.cr3 = PML4;
	s.cr4 = 0x620;
	s.efer = 0xd00;
	if (ioctl(vcpu, KVM_SET_SREGS, &s) < 0)
		err(1, "ioctl (KVM_SET_SREGS)");
	if (ioctl(vcpu, KVM_SET_REGS, &r) < 0)
		err(1, "ioctl (KVM_SET_REGS)");
}

static void write_guest(uint8_t *mem)
{
	/* mov dx, FLOOR_OUT; out dx, al; hlt */
	static const uint8_t code[] = {0x66, 0xba, FLOOR_OUT & 0xff, FLOOR_OUT >> 8, 0xee, 0xf4};
	uint64_t *gdt = (uint64_t *)mem, *pd = (uint64_t *)(mem + PD);

	gdt[1] = 0x00AF9A000000FFFFULL;
	gdt[2] = 0x00CF92000000FFFFULL;
	*(uint64_t *)(mem + PML4) = PDPT | 7;
	*(uint64_t *)(mem + PDPT) = PD | 7;
	for (uint64_t a = 0; a < MEM_SIZE; a += 2ULL << 20)
		pd[a >> 21] = a | 0x87;
	memcpy(mem + CODE, code, sizeof(code));
}

int main(void)
{
	int kvm, vm, vcpu, size;
	uint8_t *mem;
	struct kvm_run *run;
	struct kvm_userspace_memory_region region = {.memory_size = MEM_SIZE};

	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0)
		err(1, "open /dev/kvm");
	vm = ioctl(kvm, KVM_CREATE_VM, 0);
	if (vm < 0)
		err(1, "ioctl (KVM_CREATE_VM)");
	mem = mmap(NULL, MEM_SIZE, PROT_READ | PROT_WRITE,
	           MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (mem == MAP_FAILED)
		err(1, "mmap guest memory");
	madvise(mem, MEM_SIZE, MADV_HUGEPAGE);
	region.userspace_addr = (uintptr_t)mem;
	if (ioctl(vm, KVM_SET_USER_MEMORY_REGION, &region) < 0)
		err(1, "ioctl (KVM_SET_USER_MEMORY_REGION)");
	write_guest(mem);
	vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
	if (vcpu < 0)
		err(1, "ioctl (KVM_CREATE_VCPU)");
	size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (size <= 0)
		err(1, "ioctl (KVM_GET_VCPU_MMAP_SIZE)");
	run = mmap(NULL, (size_t)size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
	if (run == MAP_FAILED)
		err(1, "mmap kvm_run");
	set_long_mode(vcpu);
	if (ioctl(vcpu, KVM_RUN, 0) < 0)
		err(1, "ioctl (KVM_RUN)");
	if (run->exit_reason != KVM_EXIT_IO || run->io.port != FLOOR_OUT)
		errx(1, "unexpected exit %u", run->exit_reason);
	return 0;
}
