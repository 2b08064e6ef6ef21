/* SPDX-License-Identifier: BSD-3-Clause */
/* The futex lock's slow paths, bounded spinning, futex waits and kernel deadlines. */
#include <limits.h>

#include "pthread_internal.h"

#define NSEC_PER_SEC 1000000000LL
#define SPIN_ROUNDS  64 /* pauses before yielding: about a microsecond */

int glue_errno_from_linux(int linux_errno); /* libhermit-syscalls */

int errno_from_kernel(int64_t ret)
{
	return ret < 0 ? glue_errno_from_linux((int)-ret) : 0;
}

void spin_pause(unsigned *round)
{
	if (++*round < SPIN_ROUNDS) {
		__builtin_ia32_pause();
		return;
	}
	*round = 0;
	sys_yield();
}

int futex_wait(void *word, int expected, uint64_t deadline_ns)
{
	int ret = sys_futex_wait(word, expected, deadline_ns);

	return ret == -HERMIT_ETIMEDOUT ? ETIMEDOUT : 0;
}

void futex_wake(void *word, int count)
{
	sys_futex_wake(word, count);
}

/* Spin while the holder may be about to release on another CPU; then mark the lock
 * contended (2) and sleep until the unlocker, seeing the 2, wakes one sleeper. */
int futex_lock_timed_slow(int *word, uint64_t deadline_ns)
{
	unsigned round;
	int old;

	for (round = 0; round < SPIN_ROUNDS; round++) {
		if (__atomic_load_n(word, __ATOMIC_RELAXED) == 0 && futex_trylock(word))
			return 0;
		__builtin_ia32_pause();
	}
	while ((old = __atomic_exchange_n(word, 2, __ATOMIC_ACQUIRE)) != 0) {
		if (futex_wait(word, 2, deadline_ns) == ETIMEDOUT)
			return ETIMEDOUT;
	}
	return 0;
}

void futex_lock_slow(int *word)
{
	futex_lock_timed_slow(word, 0);
}

void futex_unlock_slow(int *word)
{
	futex_wake(word, 1);
}

uint64_t monotonic_now_ns(void)
{
	struct hermit_timespec now;

	sys_clock_gettime(HERMIT_CLOCK_MONOTONIC, &now);
	return (uint64_t)(now.sec * NSEC_PER_SEC + now.nsec);
}

static int64_t clock_now_ns(int hermit_clock)
{
	struct hermit_timespec now;

	sys_clock_gettime(hermit_clock, &now);
	return now.sec * NSEC_PER_SEC + now.nsec;
}

int deadline_from_timespec(clockid_t clock, const struct timespec *abstime, uint64_t *deadline)
{
	int64_t target, mono;

	if (!abstime || abstime->tv_nsec < 0 || abstime->tv_nsec >= NSEC_PER_SEC)
		return EINVAL;
	if (abstime->tv_sec < 0) {
		*deadline = 1; /* long past */
		return 0;
	}
	if (abstime->tv_sec >= INT64_MAX / NSEC_PER_SEC - 1) {
		*deadline = 0; /* never */
		return 0;
	}
	target = (int64_t)abstime->tv_sec * NSEC_PER_SEC + abstime->tv_nsec;
	if (clock == CLOCK_MONOTONIC) {
		mono = target;
	} else {
		/* Realtime: the same distance from now on the monotonic clock. */
		int64_t real_now = clock_now_ns(HERMIT_CLOCK_REALTIME);

		mono = clock_now_ns(HERMIT_CLOCK_MONOTONIC) + (target - real_now);
	}
	*deadline = mono > 0 ? (uint64_t)mono : 1;
	return 0;
}
