/* SPDX-License-Identifier: BSD-3-Clause */
/* Reader/writer locks: a futex lock guards the counts; waiters sleep on a sequence number
 * bumped whenever the lock becomes free for somebody. Readers are preferred. */
#include <limits.h>

#include "pthread_internal.h"

int pthread_rwlockattr_init(pthread_rwlockattr_t *attr)
{
	*attr = (pthread_rwlockattr_t){.__initialized = 1};
	return 0;
}

int pthread_rwlockattr_destroy(pthread_rwlockattr_t *attr)
{
	attr->__initialized = 0;
	return 0;
}

int pthread_rwlockattr_setpshared(pthread_rwlockattr_t *attr, int pshared)
{
	if (pshared != PTHREAD_PROCESS_PRIVATE && pshared != PTHREAD_PROCESS_SHARED)
		return EINVAL;
	attr->__pshared = pshared;
	return 0;
}

int pthread_rwlockattr_getpshared(const pthread_rwlockattr_t *attr, int *pshared)
{
	*pshared = attr->__pshared;
	return 0;
}

int pthread_rwlock_init(pthread_rwlock_t *rw, const pthread_rwlockattr_t *attr)
{
	(void)attr;
	*rw = (pthread_rwlock_t)PTHREAD_RWLOCK_INITIALIZER;
	return 0;
}

int pthread_rwlock_destroy(pthread_rwlock_t *rw)
{
	if (rw->__readers || rw->__writer)
		return EBUSY;
	return 0;
}

/* Called and returns with rw->__lock held; sleeps without it. */
static int wait_for_change(pthread_rwlock_t *rw, uint64_t deadline)
{
	unsigned seq = __atomic_load_n(&rw->__seq, __ATOMIC_RELAXED);
	int err;

	rw->__waiters++;
	futex_unlock(&rw->__lock);
	err = futex_wait(&rw->__seq, (int)seq, deadline);
	futex_lock(&rw->__lock);
	rw->__waiters--;
	return err;
}

enum { READ, WRITE };

/* try: EBUSY instead of waiting; deadline 0: wait for ever. */
static int acquire(pthread_rwlock_t *rw, int mode, bool try, uint64_t deadline)
{
	void *me = current_tcb();
	int err = 0;

	futex_lock(&rw->__lock);
	for (;;) {
		if (rw->__writer == me) {
			err = EDEADLK;
			break;
		}
		if (!rw->__writer && (mode == READ || !rw->__readers))
			break;
		if (try) {
			err = EBUSY;
			break;
		}
		if (wait_for_change(rw, deadline) == ETIMEDOUT) {
			err = ETIMEDOUT;
			break;
		}
	}
	if (!err) {
		if (mode == WRITE)
			rw->__writer = me;
		else if (rw->__readers == INT_MAX)
			err = EAGAIN;
		else
			rw->__readers++;
	}
	futex_unlock(&rw->__lock);
	return err;
}

static int acquire_timed(pthread_rwlock_t *rw, int mode, const struct timespec *abstime)
{
	uint64_t deadline;
	int err = acquire(rw, mode, true, 0);

	if (err != EBUSY)
		return err;
	err = deadline_from_timespec(CLOCK_REALTIME, abstime, &deadline);
	return err ? err : acquire(rw, mode, false, deadline);
}

int pthread_rwlock_rdlock(pthread_rwlock_t *rw)
{
	return acquire(rw, READ, false, 0);
}

int pthread_rwlock_tryrdlock(pthread_rwlock_t *rw)
{
	return acquire(rw, READ, true, 0);
}

int pthread_rwlock_timedrdlock(pthread_rwlock_t *rw, const struct timespec *abstime)
{
	return acquire_timed(rw, READ, abstime);
}

int pthread_rwlock_wrlock(pthread_rwlock_t *rw)
{
	return acquire(rw, WRITE, false, 0);
}

int pthread_rwlock_trywrlock(pthread_rwlock_t *rw)
{
	return acquire(rw, WRITE, true, 0);
}

int pthread_rwlock_timedwrlock(pthread_rwlock_t *rw, const struct timespec *abstime)
{
	return acquire_timed(rw, WRITE, abstime);
}

int pthread_rwlock_unlock(pthread_rwlock_t *rw)
{
	int err = 0;

	futex_lock(&rw->__lock);
	if (rw->__writer == current_tcb())
		rw->__writer = NULL;
	else if (rw->__readers > 0)
		rw->__readers--;
	else
		err = EPERM;
	if (!err && !rw->__readers && rw->__waiters) {
		__atomic_add_fetch(&rw->__seq, 1, __ATOMIC_RELEASE);
		futex_wake(&rw->__seq, INT_MAX);
	}
	futex_unlock(&rw->__lock);
	return err;
}
