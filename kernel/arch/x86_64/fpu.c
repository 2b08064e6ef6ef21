/* SPDX-License-Identifier: BSD-3-Clause */
/* Extended (FPU/SSE/AVX) state: enabled at boot, saved by xsave only around preemptions. */
#include <hermit/syscall.h>
#include <kernel/arch.h>
#include <kernel/kernel.h>
#include "cpu.h"

#define CPUID1_FMA     (1u << 12)
#define CPUID1_XSAVE   (1u << 26)
#define CPUID1_OSXSAVE (1u << 27)
#define CPUID1_AVX     (1u << 28)
#define CPUID7_AVX2    (1u << 5)
#define CPUID7_ERMS    (1u << 9)
#define CPUID7_AVX512F (1u << 16)
#define CR4_OSXSAVE    (1UL << 18)
#define XCR0_X87_SSE   0x3ULL
#define XCR0_AVX       0x4ULL
#define XCR0_AVX512    0xe0ULL /* opmask, ZMM0-15 upper halves, ZMM16-31 */

/* Read by preempt.asm. */
uint64_t fpu_save_size = 512; /* bytes of the save area (fxsave: 512) */
uint8_t fpu_use_xsave;
uint64_t fpu_xsave_mask; /* components xsave saves: XCR0's x87, SSE, AVX, AVX-512 ones */
/* HERMIT_FEAT_* (syscall.h): what applications may use, i.e. what preemption saves. */
static uint64_t fpu_app_features;
/* XCR0 as fpu_enable_privileged set it (0: not set by us, read it with xgetbv). */
static uint64_t fpu_xcr0_set;

/*
 * CPL0, every CPU, classic model only: turn on xsave and the AVX/AVX-512 state the CPU has,
 * so that applications may use them. (In the deprivileged model the host's settings apply
 * to CPL3 code, where the application runs.)
 */
void fpu_enable_privileged(void)
{
	uint32_t r[4];
	uint64_t cr4;

	cpuid(1, 0, r);
	if (!(r[2] & CPUID1_XSAVE))
		return;
	__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
	__asm__ volatile("mov %0, %%cr4" : : "r"(cr4 | CR4_OSXSAVE));

	uint64_t xcr0 = XCR0_X87_SSE;
	bool avx = r[2] & CPUID1_AVX;
	cpuid(0xd, 0, r);
	uint64_t supported = r[0] | ((uint64_t)r[3] << 32);
	if (avx)
		xcr0 |= XCR0_AVX;
	cpuid(7, 0, r);
	if (avx && (r[1] & CPUID7_AVX512F) && (supported & XCR0_AVX512) == XCR0_AVX512)
		xcr0 |= XCR0_AVX512;
	xcr0 &= supported;
	if ((xcr0 & XCR0_X87_SSE) != XCR0_X87_SSE)
		return; /* CPUID contradicts itself: leave XCR0 alone, fxsave will be used */
	__asm__ volatile("xsetbv" : : "c"(0), "a"((uint32_t)xcr0), "d"((uint32_t)(xcr0 >> 32)));
	fpu_xcr0_set = xcr0;
}

/*
 * The XCR0 in force for application code, 0 if the extended state is not enabled. Where the
 * CPUID shows no OSXSAVE the loader may know better: under a software-assisted KVM (PVM)
 * CPL3 code runs with the host's XCR0 while the guest's CR4 has no OSXSAVE (xgetbv works
 * there, but would fault on hardware), so uhyve passes that value in the boot information.
 */
static uint64_t app_xcr0(uint32_t cpuid1_ecx)
{
	uint32_t lo, hi;

	if (fpu_xcr0_set)
		return fpu_xcr0_set;
	if (cpuid1_ecx & CPUID1_OSXSAVE) {
		__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
		return lo | ((uint64_t)hi << 32);
	}
	if (priv_model == HERMIT_PRIV_DEPRIV)
		return boot_info->user_xcr0;
	return 0;
}

/*
 * At application level, once: choose xsave or fxsave and the size of the save area, and the
 * CPU features applications may use (the libc's string and math functions ask for them
 * with sys_cpu_features instead of running cpuid, a trap under PVM, themselves).
 */
void arch_fpu_init(void)
{
	uint32_t ecx1 = cpuid_boot.l1[2], ebx7 = cpuid_boot.l7[1];
	const uint32_t *r = cpuid_boot.ld;

	if (ebx7 & CPUID7_ERMS)
		fpu_app_features |= HERMIT_FEAT_ERMS;

	uint64_t xcr0 = app_xcr0(ecx1);
	if (!xcr0) {
		kprintf("fpu: fxsave (no xsave)\n");
		return;
	}
	if ((xcr0 & XCR0_X87_SSE) != XCR0_X87_SSE) {
		/* xsave would leave the SSE registers out: fxsave covers x87 and SSE. */
		kprintf("fpu: fxsave (XCR0 %#lx lacks SSE)\n", xcr0);
		return;
	}
	fpu_xsave_mask = xcr0 & (XCR0_X87_SSE | XCR0_AVX | XCR0_AVX512);
	fpu_use_xsave = 1;
	fpu_save_size = r[1] > r[2] ? r[1] : r[2]; /* enabled vs. all supported components */
	if ((xcr0 & XCR0_AVX) && (ecx1 & CPUID1_AVX) && (ebx7 & CPUID7_AVX2)) {
		fpu_app_features |= HERMIT_FEAT_AVX2;
		if (ecx1 & CPUID1_FMA)
			fpu_app_features |= HERMIT_FEAT_FMA;
		if ((xcr0 & XCR0_AVX512) == XCR0_AVX512 && (ebx7 & CPUID7_AVX512F))
			fpu_app_features |= HERMIT_FEAT_AVX512F;
	}
	kprintf("fpu: xsave, XCR0 %#lx%s, %lu bytes\n", xcr0,
	        ecx1 & CPUID1_OSXSAVE ? "" : " (the loader's)", fpu_save_size);
}

uint64_t arch_cpu_features(void)
{
	return fpu_app_features;
}
