/* SPDX-License-Identifier: BSD-3-Clause */
/* OS noise ("hourglass"): spins reading the TSC for a fixed time and records every gap
 * between two reads longer than a threshold: time the program did not get. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench_tsc.h"

#define DEFAULT_SECONDS      5.0
#define DEFAULT_THRESHOLD_NS 1000.0

int main(int argc, char **argv)
{
	double seconds = argc > 1 ? atof(argv[1]) : DEFAULT_SECONDS;
	double threshold_ns = argc > 2 ? atof(argv[2]) : DEFAULT_THRESHOLD_NS;
	double per_ns = tsc_per_ns(100);
	uint64_t threshold, end, prev, now, gap, lost = 0, largest = 0, detours = 0;
	uint64_t start, min_gap = UINT64_MAX;

	if (seconds <= 0 || threshold_ns <= 0) {
		fprintf(stderr, "usage: hourglass [seconds > 0] [threshold_ns > 0]\n");
		return 2;
	}
	threshold = (uint64_t)(threshold_ns * per_ns);
	start = prev = rdtsc();
	end = start + (uint64_t)(seconds * 1e9 * per_ns);
	do {
		now = rdtsc();
		gap = now - prev;
		if (gap > threshold) {
			detours++;
			lost += gap;
			if (gap > largest)
				largest = gap;
		} else if (gap < min_gap) {
			min_gap = gap;
		}
		prev = now;
	} while (now < end);

	printf("hourglass_runtime %.3f s\n", (double)(now - start) / per_ns / 1e9);
	printf("hourglass_threshold %.0f ns\n", threshold_ns);
	printf("hourglass_min_gap %.1f ns\n", (double)min_gap / per_ns);
	printf("hourglass_detours %llu count\n", (unsigned long long)detours);
	printf("hourglass_lost %.1f us\n", (double)lost / per_ns / 1e3);
	printf("hourglass_lost_share %.1f ppm\n", (double)lost / (double)(now - start) * 1e6);
	printf("hourglass_max_detour %.1f us\n", (double)largest / per_ns / 1e3);
	return 0;
}
