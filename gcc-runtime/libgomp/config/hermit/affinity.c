/* SPDX-License-Identifier: BSD-3-Clause */
/* Thread affinity and OMP_PLACES for HermitCore: config/linux/affinity.c (places as CPU
 * sets, threads bound with pthread_attr_setaffinity_np), except for the topology of the
 * abstract places. Linux reads it from /sys, which here would be the host's files (file
 * I/O is forwarded) and would describe host cores, not the image's CPUs. An image's CPUs
 * are plain cores: one hardware thread each, all in one socket, one last-level cache and
 * one NUMA domain (uhyve and an isle take them from one node). So threads and cores give
 * one place per CPU; sockets, ll_caches and numa_domains one place with all of them. */
#define _GNU_SOURCE 1
#include "libgomp.h"
/* Linux's two functions that read /sys become unused static functions (dropped). */
#include <stdio.h>
ssize_t getline(char **, size_t *, FILE *); /* newlib's, declared only for POSIX 2008 */
static void gomp_init_affinity_linux(void) __attribute__((unused));
static bool gomp_affinity_init_level_sysfs(int, unsigned long, bool) __attribute__((unused));
#define gomp_init_affinity       gomp_init_affinity_linux
#define gomp_affinity_init_level gomp_affinity_init_level_sysfs
#include "../linux/affinity.c"
#undef gomp_init_affinity
#undef gomp_affinity_init_level

/* As Linux's: the default places are the threads; the initial thread goes to the first. */
void gomp_init_affinity(void)
{
	struct gomp_thread *thr;

	if (gomp_places_list == NULL && !gomp_affinity_init_level(1, ULONG_MAX, true))
		return;
	thr = gomp_thread();
	pthread_setaffinity_np(pthread_self(), gomp_cpuset_size, (cpu_set_t *)gomp_places_list[0]);
	thr->place = 1;
	thr->ts.place_partition_off = 0;
	thr->ts.place_partition_len = gomp_places_list_len;
}

bool gomp_affinity_init_level(int level, unsigned long count, bool quiet)
{
	unsigned long i, max = 8 * gomp_cpuset_size;
	bool one_place = level >= 3;

	if (gomp_cpusetp) {
		unsigned long maxcount = gomp_cpuset_popcount(gomp_cpuset_size, gomp_cpusetp);

		if (count > maxcount)
			count = maxcount;
	}
	if (one_place)
		count = 1;
	gomp_places_list = gomp_affinity_alloc(count, quiet);
	gomp_places_list_len = 0;
	if (gomp_places_list == NULL)
		return false;
	for (i = 0; i < max; i++) {
		if (!CPU_ISSET_S(i, gomp_cpuset_size, gomp_cpusetp))
			continue;
		if (!one_place || gomp_places_list_len == 0) {
			if (gomp_places_list_len == count)
				break;
			gomp_affinity_init_place(gomp_places_list[gomp_places_list_len++]);
		}
		gomp_affinity_add_cpus(gomp_places_list[gomp_places_list_len - 1], i, 1, 0, true);
	}
	if (gomp_places_list_len == 0) {
		if (!quiet)
			gomp_error("Error reading core/socket topology");
		free(gomp_places_list);
		gomp_places_list = NULL;
		return false;
	}
	return true;
}
