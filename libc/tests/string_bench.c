/* SPDX-License-Identifier: BSD-3-Clause */
/* Time of libc/string's functions (renamed h_*) against glibc's. */
/*
 * A host process on one core: both called through volatile function pointers so that
 * neither gets inlined; in-cache buffers; ours and glibc's runs alternate, best of RUNS
 * each (so that load from other processes slows both alike); ratio = ours / glibc (time).
 * glibc's pointers are its resolved IFUNC targets (no PLT); ours are what the dispatch
 * selected, likewise, unless "stub" is given: then our public names, the stubs that jump
 * through the selection (one indirect jump more, ~0.3 ns a call on this host; a dynamically
 * linked Linux program pays the same through the PLT).
 * usage: string_bench [stub] [NAME...]   only the rows of the functions named (default: all)
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

extern int h___hermit_string_avx2, h___hermit_string_erms;
void *h_memcpy(void *, const void *, size_t);
void *h_memmove(void *, const void *, size_t);
void *h_memset(void *, int, size_t);
int h_memcmp(const void *, const void *, size_t);
size_t h_strlen(const char *);
size_t h_strnlen(const char *, size_t);
char *h_strchr(const char *, int);
int h_strcmp(const char *, const char *);
int h_strncmp(const char *, const char *, size_t);
char *h_strcpy(char *, const char *);
extern void *h___hermit_string_ptr_memcpy, *h___hermit_string_ptr_memmove,
    *h___hermit_string_ptr_memset, *h___hermit_string_ptr_memcmp, *h___hermit_string_ptr_strlen,
    *h___hermit_string_ptr_strnlen, *h___hermit_string_ptr_strchr, *h___hermit_string_ptr_strcmp,
    *h___hermit_string_ptr_strncmp, *h___hermit_string_ptr_strcpy;
static int stub;
/* ours: the stub or the selected function */
#define OURS(name) (stub ? h_##name : (__typeof__(&h_##name))h___hermit_string_ptr_##name)

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e9 + t.tv_nsec;
}

static unsigned char *A, *B;
static volatile long sink;

#define RUNS 21

enum op { MEMCPY, MEMMOVE, MEMSET, MEMCMP, STRLEN, STRNLEN, STRCHR, STRCMP, STRNCMP, STRCPY };
static const char *const names[] = {"memcpy",  "memmove", "memset", "memcmp",  "strlen",
                                    "strnlen", "strchr",  "strcmp", "strncmp", "strcpy"};

/* ns per call of ours or glibc's op on n bytes, one pass. */
static double run_once(enum op op, int ours, size_t n)
{
	void *(*volatile cpy)(void *, const void *, size_t) = ours ? OURS(memcpy) : memcpy;
	void *(*volatile mov)(void *, const void *, size_t) = ours ? OURS(memmove) : memmove;
	void *(*volatile set)(void *, int, size_t) = ours ? OURS(memset) : memset;
	int (*volatile cmp)(const void *, const void *, size_t) = ours ? OURS(memcmp) : memcmp;
	size_t (*volatile len)(const char *) = ours ? OURS(strlen) : strlen;
	size_t (*volatile nlen)(const char *, size_t) = ours ? OURS(strnlen) : strnlen;
	char *(*volatile chr)(const char *, int) = ours ? OURS(strchr) : strchr;
	int (*volatile scmp)(const char *, const char *) = ours ? OURS(strcmp) : strcmp;
	int (*volatile sncmp)(const char *, const char *, size_t) = ours ? OURS(strncmp) : strncmp;
	char *(*volatile scpy)(char *, const char *) = ours ? OURS(strcpy) : strcpy;
	size_t reps = 2000000 / (n + 16) + 10;
	long acc = 0;
	double t0 = now();
	for (size_t i = 0; i < reps; i++) {
		switch (op) {
		case MEMCPY:
			acc += (long)cpy(B, A, n);
			break;
		case MEMMOVE:
			acc += (long)mov(A + 1, A, n);
			break;
		case MEMSET:
			acc += (long)set(B, (int)i, n);
			break;
		case MEMCMP:
			acc += cmp(A, B, n);
			break;
		case STRLEN:
			acc += (long)len((const char *)A);
			break;
		case STRNLEN: /* the limit past the terminator: the whole string is scanned */
			acc += (long)nlen((const char *)A, n + 64);
			break;
		case STRCHR:
			acc += (long)chr((const char *)A, 'z');
			break;
		case STRCMP:
			acc += scmp((const char *)A, (const char *)B);
			break;
		case STRNCMP:
			acc += sncmp((const char *)A, (const char *)B, n + 64);
			break;
		case STRCPY:
			acc += (long)scpy((char *)B, (const char *)A);
			break;
		}
	}
	double t = (now() - t0) / (double)reps;
	sink = acc;
	return t;
}

/* Best of RUNS for each, ours and glibc's alternating, so that both see the same load. */
static void run(enum op op, size_t n, double *to, double *tg)
{
	*to = *tg = 1e300;
	for (int r = 0; r < RUNS; r++) {
		double t = run_once(op, 1, n);
		if (t < *to)
			*to = t;
		t = run_once(op, 0, n);
		if (t < *tg)
			*tg = t;
	}
}

static int wanted(const char *name, int argc, char **argv)
{
	int any = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "stub"))
			continue;
		any = 1;
		if (!strcmp(argv[i], name))
			return 1;
	}
	return !any;
}

int main(int argc, char **argv)
{
	stub = argc > 1 && !strcmp(argv[1], "stub");
	size_t max = 1 << 20;
	A = aligned_alloc(4096, max + 4096);
	B = aligned_alloc(4096, max + 4096);
	printf("libc/string (%s%s%s) vs glibc: ns per call, host process, in-cache buffers\n",
	       h___hermit_string_avx2 ? "AVX2" : "SSE2", h___hermit_string_erms ? ", ERMS" : "",
	       stub ? ", through the stubs" : "");
	printf("%-8s %8s %10s %10s %7s\n", "fn", "bytes", "ours", "glibc", "ratio");
	static const size_t sizes[] = {8, 16, 32, 64, 128, 256, 1024, 4096, 16384, 65536, 1 << 20};
	for (int op = MEMCPY; op <= STRCPY; op++) {
		if (!wanted(names[op], argc, argv))
			continue;
		for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
			size_t n = sizes[k];
			memset(A, 'a', max + 4096);
			memset(B, 'a', max + 4096);
			if (op >= STRLEN) {
				A[n] = 0;
				B[n] = 0;
			}
			double o, g;
			run((enum op)op, n, &o, &g);
			printf("%-8s %8zu %10.2f %10.2f %7.2f\n", names[op], n, o, g, o / g);
		}
	}
	return 0;
}
