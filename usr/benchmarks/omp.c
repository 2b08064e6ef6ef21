/* SPDX-License-Identifier: BSD-3-Clause */
/* OpenMP overheads in the manner of the EPCC synchronisation benchmarks, and an OpenMP STREAM
 * triad: the same source is built with HermitCore's libgomp and with Linux's.
 *
 * Overhead of a construct = (time of `inner` executions of the construct around a fixed
 * delay - time of `inner` executions of the delay alone) / inner, in microseconds, the
 * median over `outer` pairs of samples (the reference is taken right before each sample, so
 * that drift of a shared or emulated machine hits both); `inner` is doubled from 8 until one
 * sample takes 1 ms. Constructs: PARALLEL, FOR, PARALLEL FOR, BARRIER, SINGLE,
 * CRITICAL, LOCK (omp_set/unset_lock), ATOMIC, REDUCTION, and the FOR loop with
 * schedule(static|dynamic|guided) of one iteration chunk per thread.
 * The triad runs with 1 thread and with all threads (arrays 2 MiB-aligned, 4x the LLC at
 * least, first touched by the threads that use them, in parallel, before timing).
 *
 * usage: omp [outer] [triad_mib]   prints "name value unit" lines (bench_tsc.h) */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_tsc.h"

#define MAX_OUTER   101
#define DELAY_ITERS 256 /* ~0.1 us natively: the work inside each construct */

static int outer = 21;
static volatile double sink;

/* The work inside a construct: a dependent chain the compiler cannot drop. */
static void delay(int iters)
{
	double a = 0.0;

	for (int i = 0; i < iters; i++) {
		a += i;
		__asm__ volatile("" : "+x"(a));
	}
	if (a < 0)
		sink = a;
}

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;

	return (a > b) - (a < b);
}

static double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/* One reference sample: the delay alone, `inner` times, timed by the master while every
 * thread of the team runs it too (the constructs are timed with all threads busy; emulated
 * CPUs share host threads, and a lone thread would run faster than a team member). */
static double reference_us(int inner)
{
	double t = 0.0;

#pragma omp parallel
	{
#pragma omp barrier
		double t0 = omp_get_wtime();
		for (int j = 0; j < inner; j++)
			delay(DELAY_ITERS);
		if (omp_get_thread_num() == 0)
			t = omp_get_wtime() - t0;
	}
	return t * 1e6 / inner;
}

enum construct {
	C_PARALLEL,
	C_FOR,
	C_PARALLEL_FOR,
	C_BARRIER,
	C_SINGLE,
	C_CRITICAL,
	C_LOCK,
	C_ATOMIC,
	C_REDUCTION,
	C_STATIC,
	C_DYNAMIC,
	C_GUIDED,
	C_COUNT
};

static const char *const names[C_COUNT] = {
    "parallel", "for",    "parallel_for", "barrier",         "single",           "critical",
    "lock",     "atomic", "reduction",    "schedule_static", "schedule_dynamic", "schedule_guided",
};

static omp_lock_t lock;

/* One sample: `inner` executions of construct c, in microseconds per execution. Constructs
 * that every thread executes once per repetition (critical, lock, atomic) run inner/threads
 * times per thread so that the delay total matches the reference. */
static double sample_us(enum construct c, int inner, int threads)
{
	double t0 = omp_get_wtime();
	int per_thread = inner / threads > 0 ? inner / threads : 1;
	int acc = 0;

	switch (c) {
	case C_PARALLEL:
		for (int j = 0; j < inner; j++) {
#pragma omp parallel
			delay(DELAY_ITERS);
		}
		break;
	case C_FOR:
#pragma omp parallel
		for (int j = 0; j < inner; j++) {
#pragma omp for
			for (int i = 0; i < threads; i++)
				delay(DELAY_ITERS);
		}
		break;
	case C_PARALLEL_FOR:
		for (int j = 0; j < inner; j++) {
#pragma omp parallel for
			for (int i = 0; i < threads; i++)
				delay(DELAY_ITERS);
		}
		break;
	case C_BARRIER:
#pragma omp parallel
		for (int j = 0; j < inner; j++) {
			delay(DELAY_ITERS);
#pragma omp barrier
		}
		break;
	case C_SINGLE:
#pragma omp parallel
		for (int j = 0; j < inner; j++) {
#pragma omp single
			delay(DELAY_ITERS);
		}
		break;
	case C_CRITICAL:
#pragma omp parallel
		for (int j = 0; j < per_thread; j++) {
#pragma omp critical
			delay(DELAY_ITERS);
		}
		break;
	case C_LOCK:
#pragma omp parallel
		for (int j = 0; j < per_thread; j++) {
			omp_set_lock(&lock);
			delay(DELAY_ITERS);
			omp_unset_lock(&lock);
		}
		break;
	case C_ATOMIC: {
		/* EPCC's ATOMIC: the reference is the bare update loop; here the delay stands in.
		 */
		double x = 0.0;
#pragma omp parallel
		for (int j = 0; j < per_thread; j++) {
			delay(DELAY_ITERS);
#pragma omp atomic
			x += 1.0;
		}
		sink = x;
		break;
	}
	case C_REDUCTION:
		for (int j = 0; j < inner; j++) {
#pragma omp parallel reduction(+ : acc)
			{
				delay(DELAY_ITERS);
				acc += 1;
			}
		}
		if (acc != inner * threads)
			fprintf(stderr, "omp: reduction gave %d, not %d\n", acc, inner * threads);
		break;
	case C_STATIC:
#pragma omp parallel
		for (int j = 0; j < inner; j++) {
#pragma omp for schedule(static, 1)
			for (int i = 0; i < threads; i++)
				delay(DELAY_ITERS);
		}
		break;
	case C_DYNAMIC:
#pragma omp parallel
		for (int j = 0; j < inner; j++) {
#pragma omp for schedule(dynamic, 1)
			for (int i = 0; i < threads; i++)
				delay(DELAY_ITERS);
		}
		break;
	case C_GUIDED:
#pragma omp parallel
		for (int j = 0; j < inner; j++) {
#pragma omp for schedule(guided, 1)
			for (int i = 0; i < threads; i++)
				delay(DELAY_ITERS);
		}
		break;
	case C_COUNT:
		break;
	}
	double us = (omp_get_wtime() - t0) * 1e6;
	if (c == C_CRITICAL || c == C_LOCK || c == C_ATOMIC)
		return us / (per_thread * threads);
	return us / inner;
}

/* Best triad bandwidth in GB/s over `times` runs with `threads` threads. */
static double triad_gbs(double *a, const double *b, const double *c, long n, int threads, int times)
{
	double best = 0.0;

	for (int t = 0; t < times; t++) {
		double t0 = omp_get_wtime();
#pragma omp parallel for num_threads(threads) schedule(static)
		for (long i = 0; i < n; i++)
			a[i] = b[i] + 3.0 * c[i];
		double s = omp_get_wtime() - t0;
		double gbs = 3.0 * sizeof(double) * (double)n / s / 1e9;
		if (t > 0 && gbs > best)
			best = gbs;
	}
	return best;
}

static double *alloc_array(size_t bytes, size_t offset)
{
	void *p = NULL;

	if (posix_memalign(&p, 2 << 20, bytes + offset))
		return NULL;
	return (double *)((char *)p + offset);
}

int main(int argc, char **argv)
{
	long triad_mib = 64;

	if (argc > 1)
		outer = atoi(argv[1]);
	if (argc > 2)
		triad_mib = atol(argv[2]);
	if (outer < 3 || outer > MAX_OUTER || triad_mib < 1 || triad_mib > 4096) {
		fprintf(stderr, "usage: omp [outer 3..%d] [triad_mib 1..4096]\n", MAX_OUTER);
		return 2;
	}
	int threads = omp_get_max_threads();
	omp_init_lock(&lock);
	result("threads", threads, "count");

	/* Warm up the team (thread creation is not an overhead of any construct). */
	for (int j = 0; j < 100; j++) {
#pragma omp parallel
		delay(DELAY_ITERS);
	}

	double ref[MAX_OUTER];
	for (int k = 0; k < outer; k++)
		ref[k] = reference_us(1000);
	result("delay", median(ref, outer), "us");
	for (int c = 0; c < C_COUNT; c++) {
		double s[MAX_OUTER];
		char name[48];
		int inner = 8;
		while (inner < 100000 && sample_us(c, inner, threads) * inner < 1000.0)
			inner *= 2;
		for (int k = 0; k < outer; k++) {
			double r = reference_us(inner);
			s[k] = sample_us(c, inner, threads) - r;
		}
		snprintf(name, sizeof(name), "%s_overhead", names[c]);
		result(name, median(s, outer), "us");
	}
	omp_destroy_lock(&lock);

	/* Triad, 1 thread and all: arrays staggered by 1/3 of 2 MiB so they do not alias. */
	long n = triad_mib * (1L << 20) / sizeof(double);
	double *a = alloc_array(n * sizeof(double), 0);
	double *b = alloc_array(n * sizeof(double), 704 << 10);
	double *c = alloc_array(n * sizeof(double), 1408 << 10);
	if (!a || !b || !c) {
		fprintf(stderr, "omp: cannot allocate 3 x %ld MiB\n", triad_mib);
		return 1;
	}
#pragma omp parallel for schedule(static)
	for (long i = 0; i < n; i++) {
		a[i] = 0.0;
		b[i] = 1.0;
		c[i] = 2.0;
	}
	result("triad_mib", (double)triad_mib, "MiB");
	result("triad_1thread", triad_gbs(a, b, c, n, 1, 6), "GB/s");
	result("triad_all_threads", triad_gbs(a, b, c, n, threads, 6), "GB/s");
	for (long i = 0; i < n; i += n / 7 + 1) {
		if (a[i] != 7.0) {
			fprintf(stderr, "omp: triad result wrong at %ld: %g\n", i, a[i]);
			return 1;
		}
	}
	return 0;
}
