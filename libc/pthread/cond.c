/* SPDX-License-Identifier: BSD-3-Clause */
/* Condition variables: a sequence number bumped by every signal is the futex word, so a
 * signal between unlocking the mutex and sleeping makes the sleep return at once. */
#include <limits.h>

#include "pthread_internal.h"
#include "mutex_internal.h"

int pthread_condattr_init(pthread_condattr_t *attr)
{
	*attr = (pthread_condattr_t){.__initialized = 1, .__clock = CLOCK_REALTIME};
	return 0;
}

int pthread_condattr_destroy(pthread_condattr_t *attr)
{
	attr->__initialized = 0;
	return 0;
}

int pthread_condattr_setclock(pthread_condattr_t *attr, clockid_t clock)
{
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)
		return EINVAL;
	attr->__clock = clock;
	return 0;
}

int pthread_condattr_getclock(const pthread_condattr_t *attr, clockid_t *clock)
{
	*clock = attr->__clock;
	return 0;
}

int pthread_condattr_setpshared(pthread_condattr_t *attr, int pshared)
{
	if (pshared != PTHREAD_PROCESS_PRIVATE && pshared != PTHREAD_PROCESS_SHARED)
		return EINVAL;
	attr->__pshared = pshared;
	return 0;
}

int pthread_condattr_getpshared(const pthread_condattr_t *attr, int *pshared)
{
	*pshared = attr->__pshared;
	return 0;
}

int pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *attr)
{
	*c = (pthread_cond_t)PTHREAD_COND_INITIALIZER;
	if (attr)
		c->__monotonic = attr->__clock == CLOCK_MONOTONIC;
	return 0;
}

int pthread_cond_destroy(pthread_cond_t *c)
{
	if (__atomic_load_n(&c->__waiters, __ATOMIC_RELAXED))
		return EBUSY;
	return 0;
}

/* The waiter counts itself before reading the sequence, the signaller bumps the sequence
 * before reading the count (both sequentially consistent): either the signaller sees the
 * waiter and wakes it, or the waiter sees the new sequence and does not sleep. */
static int wait_until(pthread_cond_t *c, pthread_mutex_t *m, uint64_t deadline)
{
	unsigned seq, depth;
	int err;

	__atomic_add_fetch(&c->__waiters, 1, __ATOMIC_SEQ_CST);
	seq = __atomic_load_n(&c->__seq, __ATOMIC_SEQ_CST);
	depth = mutex_release_all(m);
	err = futex_wait(&c->__seq, (int)seq, deadline);
	mutex_reacquire(m, depth);
	__atomic_sub_fetch(&c->__waiters, 1, __ATOMIC_RELAXED);
	return err;
}

int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m)
{
	return wait_until(c, m, 0);
}

int pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m, const struct timespec *abstime)
{
	clockid_t clock = c->__monotonic ? CLOCK_MONOTONIC : CLOCK_REALTIME;
	uint64_t deadline;
	int err = deadline_from_timespec(clock, abstime, &deadline);

	return err ? err : wait_until(c, m, deadline);
}

static void wake(pthread_cond_t *c, int count)
{
	__atomic_add_fetch(&c->__seq, 1, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&c->__waiters, __ATOMIC_SEQ_CST))
		futex_wake(&c->__seq, count);
}

int pthread_cond_signal(pthread_cond_t *c)
{
	wake(c, 1);
	return 0;
}

int pthread_cond_broadcast(pthread_cond_t *c)
{
	wake(c, INT_MAX);
	return 0;
}
