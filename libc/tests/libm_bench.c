/* SPDX-License-Identifier: BSD-3-Clause */
/* Time per call of HermitCore's libm (musl, symbols musl_*) and glibc's, in one host process. */
/*
 * Same core, same arguments, both called through a function pointer (glibc's as dlsym
 * gives it, after its own IFUNC selection; musl's through its dispatch stub). Each row:
 * ns per call over 4096 arguments in the given range, best of 15 runs (musl's and glibc's
 * alternating, so that a loaded machine slows both alike), and the ratio musl/glibc. A
 * HermitCore image runs the same object code, so these are its costs without the (TCG)
 * emulation of this session's nested QEMU.
 *
 * usage: libm_bench [NAME...]   only the rows of the functions named (default: all)
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define NARGS 4096
#define RUNS  15

extern int musl___hermit_libm_fma;

struct row {
	const char *name;
	int is_float, two;
	double lo, hi;
};

static const struct row rows[] = {
    {"sin", 0, 0, 0, 10},       {"cos", 0, 0, 0, 10},        {"tan", 0, 0, 0, 10},
    {"sin", 0, 0, 1e6, 2e7},    {"cos", 0, 0, 1e6, 2e7},     {"tan", 0, 0, 1e6, 2e7},
    {"exp", 0, 0, -700, 700},   {"exp2", 0, 0, -1000, 1000}, {"log", 0, 0, 1e-3, 1e6},
    {"log2", 0, 0, 1e-3, 1e6},  {"log10", 0, 0, 1e-3, 1e6},  {"pow", 0, 1, 0.1, 10},
    {"atan", 0, 0, -10, 10},    {"atan2", 0, 1, -10, 10},    {"sinh", 0, 0, -10, 10},
    {"tanh", 0, 0, -10, 10},    {"erf", 0, 0, -4, 4},        {"cbrt", 0, 0, -1e3, 1e3},
    {"asin", 0, 0, -1, 1},      {"expm1", 0, 0, -5, 5},      {"log1p", 0, 0, -0.5, 10},
    {"hypot", 0, 1, -1e3, 1e3}, {"sinf", 1, 0, 0, 10},       {"cosf", 1, 0, 0, 10},
    {"tanf", 1, 0, 0, 10},      {"expf", 1, 0, -80, 80},     {"logf", 1, 0, 1e-3, 1e6},
    {"powf", 1, 1, 0.1, 10},    {"exp2f", 1, 0, -100, 100},  {"log2f", 1, 0, 1e-3, 1e6},
    {"atanf", 1, 0, -10, 10},   {"tanhf", 1, 0, -10, 10},    {"erff", 1, 0, -4, 4},
};

static double xd[NARGS], yd[NARGS];
static float xf[NARGS], yf[NARGS];
static volatile double sink;

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e9 + t.tv_nsec;
}

/* ns per call of fn over the arguments, one pass of 16 repetitions. */
static double time_once(const struct row *r, void *fn)
{
	double acc = 0, t0 = now();
	for (int rep = 0; rep < 16; rep++) {
		if (r->is_float && r->two)
			for (int i = 0; i < NARGS; i++)
				acc += ((float (*)(float, float))fn)(xf[i], yf[i]);
		else if (r->is_float)
			for (int i = 0; i < NARGS; i++)
				acc += ((float (*)(float))fn)(xf[i]);
		else if (r->two)
			for (int i = 0; i < NARGS; i++)
				acc += ((double (*)(double, double))fn)(xd[i], yd[i]);
		else
			for (int i = 0; i < NARGS; i++)
				acc += ((double (*)(double))fn)(xd[i]);
	}
	sink = acc;
	return (now() - t0) / (16.0 * NARGS);
}

/* Best of RUNS for each, the two alternating, so that both see the same load. */
static void time_pair(const struct row *r, void *m, void *g, double *tm, double *tg)
{
	*tm = *tg = 1e300;
	for (int run = 0; run < RUNS; run++) {
		double t = time_once(r, m);
		if (t < *tm)
			*tm = t;
		t = time_once(r, g);
		if (t < *tg)
			*tg = t;
	}
}

static int wanted(const char *name, int argc, char **argv)
{
	if (argc < 2)
		return 1;
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	void *lm = dlopen("libm.so.6", RTLD_NOW | RTLD_LOCAL);
	void *self = dlopen(NULL, RTLD_NOW);
	if (!lm || !self) {
		fprintf(stderr, "libm_bench: dlopen: %s\n", dlerror());
		return 2;
	}
	printf("libm (musl 1.2.3, %s) vs glibc: ns per call, host process\n",
	       musl___hermit_libm_fma ? "FMA/AVX2 versions selected" : "plain x86-64 versions");
	printf("%-7s %-12s %8s %8s %7s\n", "fn", "range", "musl", "glibc", "ratio");
	uint64_t s = 12345;
	for (size_t k = 0; k < sizeof(rows) / sizeof(rows[0]); k++) {
		const struct row *r = &rows[k];
		for (int i = 0; i < NARGS; i++) {
			s = s * 6364136223846793005ull + 1442695040888963407ull;
			double u = (double)(s >> 11) * 0x1p-53;
			s = s * 6364136223846793005ull + 1442695040888963407ull;
			double v = (double)(s >> 11) * 0x1p-53;
			xd[i] = r->lo + u * (r->hi - r->lo);
			yd[i] = r->name[0] == 'p' ? -20 + v * 40 : r->lo + v * (r->hi - r->lo);
			xf[i] = (float)xd[i];
			yf[i] = (float)yd[i];
		}
		if (!wanted(r->name, argc, argv))
			continue; /* after drawing its arguments: the other rows keep theirs */
		char mname[32];
		snprintf(mname, sizeof(mname), "musl_%s", r->name);
		void *m = dlsym(self, mname), *g = dlsym(lm, r->name);
		if (!m || !g) {
			fprintf(stderr, "libm_bench: %s missing\n", m ? r->name : mname);
			return 2;
		}
		double tm, tg;
		time_pair(r, m, g, &tm, &tg);
		char range[32];
		snprintf(range, sizeof(range), "%g..%g", r->lo, r->hi);
		printf("%-7s %-12s %8.2f %8.2f %7.2f\n", r->name, range, tm, tg, tm / tg);
	}
	return 0;
}
