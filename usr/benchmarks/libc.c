/* SPDX-License-Identifier: BSD-3-Clause */
/* The C library's costs, same source on Linux and HermitCore: libm per call (small and large
 * arguments), string functions by size, stdio loops on a host file, fread in 1 MiB chunks,
 * small malloc/free, malloc from 1 and 2 threads, and STREAM on malloc'd arrays.
 * usage: libc DIR [ms] [stream_mib]: DIR for a scratch file, ms per measurement (default
 * 40), array size for STREAM in MiB (default 64). Prints "name value unit" lines. */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench_tsc.h"

#define NARGS 4096

static double per_ns, budget_ns = 40e6;
static double args[NARGS], args2[NARGS];
static float fargs[NARGS], fargs2[NARGS];
static volatile double sink;

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static double uniform(double lo, double hi)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return lo + (hi - lo) * (double)(rng >> 11) / 9007199254740992.0;
}

/* Runs body over the arguments until the time budget is spent; ns per call. */
#define TIMED_LOOP(ns_per_call, body)                                                              \
	do {                                                                                       \
		uint64_t t0_ = rdtsc(), t_;                                                        \
		unsigned long calls_ = 0;                                                          \
		do {                                                                               \
			for (int i = 0; i < NARGS; i++) {                                          \
				body;                                                              \
			}                                                                          \
			calls_ += NARGS;                                                           \
		} while ((t_ = rdtsc_fenced() - t0_) < budget_ns * per_ns);                        \
		ns_per_call = (double)t_ / per_ns / (double)calls_;                                \
	} while (0)

struct dfn {
	const char *name;
	double (*f1)(double);
	double (*f2)(double, double);
	float (*g1)(float);
	float (*g2)(float, float);
	double lo, hi;
};

static const struct dfn fns[] = {
    {"sin", sin, NULL, NULL, NULL, 0, 10},          {"cos", cos, NULL, NULL, NULL, 0, 10},
    {"tan", tan, NULL, NULL, NULL, 0, 10},          {"sin_large", sin, NULL, NULL, NULL, 1e6, 2e7},
    {"cos_large", cos, NULL, NULL, NULL, 1e6, 2e7}, {"tan_large", tan, NULL, NULL, NULL, 1e6, 2e7},
    {"exp", exp, NULL, NULL, NULL, -700, 700},      {"exp2", exp2, NULL, NULL, NULL, -1000, 1000},
    {"log", log, NULL, NULL, NULL, 1e-3, 1e6},      {"log2", log2, NULL, NULL, NULL, 1e-3, 1e6},
    {"log10", log10, NULL, NULL, NULL, 1e-3, 1e6},  {"pow", NULL, pow, NULL, NULL, 0.1, 10},
    {"atan", atan, NULL, NULL, NULL, -10, 10},      {"atan2", NULL, atan2, NULL, NULL, -10, 10},
    {"sinh", sinh, NULL, NULL, NULL, -10, 10},      {"tanh", tanh, NULL, NULL, NULL, -10, 10},
    {"erf", erf, NULL, NULL, NULL, -4, 4},          {"cbrt", cbrt, NULL, NULL, NULL, -1e6, 1e6},
    {"sinf", NULL, NULL, sinf, NULL, 0, 10},        {"cosf", NULL, NULL, cosf, NULL, 0, 10},
    {"expf", NULL, NULL, expf, NULL, -80, 80},      {"logf", NULL, NULL, logf, NULL, 1e-3, 1e6},
    {"powf", NULL, NULL, NULL, powf, 0.1, 10},
};

static void bench_libm(void)
{
	char name[48];

	for (size_t k = 0; k < sizeof(fns) / sizeof(fns[0]); k++) {
		const struct dfn *f = &fns[k];
		double ns, acc = 0;
		float facc = 0;

		for (int i = 0; i < NARGS; i++) {
			args[i] = uniform(f->lo, f->hi);
			args2[i] = f->f2 == pow || f->g2 ? uniform(-20, 20) : uniform(f->lo, f->hi);
			fargs[i] = (float)args[i];
			fargs2[i] = (float)args2[i];
		}
		if (f->f1)
			TIMED_LOOP(ns, acc += f->f1(args[i]));
		else if (f->f2)
			TIMED_LOOP(ns, acc += f->f2(args[i], args2[i]));
		else if (f->g1)
			TIMED_LOOP(ns, facc += f->g1(fargs[i]));
		else
			TIMED_LOOP(ns, facc += f->g2(fargs[i], fargs2[i]));
		sink = acc + facc;
		snprintf(name, sizeof(name), "libm_%s", f->name);
		result(name, ns, "ns");
	}
}

/* GB/s of a string function at one size, in cache (the same buffers over and over). */
static double string_rate(int fn, size_t size, unsigned char *a, unsigned char *b)
{
	uint64_t t0 = rdtsc(), t;
	unsigned long n = 0;
	size_t r = 0;

	memset(a, 'x', size + 64);
	memset(b, 'x', size + 64);
	a[size] = b[size] = 0;
	do {
		for (int i = 0; i < 64; i++) {
			switch (fn) {
			case 0:
				memcpy(b, a, size);
				break;
			case 1:
				memmove(b + 1, b, size);
				break;
			case 2:
				memset(b, i, size);
				break;
			case 3:
				r += (size_t)memcmp(a, b, size);
				break;
			case 4:
				r += strlen((char *)a);
				break;
			case 5:
				r += (size_t)(strchr((char *)a, 'y') != NULL);
				break;
			case 6:
				r += (size_t)strcmp((char *)a, (char *)b);
				break;
			default:
				strcpy((char *)b, (char *)a);
			}
			__asm__ volatile("" ::: "memory");
		}
		n += 64;
	} while ((t = rdtsc_fenced() - t0) < budget_ns / 4 * per_ns);
	sink = (double)r;
	return (double)size * (double)n / ((double)t / per_ns);
}

static void bench_string(void)
{
	static const char *const names[] = {"memcpy", "memmove", "memset", "memcmp",
	                                    "strlen", "strchr",  "strcmp", "strcpy"};
	static const size_t sizes[] = {16, 64, 4096, 65536};
	unsigned char *a = aligned_alloc(64, 65536 + 128), *b = aligned_alloc(64, 65536 + 128);
	char name[48];

	if (!a || !b)
		return;
	for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
			snprintf(name, sizeof(name), "%s_%zu", names[k], sizes[s]);
			result(name, string_rate((int)k, sizes[s], a, b), "GB/s");
		}
	}
	free(a);
	free(b);
}

/* fprintf then fscanf of `lines` lines, and fwrite/fread of a file in 1 MiB chunks. */
static void bench_stdio(const char *dir, long lines, long mib)
{
	char path[512];
	size_t chunk = 1 << 20;
	char *buf = malloc(chunk);
	uint64_t t0;
	FILE *f;
	long i, n, sum = 0;
	double d;

	snprintf(path, sizeof(path), "%s/hermit-libc-bench.%ld", dir, (long)getpid());
	if (!buf || !(f = fopen(path, "w")))
		goto out;
	t0 = rdtsc();
	for (i = 0; i < lines; i++)
		fprintf(f, "%ld %.6f\n", i, i * 0.5);
	fclose(f);
	result("stdio_fprintf_line", (double)(rdtsc_fenced() - t0) / per_ns / lines, "ns");
	if (!(f = fopen(path, "r")))
		goto out;
	t0 = rdtsc();
	while (fscanf(f, "%ld %lf", &n, &d) == 2)
		sum += n;
	fclose(f);
	result("stdio_fscanf_line", (double)(rdtsc_fenced() - t0) / per_ns / lines, "ns");
	sink = (double)sum;
	if (!(f = fopen(path, "w")))
		goto out;
	memset(buf, 'z', chunk);
	for (i = 0; i < mib; i++)
		fwrite(buf, 1, chunk, f);
	fclose(f);
	if (!(f = fopen(path, "r")))
		goto out;
	t0 = rdtsc();
	for (i = 0; fread(buf, 1, chunk, f) == chunk; i++)
		;
	fclose(f);
	result("stdio_fread_1MiB",
	       (double)i * chunk / ((double)(rdtsc_fenced() - t0) / per_ns) * 1e3, "MB/s");
out:
	unlink(path);
	free(buf);
}

static void bench_malloc_small(void)
{
	static void *held[64];
	double ns;

	for (int i = 0; i < 64; i++)
		held[i] = malloc(16 + (size_t)i * 8);
	TIMED_LOOP(ns, {
		int s = i & 63;
		free(held[s]);
		held[s] = malloc(16 + (size_t)((i * 7) & 511));
	});
	for (int i = 0; i < 64; i++)
		free(held[i]);
	result("malloc_free_small", ns, "ns");
}

struct mt_arg {
	int index;
	pthread_barrier_t *start;
	double ops_per_us;
};

static int cpus[2] = {-1, -1}, ncpus; /* the first two allowed at the start */

static int pin_self(int index)
{
	int cpu = cpus[index];
	cpu_set_t set;

	if (cpu < 0)
		return -1;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return pthread_setaffinity_np(pthread_self(), sizeof(set), &set) ? -1 : 0;
}

static void *malloc_worker(void *p)
{
	struct mt_arg *a = p;
	void *held[64] = {0};
	uint64_t x = 88172645463325252ULL * (uint64_t)(a->index + 1), t0, t;
	unsigned long ops = 0;

	pin_self(a->index);
	pthread_barrier_wait(a->start);
	t0 = rdtsc();
	do {
		for (int i = 0; i < 1024; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			free(held[x & 63]);
			held[x & 63] = malloc(16 + (x >> 20) % 1024);
		}
		ops += 1024;
	} while ((t = rdtsc_fenced() - t0) < budget_ns * per_ns);
	for (int i = 0; i < 64; i++)
		free(held[i]);
	a->ops_per_us = (double)ops / ((double)t / per_ns / 1e3);
	return NULL;
}

static double malloc_threads(int n)
{
	pthread_t t[2];
	struct mt_arg a[2];
	pthread_barrier_t start;
	double total = 0;

	pthread_barrier_init(&start, NULL, (unsigned)n);
	for (int i = 0; i < n; i++) {
		a[i] = (struct mt_arg){.index = i, .start = &start};
		pthread_create(&t[i], NULL, malloc_worker, &a[i]);
	}
	for (int i = 0; i < n; i++) {
		pthread_join(t[i], NULL);
		total += a[i].ops_per_us;
	}
	pthread_barrier_destroy(&start);
	return total;
}

static void bench_malloc_mt(void)
{
	double one = malloc_threads(1), two;

	result("malloc_mt_1thread", one, "Mops/s");
	if (ncpus < 2)
		return;
	two = malloc_threads(2);
	result("malloc_mt_2threads", two, "Mops/s");
	result("malloc_mt_scaling", two / one, "x");
}

/* STREAM copy, add and triad on three arrays from plain malloc (best of 3 runs). */
static void bench_stream(long mib)
{
	size_t n = (size_t)mib << 17; /* doubles */
	double *a = malloc(n * sizeof(double)), *b = malloc(n * sizeof(double)),
	       *c = malloc(n * sizeof(double));
	double best[3] = {0};
	static const char *const names[] = {"stream_malloc_copy", "stream_malloc_add",
	                                    "stream_malloc_triad"};
	static const double bytes[] = {16, 24, 24};

	if (!a || !b || !c) {
		fprintf(stderr, "libc: STREAM arrays of %ld MiB: no memory\n", mib);
		goto out;
	}
	for (size_t j = 0; j < n; j++) {
		a[j] = 1;
		b[j] = 2;
		c[j] = 0;
	}
	for (int rep = 0; rep < 3; rep++) {
		for (int k = 0; k < 3; k++) {
			uint64_t t0 = rdtsc();
			double gbs;

			if (k == 0)
				for (size_t j = 0; j < n; j++)
					c[j] = a[j];
			else if (k == 1)
				for (size_t j = 0; j < n; j++)
					c[j] = a[j] + b[j];
			else
				for (size_t j = 0; j < n; j++)
					a[j] = b[j] + 3.0 * c[j];
			gbs = bytes[k] * (double)n / ((double)(rdtsc_fenced() - t0) / per_ns);
			if (gbs > best[k])
				best[k] = gbs;
		}
	}
	for (int k = 0; k < 3; k++)
		result(names[k], best[k], "GB/s");
	sink = a[n / 2] + c[n / 3];
out:
	free(a);
	free(b);
	free(c);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "/tmp";
	double ms = argc > 2 ? atof(argv[2]) : 40;
	long mib = argc > 3 ? atol(argv[3]) : 64;

	if (ms <= 0 || mib <= 0) {
		fprintf(stderr, "usage: libc DIR [ms] [stream_mib]\n");
		return 2;
	}
	budget_ns = ms * 1e6;
	cpus[0] = allowed_cpu(0, &ncpus);
	cpus[1] = allowed_cpu(1, &ncpus);
	pin_self(0);
	per_ns = tsc_per_ns(20);
	bench_libm();
	bench_string();
	bench_stdio(dir, (long)(ms * 2500), mib);
	bench_malloc_small();
	bench_malloc_mt();
	bench_stream(mib);
	return 0;
}
