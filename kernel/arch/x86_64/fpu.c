/* SPDX-License-Identifier: BSD-3-Clause */
/* Extended (FPU/SSE/AVX) state: enabled at boot, saved by xsave only around preemptions. */
#include <kernel/arch.h>
#include <kernel/kernel.h>
#include "cpu.h"

#define CPUID1_XSAVE   (1u << 26)
#define CPUID1_OSXSAVE (1u << 27)
#define CPUID1_AVX     (1u << 28)
#define CPUID7_AVX512F (1u << 16)
#define CR4_OSXSAVE    (1UL << 18)
#define XCR0_X87_SSE   0x3ULL
#define XCR0_AVX       0x4ULL
#define XCR0_AVX512    0xe0ULL /* opmask, ZMM0-15 upper halves, ZMM16-31 */

/* Read by preempt.asm. */
uint64_t fpu_save_size = 512; /* bytes of the save area (fxsave: 512) */
uint8_t fpu_use_xsave;
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

/* At application level, once: choose xsave or fxsave and the size of the save area. */
void arch_fpu_init(void)
{
	uint32_t r[4];

	uint32_t lo, hi;

	cpuid(1, 0, r);
	if (!(r[2] & CPUID1_OSXSAVE)) {
		kprintf("fpu: fxsave (no xsave)\n");
		return;
	}
	/*
	 * A software-assisted KVM (PVM) does not emulate xgetbv at CPL0: where this kernel set
	 * XCR0 itself (classic model), it knows the value already.
	 */
	uint64_t xcr0 = fpu_xcr0_set;
	if (!xcr0) {
		__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
		xcr0 = lo | ((uint64_t)hi << 32);
	}
	if ((xcr0 & XCR0_X87_SSE) != XCR0_X87_SSE) {
		/* xsave would leave the SSE registers out: fxsave covers x87 and SSE. */
		kprintf("fpu: fxsave (XCR0 %#lx lacks SSE)\n", xcr0);
		return;
	}
	cpuid(0xd, 0, r);
	fpu_use_xsave = 1;
	fpu_save_size = r[1] > r[2] ? r[1] : r[2]; /* enabled vs. all supported components */
	kprintf("fpu: xsave, XCR0 %#lx, %lu bytes\n", xcr0, fpu_save_size);
}
