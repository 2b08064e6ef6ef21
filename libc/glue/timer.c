/* SPDX-License-Identifier: BSD-3-Clause */
/* POSIX timers (timer_create ...), setitimer/getitimer (ITIMER_REAL) and alarm, on one
 * timer thread that sleeps in the kernel until the earliest expiry. */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "glue.h"

/*
 * Every armed timer has an expiry on CLOCK_MONOTONIC (ns; 0 = disarmed). One thread,
 * spawned at the first arming and not counted among the application's threads, sleeps in
 * sys_futex_wait on `timer_seq` until the earliest expiry, or until a timer is (re)armed.
 * At expiry it notifies: SIGEV_SIGNAL delivers the signal on the timer thread (signal.c:
 * as if to a thread that does not block it; blocked, it stays pending), SIGEV_THREAD
 * runs the function on a new detached thread, SIGEV_NONE does nothing. A periodic timer
 * that is late by whole periods counts them as overruns. CLOCK_REALTIME timers run on the
 * monotonic clock too; an absolute realtime expiry is converted when it is set.
 * ITIMER_REAL (setitimer, alarm) is one more timer, always SIGALRM.
 */
struct htimer {
	struct htimer *next;
	timer_t id;
	clockid_t clock;
	struct sigevent ev;
	uint64_t due, interval; /* ns; due on CLOCK_MONOTONIC, 0 = disarmed */
	int overrun;            /* of the last expiry */
};

static pthread_mutex_t timers_lock = PTHREAD_MUTEX_INITIALIZER; /* the list and all fields */
static struct htimer real_timer = {.ev = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGALRM}};
static struct htimer *timers = &real_timer;
static timer_t next_id = 1;
static volatile int32_t timer_seq; /* bumped when a timer is (re)armed */
static int32_t thread_started;

static uint64_t now_ns(clockid_t clock)
{
	struct hermit_timespec ts;

	sys_clock_gettime(clock == CLOCK_REALTIME ? HERMIT_CLOCK_REALTIME : HERMIT_CLOCK_MONOTONIC,
	                  &ts);
	return (uint64_t)ts.sec * 1000000000ULL + (uint64_t)ts.nsec;
}

static void *notify_thread(void *arg)
{
	struct sigevent *ev = arg;
	struct sigevent copy = *ev;

	free(ev);
	copy.sigev_notify_function(copy.sigev_value);
	return NULL;
}

static void notify(struct htimer *t, const struct sigevent *ev)
{
	if (ev->sigev_notify == SIGEV_SIGNAL) {
		siginfo_t info = {.si_signo = ev->sigev_signo,
		                  .si_code = SI_TIMER,
		                  .si_value = ev->sigev_value,
		                  .si_pid = 1};

		glue_signal_deliver(ev->sigev_signo, &info);
	} else if (ev->sigev_notify == SIGEV_THREAD) {
		struct sigevent *copy = malloc(sizeof(*copy));
		pthread_attr_t attr, *a = ev->sigev_notify_attributes;
		pthread_t th;

		(void)t;
		if (!copy)
			return;
		*copy = *ev;
		if (!a) {
			pthread_attr_init(&attr);
			a = &attr;
		}
		pthread_attr_setdetachstate(a, PTHREAD_CREATE_DETACHED);
		if (pthread_create(&th, a, notify_thread, copy))
			free(copy);
		if (a == &attr)
			pthread_attr_destroy(&attr);
	}
}

/* Fires the first expired timer, if any (returns 1), else sets *earliest. Locked. */
static int fire_one(uint64_t now, uint64_t *earliest, struct htimer **fired, struct sigevent *ev)
{
	*earliest = 0;
	for (struct htimer *t = timers; t; t = t->next) {
		if (!t->due)
			continue;
		if (t->due <= now) {
			uint64_t late = now - t->due;

			t->overrun = t->interval ? (int)(late / t->interval) : 0;
			t->due =
			    t->interval ? t->due + (uint64_t)(t->overrun + 1) * t->interval : 0;
			*fired = t;
			*ev = t->ev;
			return 1;
		}
		if (!*earliest || t->due < *earliest)
			*earliest = t->due;
	}
	return 0;
}

static void timer_thread(void *arg)
{
	(void)arg;
	for (;;) {
		struct htimer *t;
		struct sigevent ev;
		uint64_t earliest;
		int32_t seq = __atomic_load_n(&timer_seq, __ATOMIC_ACQUIRE);
		int fired;

		pthread_mutex_lock(&timers_lock);
		fired = fire_one(now_ns(CLOCK_MONOTONIC), &earliest, &t, &ev);
		pthread_mutex_unlock(&timers_lock);
		if (fired)
			notify(t, &ev);
		else
			sys_futex_wait(&timer_seq, seq, earliest);
	}
}

static int start_thread(void)
{
	if (__atomic_exchange_n(&thread_started, 1, __ATOMIC_SEQ_CST))
		return 0;
	struct hermit_spawn_attr attr = {.stack_size = 64 << 10, .cpu = HERMIT_CPU_ANY};
	int64_t tid = sys_spawn(timer_thread, NULL, &attr);

	if (tid < 0) {
		thread_started = 0;
		return (int)glue_result(tid);
	}
	return 0;
}

static uint64_t ts_ns(const struct timespec *ts)
{
	return (uint64_t)ts->tv_sec * 1000000000ULL + (uint64_t)ts->tv_nsec;
}

static void ns_ts(uint64_t ns, struct timespec *ts)
{
	ts->tv_sec = (time_t)(ns / 1000000000ULL);
	ts->tv_nsec = (long)(ns % 1000000000ULL);
}

/* The remaining time and the interval of t. Locked. */
static void current(const struct htimer *t, struct itimerspec *cur)
{
	uint64_t now = now_ns(CLOCK_MONOTONIC);

	/* An expiry the thread has not handled yet shows as 1 ns left, not as disarmed. */
	ns_ts(t->due ? (t->due > now ? t->due - now : 1) : 0, &cur->it_value);
	ns_ts(t->interval, &cur->it_interval);
}

static int valid(const struct timespec *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < 1000000000L;
}

/* Arms t (value zero: disarms). Locked. */
static void arm(struct htimer *t, int flags, const struct itimerspec *val)
{
	uint64_t value = ts_ns(&val->it_value);

	t->interval = ts_ns(&val->it_interval);
	t->overrun = 0;
	if (!value) {
		t->due = 0;
	} else if (flags & TIMER_ABSTIME) {
		uint64_t now = now_ns(t->clock), mono = now_ns(CLOCK_MONOTONIC);

		t->due = value > now ? mono + (value - now) : mono ? mono : 1;
	} else {
		t->due = now_ns(CLOCK_MONOTONIC) + value;
	}
	__atomic_add_fetch(&timer_seq, 1, __ATOMIC_SEQ_CST);
	sys_futex_wake(&timer_seq, 1);
}

static struct htimer *find(timer_t id)
{
	for (struct htimer *t = timers; t; t = t->next)
		if (t != &real_timer && t->id == id)
			return t;
	return NULL;
}

int timer_create(clockid_t clock, struct sigevent *restrict ev, timer_t *restrict id)
{
	struct htimer *t;

	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)
		return glue_fail(EINVAL);
	if (ev && (ev->sigev_notify != SIGEV_NONE && ev->sigev_notify != SIGEV_SIGNAL &&
	           ev->sigev_notify != SIGEV_THREAD))
		return glue_fail(EINVAL);
	if (ev && ev->sigev_notify == SIGEV_SIGNAL &&
	    (ev->sigev_signo <= 0 || ev->sigev_signo >= NSIG))
		return glue_fail(EINVAL);
	if (ev && ev->sigev_notify == SIGEV_THREAD && !ev->sigev_notify_function)
		return glue_fail(EINVAL);
	if (start_thread() < 0)
		return -1;
	t = calloc(1, sizeof(*t));
	if (!t)
		return glue_fail(EAGAIN);
	t->clock = clock;
	pthread_mutex_lock(&timers_lock);
	t->id = next_id++;
	if (ev)
		t->ev = *ev;
	else
		t->ev = (struct sigevent){.sigev_notify = SIGEV_SIGNAL,
		                          .sigev_signo = SIGALRM,
		                          .sigev_value.sival_int = (int)t->id};
	t->next = timers;
	timers = t;
	*id = t->id;
	pthread_mutex_unlock(&timers_lock);
	return 0;
}

int timer_delete(timer_t id)
{
	struct htimer **p, *t = NULL;

	pthread_mutex_lock(&timers_lock);
	for (p = &timers; *p; p = &(*p)->next)
		if (*p != &real_timer && (*p)->id == id) {
			t = *p;
			*p = t->next;
			break;
		}
	pthread_mutex_unlock(&timers_lock);
	if (!t)
		return glue_fail(EINVAL);
	free(t);
	return 0;
}

int timer_settime(timer_t id, int flags, const struct itimerspec *restrict val,
                  struct itimerspec *restrict old)
{
	struct htimer *t;

	if (!val || !valid(&val->it_value) || !valid(&val->it_interval))
		return glue_fail(EINVAL);
	pthread_mutex_lock(&timers_lock);
	if (!(t = find(id))) {
		pthread_mutex_unlock(&timers_lock);
		return glue_fail(EINVAL);
	}
	if (old)
		current(t, old);
	arm(t, flags, val);
	pthread_mutex_unlock(&timers_lock);
	return 0;
}

int timer_gettime(timer_t id, struct itimerspec *cur)
{
	struct htimer *t;

	pthread_mutex_lock(&timers_lock);
	if ((t = find(id)))
		current(t, cur);
	pthread_mutex_unlock(&timers_lock);
	return t ? 0 : glue_fail(EINVAL);
}

int timer_getoverrun(timer_t id)
{
	struct htimer *t;
	int n = -1;

	pthread_mutex_lock(&timers_lock);
	if ((t = find(id)))
		n = t->overrun;
	pthread_mutex_unlock(&timers_lock);
	return t ? n : glue_fail(EINVAL);
}

/* ---- setitimer, getitimer, alarm: the ITIMER_REAL timer ---------------------------------- */

static void tv_ts(const struct timeval *tv, struct timespec *ts)
{
	ts->tv_sec = tv->tv_sec;
	ts->tv_nsec = tv->tv_usec * 1000L;
}

static void ts_tv(const struct timespec *ts, struct timeval *tv)
{
	tv->tv_sec = ts->tv_sec;
	/* Round up: a pending timer never reads as 0 (as Linux). */
	tv->tv_usec = (ts->tv_nsec + 999) / 1000;
	if (tv->tv_usec == 1000000) {
		tv->tv_sec++;
		tv->tv_usec = 0;
	}
}

int getitimer(int which, struct itimerval *cur)
{
	struct itimerspec ts;

	if (which != ITIMER_REAL)
		return glue_fail(EINVAL);
	pthread_mutex_lock(&timers_lock);
	current(&real_timer, &ts);
	pthread_mutex_unlock(&timers_lock);
	ts_tv(&ts.it_value, &cur->it_value);
	ts_tv(&ts.it_interval, &cur->it_interval);
	return 0;
}

int setitimer(int which, const struct itimerval *restrict val, struct itimerval *restrict old)
{
	struct itimerspec ts, prev;

	if (which != ITIMER_REAL || val->it_value.tv_usec < 0 || val->it_value.tv_usec >= 1000000 ||
	    val->it_interval.tv_usec < 0 || val->it_interval.tv_usec >= 1000000 ||
	    val->it_value.tv_sec < 0 || val->it_interval.tv_sec < 0)
		return glue_fail(EINVAL);
	tv_ts(&val->it_value, &ts.it_value);
	tv_ts(&val->it_interval, &ts.it_interval);
	if (start_thread() < 0)
		return -1;
	pthread_mutex_lock(&timers_lock);
	current(&real_timer, &prev);
	arm(&real_timer, 0, &ts);
	pthread_mutex_unlock(&timers_lock);
	if (old) {
		ts_tv(&prev.it_value, &old->it_value);
		ts_tv(&prev.it_interval, &old->it_interval);
	}
	return 0;
}

unsigned alarm(unsigned seconds)
{
	struct itimerval v = {.it_value = {seconds, 0}}, old;

	if (setitimer(ITIMER_REAL, &v, &old) < 0)
		return 0;
	/* Seconds left, rounded to the nearest (as glibc), but never 0 for a pending alarm. */
	if (!old.it_value.tv_sec && !old.it_value.tv_usec)
		return 0;
	return (unsigned)old.it_value.tv_sec +
	       (old.it_value.tv_usec >= 500000 || !old.it_value.tv_sec);
}
