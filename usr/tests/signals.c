/* SPDX-License-Identifier: BSD-3-Clause */
/* Process basics: raise() with handlers, getpid, sysconf, getenv, atexit order, abort(). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t usr1_count, usr1_signo;
static int failures;

#define FAIL(...)                                                                                  \
	do {                                                                                       \
		printf("signals: FAIL: " __VA_ARGS__);                                             \
		printf("\n");                                                                      \
		failures++;                                                                        \
	} while (0)

static void on_usr1(int sig)
{
	usr1_count++;
	usr1_signo = sig;
}

static void check_signals(void)
{
	if (signal(SIGUSR1, on_usr1) == SIG_ERR)
		FAIL("signal(SIGUSR1): %s", strerror(errno));
	if (raise(SIGUSR1) || usr1_count != 1 || usr1_signo != SIGUSR1)
		FAIL("raise(SIGUSR1): expected the handler to run once, it ran %d times",
		     (int)usr1_count);
	if (signal(SIGUSR2, SIG_IGN) == SIG_ERR || raise(SIGUSR2))
		FAIL("raise of an ignored SIGUSR2 did not return 0");
	/* Whether delivery resets the handler to SIG_DFL is up to the C library (newlib
	 * does, glibc does not): install it again either way. */
	if (signal(SIGUSR1, on_usr1) == SIG_ERR || raise(SIGUSR1) || usr1_count != 2)
		FAIL("signal(SIGUSR1) again + raise: expected the handler to run again");
	printf("signals: handler ran %d times\n", (int)usr1_count);
}

static void check_process(void)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	const char *env = getenv("SIGNALS_ENV");

	if (getpid() <= 0)
		FAIL("getpid() = %ld, expected > 0", (long)getpid());
	if (cpus < 1)
		FAIL("sysconf(_SC_NPROCESSORS_ONLN) = %ld, expected >= 1", cpus);
	if (sysconf(_SC_PAGESIZE) < 4096)
		FAIL("sysconf(_SC_PAGESIZE) = %ld, expected >= 4096", sysconf(_SC_PAGESIZE));
	if (!env || strcmp(env, "from the harness"))
		FAIL("getenv(SIGNALS_ENV) = %s, expected 'from the harness'", env ? env : "NULL");
	if (getenv("SIGNALS_NOT_SET_XYZZY"))
		FAIL("getenv of an unset variable returned a value");
	printf("signals: %ld cpus online\n", cpus);
}

static void at_exit_1(void)
{
	printf("atexit 1\n");
}

static void at_exit_2(void)
{
	printf("atexit 2\n");
}

static void at_exit_3(void)
{
	printf("atexit 3\n");
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--abort")) {
		printf("signals: calling abort\n");
		fflush(stdout);
		abort();
	}
	if (atexit(at_exit_1) || atexit(at_exit_2) || atexit(at_exit_3))
		FAIL("atexit registration failed");
	check_signals();
	check_process();
	if (failures)
		return 1;
	/* The handlers print after this line, in reverse order of registration. */
	printf("signals: ok\n");
	return 0;
}
