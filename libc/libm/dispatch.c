/* SPDX-License-Identifier: BSD-3-Clause */
/* Runtime selection between musl's hot math functions as built plainly and with FMA/AVX2. */
/*
 * The Makefile compiles the files of DISPATCH_FILES twice: the plain objects get their
 * public functions renamed __base_NAME, the second copy (-mfma -mavx2) has every symbol it
 * defines renamed __fma_NAME. Here each public NAME is a one-instruction stub that jumps
 * through a pointer, __base_NAME until the constructor below has learnt that FMA and AVX2
 * may be used (from the kernel, sys_cpu_features; in a Linux process from CPUID and XCR0);
 * then __fma_NAME. The pointers are set once, before main, so calls from other constructors
 * simply get the plain version. This is application code: the kernel never calls it.
 *
 * dispatch_list.h (generated) holds F(NAME) for every dispatched function.
 */
#include <stdint.h>

#define F(name)                                                                                    \
	double __base_##name(void);                                                                \
	double __fma_##name(void);                                                                 \
	void *__hermit_libm_ptr_##name = (void *)__base_##name;                                    \
	__asm__(".text\n"                                                                          \
	        ".globl " #name "\n"                                                               \
	        ".type " #name ", @function\n"                                                     \
	        ".p2align 4\n" #name ":\n"                                                         \
	        "\tjmp *__hermit_libm_ptr_" #name "(%rip)\n"                                       \
	        ".size " #name ", . - " #name "\n");
#include "dispatch_list.h"
#undef F

static void cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	__asm__ volatile("cpuid"
	                 : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
	                 : "a"(leaf), "c"(sub));
}

#define CPUID1_ECX_FMA     (1u << 12)
#define CPUID1_ECX_OSXSAVE (1u << 27)
#define CPUID1_ECX_AVX     (1u << 28)
#define CPUID7_EBX_AVX2    (1u << 5)
#define XCR0_SSE_AVX       0x6u

/* Exported for tests and benchmarks: 1 when the FMA versions were chosen. */
int __hermit_libm_fma;

/* The kernel's answer (syscall.h); weak, so that the host benchmarks link this too. */
#define HERMIT_FEAT_AVX2 0x1
#define HERMIT_FEAT_FMA  0x2
uint64_t sys_cpu_features(void) __attribute__((weak));

static int have_fma_avx2(void)
{
	uint32_t r[4];
	if (sys_cpu_features) {
		uint64_t need = HERMIT_FEAT_AVX2 | HERMIT_FEAT_FMA;
		return (sys_cpu_features() & need) == need;
	}
	/* A Linux process (benchmarks, host tests): CPUID and XCR0. */
	cpuid(0, 0, r);
	if (r[0] < 7)
		return 0;
	cpuid(1, 0, r);
	uint32_t need = CPUID1_ECX_FMA | CPUID1_ECX_OSXSAVE | CPUID1_ECX_AVX;
	if ((r[2] & need) != need)
		return 0;
	uint32_t lo, hi;
	__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	if ((lo & XCR0_SSE_AVX) != XCR0_SSE_AVX)
		return 0;
	cpuid(7, 0, r);
	return (r[1] & CPUID7_EBX_AVX2) != 0;
}

__attribute__((constructor)) static void hermit_libm_select(void)
{
	if (!have_fma_avx2())
		return;
	__hermit_libm_fma = 1;
#define F(name) __hermit_libm_ptr_##name = (void *)__fma_##name;
#include "dispatch_list.h"
#undef F
}
