/* SPDX-License-Identifier: BSD-3-Clause */
/* getopt, getopt_long, getopt_long_only with glibc's behaviour and messages (newlib's differ:
 * an unknown long option read as short ones, optopt '?'). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * As glibc: arguments are permuted so that operands come last (unless the option string
 * starts with '+' or POSIXLY_CORRECT is set: stop at the first operand; '-': operands are
 * returned as option 1); "--" ends the options; optind = 0 starts over. A leading ':' makes
 * a missing argument return ':' instead of '?' and silences the messages. Long options may be
 * abbreviated when the abbreviation is unambiguous. Unknown options set optopt (0 for a long one).
 */
char *optarg;
int optind = 1, opterr = 1, optopt = '?';

enum order { PERMUTE, REQUIRE_ORDER, RETURN_IN_ORDER };

static struct {
	int initialized;
	enum order order;
	int colon;
	char *next; /* the rest of the current element of short options */
	int first_nonopt, last_nonopt;
} st;

/* Moves the operands [first_nonopt, last_nonopt) after the options [last_nonopt, optind). */
static void exchange(char **argv)
{
	int bottom = st.first_nonopt, middle = st.last_nonopt, top = optind;

	while (top > middle && middle > bottom) {
		int len = top - middle > middle - bottom ? middle - bottom : top - middle;
		int other = top - middle > middle - bottom ? top - len : middle;

		for (int i = 0; i < len; i++) {
			char *t = argv[bottom + i];

			argv[bottom + i] = argv[other + i];
			argv[other + i] = t;
		}
		if (top - middle > middle - bottom)
			top -= len;
		else
			bottom += len;
	}
	st.first_nonopt += optind - st.last_nonopt;
	st.last_nonopt = optind;
}

static const char *init(const char *optstring)
{
	st.next = NULL;
	st.first_nonopt = st.last_nonopt = optind;
	st.order = getenv("POSIXLY_CORRECT") ? REQUIRE_ORDER : PERMUTE;
	if (optstring[0] == '-' || optstring[0] == '+')
		st.order = *optstring++ == '-' ? RETURN_IN_ORDER : REQUIRE_ORDER;
	st.colon = optstring[0] == ':';
	st.initialized = 1;
	return optstring;
}

static int is_operand(char *const *argv)
{
	return argv[optind][0] != '-' || argv[optind][1] == '\0';
}

/* A long option at st.next (after `prefix`): its value, '?', or -1 when getopt_long_only
 * should try it as short options instead. */
static int long_option(int argc, char **argv, const char *optstring, const struct option *opts,
                       int *index, int long_only, const char *prefix)
{
	char *name = st.next, *end = name;
	const struct option *found = NULL;
	int found_i = -1, ambiguous = 0;
	size_t len;

	while (*end && *end != '=')
		end++;
	len = (size_t)(end - name);
	for (int i = 0; opts[i].name; i++)
		if (!strncmp(opts[i].name, name, len) && strlen(opts[i].name) == len) {
			found = &opts[i];
			found_i = i;
			break;
		}
	if (!found) {
		for (int i = 0; opts[i].name; i++) {
			const struct option *p = &opts[i];

			if (strncmp(p->name, name, len))
				continue;
			if (!found) {
				found = p;
				found_i = i;
			} else if (long_only || p->has_arg != found->has_arg ||
			           p->flag != found->flag || p->val != found->val) {
				ambiguous = 1;
			}
		}
		if (ambiguous) {
			if (opterr && !st.colon) {
				fprintf(stderr,
				        "%s: option '%s%s' is ambiguous; possibilities:", argv[0],
				        prefix, name);
				for (int i = 0; opts[i].name; i++)
					if (!strncmp(opts[i].name, name, len))
						fprintf(stderr, " '%s%s'", prefix, opts[i].name);
				fputc('\n', stderr);
			}
			st.next = NULL;
			optind++;
			optopt = 0;
			return '?';
		}
	}
	if (!found) {
		if (long_only && argv[optind][1] != '-' && strchr(optstring, *name))
			return -1;
		if (opterr && !st.colon)
			fprintf(stderr, "%s: unrecognized option '%s%s'\n", argv[0], prefix, name);
		st.next = NULL;
		optind++;
		optopt = 0;
		return '?';
	}
	optind++;
	st.next = NULL;
	optarg = NULL;
	if (*end == '=') {
		if (!found->has_arg) {
			if (opterr && !st.colon)
				fprintf(stderr, "%s: option '%s%s' doesn't allow an argument\n",
				        argv[0], prefix, found->name);
			optopt = found->val;
			return '?';
		}
		optarg = end + 1;
	} else if (found->has_arg == required_argument) {
		if (optind >= argc) {
			if (opterr && !st.colon)
				fprintf(stderr, "%s: option '%s%s' requires an argument\n", argv[0],
				        prefix, found->name);
			optopt = found->val;
			return st.colon ? ':' : '?';
		}
		optarg = argv[optind++];
	}
	if (index)
		*index = found_i;
	if (found->flag) {
		*found->flag = found->val;
		return 0;
	}
	return found->val;
}

/* Moves to the next element: -1 at the end, 1 for an operand in RETURN_IN_ORDER, a long
 * option's result, or 0 with st.next at the short options of the element. */
static int next_element(int argc, char **argv, const char *optstring, const struct option *opts,
                        int *index, int long_only, int *done)
{
	*done = 1;
	if (st.last_nonopt > optind)
		st.last_nonopt = optind;
	if (st.first_nonopt > optind)
		st.first_nonopt = optind;
	if (st.order == PERMUTE) {
		if (st.first_nonopt != st.last_nonopt && st.last_nonopt != optind)
			exchange(argv);
		else if (st.last_nonopt != optind)
			st.first_nonopt = optind;
		while (optind < argc && is_operand(argv))
			optind++;
		st.last_nonopt = optind;
	}
	if (optind != argc && !strcmp(argv[optind], "--")) {
		optind++;
		if (st.first_nonopt != st.last_nonopt && st.last_nonopt != optind)
			exchange(argv);
		else if (st.first_nonopt == st.last_nonopt)
			st.first_nonopt = optind;
		st.last_nonopt = argc;
		optind = argc;
	}
	if (optind == argc) {
		if (st.first_nonopt != st.last_nonopt)
			optind = st.first_nonopt;
		return -1;
	}
	if (is_operand(argv)) {
		if (st.order == REQUIRE_ORDER)
			return -1;
		optarg = argv[optind++];
		return 1;
	}
	if (opts && argv[optind][1] == '-') {
		st.next = argv[optind] + 2;
		return long_option(argc, argv, optstring, opts, index, long_only, "--");
	}
	if (opts && long_only && (argv[optind][2] || !strchr(optstring, argv[optind][1]))) {
		int c;

		st.next = argv[optind] + 1;
		if ((c = long_option(argc, argv, optstring, opts, index, long_only, "-")) != -1)
			return c;
	}
	st.next = argv[optind] + 1;
	*done = 0;
	return 0;
}

static int getopt_internal(int argc, char *const *cargv, const char *optstring,
                           const struct option *opts, int *index, int long_only)
{
	char **argv = (char **)cargv; /* permuted in place, as glibc does */
	const char *spec;
	int c, done;

	if (argc < 1)
		return -1;
	optarg = NULL;
	if (optind == 0 || !st.initialized) {
		if (optind == 0)
			optind = 1;
		if (!st.initialized)
			optopt = 0; /* glibc's is '?' until the first call */
		optstring = init(optstring);
	} else if (optstring[0] == '-' || optstring[0] == '+') {
		optstring++;
	}
	if (optstring[0] == ':')
		optstring++;
	if (!st.next || !*st.next) {
		c = next_element(argc, argv, optstring, opts, index, long_only, &done);
		if (done)
			return c;
	}
	c = (unsigned char)*st.next++;
	spec = strchr(optstring, c);
	if (!*st.next)
		optind++;
	if (!spec || c == ':' || c == ';') {
		if (opterr && !st.colon)
			fprintf(stderr, "%s: invalid option -- '%c'\n", argv[0], c);
		optopt = c;
		return '?';
	}
	if (spec[1] == ':') {
		if (*st.next) {
			optarg = st.next;
			optind++;
		} else if (spec[2] != ':') {
			if (optind >= argc) {
				if (opterr && !st.colon)
					fprintf(stderr, "%s: option requires an argument -- '%c'\n",
					        argv[0], c);
				optopt = c;
				c = st.colon ? ':' : '?';
			} else {
				optarg = argv[optind++];
			}
		}
		st.next = NULL;
	}
	return c;
}

int getopt(int argc, char *const argv[], const char *optstring)
{
	return getopt_internal(argc, argv, optstring, NULL, NULL, 0);
}

int getopt_long(int argc, char *const argv[], const char *optstring, const struct option *opts,
                int *index)
{
	return getopt_internal(argc, argv, optstring, opts, index, 0);
}

int getopt_long_only(int argc, char *const argv[], const char *optstring, const struct option *opts,
                     int *index)
{
	return getopt_internal(argc, argv, optstring, opts, index, 1);
}
