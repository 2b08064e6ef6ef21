/* SPDX-License-Identifier: BSD-3-Clause */
/* libgomp's environment variables as HermitCore sees them; prints "omp_env: ok" when the
 * checks given as arguments pass.
 *
 * usage: omp_env CHECK...
 *   threads N   the default team has N threads (OMP_NUM_THREADS, or the CPU count)
 *   bind        with OMP_PROC_BIND=close and one place per CPU (OMP_PLACES=cores or
 *               threads): thread i of the team runs in place i, on CPU i
 *   spread      with OMP_PROC_BIND=spread: the team's threads are on different CPUs
 *   stack BYTES the threads libgomp creates (not the initial thread, whose stack is the
 *               program's, as on Linux) can use BYTES less 64 KiB of stack (OMP_STACKSIZE) */
#define _GNU_SOURCE
#include <alloca.h>
#include <omp.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

static void fail(const char *what, long got, long want)
{
	printf("omp_env: FAIL %s: got %ld, expected %ld\n", what, got, want);
	failures++;
}

static void threads(int want)
{
	int team = 0;

	if (omp_get_max_threads() != want)
		fail("omp_get_max_threads", omp_get_max_threads(), want);
#pragma omp parallel
#pragma omp single
	team = omp_get_num_threads();
	if (team != want)
		fail("team size", team, want);
}

static void bind(void)
{
	int places = omp_get_num_places(), bad_place = -1, bad_cpu = -1, n = 0;

	if (omp_get_proc_bind() != omp_proc_bind_close)
		fail("omp_get_proc_bind (close = 3)", omp_get_proc_bind(), omp_proc_bind_close);
	if (places != omp_get_num_procs())
		fail("omp_get_num_places", places, omp_get_num_procs());
#pragma omp parallel num_threads(places) reduction(+ : n)
	{
		int me = omp_get_thread_num(), ids[1] = {-1};

		n = 1;
		omp_get_place_proc_ids(omp_get_place_num(), ids);
		if (omp_get_place_num() != me || omp_get_place_num_procs(me) != 1)
#pragma omp atomic write
			bad_place = me;
		else if (sched_getcpu() != ids[0])
#pragma omp atomic write
			bad_cpu = me;
	}
	if (n != places)
		fail("team size", n, places);
	if (bad_place >= 0)
		fail("thread in place (thread number)", bad_place, -1);
	if (bad_cpu >= 0)
		fail("thread on the CPU of its place (thread number)", bad_cpu, -1);
}

static void spread(void)
{
	int procs = omp_get_num_procs();
	unsigned long seen = 0;
	int clash = 0;

	if (omp_get_proc_bind() != omp_proc_bind_spread)
		fail("omp_get_proc_bind (spread = 4)", omp_get_proc_bind(), omp_proc_bind_spread);
#pragma omp parallel num_threads(procs)
	{
		unsigned long bit = 1UL << (sched_getcpu() & 63);

#pragma omp critical
		{
			clash |= (seen & bit) != 0;
			seen |= bit;
		}
	}
	if (clash)
		fail("two threads of a spread team on one CPU", 1, 0);
}

static void stack(long bytes)
{
	long use = bytes - 64 * 1024;
	long sums[2] = {0, 0};

#pragma omp parallel num_threads(2)
	if (omp_get_thread_num() == 1) {
		volatile char *p = alloca(use);
		long i, s = 0;

		for (i = 0; i < use; i += 4096)
			p[i] = (char)i;
		for (i = 0; i < use; i += 4096)
			s += p[i] == (char)i;
		sums[1] = s;
	}
	if (sums[1] != (use + 4095) / 4096)
		fail("stack pages written and read back", sums[1], (use + 4095) / 4096);
}

int main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "threads") == 0 && i + 1 < argc)
			threads(atoi(argv[++i]));
		else if (strcmp(argv[i], "bind") == 0)
			bind();
		else if (strcmp(argv[i], "spread") == 0)
			spread();
		else if (strcmp(argv[i], "stack") == 0 && i + 1 < argc)
			stack(atol(argv[++i]));
		else {
			printf("omp_env: bad check '%s'\n", argv[i]);
			return 2;
		}
	}
	if (failures)
		return 1;
	printf("omp_env: ok\n");
	return 0;
}
