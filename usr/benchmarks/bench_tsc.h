/* SPDX-License-Identifier: BSD-3-Clause */
/* Time-stamp counter reads and calibration shared by the benchmarks (header-only). */
#ifndef BENCH_TSC_H
#define BENCH_TSC_H

#include <stdint.h>
#include <time.h>

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* rdtsc ordered after the work before it (lfence), for the end of a measured span. */
static inline uint64_t rdtsc_fenced(void)
{
	__asm__ volatile("lfence" ::: "memory");
	return rdtsc();
}

static inline uint64_t monotonic_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* TSC ticks per nanosecond, measured against CLOCK_MONOTONIC over about `ms` ms. */
static inline double tsc_per_ns(unsigned ms)
{
	uint64_t t0 = monotonic_ns(), c0 = rdtsc(), t1, c1;

	do {
		t1 = monotonic_ns();
	} while (t1 - t0 < (uint64_t)ms * 1000000ULL);
	c1 = rdtsc();
	return (double)(c1 - c0) / (double)(t1 - t0);
}

#endif
