/* SPDX-License-Identifier: BSD-3-Clause */
/* malloc/malloc.c (compiled for the host, symbols renamed h_*) against glibc's malloc in one
 * Linux process, same core: small malloc/free, and the same churn from 1 and 2 threads. The
 * allocator's page source is Linux mmap here (sys_mmap below). Then STREAM (1 thread) on
 * three arrays from each malloc: where big blocks are placed. usage: malloc_bench [ms] [MiB] */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>

#include <hermit/syscall.h>

void *h_malloc(size_t);
void h_free(void *);

static double budget_ns = 200e6;

int64_t sys_mmap(void *addr, size_t len, int prot, int flags)
{
	size_t extra = flags & HERMIT_MAP_ALIGN_2M ? 2ul << 20 : 0;
	uintptr_t p, a;

	(void)addr;
	(void)prot;
	p = (uintptr_t)mmap(NULL, len + extra, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
	                    -1, 0);
	if ((void *)p == MAP_FAILED)
		return -12;
	a = extra ? (p + extra - 1) & ~(extra - 1) : p;
	if (a > p)
		munmap((void *)p, a - p);
	if (a + len < p + len + extra)
		munmap((void *)(a + len), p + len + extra - (a + len));
	return (int64_t)a;
}

int sys_munmap(void *addr, size_t len)
{
	return munmap(addr, len);
}

void sys_yield(void)
{
	sched_yield();
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

struct arg {
	int cpu, own;
	pthread_barrier_t *start;
	double mops;
};

/* The churn of usr/benchmarks/libc.c: 64 live blocks of 16..1039 bytes, random slots. */
static void *churn(void *p)
{
	struct arg *a = p;
	void *held[64] = {0};
	uint64_t x = 88172645463325252ULL * (uint64_t)(a->cpu + 1);
	unsigned long ops = 0;
	cpu_set_t set;
	double t0, t;

	CPU_ZERO(&set);
	CPU_SET(a->cpu, &set);
	pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
	pthread_barrier_wait(a->start);
	t0 = now_ns();
	do {
		for (int i = 0; i < 1024; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			if (a->own) {
				h_free(held[x & 63]);
				held[x & 63] = h_malloc(16 + (x >> 20) % 1024);
			} else {
				free(held[x & 63]);
				held[x & 63] = malloc(16 + (x >> 20) % 1024);
			}
		}
		ops += 1024;
	} while ((t = now_ns() - t0) < budget_ns);
	for (int i = 0; i < 64; i++)
		a->own ? h_free(held[i]) : free(held[i]);
	a->mops = (double)ops / (t / 1e3);
	return NULL;
}

static double run(int threads, int own)
{
	pthread_barrier_t start;
	pthread_t t[2];
	struct arg a[2];
	double total = 0;

	pthread_barrier_init(&start, NULL, (unsigned)threads);
	for (int i = 0; i < threads; i++) {
		a[i] = (struct arg){.cpu = i, .own = own, .start = &start};
		pthread_create(&t[i], NULL, churn, &a[i]);
	}
	for (int i = 0; i < threads; i++) {
		pthread_join(t[i], NULL);
		total += a[i].mops;
	}
	pthread_barrier_destroy(&start);
	return total;
}

/* Best GB/s of copy, add and triad over 5 runs on arrays of n doubles. */
static void stream(double *a, double *b, double *c, size_t n, double gbs[3])
{
	static const double bytes[] = {16, 24, 24};

	for (size_t j = 0; j < n; j++) {
		a[j] = 1;
		b[j] = 2;
		c[j] = 0;
	}
	gbs[0] = gbs[1] = gbs[2] = 0;
	for (int rep = 0; rep < 5; rep++) {
		for (int k = 0; k < 3; k++) {
			double t0 = now_ns(), r;

			if (k == 0)
				for (size_t j = 0; j < n; j++)
					c[j] = a[j];
			else if (k == 1)
				for (size_t j = 0; j < n; j++)
					c[j] = a[j] + b[j];
			else
				for (size_t j = 0; j < n; j++)
					a[j] = b[j] + 3.0 * c[j];
			__asm__ volatile("" ::: "memory");
			r = bytes[k] * (double)n / (now_ns() - t0);
			if (r > gbs[k])
				gbs[k] = r;
		}
	}
}

static void bench_stream(size_t mib)
{
	static const char *const names[] = {"copy", "add", "triad"};
	size_t n = mib << 17;
	double g[3], h[3];
	double *a = malloc(n * 8), *b = malloc(n * 8), *c = malloc(n * 8);
	double *x = h_malloc(n * 8), *y = h_malloc(n * 8), *z = h_malloc(n * 8);

	if (!a || !b || !c || !x || !y || !z) {
		printf("STREAM: no memory for 6 x %zu MiB\n", mib);
		return;
	}
	stream(a, b, c, n, g);
	stream(x, y, z, n, h);
	printf("STREAM %zu MiB arrays (GB/s)   glibc   malloc.c  ratio   (addresses mod 4 KiB: "
	       "%lu %lu %lu / %lu %lu %lu)\n",
	       mib, (unsigned long)a % 4096, (unsigned long)b % 4096, (unsigned long)c % 4096,
	       (unsigned long)x % 4096, (unsigned long)y % 4096, (unsigned long)z % 4096);
	for (int k = 0; k < 3; k++)
		printf("  %-6s                       %7.2f %9.2f %6.2f\n", names[k], g[k], h[k],
		       h[k] / g[k]);
	free(a);
	free(b);
	free(c);
	h_free(x);
	h_free(y);
	h_free(z);
}

int main(int argc, char **argv)
{
	cpu_set_t set;

	if (argc > 1)
		budget_ns = atof(argv[1]) * 1e6;
	printf("malloc/free churn (Mops/s, higher is better)  glibc   malloc.c  ratio\n");
	for (int threads = 1; threads <= 2; threads++) {
		double g = run(threads, 0), h = run(threads, 1);

		printf("%d thread%s                                     %7.2f %9.2f %6.2f\n",
		       threads, threads > 1 ? "s" : " ", g, h, h / g);
	}
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	sched_setaffinity(0, sizeof(set), &set);
	bench_stream(argc > 2 ? strtoul(argv[2], NULL, 0) : 64);
	return 0;
}
