/* SPDX-License-Identifier: BSD-3-Clause */
/* OS noise ("hourglass"): spins reading the TSC for a fixed time on one pinned core and
 * records every gap between two reads longer than a threshold, i.e. time the program did
 * not get. Reports the lost share, percentiles and a log2 histogram of these detours.
 * usage: hourglass [seconds] [threshold_ns] */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench_tsc.h"

#define DEFAULT_SECONDS      5.0
#define DEFAULT_THRESHOLD_NS 1000.0
#define MAX_KEPT             (1 << 20)
#define BINS                 18 /* [1,2) [2,4) ... microseconds, last bin open */

static uint64_t kept[MAX_KEPT];

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

static double percentile_us(uint64_t n, double p, double per_ns)
{
	uint64_t i = (uint64_t)(p * (double)(n - 1) + 0.5);

	return (double)kept[i] / per_ns / 1e3;
}

static void pin_first_cpu(void)
{
	int n, cpu = allowed_cpu(0, &n);
	cpu_set_t set;

	if (cpu < 0)
		return;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

int main(int argc, char **argv)
{
	double seconds = argc > 1 ? atof(argv[1]) : DEFAULT_SECONDS;
	double threshold_ns = argc > 2 ? atof(argv[2]) : DEFAULT_THRESHOLD_NS;
	uint64_t threshold, end, prev, now, gap, lost = 0, detours = 0, n_kept = 0;
	uint64_t hist[BINS] = {0}, start;
	double per_ns, us, span_ns;
	char name[48];
	int b;

	if (seconds <= 0 || threshold_ns <= 0) {
		fprintf(stderr, "usage: hourglass [seconds > 0] [threshold_ns > 0]\n");
		return 2;
	}
	pin_first_cpu();
	per_ns = tsc_per_ns(100);
	threshold = (uint64_t)(threshold_ns * per_ns);
	start = prev = rdtsc();
	end = start + (uint64_t)(seconds * 1e9 * per_ns);
	do {
		now = rdtsc();
		gap = now - prev;
		if (gap > threshold) {
			detours++;
			lost += gap;
			if (n_kept < MAX_KEPT)
				kept[n_kept++] = gap;
		}
		prev = now;
	} while (now < end);

	span_ns = (double)(now - start) / per_ns;
	result("runtime", span_ns / 1e9, "s");
	result("threshold", threshold_ns, "ns");
	result("detours_per_s", (double)detours / (span_ns / 1e9), "1/s");
	result("lost_share", (double)lost / (double)(now - start) * 1e6, "ppm");
	if (n_kept) {
		qsort(kept, n_kept, sizeof(kept[0]), cmp_u64);
		result("detour_p50", percentile_us(n_kept, 0.50, per_ns), "us");
		result("detour_p99", percentile_us(n_kept, 0.99, per_ns), "us");
		result("detour_max", (double)kept[n_kept - 1] / per_ns / 1e3, "us");
	}
	for (uint64_t i = 0; i < n_kept; i++) {
		us = (double)kept[i] / per_ns / 1e3;
		for (b = 0; b < BINS - 1 && us >= (double)(2ULL << b); b++)
			;
		hist[b]++;
	}
	/* Detours per second by length: bin "lt_Nus" holds [N/2, N) us (the first [threshold, 2)).
	 */
	for (b = 0; b < BINS; b++) {
		if (b == BINS - 1)
			snprintf(name, sizeof(name), "hist_ge_%lluus", 1ULL << b);
		else
			snprintf(name, sizeof(name), "hist_lt_%lluus", 2ULL << b);
		result(name, (double)hist[b] / (span_ns / 1e9), "1/s");
	}
	return 0;
}
