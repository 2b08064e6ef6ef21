/* SPDX-License-Identifier: BSD-3-Clause */
/* STREAM copy/scale/add/triad on arrays sized from argv, verified like the original STREAM. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DEFAULT_ELEMENTS (2L * 1024 * 1024)
#define DEFAULT_TIMES    5
#define MAX_THREADS      64
#define SCALAR           3.0
#define EPSILON          1e-13 /* relative average error allowed, as in STREAM for doubles */

enum kernel { COPY, SCALE, ADD, TRIAD, KERNELS };

static const char *const kernel_name[KERNELS] = {"copy", "scale", "add", "triad"};
static const int kernel_arrays[KERNELS] = {2, 2, 3, 3}; /* arrays touched, for the rates */

static double *a, *b, *c;
static long elements;
static int threads, times;
static pthread_barrier_t barrier;

struct worker {
	pthread_t id;
	long first, end;
};

static void run_kernel(enum kernel k, long first, long end)
{
	long j;

	switch (k) {
	case COPY:
		for (j = first; j < end; j++)
			c[j] = a[j];
		break;
	case SCALE:
		for (j = first; j < end; j++)
			b[j] = SCALAR * c[j];
		break;
	case ADD:
		for (j = first; j < end; j++)
			c[j] = a[j] + b[j];
		break;
	default:
		for (j = first; j < end; j++)
			a[j] = b[j] + SCALAR * c[j];
		break;
	}
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Every thread runs each kernel on its slice; thread 0 times the kernel between barriers. */
static void *stream_worker(void *arg)
{
	static double best[KERNELS];
	struct worker *w = arg;
	int t, k;

	for (t = 0; t < times; t++) {
		for (k = 0; k < KERNELS; k++) {
			double start;

			pthread_barrier_wait(&barrier);
			start = now();
			run_kernel((enum kernel)k, w->first, w->end);
			pthread_barrier_wait(&barrier);
			if (w->first == 0 && (t == 0 || now() - start < best[k]))
				best[k] = now() - start;
		}
	}
	if (w->first == 0) {
		for (k = 0; k < KERNELS; k++) {
			double mb =
			    1e-6 * (double)kernel_arrays[k] * sizeof(double) * (double)elements;
			printf("stream: %-5s %10.1f MB/s\n", kernel_name[k],
			       mb / fmax(best[k], 1e-9));
		}
	}
	return NULL;
}

/* The values every element must hold after `times` rounds, computed on scalars. */
static int check_results(void)
{
	double aj = 2.0, bj = 2.0, cj = 0.0;
	double err_a = 0.0, err_b = 0.0, err_c = 0.0;
	long j;
	int t;

	for (t = 0; t < times; t++) {
		cj = aj;
		bj = SCALAR * cj;
		cj = aj + bj;
		aj = bj + SCALAR * cj;
	}
	for (j = 0; j < elements; j++) {
		err_a += fabs(a[j] - aj);
		err_b += fabs(b[j] - bj);
		err_c += fabs(c[j] - cj);
	}
	err_a /= (double)elements * fabs(aj);
	err_b /= (double)elements * fabs(bj);
	err_c /= (double)elements * fabs(cj);
	if (!(err_a < EPSILON && err_b < EPSILON && err_c < EPSILON)) {
		printf("stream: FAIL: expected relative errors < %g, got a %.3e b %.3e c %.3e\n",
		       EPSILON, err_a, err_b, err_c);
		return 1;
	}
	return 0;
}

static int run_threads(void)
{
	static struct worker workers[MAX_THREADS];
	int i, e;

	e = pthread_barrier_init(&barrier, NULL, (unsigned)threads);
	if (e) {
		printf("stream: FAIL: pthread_barrier_init: %s\n", strerror(e));
		return 1;
	}
	for (i = 0; i < threads; i++) {
		workers[i].first = elements * i / threads;
		workers[i].end = elements * (i + 1) / threads;
		e = pthread_create(&workers[i].id, NULL, stream_worker, &workers[i]);
		if (e) {
			printf("stream: FAIL: pthread_create %d: %s\n", i, strerror(e));
			return 1;
		}
	}
	for (i = 0; i < threads; i++)
		pthread_join(workers[i].id, NULL);
	pthread_barrier_destroy(&barrier);
	return 0;
}

int main(int argc, char **argv)
{
	long j;

	elements = argc > 1 ? atol(argv[1]) : DEFAULT_ELEMENTS;
	times = argc > 2 ? atoi(argv[2]) : DEFAULT_TIMES;
	threads = argc > 3 ? atoi(argv[3]) : 1;
	if (elements < 1000 || times < 1 || threads < 1 || threads > MAX_THREADS) {
		printf("usage: stream [elements >= 1000] [times >= 1] [threads 1..%d]\n",
		       MAX_THREADS);
		return 2;
	}
	a = malloc(sizeof(double) * (size_t)elements);
	b = malloc(sizeof(double) * (size_t)elements);
	c = malloc(sizeof(double) * (size_t)elements);
	if (!a || !b || !c) {
		printf("stream: FAIL: malloc of 3 x %ld doubles\n", elements);
		return 1;
	}
	for (j = 0; j < elements; j++) {
		a[j] = 1.0;
		b[j] = 2.0;
		c[j] = 0.0;
	}
	for (j = 0; j < elements; j++)
		a[j] *= 2.0;
	printf("stream: %ld elements (%.1f MiB per array), %d times, %d threads\n", elements,
	       (double)elements * sizeof(double) / 1048576.0, times, threads);
	if (run_threads() || check_results())
		return 1;
	printf("stream: ok\n");
	return 0;
}
