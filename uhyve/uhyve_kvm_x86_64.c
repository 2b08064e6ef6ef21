/* SPDX-License-Identifier: BSD-3-Clause */
/* KVM objects (VM, irqchip, memslot, vCPUs) and the x86_64 long-mode entry state. */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/kvm.h>

#include "uhyve.h"

#define CPUID_MAX_ENTRIES    256

#define CR0_BOOT             0x80050033ULL /* PG WP NE ET MP PE */
#define CR4_BOOT             0x620ULL      /* OSXMMEXCPT OSFXSR PAE */
#define EFER_BOOT            0xD00ULL      /* NXE LMA LME */

#define CR4_OSXSAVE          (1ULL << 18)
#define XCR0_X87_SSE         0x3ULL
#define XCR0_AVX             0x4ULL
#define XCR0_AVX512          0xe0ULL /* opmask, ZMM0-15 upper halves, ZMM16-31 */

#define CPUID_1_ECX_XSAVE    (1U << 26)
#define CPUID_1_ECX_OSXSAVE  (1U << 27)
#define CPUID_1_ECX_AVX      (1U << 28)
#define CPUID_7_EBX_AVX512F  (1U << 16)
#define CPUID_1_ECX_X2APIC   (1U << 21)
#define CPUID_1_ECX_TSC_DL   (1U << 24)
#define CPUID_1_ECX_HYPERVSR (1U << 31)

static const struct {
	int cap;
	const char *name;
} required_caps[] = {
    {KVM_CAP_IRQCHIP, "KVM_CAP_IRQCHIP"},
    {KVM_CAP_USER_MEMORY, "KVM_CAP_USER_MEMORY"},
    {KVM_CAP_EXT_CPUID, "KVM_CAP_EXT_CPUID"},
    {KVM_CAP_MP_STATE, "KVM_CAP_MP_STATE"},
    {KVM_CAP_IMMEDIATE_EXIT, "KVM_CAP_IMMEDIATE_EXIT"},
};

int uhyve_kvm_open(struct uhyve_vm *vm)
{
	int api;

	vm->kvm_fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (vm->kvm_fd < 0)
		err(UHYVE_EXIT_NOKVM, "cannot open /dev/kvm");
	api = ioctl(vm->kvm_fd, KVM_GET_API_VERSION, 0);
	if (api != KVM_API_VERSION)
		errx(UHYVE_EXIT_NOKVM, "/dev/kvm: KVM API version %d, expected %d", api,
		     KVM_API_VERSION);
	for (size_t i = 0; i < sizeof(required_caps) / sizeof(required_caps[0]); i++)
		if (ioctl(vm->kvm_fd, KVM_CHECK_EXTENSION, required_caps[i].cap) <= 0)
			errx(UHYVE_EXIT_NOKVM, "/dev/kvm: capability %s missing",
			     required_caps[i].name);
	return 0;
}

static int get_supported_cpuid(struct uhyve_vm *vm)
{
	vm->cpuid =
	    calloc(1, sizeof(*vm->cpuid) + CPUID_MAX_ENTRIES * sizeof(struct kvm_cpuid_entry2));
	if (!vm->cpuid)
		return -ENOMEM;
	vm->cpuid->nent = CPUID_MAX_ENTRIES;
	if (ioctl(vm->kvm_fd, KVM_GET_SUPPORTED_CPUID, vm->cpuid) < 0)
		return -errno;
	for (unsigned i = 0; i < vm->cpuid->nent; i++) {
		struct kvm_cpuid_entry2 *e = &vm->cpuid->entries[i];

		if (e->function != 1)
			continue;
		/* KVM emulates the x2APIC whenever the irqchip is in the kernel. */
		e->ecx |= CPUID_1_ECX_X2APIC | CPUID_1_ECX_HYPERVSR;
		if (ioctl(vm->kvm_fd, KVM_CHECK_EXTENSION, KVM_CAP_TSC_DEADLINE_TIMER) > 0)
			e->ecx |= CPUID_1_ECX_TSC_DL;
	}
	return 0;
}

/*
 * Spinning guest code (the kernel's idle poll, spinlocks) uses `pause`; with pause-loop
 * exiting every such loop traps into KVM (~30 us under PVM). Each vCPU has its own host
 * CPU, so there is nobody to yield to: let pause run natively where KVM allows it.
 */
static void disable_pause_exits(struct uhyve_vm *vm)
{
	int caps = ioctl(vm->kvm_fd, KVM_CHECK_EXTENSION, KVM_CAP_X86_DISABLE_EXITS);
	struct kvm_enable_cap cap = {
	    .cap = KVM_CAP_X86_DISABLE_EXITS,
	    .args[0] = KVM_X86_DISABLE_EXITS_PAUSE,
	};

	/* Only on a software-assisted KVM, where the exit is expensive and measured to matter:
	 * under a nested KVM in QEMU, pause exits are what lets the host kernel run while the
	 * guest spins (without them its soft-lockup detector fired). */
	if (access("/sys/module/kvm_pvm", F_OK) != 0)
		return;
	if (caps > 0 && (caps & KVM_X86_DISABLE_EXITS_PAUSE))
		ioctl(vm->vm_fd, KVM_ENABLE_CAP, &cap); /* best effort: only speed depends on it */
}

/*
 * The kernel needs only the local APICs (x2APIC timer and IPIs). A split irqchip keeps them
 * in KVM without the PIC and IOAPIC, and costs ~0.01 ms instead of the ~3-8 ms that
 * KVM_CREATE_IRQCHIP takes here (most of uhyve's start-up). Must precede the first vCPU.
 */
static int create_irqchip(struct uhyve_vm *vm)
{
	struct kvm_enable_cap split = {.cap = KVM_CAP_SPLIT_IRQCHIP, .args[0] = 24};

	if (ioctl(vm->kvm_fd, KVM_CHECK_EXTENSION, KVM_CAP_SPLIT_IRQCHIP) > 0 &&
	    ioctl(vm->vm_fd, KVM_ENABLE_CAP, &split) == 0)
		return 0;
	if (ioctl(vm->vm_fd, KVM_CREATE_IRQCHIP, 0) < 0)
		return -errno;
	return 0;
}

static uint64_t boot_xcr0(const struct uhyve_vm *vm);

/*
 * Under a software-assisted KVM the guest's CPL3 code runs natively with the host's XCR0
 * (FACTS: AVX and AVX-512 work there, xsave saves them), yet the guest's CPUID shows no
 * OSXSAVE, since its CR4 lacks it and KVM offers no XSAVE to set it. The deprivileged kernel
 * then learns XCR0 from the boot information (the parts it saves: x87, SSE, AVX, AVX-512).
 */
static uint32_t user_xcr0(const struct uhyve_vm *vm)
{
	uint32_t a, b, c, d, lo, hi;

	if (vm->priv_model != HERMIT_PRIV_DEPRIV || boot_xcr0(vm) ||
	    access("/sys/module/kvm_pvm", F_OK) != 0)
		return 0;
	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1), "c"(0));
	if (!(c & CPUID_1_ECX_OSXSAVE))
		return 0;
	__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	return lo & (uint32_t)(XCR0_X87_SSE | XCR0_AVX | XCR0_AVX512);
}

int uhyve_kvm_create_vm(struct uhyve_vm *vm)
{
	struct kvm_userspace_memory_region region = {
	    .slot = 0,
	    .guest_phys_addr = 0,
	    .memory_size = vm->mem_size,
	    .userspace_addr = (uintptr_t)vm->mem,
	};
	int ret;

	vm->vm_fd = ioctl(vm->kvm_fd, KVM_CREATE_VM, 0);
	if (vm->vm_fd < 0)
		return -errno;
	ret = create_irqchip(vm);
	if (ret)
		return ret;
	if (ioctl(vm->vm_fd, KVM_SET_USER_MEMORY_REGION, &region) < 0)
		return -errno;
	disable_pause_exits(vm);
	ret = get_supported_cpuid(vm);
	if (!ret)
		vm->user_xcr0 = user_xcr0(vm);
	return ret;
}

uint64_t uhyve_kvm_tsc_khz(const struct uhyve_vcpu *cpu)
{
	int khz;

	if (ioctl(cpu->vm->kvm_fd, KVM_CHECK_EXTENSION, KVM_CAP_GET_TSC_KHZ) <= 0)
		return 0;
	khz = ioctl(cpu->fd, KVM_GET_TSC_KHZ, 0);
	return khz > 0 ? (uint64_t)khz : 0;
}

/* Per-vCPU copy of the CPUID table with this CPU's APIC id in leaves 1, 0xb and 0x1f. */
static int set_cpuid(struct uhyve_vcpu *cpu)
{
	const struct kvm_cpuid2 *src = cpu->vm->cpuid;
	size_t bytes = sizeof(*src) + src->nent * sizeof(src->entries[0]);
	struct kvm_cpuid2 *c = malloc(bytes);
	int ret = 0;

	if (!c)
		return -ENOMEM;
	memcpy(c, src, bytes);
	for (unsigned i = 0; i < c->nent; i++) {
		struct kvm_cpuid_entry2 *e = &c->entries[i];

		if (e->function == 1)
			e->ebx = (e->ebx & 0x00ffffffU) | (cpu->id << 24);
		else if (e->function == 0xb || e->function == 0x1f)
			e->edx = cpu->id;
	}
	if (ioctl(cpu->fd, KVM_SET_CPUID2, c) < 0)
		ret = -errno;
	free(c);
	return ret;
}

int uhyve_kvm_create_vcpu(struct uhyve_vcpu *cpu)
{
	int size, ret;

	cpu->fd = ioctl(cpu->vm->vm_fd, KVM_CREATE_VCPU, (unsigned long)cpu->id);
	if (cpu->fd < 0)
		return -errno;
	size = ioctl(cpu->vm->kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (size <= 0)
		return -errno;
	cpu->run = mmap(NULL, (size_t)size, PROT_READ | PROT_WRITE, MAP_SHARED, cpu->fd, 0);
	if (cpu->run == MAP_FAILED) {
		cpu->run = NULL;
		return -errno;
	}
	cpu->run_size = (size_t)size;
	ret = set_cpuid(cpu);
	return ret;
}

static void set_seg(struct kvm_segment *s, uint16_t sel, uint8_t type, uint8_t l, uint8_t db)
{
	*s = (struct kvm_segment){
	    .base = 0,
	    .limit = 0xffffffff,
	    .selector = sel,
	    .type = type,
	    .present = 1,
	    .dpl = 0,
	    .db = db,
	    .s = 1,
	    .l = l,
	    .g = 1,
	};
}

static const struct kvm_cpuid_entry2 *find_cpuid(const struct kvm_cpuid2 *c, uint32_t leaf)
{
	for (unsigned i = 0; i < c->nent; i++)
		if (c->entries[i].function == leaf && c->entries[i].index == 0)
			return &c->entries[i];
	return NULL;
}

/*
 * XCR0 to start the vCPUs with, 0 for none: xsave on, with the x87, SSE, AVX (and AVX-512)
 * state that KVM offers. The deprivileged kernel never runs xsetbv, so under a hardware KVM
 * the guest's XCR0 would stay at its reset value (x87 only): no AVX for applications, whose
 * string and math functions choose AVX2/FMA by CPUID and XCR0. The classic kernel's own
 * xsetbv at boot did not reach CPL3 code in the nested QEMU (XCR0 read 1 there while the
 * kernel had written 7), so uhyve sets it for both. A software-assisted KVM offers no XSAVE
 * in its CPUID; CPL3 code runs with the host's XCR0 there, so nothing is set.
 */
static uint64_t boot_xcr0(const struct uhyve_vm *vm)
{
	const struct kvm_cpuid_entry2 *l1 = find_cpuid(vm->cpuid, 1);
	const struct kvm_cpuid_entry2 *l7 = find_cpuid(vm->cpuid, 7);
	const struct kvm_cpuid_entry2 *ld = find_cpuid(vm->cpuid, 0xd);

	if (!l1 || !ld || !(l1->ecx & CPUID_1_ECX_XSAVE))
		return 0;
	uint64_t supported = ld->eax | ((uint64_t)ld->edx << 32);
	uint64_t xcr0 = XCR0_X87_SSE;
	if (l1->ecx & CPUID_1_ECX_AVX)
		xcr0 |= XCR0_AVX;
	if ((xcr0 & XCR0_AVX) && l7 && (l7->ebx & CPUID_7_EBX_AVX512F) &&
	    (supported & XCR0_AVX512) == XCR0_AVX512)
		xcr0 |= XCR0_AVX512;
	xcr0 &= supported;
	return (xcr0 & XCR0_X87_SSE) == XCR0_X87_SSE ? xcr0 : 0;
}

static int set_sregs(struct uhyve_vcpu *cpu)
{
	uint64_t xcr0 = boot_xcr0(cpu->vm);
	struct kvm_sregs sr;

	if (ioctl(cpu->fd, KVM_GET_SREGS, &sr) < 0)
		return -errno;
	set_seg(&sr.cs, 0x08, 0xb, 1, 0);
	set_seg(&sr.ds, 0x10, 0x3, 0, 1);
	sr.es = sr.fs = sr.gs = sr.ss = sr.ds;
	/* A valid, busy 64-bit TSS so that the first task-state access does not fault;
	 * the kernel loads its own. */
	sr.tr = (struct kvm_segment){
	    .base = UHYVE_TSS_ADDR,
	    .limit = 0x67,
	    .selector = 0,
	    .type = 0xb,
	    .present = 1,
	};
	sr.ldt = (struct kvm_segment){.unusable = 1};
	sr.gdt.base = UHYVE_GDT_ADDR;
	sr.gdt.limit = 3 * 8 - 1;
	sr.idt.base = 0;
	sr.idt.limit = 0;
	sr.cr0 = CR0_BOOT;
	sr.cr3 = UHYVE_PML4_ADDR;
	sr.cr4 = CR4_BOOT | (xcr0 ? CR4_OSXSAVE : 0);
	sr.efer = EFER_BOOT;
	if (ioctl(cpu->fd, KVM_SET_SREGS, &sr) < 0)
		return -errno;
	if (xcr0) {
		struct kvm_xcrs x = {.nr_xcrs = 1, .xcrs[0] = {.xcr = 0, .value = xcr0}};
		/* Best effort: if KVM refuses, XCR0 stays x87-only and the kernel uses fxsave. */
		if (ioctl(cpu->fd, KVM_SET_XCRS, &x) < 0)
			uhyve_verbose(cpu->vm, "KVM_SET_XCRS %#llx: %s", (unsigned long long)xcr0,
			              strerror(errno));
	}
	return 0;
}

/* The entry contract of boot_info.h; for APs followed by KVM_SET_MP_STATE(RUNNABLE) since
 * the in-kernel LAPIC keeps them UNINITIALIZED until then. */
int uhyve_kvm_set_boot_regs(struct uhyve_vcpu *cpu)
{
	struct kvm_regs regs = {
	    .rip = cpu->vm->entry,
	    .rdi = UHYVE_BOOTINFO_ADDR,
	    .rsi = cpu->id,
	    .rflags = 0x2,
	    .rsp = 0,
	};
	struct kvm_mp_state mp = {.mp_state = KVM_MP_STATE_RUNNABLE};
	int ret = set_sregs(cpu);

	if (ret)
		return ret;
	if (ioctl(cpu->fd, KVM_SET_REGS, &regs) < 0)
		return -errno;
	if (cpu->id != 0 && ioctl(cpu->fd, KVM_SET_MP_STATE, &mp) < 0)
		return -errno;
	return 0;
}

void uhyve_kvm_dump_regs(const struct uhyve_vcpu *cpu)
{
	struct kvm_regs r;
	struct kvm_sregs s;

	if (ioctl(cpu->fd, KVM_GET_REGS, &r) < 0 || ioctl(cpu->fd, KVM_GET_SREGS, &s) < 0) {
		warn("ioctl (KVM_GET_REGS) on cpu %u", cpu->id);
		return;
	}
	fprintf(stderr,
	        "  cpu %u: rip %016llx rsp %016llx rflags %08llx cs %04x cpl %u\n"
	        "  rax %016llx rbx %016llx rcx %016llx rdx %016llx\n"
	        "  rsi %016llx rdi %016llx rbp %016llx\n"
	        "  cr0 %016llx cr2 %016llx cr3 %016llx cr4 %016llx efer %llx\n",
	        cpu->id, r.rip, r.rsp, r.rflags, s.cs.selector, s.cs.selector & 3U, r.rax, r.rbx,
	        r.rcx, r.rdx, r.rsi, r.rdi, r.rbp, s.cr0, s.cr2, s.cr3, s.cr4, s.efer);
}

void uhyve_kvm_close(struct uhyve_vm *vm)
{
	for (unsigned i = 0; i < vm->ncpus; i++) {
		struct uhyve_vcpu *cpu = &vm->vcpu[i];

		if (cpu->run)
			munmap(cpu->run, cpu->run_size);
		if (cpu->fd >= 0)
			close(cpu->fd);
	}
	if (vm->vm_fd >= 0)
		close(vm->vm_fd);
	if (vm->kvm_fd >= 0)
		close(vm->kvm_fd);
	free(vm->cpuid);
}
