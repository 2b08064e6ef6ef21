/* SPDX-License-Identifier: BSD-3-Clause */
/* Time slicing: more spinning threads than CPUs all make progress; FPU state survives. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#define MAX_THREADS 16

static volatile int arrived;
static double results[MAX_THREADS];

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Every thread waits, spinning without yielding, until all have arrived: only time slicing
 * lets all of them run when there are more threads than CPUs. Then it does floating-point
 * work long enough to be preempted in the middle. */
static void *spinner(void *arg)
{
	long id = (long)arg;
	volatile double acc = 0.0;
	double x = 1.0 + id;

	__atomic_fetch_add(&arrived, 1, __ATOMIC_SEQ_CST);
	while (__atomic_load_n(&arrived, __ATOMIC_SEQ_CST) < (int)(long)results[MAX_THREADS - 1])
		__builtin_ia32_pause();
	for (long i = 1; i <= 20000000; i++)
		acc += x / (double)i;
	results[id] = acc;
	return NULL;
}

static double expected(long id)
{
	volatile double acc = 0.0;
	double x = 1.0 + id;
	for (long i = 1; i <= 20000000; i++)
		acc += x / (double)i;
	return acc;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 4;
	pthread_t t[MAX_THREADS];

	if (n < 2 || n >= MAX_THREADS) {
		fprintf(stderr, "preempt: thread count 2-%d\n", MAX_THREADS - 1);
		return 2;
	}
	results[MAX_THREADS - 1] = n; /* the spinners' target, read through the array */
	double start = now_ms();
	for (long i = 0; i < n; i++)
		if (pthread_create(&t[i], NULL, spinner, (void *)i)) {
			fprintf(stderr, "preempt: pthread_create failed\n");
			return 1;
		}
	/* A sleeper on a busy CPU wakes on time: within 200 ms of the 50 it asked for. */
	double before = now_ms();
	usleep(50000);
	double slept = now_ms() - before;
	for (int i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	for (long i = 0; i < n; i++) {
		if (results[i] != expected(i)) {
			printf("preempt: thread %ld computed %.17g, expected %.17g\n", i,
			       results[i], expected(i));
			return 1;
		}
	}
	printf("preempt: %d spinning threads done in %.0f ms, main slept %.1f ms\n", n,
	       now_ms() - start, slept);
	if (slept < 50.0 || slept > 250.0) {
		printf("preempt: sleep of 50 ms took %.1f ms\n", slept);
		return 1;
	}
	printf("preempt: ok\n");
	return 0;
}
