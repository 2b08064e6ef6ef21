/* SPDX-License-Identifier: BSD-3-Clause */
/* Prints and checks the arguments and the environment variables run.sh passes in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static int failures;

static void fail(const char *what, const char *detail)
{
	printf("argv_envp: FAIL: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	failures++;
}

/* The variable must be in environ (exactly once) and getenv must agree with it. */
static void check_env(const char *name, const char *want)
{
	size_t len = strlen(name);
	const char *found = NULL;
	const char *got = getenv(name);
	int count = 0;
	char **e;

	for (e = environ; *e; e++) {
		if (!strncmp(*e, name, len) && (*e)[len] == '=') {
			found = *e + len + 1;
			count++;
		}
	}
	printf("env %s = %s\n", name, got ? got : "(unset)");
	if (!want) {
		if (got || count)
			fail("expected unset variable, got a value", name);
		return;
	}
	if (count != 1 || !got || strcmp(got, want) || strcmp(found, want))
		fail("variable missing, repeated or with a wrong value", name);
}

static void check_argv(int argc, char **argv)
{
	const char *want_argc = getenv("TEST_ARGC");
	const char *want_last = getenv("TEST_ARG_LAST");
	int i;

	printf("argc = %d\n", argc);
	for (i = 1; i < argc; i++)
		printf("argv[%d] = [%s] (%zu bytes)\n", i, argv[i], strlen(argv[i]));
	if (argv[argc] != NULL)
		fail("argv[argc] is not NULL", NULL);
	if (!argv[0] || !strstr(argv[0], "argv_envp"))
		fail("argv[0] does not name the image", argv[0]);
	if (!want_argc || atoi(want_argc) != argc)
		fail("argc differs from TEST_ARGC", want_argc);
	if (argc > 1 && (!want_last || strcmp(argv[argc - 1], want_last)))
		fail("the last argument differs from TEST_ARG_LAST", want_last);
}

/* The C library's own environment functions work on the environment it was given. */
static void check_setenv(void)
{
	if (setenv("ARGV_ENVP_NEW", "fresh", 0) || !getenv("ARGV_ENVP_NEW") ||
	    strcmp(getenv("ARGV_ENVP_NEW"), "fresh"))
		fail("setenv of a new variable", NULL);
	if (setenv("TEST_ENV_PLAIN", "changed", 1) || strcmp(getenv("TEST_ENV_PLAIN"), "changed"))
		fail("setenv overwriting a passed variable", NULL);
	if (unsetenv("TEST_ENV_PLAIN") || getenv("TEST_ENV_PLAIN"))
		fail("unsetenv of a passed variable", NULL);
}

int main(int argc, char **argv)
{
	check_argv(argc, argv);
	check_env("TEST_ENV_PLAIN", "plain");
	check_env("TEST_ENV_SPACES", " two  spaces ");
	check_env("TEST_ENV_EMPTY", "");
	check_env("TEST_ENV_EQUALS", "a=b=c");
	check_env("TEST_ENV_UNSET_XYZZY", NULL);
	check_setenv();
	if (failures)
		return 1;
	printf("argv_envp: ok\n");
	return 0;
}
