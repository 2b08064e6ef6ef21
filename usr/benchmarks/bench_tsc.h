/* SPDX-License-Identifier: BSD-3-Clause */
/* Clocks, CPU placement and output shared by the benchmarks (header-only, same code in the
 * HermitCore and the Linux build). Every result is one "name value unit" line on stdout. */
#ifndef BENCH_TSC_H
#define BENCH_TSC_H

#include <sched.h>
#include <stdint.h>
#include <stdio.h>
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

static inline void result(const char *name, double value, const char *unit)
{
	printf("%s %.6g %s\n", name, value, unit);
	fflush(stdout);
}

/* The index-th CPU this process may run on (CPU numbers of the host under Linux, of the
 * guest under HermitCore), or -1; *count gets how many there are. */
static inline int allowed_cpu(int index, int *count)
{
	cpu_set_t set;
	int cpu, seen = 0, found = -1;

	CPU_ZERO(&set);
	if (sched_getaffinity(0, sizeof(set), &set))
		return *count = 0, -1;
	for (cpu = 0; cpu < CPU_SETSIZE; cpu++) {
		if (!CPU_ISSET(cpu, &set))
			continue;
		if (seen == index)
			found = cpu;
		seen++;
	}
	*count = seen;
	return found;
}

static inline int allowed_cpus(void)
{
	int n;

	allowed_cpu(0, &n);
	return n;
}

#endif
