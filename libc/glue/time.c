/* SPDX-License-Identifier: BSD-3-Clause */
/* Clock and sleep calls: gettimeofday, clock_gettime, times, nanosleep, usleep, sleep. */
#include <sys/time.h>
#include <sys/times.h>
#include <unistd.h>

#include "glue.h"

#define NSEC_PER_SEC 1000000000L

static int read_clock(int hermit_clock, struct hermit_timespec *ts)
{
	return (int)glue_result(sys_clock_gettime(hermit_clock, ts));
}

int clock_gettime(clockid_t clock, struct timespec *tp)
{
	int hermit_clock = glue_clock_from_newlib(clock);
	struct hermit_timespec ts;

	if (hermit_clock < 0)
		return glue_fail(EINVAL);
	if (read_clock(hermit_clock, &ts) < 0)
		return -1;
	tp->tv_sec = (time_t)ts.sec;
	tp->tv_nsec = (long)ts.nsec;
	return 0;
}

/* Every clock is derived from the TSC: report nanosecond resolution. */
int clock_getres(clockid_t clock, struct timespec *res)
{
	if (glue_clock_from_newlib(clock) < 0)
		return glue_fail(EINVAL);
	if (res) {
		res->tv_sec = 0;
		res->tv_nsec = 1;
	}
	return 0;
}

int gettimeofday(struct timeval *tv, void *tz)
{
	struct hermit_timespec ts;

	if (read_clock(HERMIT_CLOCK_REALTIME, &ts) < 0)
		return -1;
	if (tv) {
		tv->tv_sec = (time_t)ts.sec;
		tv->tv_usec = (suseconds_t)(ts.nsec / 1000);
	}
	if (tz) {
		struct timezone *zone = tz;

		zone->tz_minuteswest = 0;
		zone->tz_dsttime = 0;
	}
	return 0;
}

/* newlib's clock() adds up the tms fields and divides by CLOCKS_PER_SEC. */
static clock_t to_clock_ticks(const struct hermit_timespec *ts)
{
	return (clock_t)(ts->sec * CLOCKS_PER_SEC + ts->nsec / (NSEC_PER_SEC / CLOCKS_PER_SEC));
}

clock_t times(struct tms *buf)
{
	struct hermit_timespec cpu, now;

	if (read_clock(HERMIT_CLOCK_PROCESS_CPUTIME_ID, &cpu) < 0 ||
	    read_clock(HERMIT_CLOCK_MONOTONIC, &now) < 0)
		return (clock_t)-1;
	buf->tms_utime = to_clock_ticks(&cpu);
	buf->tms_stime = 0;
	buf->tms_cutime = 0;
	buf->tms_cstime = 0;
	return to_clock_ticks(&now);
}

/* Nothing interrupts a sleep (no asynchronous signals), so *rem is always zero. */
int nanosleep(const struct timespec *req, struct timespec *rem)
{
	struct hermit_timespec ts;

	if (req->tv_sec < 0 || req->tv_nsec < 0 || req->tv_nsec >= NSEC_PER_SEC)
		return glue_fail(EINVAL);
	ts.sec = req->tv_sec;
	ts.nsec = req->tv_nsec;
	if (glue_result(sys_nanosleep(&ts)) < 0)
		return -1;
	if (rem) {
		rem->tv_sec = 0;
		rem->tv_nsec = 0;
	}
	return 0;
}

int usleep(useconds_t usec)
{
	struct timespec req = {
	    .tv_sec = usec / 1000000,
	    .tv_nsec = (long)(usec % 1000000) * 1000,
	};

	return nanosleep(&req, NULL);
}

unsigned sleep(unsigned seconds)
{
	struct timespec req = {.tv_sec = seconds, .tv_nsec = 0};

	return nanosleep(&req, NULL) < 0 ? seconds : 0;
}
