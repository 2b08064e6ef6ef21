/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Vector state for applications: where the CPU has AVX2, XCR0 must enable the AVX state (in
 * both privilege models and on isles), the string functions must have chosen their AVX2
 * versions, and AVX2 registers must survive preemption and thread switches.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define THREADS 4
#define ROUNDS  2000000L

extern int __hermit_string_avx2; /* libc/string/string_dispatch.c */

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
	if (!(ecx1 & (1u << 27))) {
		puts("simd: the CPU has AVX2 but xsave is not enabled (CPUID.1:ECX.OSXSAVE 0)");
		return 1;
	}
	__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	if ((lo & 0x6) != 0x6) {
		printf("simd: the CPU has AVX2 but XCR0 %#x lacks the SSE/AVX state\n", lo);
		return 1;
	}
	if (!__hermit_string_avx2) {
		puts("simd: XCR0 has AVX but the string functions chose SSE2");
		return 1;
	}
	for (long i = 0; i < THREADS; i++)
		if (pthread_create(&t[i], NULL, ymm_worker, (void *)i) != 0) {
			puts("simd: pthread_create failed");
			return 1;
		}
	for (int i = 0; i < THREADS; i++) {
		void *ret;
		pthread_join(t[i], &ret);
		bad += ret != NULL;
	}
	if (bad) {
		printf("simd: %d of %d threads lost their ymm state\n", bad, THREADS);
		return 1;
	}
	puts("simd: ok");
	return 0;
}
