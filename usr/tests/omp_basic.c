/* SPDX-License-Identifier: BSD-3-Clause */
/* OpenMP with libgomp: the worksharing and synchronisation constructs, tasks, locks and the
 * default team size; prints "omp_basic: ok" when every check passes.
 *
 * usage: omp_basic [N]   N: the team size to expect by default (default: the CPU count) */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define ITEMS 100000

static int failures;

static void check(int ok, const char *what, long got, long want)
{
	if (!ok) {
		printf("omp_basic: FAIL %s: got %ld, expected %ld\n", what, got, want);
		failures++;
	}
}

static long fib(int n)
{
	long a, b;

	if (n < 2)
		return n;
#pragma omp task shared(a) if (n > 12)
	a = fib(n - 1);
#pragma omp task shared(b) if (n > 12)
	b = fib(n - 2);
#pragma omp taskwait
	return a + b;
}

static void schedules(void)
{
	static int hits[ITEMS];
	long sum;
	int i, kind, bad;

	for (kind = 0; kind < 4; kind++) {
		omp_set_schedule(kind == 0   ? omp_sched_static
		                 : kind == 1 ? omp_sched_dynamic
		                 : kind == 2 ? omp_sched_guided
		                             : omp_sched_auto,
		                 7);
		for (i = 0; i < ITEMS; i++)
			hits[i] = 0;
		sum = 0;
#pragma omp parallel for schedule(runtime) reduction(+ : sum)
		for (i = 0; i < ITEMS; i++) {
			hits[i]++;
			sum += i;
		}
		for (i = 0, bad = 0; i < ITEMS; i++)
			bad += hits[i] != 1;
		check(bad == 0, "iterations run once each", bad, 0);
		check(sum == (long)ITEMS * (ITEMS - 1) / 2, "for reduction", sum,
		      (long)ITEMS * (ITEMS - 1) / 2);
	}
}

static void synchronisation(int nthreads)
{
	long counter = 0, atomic_counter = 0, lock_counter = 0, nest_counter = 0;
	int singles = 0, sections = 0, masters = 0, after_barrier = 0, arrived = 0;
	omp_lock_t lock;
	omp_nest_lock_t nest;

	omp_init_lock(&lock);
	omp_init_nest_lock(&nest);
#pragma omp parallel num_threads(nthreads)
	{
		int k;

		for (k = 0; k < 1000; k++) {
#pragma omp critical
			counter++;
#pragma omp atomic
			atomic_counter++;
			omp_set_lock(&lock);
			lock_counter++;
			omp_unset_lock(&lock);
			omp_set_nest_lock(&nest);
			omp_set_nest_lock(&nest);
			nest_counter++;
			omp_unset_nest_lock(&nest);
			omp_unset_nest_lock(&nest);
		}
#pragma omp single
		singles++;
		/* Different threads may run the sections at the same time: atomic increments. */
#pragma omp sections
		{
#pragma omp section
#pragma omp atomic
			sections++;
#pragma omp section
#pragma omp atomic
			sections++;
#pragma omp section
#pragma omp atomic
			sections++;
		}
#pragma omp master
		masters++;
#pragma omp atomic
		arrived++;
#pragma omp barrier
		if (__atomic_load_n(&arrived, __ATOMIC_RELAXED) != omp_get_num_threads()) {
#pragma omp atomic
			after_barrier++;
		}
	}
	omp_destroy_lock(&lock);
	omp_destroy_nest_lock(&nest);
	check(counter == 1000L * nthreads, "critical", counter, 1000L * nthreads);
	check(atomic_counter == 1000L * nthreads, "atomic", atomic_counter, 1000L * nthreads);
	check(lock_counter == 1000L * nthreads, "omp_lock", lock_counter, 1000L * nthreads);
	check(nest_counter == 1000L * nthreads, "omp_nest_lock", nest_counter, 1000L * nthreads);
	check(singles == 1, "single", singles, 1);
	check(sections == 3, "sections", sections, 3);
	check(masters == 1, "master", masters, 1);
	check(after_barrier == 0, "barrier", after_barrier, 0);
}

static void tasks(void)
{
	long result = 0, loop_sum = 0;
	int i;

#pragma omp parallel
#pragma omp single
	result = fib(25);
	check(result == 75025, "task fib(25)", result, 75025);
#pragma omp parallel
#pragma omp single
#pragma omp taskloop reduction(+ : loop_sum) grainsize(100)
	for (i = 0; i < ITEMS; i++)
		loop_sum += i;
	check(loop_sum == (long)ITEMS * (ITEMS - 1) / 2, "taskloop reduction", loop_sum,
	      (long)ITEMS * (ITEMS - 1) / 2);
}

int main(int argc, char **argv)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int want = argc > 1 ? atoi(argv[1]) : (int)cpus;
	int team = 0, nested = 0;
	double t0 = omp_get_wtime();

	check(omp_get_num_procs() == cpus, "omp_get_num_procs", omp_get_num_procs(), cpus);
	check(omp_get_max_threads() == want, "omp_get_max_threads", omp_get_max_threads(), want);
#pragma omp parallel
	{
#pragma omp single
		team = omp_get_num_threads();
	}
	check(team == want, "default team size", team, want);
	schedules();
	synchronisation(team > 1 ? team : 2);
	synchronisation(team + 3);
	tasks();
	omp_set_max_active_levels(2);
#pragma omp parallel num_threads(2)
#pragma omp parallel num_threads(2)
#pragma omp atomic
	nested++;
	check(nested == 4, "nested parallel", nested, 4);
	check(omp_get_wtime() >= t0 && omp_get_wtick() > 0, "omp_get_wtime", 0, 0);
	if (failures)
		return 1;
	printf("omp_basic: ok\n");
	return 0;
}
