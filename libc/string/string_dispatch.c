/* SPDX-License-Identifier: BSD-3-Clause */
/* memcpy, memmove, memset, memcmp, strlen, strnlen, strchr, strcmp, strncmp, strcpy for
 * applications. */
/*
 * Each public name is a stub jumping through a pointer: the SSE2 version from the start
 * (so calls before constructors run are served), the AVX2 version once the constructor has
 * learnt from the kernel (sys_cpu_features; in a Linux process from CPUID and XCR0) that AVX2
 * may be used. ERMS (CPUID 7 EBX bit 9) lets large forward copies use rep movsb. These replace
 * newlib's members in the installed libc.a; the kernel keeps its own general-register versions and
 * never calls these.
 */
#include <stdint.h>

/* One function a line: clang-format lays this list out differently on each run. */
/* clang-format off */
#define STRING_FUNCS(F) \
	F(memcpy, memmove) \
	F(memmove, memmove) \
	F(memset, memset) \
	F(memcmp, memcmp) \
	F(strlen, strlen) \
	F(strnlen, strnlen) \
	F(strchr, strchr) \
	F(strcmp, strcmp) \
	F(strncmp, strncmp) \
	F(strcpy, strcpy)
/* clang-format on */

/* F(public name, implementation): memcpy is memmove (it copies overlaps safely). */
#define F(name, impl)                                                                              \
	void __hermit_##impl##_sse2(void);                                                         \
	void __hermit_##impl##_avx2(void);                                                         \
	void *__hermit_string_ptr_##name = (void *)__hermit_##impl##_sse2;                         \
	__asm__(".text\n"                                                                          \
	        ".globl " #name "\n"                                                               \
	        ".type " #name ", @function\n"                                                     \
	        ".p2align 4\n" #name ":\n"                                                         \
	        "\tjmp *__hermit_string_ptr_" #name "(%rip)\n"                                     \
	        ".size " #name ", . - " #name "\n");
STRING_FUNCS(F)
#undef F

int __hermit_string_erms;
int __hermit_string_avx2;

static void cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	__asm__ volatile("cpuid"
	                 : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
	                 : "a"(leaf), "c"(sub));
}

#define CPUID1_ECX_OSXSAVE (1u << 27)
#define CPUID1_ECX_AVX     (1u << 28)
#define CPUID7_EBX_AVX2    (1u << 5)
#define CPUID7_EBX_ERMS    (1u << 9)
#define XCR0_SSE_AVX       0x6u

/* The kernel's answer (syscall.h); weak, so that the host benchmarks link these too. */
#define HERMIT_FEAT_AVX2 0x1
#define HERMIT_FEAT_ERMS 0x4
uint64_t sys_cpu_features(void) __attribute__((weak));

/* HERMIT_FEAT_* by CPUID and XCR0, in a Linux process (benchmarks, host tests). */
static uint64_t cpu_features_by_cpuid(void)
{
	uint32_t r[4], ebx7;
	uint64_t f = 0;
	cpuid(0, 0, r);
	if (r[0] < 7)
		return 0;
	cpuid(7, 0, r);
	ebx7 = r[1];
	if (ebx7 & CPUID7_EBX_ERMS)
		f |= HERMIT_FEAT_ERMS;
	cpuid(1, 0, r);
	if ((r[2] & (CPUID1_ECX_OSXSAVE | CPUID1_ECX_AVX)) != (CPUID1_ECX_OSXSAVE | CPUID1_ECX_AVX))
		return f;
	uint32_t lo, hi;
	__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	if ((lo & XCR0_SSE_AVX) == XCR0_SSE_AVX && (ebx7 & CPUID7_EBX_AVX2))
		f |= HERMIT_FEAT_AVX2;
	return f;
}

__attribute__((constructor)) static void hermit_string_select(void)
{
	uint64_t f = sys_cpu_features ? sys_cpu_features() : cpu_features_by_cpuid();
	__hermit_string_erms = (f & HERMIT_FEAT_ERMS) != 0;
	if (!(f & HERMIT_FEAT_AVX2))
		return;
	__hermit_string_avx2 = 1;
#define F(name, impl) __hermit_string_ptr_##name = (void *)__hermit_##impl##_avx2;
	STRING_FUNCS(F)
#undef F
}
