/* SPDX-License-Identifier: BSD-3-Clause */
/* Sleep accuracy, monotonic and real-time clocks, against the host time run.sh passes in. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define SLACK_NS    200000000LL /* a sleep may overshoot by this much (timer, emulation) */
#define HOST_SKEW_S 5           /* REALTIME against HOST_TIME */
#define MONO_READS  100000

static int failures;

#define FAIL(...)                                                                                  \
	do {                                                                                       \
		printf("sleep: FAIL: " __VA_ARGS__);                                               \
		printf("\n");                                                                      \
		failures++;                                                                        \
	} while (0)

static int64_t ns_of(clockid_t clock)
{
	struct timespec ts;

	if (clock_gettime(clock, &ts)) {
		FAIL("clock_gettime(%d): %s", (int)clock, strerror(errno));
		return 0;
	}
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* The sleep took at least `want` ns and not much more, by MONOTONIC and by REALTIME. */
static void check_duration(const char *what, int64_t mono0, int64_t real0, int64_t want)
{
	int64_t mono = ns_of(CLOCK_MONOTONIC) - mono0;
	int64_t real = ns_of(CLOCK_REALTIME) - real0;

	printf("%s: %.3f ms (asked %.3f ms)\n", what, (double)mono / 1e6, (double)want / 1e6);
	if (mono < want || mono >= want + SLACK_NS)
		FAIL("%s took %lld ns, expected %lld..%lld", what, (long long)mono, (long long)want,
		     (long long)(want + SLACK_NS));
	if (real - mono > 20000000LL || mono - real > 20000000LL)
		FAIL("%s: REALTIME advanced %lld ns but MONOTONIC %lld ns", what, (long long)real,
		     (long long)mono);
}

static void check_sleeps(void)
{
	struct timespec req = {.tv_sec = 0, .tv_nsec = 50000000};
	struct timespec bad = {.tv_sec = 0, .tv_nsec = 1000000000};
	int64_t mono, real;

	mono = ns_of(CLOCK_MONOTONIC), real = ns_of(CLOCK_REALTIME);
	if (nanosleep(&req, NULL))
		FAIL("nanosleep 50 ms: %s", strerror(errno));
	check_duration("nanosleep 50 ms", mono, real, 50000000LL);

	mono = ns_of(CLOCK_MONOTONIC), real = ns_of(CLOCK_REALTIME);
	if (usleep(20000))
		FAIL("usleep 20000: %s", strerror(errno));
	check_duration("usleep 20 ms", mono, real, 20000000LL);

	mono = ns_of(CLOCK_MONOTONIC), real = ns_of(CLOCK_REALTIME);
	if (sleep(1))
		FAIL("sleep 1 returned early");
	check_duration("sleep 1 s", mono, real, 1000000000LL);

	mono = ns_of(CLOCK_MONOTONIC);
	req.tv_nsec = 0;
	if (nanosleep(&req, NULL))
		FAIL("nanosleep 0: %s", strerror(errno));
	if (ns_of(CLOCK_MONOTONIC) - mono >= SLACK_NS)
		FAIL("nanosleep 0 took more than %lld ns", (long long)SLACK_NS);
	errno = 0;
	if (nanosleep(&bad, NULL) != -1 || errno != EINVAL)
		FAIL("nanosleep with tv_nsec = 1e9: expected EINVAL, got %s", strerror(errno));
}

static void check_monotonic(void)
{
	int64_t last = ns_of(CLOCK_MONOTONIC), t;
	struct timespec res;
	int i;

	for (i = 0; i < MONO_READS; i++) {
		t = ns_of(CLOCK_MONOTONIC);
		if (t < last) {
			FAIL("CLOCK_MONOTONIC went back from %lld to %lld", (long long)last,
			     (long long)t);
			return;
		}
		last = t;
	}
	if (clock_getres(CLOCK_MONOTONIC, &res) || res.tv_sec || res.tv_nsec <= 0 ||
	    res.tv_nsec > 1000000)
		FAIL("clock_getres(CLOCK_MONOTONIC): expected 1 ns..1 ms");
}

/* REALTIME near the host's clock; gettimeofday and time() between two REALTIME reads. */
static void check_realtime(void)
{
	const char *host = getenv("HOST_TIME");
	int64_t before, after, tod;
	struct timeval tv;
	time_t now;

	before = ns_of(CLOCK_REALTIME);
	if (gettimeofday(&tv, NULL))
		FAIL("gettimeofday: %s", strerror(errno));
	now = time(NULL);
	after = ns_of(CLOCK_REALTIME);
	tod = (int64_t)tv.tv_sec * 1000000000LL + (int64_t)tv.tv_usec * 1000;
	if (tod < before / 1000 * 1000 || tod > after)
		FAIL("gettimeofday %lld ns outside the REALTIME reads around it (%lld..%lld)",
		     (long long)tod, (long long)before, (long long)after);
	if ((int64_t)now < before / 1000000000LL || (int64_t)now > after / 1000000000LL)
		FAIL("time() = %lld outside the REALTIME reads around it", (long long)now);
	if (!host) {
		FAIL("HOST_TIME is not set (run.sh passes the host's date +%%s)");
		return;
	}
	printf("realtime: %lld s, host %s s\n", (long long)(before / 1000000000LL), host);
	if (llabs(before / 1000000000LL - atoll(host)) > HOST_SKEW_S)
		FAIL("CLOCK_REALTIME %lld s is more than %d s from the host's %s s",
		     (long long)(before / 1000000000LL), HOST_SKEW_S, host);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	check_realtime();
	check_monotonic();
	check_sleeps();
	if (failures)
		return 1;
	printf("sleep: ok\n");
	return 0;
}
