/* SPDX-License-Identifier: BSD-3-Clause */
/* Clock check: prints two "mark" lines SECONDS apart by the program's own CLOCK_MONOTONIC,
 * with its clock and TSC readings; launch(1) stamps their arrival with the host's clock, so
 * a guest clock that runs fast or slow shows as a ratio. usage: clock [seconds] */
#include <stdio.h>
#include <stdlib.h>

#include "bench_tsc.h"

/* A clock reading and the TSC at the same moment: the TSC read before and after the clock,
 * retried until both lie within `max_ticks` (a vCPU or core taken away between two reads,
 * e.g. by QEMU's TCG or an interrupt, would otherwise skew the pair by that time). */
static void pair(uint64_t *ns, uint64_t *tsc, uint64_t max_ticks)
{
	uint64_t a, b;
	int tries = 0;

	do {
		a = rdtsc_fenced();
		*ns = monotonic_ns();
		b = rdtsc_fenced();
	} while (b - a > max_ticks && ++tries < 1000);
	*tsc = a + (b - a) / 2;
}

int main(int argc, char **argv)
{
	double seconds = argc > 1 ? atof(argv[1]) : 1.0;
	uint64_t t0, c0, t1, c1, max_ticks;
	double per_ns;

	if (seconds <= 0) {
		fprintf(stderr, "usage: clock [seconds > 0]\n");
		return 2;
	}
	per_ns = tsc_per_ns(100);
	result("tsc_ghz", per_ns, "GHz");
	max_ticks = (uint64_t)(per_ns * 20000); /* 20 us */
	pair(&t0, &c0, max_ticks);
	printf("mark 0 %llu %llu\n", (unsigned long long)t0, (unsigned long long)c0);
	fflush(stdout);
	while (monotonic_ns() - t0 < (uint64_t)(seconds * 1e9))
		;
	pair(&t1, &c1, max_ticks);
	printf("mark 1 %llu %llu\n", (unsigned long long)t1, (unsigned long long)c1);
	fflush(stdout);
	return 0;
}
