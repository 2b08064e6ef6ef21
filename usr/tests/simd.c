/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Vector state for applications: where the CPU has AVX2, the kernel must let applications
 * use it (sys_cpu_features, in both privilege models and on isles, also under PVM where the
 * CPUID shows no OSXSAVE at CPL3), the string and math functions must have chosen their AVX2
 * and FMA versions, and AVX2 (and AVX-512, where the kernel offers it) registers must survive
 * preemption and thread switches.
 */
#include <hermit/syscall.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define THREADS 4
#define ROUNDS  2000000L

extern int __hermit_string_avx2; /* libc/string/string_dispatch.c */
extern int __hermit_libm_fma;    /* libc/libm/dispatch.c */

static void cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	__asm__ volatile("cpuid"
	                 : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
	                 : "a"(leaf), "c"(sub));
}

/* A 256-bit running sum kept in one ymm register across the loop: a thread switch that
 * dropped the upper halves would change the result. */
__attribute__((target("avx2"))) static void *ymm_worker(void *arg)
{
	long id = (long)arg;
	uint64_t seed = (uint64_t)id + 1, expect[4] = {0, 0, 0, 0}, got[4];
	typedef uint64_t v4 __attribute__((vector_size(32)));
	v4 acc = {0, 0, 0, 0};

	for (long i = 0; i < ROUNDS; i++) {
		v4 add = {seed, seed * 3, seed * 5, seed * 7};
		acc += add;
		__asm__ volatile("" : "+x"(acc)); /* stays in a ymm register */
		for (int k = 0; k < 4; k++)
			expect[k] += seed * (uint64_t)(2 * k + 1);
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	}
	memcpy(got, &acc, sizeof(got));
	return (void *)(long)(memcmp(got, expect, sizeof(got)) != 0);
}

/* The same with a 512-bit sum in a zmm register (upper halves and ZMM16-31 state). */
__attribute__((target("avx512f"))) static void *zmm_worker(void *arg)
{
	long id = (long)arg;
	uint64_t seed = (uint64_t)id + 11, expect[8] = {0}, got[8];
	typedef uint64_t v8 __attribute__((vector_size(64)));
	v8 acc = {0, 0, 0, 0, 0, 0, 0, 0};

	for (long i = 0; i < ROUNDS; i++) {
		v8 add = {seed,     seed * 3,  seed * 5,  seed * 7,
		          seed * 9, seed * 11, seed * 13, seed * 15};
		acc += add;
		__asm__ volatile("" : "+v"(acc)); /* stays in a zmm register */
		for (int k = 0; k < 8; k++)
			expect[k] += seed * (uint64_t)(2 * k + 1);
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	}
	memcpy(got, &acc, sizeof(got));
	return (void *)(long)(memcmp(got, expect, sizeof(got)) != 0);
}

int main(void)
{
	uint32_t r[4], lo = 0, hi = 0;
	pthread_t t[THREADS];
	int bad = 0;

	cpuid(0, 0, r);
	if (r[0] < 7) {
		puts("simd: ok (no CPUID leaf 7)");
		return 0;
	}
	cpuid(1, 0, r);
	uint32_t ecx1 = r[2];
	cpuid(7, 0, r);
	int avx2 = (ecx1 & (1u << 28)) && (r[1] & (1u << 5));
	if (!avx2) {
		puts("simd: ok (the CPU has no AVX2)");
		return 0;
	}
	uint64_t f = sys_cpu_features();
	if (!(f & HERMIT_FEAT_AVX2)) {
		puts("simd: the CPU has AVX2 but the kernel does not offer it to applications");
		return 1;
	}
	__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	if ((lo & 0x6) != 0x6) {
		printf("simd: the kernel offers AVX2 but XCR0 %#x lacks the SSE/AVX state\n", lo);
		return 1;
	}
	if (!__hermit_string_avx2) {
		puts("simd: AVX2 is offered but the string functions chose SSE2");
		return 1;
	}
	if (__hermit_libm_fma != !!(f & HERMIT_FEAT_FMA)) {
		printf("simd: FMA %s but the math functions chose the %s versions\n",
		       f & HERMIT_FEAT_FMA ? "is offered" : "is not offered",
		       __hermit_libm_fma ? "FMA" : "plain");
		return 1;
	}
	int zmm = (f & HERMIT_FEAT_AVX512F) != 0;
	if (zmm && (lo & 0xe0) != 0xe0) {
		printf("simd: the kernel offers AVX-512 but XCR0 %#x lacks its state\n", lo);
		return 1;
	}
	for (long i = 0; i < THREADS; i++)
		if (pthread_create(&t[i], NULL, zmm && (i & 1) ? zmm_worker : ymm_worker,
		                   (void *)i) != 0) {
			puts("simd: pthread_create failed");
			return 1;
		}
	for (int i = 0; i < THREADS; i++) {
		void *ret;
		pthread_join(t[i], &ret);
		bad += ret != NULL;
	}
	if (bad) {
		printf("simd: %d of %d threads lost their %s state\n", bad, THREADS,
		       zmm ? "ymm/zmm" : "ymm");
		return 1;
	}
	puts("simd: ok");
	return 0;
}
