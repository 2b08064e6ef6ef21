/* SPDX-License-Identifier: BSD-3-Clause */
/* Barriers: the last thread to arrive bumps the generation number the others sleep on. */
#include <limits.h>

#include "pthread_internal.h"

int pthread_barrierattr_init(pthread_barrierattr_t *attr)
{
	*attr = (pthread_barrierattr_t){.__initialized = 1};
	return 0;
}

int pthread_barrierattr_destroy(pthread_barrierattr_t *attr)
{
	attr->__initialized = 0;
	return 0;
}

int pthread_barrierattr_setpshared(pthread_barrierattr_t *attr, int pshared)
{
	if (pshared != PTHREAD_PROCESS_PRIVATE && pshared != PTHREAD_PROCESS_SHARED)
		return EINVAL;
	attr->__pshared = pshared;
	return 0;
}

int pthread_barrierattr_getpshared(const pthread_barrierattr_t *attr, int *pshared)
{
	*pshared = attr->__pshared;
	return 0;
}

int pthread_barrier_init(pthread_barrier_t *b, const pthread_barrierattr_t *attr, unsigned count)
{
	(void)attr;
	if (count == 0 || count > INT_MAX)
		return EINVAL;
	*b = (pthread_barrier_t){.__count = count};
	return 0;
}

int pthread_barrier_destroy(pthread_barrier_t *b)
{
	if (b->__arrived)
		return EBUSY;
	return 0;
}

int pthread_barrier_wait(pthread_barrier_t *b)
{
	unsigned seq;

	futex_lock(&b->__lock);
	seq = b->__seq;
	if (++b->__arrived == b->__count) {
		b->__arrived = 0;
		__atomic_store_n(&b->__seq, seq + 1, __ATOMIC_RELEASE);
		futex_unlock(&b->__lock);
		futex_wake(&b->__seq, INT_MAX);
		return PTHREAD_BARRIER_SERIAL_THREAD;
	}
	futex_unlock(&b->__lock);
	while (__atomic_load_n(&b->__seq, __ATOMIC_ACQUIRE) == seq)
		futex_wait(&b->__seq, (int)seq, 0);
	return 0;
}
