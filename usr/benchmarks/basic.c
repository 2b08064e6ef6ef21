/* SPDX-License-Identifier: BSD-3-Clause */
/* Costs of basic operations in ns: system calls, allocation by size, first and second touch
 * of a page, thread create+join, mutexes and condition-variable ping-pong on one and on two
 * cores. usage: basic [loops]; prints "name value unit" lines. */
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
static double per_ns; /* TSC ticks per ns */

static void report(const char *name, uint64_t ticks, unsigned long count)
{
	result(name, (double)ticks / per_ns / (double)count, "ns");
}

static int pin_self(int index)
{
	int n, cpu = allowed_cpu(index, &n);
	cpu_set_t set;

	if (cpu < 0)
		return -1;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return pthread_setaffinity_np(pthread_self(), sizeof(set), &set) ? -1 : 0;
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
	static const size_t sizes[] = {64, 4096, 65536, 1 << 20};
	char name[40];
	unsigned long i, n;
	unsigned s;

	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		uint64_t t0 = rdtsc();

		n = sizes[s] >= 65536 ? loops / 10 : loops;
		for (i = 0; i < n; i++) {
			volatile char *p = malloc(sizes[s]);

			p[0] = 1;
			free((void *)p);
		}
		snprintf(name, sizeof(name), "malloc_free_%zu", sizes[s]);
		report(name, rdtsc_fenced() - t0, n);
	}
}

/* Fresh memory from the allocator: the first write to each page pays for its mapping. */
static void bench_touch(void)
{
	char *p = malloc(TOUCH_SIZE);
	uint64_t t0;
	size_t i;

	if (!p) {
		fprintf(stderr, "basic: malloc(%lu) failed\n", TOUCH_SIZE);
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
	unsigned long i, n = loops / 100 + 10;
	uint64_t t0 = rdtsc();
	pthread_t t;

	for (i = 0; i < n; i++) {
		if (pthread_create(&t, NULL, nothing, NULL)) {
			fprintf(stderr, "basic: pthread_create failed\n");
			return;
		}
		pthread_join(t, NULL);
	}
	report("pthread_create_join", rdtsc_fenced() - t0, n);
}

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static volatile unsigned long shared_count;
static int ready; /* both contenders start together */

struct lock_arg {
	unsigned long n;
	int cpu_index;
};

static void *lock_loop(void *p)
{
	const struct lock_arg *a = p;
	unsigned long i;

	pin_self(a->cpu_index);
	__atomic_fetch_add(&ready, 1, __ATOMIC_SEQ_CST);
	while (__atomic_load_n(&ready, __ATOMIC_SEQ_CST) < 2)
		sched_yield();
	for (i = 0; i < a->n; i++) {
		pthread_mutex_lock(&mutex);
		shared_count++;
		pthread_mutex_unlock(&mutex);
	}
	return NULL;
}

static void bench_mutex(int cpus)
{
	struct lock_arg me = {loops * 10, 0}, other = {loops * 10, 1};
	uint64_t t0 = rdtsc();
	pthread_t t;

	ready = 1; /* alone */
	lock_loop(&me);
	report("mutex_uncontended", rdtsc_fenced() - t0, me.n);
	if (cpus < 2)
		return;
	ready = 0;
	t0 = rdtsc();
	if (pthread_create(&t, NULL, lock_loop, &other)) {
		fprintf(stderr, "basic: pthread_create failed\n");
		return;
	}
	lock_loop(&me);
	pthread_join(t, NULL);
	report("mutex_contended_2cores", rdtsc_fenced() - t0, 2 * me.n);
}

static pthread_mutex_t turn_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t turn_cond = PTHREAD_COND_INITIALIZER;
static int turn;

struct pong_arg {
	unsigned long n;
	int cpu_index;
};

static void *ponger(void *p)
{
	const struct pong_arg *a = p;
	unsigned long i;

	pin_self(a->cpu_index);
	for (i = 0; i < a->n; i++) {
		pthread_mutex_lock(&turn_mutex);
		while (turn != 1)
			pthread_cond_wait(&turn_cond, &turn_mutex);
		turn = 0;
		pthread_cond_signal(&turn_cond);
		pthread_mutex_unlock(&turn_mutex);
	}
	return NULL;
}

/* Round trip of a turn handed to a partner thread and back through one condition variable. */
static void bench_pingpong(const char *name, int partner_index)
{
	struct pong_arg a = {loops / 10 + 10, partner_index};
	unsigned long i;
	uint64_t t0;
	pthread_t t;

	turn = 0;
	if (pthread_create(&t, NULL, ponger, &a)) {
		fprintf(stderr, "basic: pthread_create failed\n");
		return;
	}
	t0 = rdtsc();
	for (i = 0; i < a.n; i++) {
		pthread_mutex_lock(&turn_mutex);
		turn = 1;
		pthread_cond_signal(&turn_cond);
		while (turn != 0)
			pthread_cond_wait(&turn_cond, &turn_mutex);
		pthread_mutex_unlock(&turn_mutex);
	}
	report(name, rdtsc_fenced() - t0, a.n);
	pthread_join(t, NULL);
}

int main(int argc, char **argv)
{
	int cpus = allowed_cpus();

	if (argc > 1)
		loops = strtoul(argv[1], NULL, 0);
	if (loops < 100) {
		fprintf(stderr, "usage: basic [loops >= 100]\n");
		return 2;
	}
	if (pin_self(0))
		fprintf(stderr, "basic: cannot pin the main thread; running unpinned\n");
	per_ns = tsc_per_ns(100);
	result("tsc_ghz", per_ns, "GHz");
	result("cpus", cpus, "count");
	bench_getpid();
	bench_yield();
	bench_malloc();
	bench_touch();
	bench_threads();
	bench_mutex(cpus);
	bench_pingpong("condvar_pingpong_same_core", 0);
	if (cpus > 1)
		bench_pingpong("condvar_pingpong_cross_core", 1);
	return 0;
}
