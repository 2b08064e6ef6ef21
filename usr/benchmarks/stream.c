/* SPDX-License-Identifier: BSD-3-Clause */
/* STREAM bandwidth (copy, scale, add, triad) with one thread and with one per CPU.
 * Prints "stream_<kernel>_<n>t value MB/s" lines, best of several runs. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "bench_tsc.h"

#define DEFAULT_ELEMENTS (4L << 20)
#define DEFAULT_TIMES    10
#define MAX_THREADS      64
#define SCALAR           3.0

static double *a, *b, *c;
static long elements;
static int times, threads;
static pthread_barrier_t barrier;
static double best_ns[4];

static void run_kernel(int k, long first, long end)
{
	long j;

	if (k == 0) {
		for (j = first; j < end; j++)
			c[j] = a[j];
	} else if (k == 1) {
		for (j = first; j < end; j++)
			b[j] = SCALAR * c[j];
	} else if (k == 2) {
		for (j = first; j < end; j++)
			c[j] = a[j] + b[j];
	} else {
		for (j = first; j < end; j++)
			a[j] = b[j] + SCALAR * c[j];
	}
}

/* Each thread owns a slice (touched first by it, for NUMA placement); thread 0 times. */
static void *worker(void *arg)
{
	long index = (long)arg;
	long first = elements * index / threads, end = elements * (index + 1) / threads;
	uint64_t t0;
	int t, k;

	for (t = 0; t < times; t++) {
		for (k = 0; k < 4; k++) {
			pthread_barrier_wait(&barrier);
			t0 = monotonic_ns();
			run_kernel(k, first, end);
			pthread_barrier_wait(&barrier);
			if (index == 0 && t > 0 &&
			    (best_ns[k] == 0 || monotonic_ns() - t0 < best_ns[k]))
				best_ns[k] = (double)(monotonic_ns() - t0);
		}
	}
	return NULL;
}

static int run(int n)
{
	static const char *const names[4] = {"copy", "scale", "add", "triad"};
	static const int arrays[4] = {2, 2, 3, 3};
	pthread_t t[MAX_THREADS];
	long i;
	int k;

	threads = n;
	for (k = 0; k < 4; k++)
		best_ns[k] = 0;
	if (pthread_barrier_init(&barrier, NULL, (unsigned)n))
		return -1;
	for (i = 1; i < n; i++) {
		if (pthread_create(&t[i], NULL, worker, (void *)i))
			return -1;
	}
	worker((void *)0);
	for (i = 1; i < n; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&barrier);
	for (k = 0; k < 4; k++) {
		double bytes = (double)arrays[k] * sizeof(double) * (double)elements;

		printf("stream_%s_%dt %.1f MB/s\n", names[k], n, bytes / best_ns[k] * 1e3);
	}
	return 0;
}

int main(int argc, char **argv)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN), j;

	elements = argc > 1 ? atol(argv[1]) : DEFAULT_ELEMENTS;
	times = argc > 2 ? atoi(argv[2]) : DEFAULT_TIMES;
	if (elements < 1000 || times < 2) {
		fprintf(stderr, "usage: stream [elements >= 1000] [times >= 2]\n");
		return 2;
	}
	if (cpus > MAX_THREADS)
		cpus = MAX_THREADS;
	a = malloc(sizeof(double) * (size_t)elements);
	b = malloc(sizeof(double) * (size_t)elements);
	c = malloc(sizeof(double) * (size_t)elements);
	if (!a || !b || !c) {
		fprintf(stderr, "stream: malloc of 3 x %ld doubles failed\n", elements);
		return 1;
	}
	for (j = 0; j < elements; j++) {
		a[j] = 1.0;
		b[j] = 2.0;
		c[j] = 0.0;
	}
	printf("stream_array_size %.1f MiB\n", (double)elements * sizeof(double) / 1048576.0);
	if (run(1) || (cpus > 1 && run((int)cpus))) {
		fprintf(stderr, "stream: pthread_barrier_init or pthread_create failed\n");
		return 1;
	}
	return 0;
}
