/* SPDX-License-Identifier: BSD-3-Clause */
/* Costs of basic operations in TSC cycles: system calls, allocation, page first touch,
 * thread creation and mutexes. Prints "name value unit" lines. */
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench_tsc.h"

#define PAGE       4096
#define TOUCH_SIZE (64UL << 20)

static unsigned long loops = 100000;

static void report(const char *name, uint64_t cycles, unsigned long count)
{
	printf("%s %.1f cycles\n", name, (double)cycles / (double)count);
}

static void bench_getpid(void)
{
	volatile pid_t sink;
	unsigned long i;
	uint64_t t0 = rdtsc();

	for (i = 0; i < loops; i++)
		sink = getpid();
	(void)sink;
	report("getpid", rdtsc_fenced() - t0, loops);
}

static void bench_yield(void)
{
	unsigned long i;
	uint64_t t0 = rdtsc();

	for (i = 0; i < loops; i++)
		sched_yield();
	report("sched_yield", rdtsc_fenced() - t0, loops);
}

static void bench_malloc(void)
{
	static const size_t sizes[] = {64, 4096, 65536};
	char name[32];
	unsigned long i;
	unsigned s;

	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		uint64_t t0 = rdtsc();

		for (i = 0; i < loops; i++) {
			volatile char *p = malloc(sizes[s]);

			p[0] = 1;
			free((void *)p);
		}
		snprintf(name, sizeof(name), "malloc_free_%zu", sizes[s]);
		report(name, rdtsc_fenced() - t0, loops);
	}
}

/* Fresh memory from the allocator: the first write to each page pays for its mapping. */
static void bench_first_touch(void)
{
	char *p = malloc(TOUCH_SIZE);
	uint64_t t0;
	size_t i;

	if (!p) {
		printf("first_touch_page nan cycles\n");
		return;
	}
	t0 = rdtsc();
	for (i = 0; i < TOUCH_SIZE; i += PAGE)
		p[i] = 1;
	report("first_touch_page", rdtsc_fenced() - t0, TOUCH_SIZE / PAGE);
	t0 = rdtsc();
	for (i = 0; i < TOUCH_SIZE; i += PAGE)
		p[i] = 2;
	report("second_touch_page", rdtsc_fenced() - t0, TOUCH_SIZE / PAGE);
	free(p);
}

static void *nothing(void *arg)
{
	return arg;
}

static void bench_threads(void)
{
	unsigned long i, n = loops / 100;
	uint64_t t0 = rdtsc();
	pthread_t t;

	for (i = 0; i < n; i++) {
		if (pthread_create(&t, NULL, nothing, NULL)) {
			printf("pthread_create_join nan cycles\n");
			return;
		}
		pthread_join(t, NULL);
	}
	report("pthread_create_join", rdtsc_fenced() - t0, n);
}

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static volatile unsigned long shared_count;
static volatile int ready; /* both contenders start together */

static void *lock_loop(void *arg)
{
	unsigned long i, n = *(unsigned long *)arg;

	__atomic_fetch_add(&ready, 1, __ATOMIC_SEQ_CST);
	while (__atomic_load_n(&ready, __ATOMIC_SEQ_CST) < 2)
		sched_yield();

	for (i = 0; i < n; i++) {
		pthread_mutex_lock(&mutex);
		shared_count++;
		pthread_mutex_unlock(&mutex);
	}
	return NULL;
}

static void bench_mutex(void)
{
	unsigned long n = loops * 10;
	uint64_t t0 = rdtsc();
	pthread_t t;

	ready = 1; /* alone */
	lock_loop(&n);
	report("mutex_uncontended", rdtsc_fenced() - t0, n);
	ready = 0;
	t0 = rdtsc();
	if (pthread_create(&t, NULL, lock_loop, &n)) {
		printf("mutex_contended_2 nan cycles\n");
		return;
	}
	lock_loop(&n);
	pthread_join(t, NULL);
	report("mutex_contended_2", rdtsc_fenced() - t0, 2 * n);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		loops = strtoul(argv[1], NULL, 0);
	if (loops < 100) {
		fprintf(stderr, "usage: basic [loops >= 100]\n");
		return 2;
	}
	printf("tsc_per_ns %.3f ratio\n", tsc_per_ns(100));
	bench_getpid();
	bench_yield();
	bench_malloc();
	bench_first_touch();
	bench_threads();
	bench_mutex();
	return 0;
}
