/* SPDX-License-Identifier: BSD-3-Clause */
/* One busy thread per online CPU: they must overlap in time and run on distinct CPUs. */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* sched_getcpu is a GNU extension: glibc has it, HermitCore's C library provides it. */
#if defined(__GLIBC__) || defined(__hermit__)
#define HAVE_SCHED_GETCPU 1
#endif

#define MAX_THREADS 256
#define BUSY_NS     50000000LL    /* each thread spins this long once all are running */
#define WAIT_NS     10000000000LL /* give up waiting for the others after this */
#define ROUNDS      3

struct worker {
	pthread_t id;
	int index;
	int cpu_start, cpu_end; /* sched_getcpu() when all were running, and at the end */
	int timed_out;
};

static atomic_int arrived, finished;
static int threads;

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int current_cpu(void)
{
#ifdef HAVE_SCHED_GETCPU
	return sched_getcpu();
#else
	return -1;
#endif
}

/* Spins until `counter` reaches `threads`. Yields so that the test also works when threads
 * share a CPU (HermitCore does not time-slice); returns -1 on timeout. */
static int wait_for_all(atomic_int *counter)
{
	long long deadline = now_ns() + WAIT_NS;

	while (atomic_load(counter) < threads) {
		if (now_ns() > deadline)
			return -1;
		sched_yield();
	}
	return 0;
}

static void *busy(void *arg)
{
	struct worker *w = arg;
	long long end;

	atomic_fetch_add(&arrived, 1);
	w->timed_out = wait_for_all(&arrived);
	w->cpu_start = current_cpu();
	end = now_ns() + BUSY_NS;
	while (now_ns() < end)
		; /* all threads are busy at the same time here */
	w->cpu_end = current_cpu();
	atomic_fetch_add(&finished, 1);
	w->timed_out |= wait_for_all(&finished);
	return NULL;
}

static int check_cpus(const struct worker *w)
{
	int i, j, failed = 0;

	for (i = 0; i < threads; i++) {
		printf("thread %d: cpu %d -> %d\n", i, w[i].cpu_start, w[i].cpu_end);
		if (w[i].timed_out) {
			printf("smp: FAIL: thread %d waited %lld s for the others\n", i,
			       WAIT_NS / 1000000000LL);
			failed = 1;
		}
#ifdef HAVE_SCHED_GETCPU
		if (w[i].cpu_end < 0 || w[i].cpu_end >= threads) {
			printf("smp: FAIL: thread %d: sched_getcpu() = %d, expected 0..%d\n", i,
			       w[i].cpu_end, threads - 1);
			failed = 1;
		}
		for (j = 0; j < i; j++) {
			if (w[i].cpu_end == w[j].cpu_end) {
				printf("smp: FAIL: threads %d and %d both ended on cpu %d\n", j, i,
				       w[i].cpu_end);
				failed = 1;
			}
		}
#else
		(void)j;
#endif
	}
	return failed;
}

static int run_round(struct worker *workers)
{
	int i, e;

	atomic_store(&arrived, 0);
	atomic_store(&finished, 0);
	for (i = 0; i < threads; i++) {
		memset(&workers[i], 0, sizeof(workers[i]));
		workers[i].index = i;
		e = pthread_create(&workers[i].id, NULL, busy, &workers[i]);
		if (e) {
			printf("smp: FAIL: pthread_create %d: %s\n", i, strerror(e));
			exit(1);
		}
	}
	for (i = 0; i < threads; i++)
		pthread_join(workers[i].id, NULL);
	return check_cpus(workers);
}

/*
 * A few rounds, because a host under load may (rightly) run two of our threads on one
 * CPU for a moment when the program runs natively; a guest scheduler that places them
 * wrongly fails every round.
 */
int main(void)
{
	static struct worker workers[MAX_THREADS];
	long online = sysconf(_SC_NPROCESSORS_ONLN);
	int round;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (online < 1 || online > MAX_THREADS) {
		printf("smp: FAIL: sysconf(_SC_NPROCESSORS_ONLN) = %ld, expected 1..%d\n", online,
		       MAX_THREADS);
		return 1;
	}
	threads = (int)online;
	for (round = 1; run_round(workers); round++) {
		if (round == ROUNDS) {
			printf("smp: FAIL in %d rounds out of %d\n", ROUNDS, ROUNDS);
			return 1;
		}
		printf("smp: round %d failed, trying again\n", round);
	}
#ifndef HAVE_SCHED_GETCPU
	printf("smp: no sched_getcpu(): CPUs not checked\n");
#endif
	printf("smp: %d threads on %d cpus\n", threads, threads);
	printf("smp: ok\n");
	return 0;
}
