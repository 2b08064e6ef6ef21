/* SPDX-License-Identifier: BSD-3-Clause */
/* First C code on each CPU, at CPL0: descriptor tables, APIC, then the unprivileged kernel. */
#include <kernel/arch.h>
#include <kernel/kernel.h>
#include <kernel/platform.h>
#include <kernel/sched.h>
#include "cpu.h"

struct hermit_boot_info *boot_info;
static uint64_t boot_tsc;

/* The boot CPU's interrupt stacks; other CPUs get theirs from the page allocator. */
static uint8_t boot_ist[3][IST_SIZE] __attribute__((aligned(16)));

void kernel_main(void *boot_tsc); /* kernel/main.c, at application privilege */

/* Early stack for kernel_main until the main thread has its own (KSTACK_SIZE, static). */
static uint8_t early_stack[KSTACK_SIZE] __attribute__((aligned(16)));

static void secondary_main(void *unused)
{
	(void)unused;
	sched_start_cpu();
}

#define CR0_NW (1UL << 29)
#define CR0_CD (1UL << 30)

/* Optional CPU features every CPU enables at CPL0. */
static void cpu_enable_features(void)
{
	uint32_t r[4];
	uint64_t cr0, cr4;

	/* INIT leaves the caches disabled; an isle's trampoline should have turned them on
	 * again, but a forgotten CD bit would only show as a kernel many times slower. */
	__asm__ volatile("mov %%cr0, %0" : "=r"(cr0));
	if (cr0 & (CR0_CD | CR0_NW))
		__asm__ volatile("mov %0, %%cr0" : : "r"(cr0 & ~(CR0_CD | CR0_NW)) : "memory");

	if (priv_model == HERMIT_PRIV_CLASSIC)
		fpu_enable_privileged();
	cpuid(7, 0, r);
	if (r[1] & 1) { /* FSGSBASE: wrfsbase for thread switches in the classic model */
		__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
		__asm__ volatile("mov %0, %%cr4" : : "r"(cr4 | (1UL << 16)));
	}
}

struct cpuid_boot cpuid_boot;

static void cpuid_snapshot(void)
{
	cpuid(0, 0, cpuid_boot.l0);
	cpuid(1, 0, cpuid_boot.l1);
	if (cpuid_boot.l0[0] >= 7)
		cpuid(7, 0, cpuid_boot.l7);
	if (cpuid_boot.l0[0] >= 0xd)
		cpuid(0xd, 0, cpuid_boot.ld);
}

/* Version 2 (phys_offset, xapic_addr, isle_chan) is the only one: uhyve and the kernel are
 * built together, and the isle module against the same header. */
static bool boot_info_valid(const struct hermit_boot_info *bi, uint64_t cpu)
{
	return bi->magic == HERMIT_BOOT_MAGIC && bi->version == HERMIT_BOOT_VERSION &&
	       bi->size >= sizeof(*bi) && cpu < bi->cpu_count && bi->cpu_count <= HERMIT_MAX_CPUS;
}

__attribute__((noreturn)) void kernel_entry(struct hermit_boot_info *bi, uint64_t cpu)
{
	struct cpu *c = &cpus[cpu];

	if (!boot_info_valid(bi, cpu))
		__builtin_trap(); /* no IDT yet: the loader sees a triple fault */

	c->self = c;
	c->id = cpu;
	c->apic_id = bi->apic_id[cpu];
	if (cpu == 0) {
		boot_tsc = rdtsc();
		boot_info = bi;
		priv_model =
		    bi->priv_model == HERMIT_PRIV_DEPRIV ? HERMIT_PRIV_DEPRIV : HERMIT_PRIV_CLASSIC;
		for (int i = 0; i < 3; i++)
			c->ist_top[i] = (uintptr_t)boot_ist[i] + IST_SIZE;
		if (platform_init() < 0)
			__builtin_trap();
		idt_setup_debug();
		/* Deprivileged: the rest is filled by arch_traps_init, at CPL3 (see there). */
		if (priv_model == HERMIT_PRIV_CLASSIC)
			idt_setup();
	}
	gdt_setup(c);
	wrmsr(MSR_GS_BASE, (uintptr_t)c);
	cpu_enable_features();
	if (cpu == 0)
		cpuid_snapshot();
	idt_load();
	apic_init();

	if (cpu != 0) /* the CPL0 frames on the boot stack are abandoned for good */
		arch_run_unprivileged(secondary_main, NULL, ap_stack_top[cpu]);
	arch_run_unprivileged(kernel_main, &boot_tsc, (uintptr_t)early_stack + sizeof(early_stack));
}

/*
 * Deprivileged model: the IDT is loaded empty at CPL0 and filled here, first thing at CPL3,
 * because a software-assisted KVM emulates each CPL0 instruction (~0.4-0.9 us each: the fill
 * took ~0.65 ms, most of the CPL0 boot) while CPL3 runs natively. Until then nothing traps:
 * no interrupts are enabled and kernel_main has not run. The classic model (isles, hardware
 * KVM) fills it at CPL0, before anything can fault.
 */
void arch_traps_init(void)
{
	if (priv_model == HERMIT_PRIV_DEPRIV)
		idt_setup();
}
