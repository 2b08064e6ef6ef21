/* SPDX-License-Identifier: BSD-3-Clause */
/* Host test: glue/getopt.c (symbols renamed h_*) against glibc's getopt family: the same
 * results, optarg, optopt, optind and argument permutation (stderr off). */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

extern char *h_optarg;
extern int h_optind, h_opterr, h_optopt;
int h_getopt(int, char *const[], const char *);
int h_getopt_long(int, char *const[], const char *, const struct option *, int *);
int h_getopt_long_only(int, char *const[], const char *, const struct option *, int *);

static const struct option opts[] = {
    {"alpha", no_argument, NULL, 'a'},
    {"beta", required_argument, NULL, 'b'},
    {"gamma", optional_argument, NULL, 'g'},
    {"flag", no_argument, NULL, 0},
    {"flop", no_argument, NULL, 'F'},
    {"bet", no_argument, NULL, 'B'},
    {NULL, 0, NULL, 0},
};

/* Runs one parse; writes its trace into out. mine selects the implementation. */
static void parse(int mine, int mode, const char *os, int n, char **args, char *out, size_t len)
{
	char *argv[24] = {"prog"};
	size_t used = 0;
	int c, idx;

	for (int i = 0; i < n; i++)
		argv[i + 1] = args[i];
	if (mine)
		h_optind = 0, h_opterr = 0;
	else
		optind = 0, opterr = 0;
	for (int step = 0; step < 40; step++) {
		idx = -1;
		if (mine)
			c = mode == 0   ? h_getopt_long(n + 1, argv, os, opts, &idx)
			    : mode == 1 ? h_getopt_long_only(n + 1, argv, os, opts, &idx)
			                : h_getopt(n + 1, argv, os);
		else
			c = mode == 0   ? getopt_long(n + 1, argv, os, opts, &idx)
			    : mode == 1 ? getopt_long_only(n + 1, argv, os, opts, &idx)
			                : getopt(n + 1, argv, os);
		if (c == -1)
			break;
		used +=
		    (size_t)snprintf(out + used, len - used, " %d/%s/%d/%d", c,
		                     (mine ? h_optarg : optarg) ? (mine ? h_optarg : optarg) : "-",
		                     mine ? h_optopt : optopt, idx);
	}
	used += (size_t)snprintf(out + used, len - used, " | %d:", mine ? h_optind : optind);
	for (int i = 1; i <= n; i++)
		used += (size_t)snprintf(out + used, len - used, " %s", argv[i]);
}

static int passed, failed;

static void check(const char *os, int mode, int n, ...)
{
	char *args[20], *copy[20], a[1024], b[1024];
	va_list ap;

	va_start(ap, n);
	for (int i = 0; i < n; i++)
		args[i] = va_arg(ap, char *);
	va_end(ap);
	memcpy(copy, args, sizeof(args));
	parse(0, mode, os, n, args, a, sizeof(a));
	parse(1, mode, os, n, copy, b, sizeof(b));
	if (strcmp(a, b)) {
		printf("FAIL [%s] mode %d\n  glibc:%s\n  ours: %s\n", os, mode, a, b);
		failed++;
	} else {
		passed++;
	}
}

int main(void)
{
	check("ab:g::", 0, 12, "-a", "--beta", "two", "--gam=3", "--gamma", "file", "--fl", "-b5",
	      "--unknown", "-x", "--", "-a");
	check("ab:g::", 0, 5, "x", "-ab", "y", "--alpha=1", "z");
	check("+ab:", 0, 4, "-a", "x", "-b", "y");
	check("-ab:", 0, 4, "-a", "x", "-b", "y");
	check(":ab:", 0, 2, "-a", "-b");
	check("ab:", 0, 2, "-a", "-b");
	check("ab:", 0, 2, "--beta", "--bet");
	check("ab:", 0, 3, "--be", "v", "--f");
	check("ab:", 0, 3, "--alpha", "-", "--flop=x");
	check("ab:", 1, 4, "-alpha", "-b", "q", "-beta=4");
	check("ab:", 1, 3, "-ab", "-zz", "-flag");
	check("abc:", 2, 6, "-abc", "x", "-c", "-a", "op", "-q");
	check("ab:", 0, 1, "--gamma=");
	check("ab:", 0, 4, "o1", "o2", "-a", "o3");
	check("a:b", 2, 5, "-a", "-b", "-ba", "x", "-");
	check(":a:", 0, 1, "--beta");
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
