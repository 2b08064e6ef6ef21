/* SPDX-License-Identifier: BSD-3-Clause */
/* STREAM bandwidth (copy, scale, add, triad) with one thread and with one per allowed CPU,
 * after STREAM's rules: each array at least 4x the last-level cache (sysfs, else cpuid),
 * pages first touched before timing, best of all but the first of `times` runs, the copy
 * loop compiled as a loop (the Makefile forbids its replacement by memcpy).
 * Arrays are 2 MiB-aligned; Linux gets transparent huge pages by madvise where it has it.
 * usage: stream [times] [threads] [min_array_mib] | stream llc (the cache size only); prints "name
 * value unit" lines. */
#include <cpuid.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if __has_include(<sys/mman.h>)
#include <sys/mman.h>
#endif
#include <unistd.h>

#include "bench_tsc.h"

#define DEFAULT_TIMES 10
#define MAX_THREADS   64
#define SCALAR        3.0

static double *a, *b, *c;
static long elements;
static int times, threads;
static pthread_barrier_t barrier;
static uint64_t best_ns[4];

/* Largest cache level in /sys/devices/system/cpu/cpu0/cache (Linux's, or the host's through
 * HermitCore's forwarded file I/O), in bytes; 0 if not readable. */
static unsigned long llc_sysfs(void)
{
	unsigned long best = 0;
	char path[96], unit;
	int i, level, best_level = 0;
	unsigned long size;
	FILE *f;

	for (i = 0; i < 16; i++) {
		snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu0/cache/index%d/level", i);
		f = fopen(path, "r");
		if (!f)
			break;
		if (fscanf(f, "%d", &level) != 1)
			level = 0;
		fclose(f);
		snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu0/cache/index%d/size", i);
		f = fopen(path, "r");
		if (!f)
			break;
		unit = 'K';
		if (fscanf(f, "%lu%c", &size, &unit) < 1)
			size = 0;
		fclose(f);
		size <<= unit == 'M' ? 20 : unit == 'K' ? 10 : 0;
		if (level > best_level || (level == best_level && size > best))
			best_level = level, best = size;
	}
	return best;
}

/* Largest cache from cpuid's deterministic cache parameters (leaf 4 on Intel, 0x8000001d on
 * AMD), else AMD's L3 descriptor 0x80000006; bytes, 0 if none. */
static unsigned long llc_cpuid(void)
{
	unsigned eax, ebx, ecx, edx, leaf = 4, max_ext, i;
	unsigned long best = 0, size;

	__cpuid(0x80000000, max_ext, ebx, ecx, edx);
	__cpuid(0, eax, ebx, ecx, edx);
	if (ebx != 0x756e6547 /* "Genu" */ && max_ext >= 0x8000001d)
		leaf = 0x8000001d;
	for (i = 0; i < 16; i++) {
		__cpuid_count(leaf, i, eax, ebx, ecx, edx);
		if ((eax & 0x1f) == 0)
			break;
		size = (unsigned long)((ebx >> 22) + 1) * (((ebx >> 12) & 0x3ff) + 1) *
		       ((ebx & 0xfff) + 1) * ((unsigned long)ecx + 1);
		if (size > best)
			best = size;
	}
	if (!best && max_ext >= 0x80000006) {
		__cpuid(0x80000006, eax, ebx, ecx, edx);
		best = (unsigned long)(edx >> 18) * 512 * 1024;
		if (!best)
			best = (unsigned long)(ecx >> 16) * 1024;
	}
	return best;
}

/* 2 MiB-aligned arrays; on Linux with transparent huge pages asked for, as HermitCore maps
 * all of its RAM with 2 MiB pages (uhyve backs it with huge pages too). */
static double *alloc_array(long n)
{
	size_t bytes = ((size_t)n * sizeof(double) + (2UL << 20) - 1) & ~((2UL << 20) - 1);
	double *p = aligned_alloc(2UL << 20, bytes);

#ifdef MADV_HUGEPAGE
	if (p)
		madvise(p, bytes, MADV_HUGEPAGE);
#endif
	return p;
}

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

static void pin(long index)
{
	int n, cpu = allowed_cpu((int)index, &n);
	cpu_set_t set;

	if (cpu < 0)
		return;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
}

/* Each thread owns a slice; thread 0 times the span between two barriers. */
static void *worker(void *arg)
{
	long index = (long)arg;
	long first = elements * index / threads, end = elements * (index + 1) / threads;
	uint64_t t0, dt;
	int t, k;

	pin(index);
	for (t = 0; t < times; t++) {
		for (k = 0; k < 4; k++) {
			pthread_barrier_wait(&barrier);
			t0 = monotonic_ns();
			run_kernel(k, first, end);
			pthread_barrier_wait(&barrier);
			dt = monotonic_ns() - t0;
			if (index == 0 && t > 0 && (best_ns[k] == 0 || dt < best_ns[k]))
				best_ns[k] = dt;
		}
	}
	return NULL;
}

static int run(int n)
{
	static const char *const names[4] = {"copy", "scale", "add", "triad"};
	static const int arrays[4] = {2, 2, 3, 3};
	pthread_t t[MAX_THREADS];
	char name[32];
	long i;
	int k;

	threads = n;
	memset(best_ns, 0, sizeof(best_ns));
	if (pthread_barrier_init(&barrier, NULL, (unsigned)n))
		return -1;
	for (i = 1; i < n; i++)
		if (pthread_create(&t[i], NULL, worker, (void *)i))
			return -1;
	worker((void *)0);
	for (i = 1; i < n; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&barrier);
	for (k = 0; k < 4; k++) {
		double bytes = (double)arrays[k] * sizeof(double) * (double)elements;

		snprintf(name, sizeof(name), "%s_%dt", names[k], n);
		result(name, bytes / (double)best_ns[k] * 1e3, "MB/s");
	}
	return 0;
}

int main(int argc, char **argv)
{
	int cpus = allowed_cpus(), want, only_llc = 0;
	unsigned long llc = llc_sysfs(), from_sysfs = llc != 0, min_mib;
	long j;

	if (argc > 1 && !strcmp(argv[1], "llc"))
		only_llc = 1;
	times = only_llc ? DEFAULT_TIMES : argc > 1 ? atoi(argv[1]) : DEFAULT_TIMES;
	want = argc > 2 ? atoi(argv[2]) : cpus;
	min_mib = argc > 3 ? strtoul(argv[3], NULL, 0) : 0;
	if (times < 2 || want < 1 || want > MAX_THREADS) {
		fprintf(stderr, "usage: stream [times >= 2] [threads 1..%d] [min_array_mib]\n",
		        MAX_THREADS);
		return 2;
	}
	if (!llc)
		llc = llc_cpuid();
	if (!llc) {
		fprintf(stderr, "stream: no cache size in sysfs or cpuid; assuming 32 MiB\n");
		llc = 32UL << 20;
	}
	if (only_llc) {
		result("llc_size", (double)llc / 1024.0, "KiB");
		result("llc_from_sysfs", (double)from_sysfs, "bool");
		return 0;
	}
	elements = (long)(4 * llc / sizeof(double));
	if (elements < (long)(min_mib << 20) / (long)sizeof(double))
		elements = (long)(min_mib << 20) / (long)sizeof(double);
	a = alloc_array(elements);
	b = alloc_array(elements);
	c = alloc_array(elements);
	if (!a || !b || !c) {
		fprintf(stderr, "stream: malloc of 3 x %ld doubles failed\n", elements);
		return 1;
	}
	for (j = 0; j < elements; j++) { /* first touch, before any timing */
		a[j] = 1.0;
		b[j] = 2.0;
		c[j] = 0.0;
	}
	result("llc_size", (double)llc / 1024.0, "KiB");
	result("llc_from_sysfs", (double)from_sysfs, "bool");
	result("array_size", (double)elements * sizeof(double) / 1048576.0, "MiB");
	if (run(1) || (want > 1 && run(want))) {
		fprintf(stderr, "stream: pthread_barrier_init or pthread_create failed\n");
		return 1;
	}
	return 0;
}
