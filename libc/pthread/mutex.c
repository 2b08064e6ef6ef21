/* SPDX-License-Identifier: BSD-3-Clause */
/* Mutexes on the futex lock: normal (no owner bookkeeping), recursive and error-checking
 * (owner = the owner's TCB), try and timed locking, and mutex attributes. */
#include <limits.h>

#include "pthread_internal.h"
#include "mutex_internal.h"

int pthread_mutexattr_init(pthread_mutexattr_t *attr)
{
	*attr = (pthread_mutexattr_t){.__initialized = 1, .__type = PTHREAD_MUTEX_DEFAULT};
	return 0;
}

int pthread_mutexattr_destroy(pthread_mutexattr_t *attr)
{
	attr->__initialized = 0;
	return 0;
}

int pthread_mutexattr_settype(pthread_mutexattr_t *attr, int type)
{
	if (type != PTHREAD_MUTEX_NORMAL && type != PTHREAD_MUTEX_RECURSIVE &&
	    type != PTHREAD_MUTEX_ERRORCHECK)
		return EINVAL;
	attr->__type = type;
	return 0;
}

int pthread_mutexattr_gettype(const pthread_mutexattr_t *attr, int *type)
{
	*type = attr->__type;
	return 0;
}

int pthread_mutexattr_setpshared(pthread_mutexattr_t *attr, int pshared)
{
	if (pshared != PTHREAD_PROCESS_PRIVATE && pshared != PTHREAD_PROCESS_SHARED)
		return EINVAL;
	attr->__pshared = pshared;
	return 0;
}

int pthread_mutexattr_getpshared(const pthread_mutexattr_t *attr, int *pshared)
{
	*pshared = attr->__pshared;
	return 0;
}

int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *attr)
{
	*m = (pthread_mutex_t)PTHREAD_MUTEX_INITIALIZER;
	if (attr)
		m->__type = attr->__type;
	return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *m)
{
	if (__atomic_load_n(&m->__lock, __ATOMIC_RELAXED) != 0)
		return EBUSY;
	return 0;
}

/* Recursive and error-checking mutexes. `try` makes a busy mutex EBUSY; a deadline of 0
 * waits for ever. */
static int lock_owned(pthread_mutex_t *m, bool try, uint64_t deadline)
{
	void *me = current_tcb();
	int err;

	if (__atomic_load_n(&m->__owner, __ATOMIC_RELAXED) == me) {
		if (m->__type == PTHREAD_MUTEX_ERRORCHECK)
			return try ? EBUSY : EDEADLK;
		if (m->__count == UINT_MAX)
			return EAGAIN;
		m->__count++;
		return 0;
	}
	if (try)
		err = futex_trylock(&m->__lock) ? 0 : EBUSY;
	else if (futex_trylock(&m->__lock))
		err = 0;
	else
		err = futex_lock_timed_slow(&m->__lock, deadline);
	if (err)
		return err;
	__atomic_store_n(&m->__owner, me, __ATOMIC_RELAXED);
	m->__count = 1;
	return 0;
}

int pthread_mutex_lock(pthread_mutex_t *m)
{
	if (__builtin_expect(m->__type == PTHREAD_MUTEX_NORMAL, 1)) {
		futex_lock(&m->__lock);
		return 0;
	}
	return lock_owned(m, false, 0);
}

int pthread_mutex_trylock(pthread_mutex_t *m)
{
	if (m->__type == PTHREAD_MUTEX_NORMAL)
		return futex_trylock(&m->__lock) ? 0 : EBUSY;
	return lock_owned(m, true, 0);
}

int pthread_mutex_timedlock(pthread_mutex_t *m, const struct timespec *abstime)
{
	uint64_t deadline;
	int err;

	if (m->__type == PTHREAD_MUTEX_NORMAL && futex_trylock(&m->__lock))
		return 0;
	err = deadline_from_timespec(CLOCK_REALTIME, abstime, &deadline);
	if (err)
		return err;
	if (m->__type == PTHREAD_MUTEX_NORMAL)
		return futex_lock_timed_slow(&m->__lock, deadline);
	return lock_owned(m, false, deadline);
}

int pthread_mutex_unlock(pthread_mutex_t *m)
{
	if (__builtin_expect(m->__type == PTHREAD_MUTEX_NORMAL, 1)) {
		futex_unlock(&m->__lock);
		return 0;
	}
	if (__atomic_load_n(&m->__owner, __ATOMIC_RELAXED) != current_tcb())
		return EPERM;
	if (--m->__count > 0)
		return 0;
	__atomic_store_n(&m->__owner, NULL, __ATOMIC_RELAXED);
	futex_unlock(&m->__lock);
	return 0;
}

/* For condition variables: release completely, remembering the recursion depth. */
unsigned mutex_release_all(pthread_mutex_t *m)
{
	unsigned count = 1;

	if (m->__type != PTHREAD_MUTEX_NORMAL) {
		count = m->__count;
		m->__count = 0;
		__atomic_store_n(&m->__owner, NULL, __ATOMIC_RELAXED);
	}
	futex_unlock(&m->__lock);
	return count;
}

void mutex_reacquire(pthread_mutex_t *m, unsigned count)
{
	/* Taken as contended (2): other waiters woken with us may be sleeping on it. */
	while (__atomic_exchange_n(&m->__lock, 2, __ATOMIC_ACQUIRE) != 0)
		futex_wait(&m->__lock, 2, 0);
	if (m->__type != PTHREAD_MUTEX_NORMAL) {
		__atomic_store_n(&m->__owner, current_tcb(), __ATOMIC_RELAXED);
		m->__count = count;
	}
}
