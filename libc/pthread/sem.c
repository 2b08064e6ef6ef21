/* SPDX-License-Identifier: BSD-3-Clause */
/* Unnamed semaphores: the value is the futex word; waiters count themselves so that
 * sem_post wakes only when somebody may sleep. Named semaphores fail with ENOSYS. */
#include <semaphore.h>

#include "pthread_internal.h"

static int fail(int err)
{
	errno = err;
	return -1;
}

int sem_init(sem_t *sem, int pshared, unsigned value)
{
	(void)pshared;
	if (value > SEM_VALUE_MAX)
		return fail(EINVAL);
	*sem = (sem_t){.__value = value};
	return 0;
}

int sem_destroy(sem_t *sem)
{
	(void)sem;
	return 0;
}

static bool try_take(sem_t *sem)
{
	unsigned v = __atomic_load_n(&sem->__value, __ATOMIC_SEQ_CST);

	while (v > 0) {
		if (__atomic_compare_exchange_n(&sem->__value, &v, v - 1, true, __ATOMIC_ACQUIRE,
		                                __ATOMIC_RELAXED))
			return true;
	}
	return false;
}

int sem_trywait(sem_t *sem)
{
	return try_take(sem) ? 0 : fail(EAGAIN);
}

/* The waiter counts itself before its last look at the value, the poster raises the value
 * before looking at the count: a post is never missed. */
static int wait_until(sem_t *sem, uint64_t deadline)
{
	int err = 0;

	__atomic_add_fetch(&sem->__waiters, 1, __ATOMIC_SEQ_CST);
	while (!try_take(sem)) {
		if (futex_wait(&sem->__value, 0, deadline) == ETIMEDOUT) {
			err = ETIMEDOUT;
			break;
		}
	}
	__atomic_sub_fetch(&sem->__waiters, 1, __ATOMIC_RELAXED);
	return err ? fail(err) : 0;
}

int sem_wait(sem_t *sem)
{
	return try_take(sem) ? 0 : wait_until(sem, 0);
}

int sem_timedwait(sem_t *sem, const struct timespec *abstime)
{
	uint64_t deadline;
	int err;

	if (try_take(sem))
		return 0;
	err = deadline_from_timespec(CLOCK_REALTIME, abstime, &deadline);
	return err ? fail(err) : wait_until(sem, deadline);
}

int sem_post(sem_t *sem)
{
	unsigned v = __atomic_load_n(&sem->__value, __ATOMIC_RELAXED);

	do {
		if (v >= SEM_VALUE_MAX)
			return fail(EOVERFLOW);
	} while (!__atomic_compare_exchange_n(&sem->__value, &v, v + 1, true, __ATOMIC_SEQ_CST,
	                                      __ATOMIC_RELAXED));
	if (__atomic_load_n(&sem->__waiters, __ATOMIC_SEQ_CST))
		futex_wake(&sem->__value, 1);
	return 0;
}

int sem_getvalue(sem_t *sem, int *value)
{
	*value = (int)__atomic_load_n(&sem->__value, __ATOMIC_RELAXED);
	return 0;
}

sem_t *sem_open(const char *name, int flags, ...)
{
	(void)name;
	(void)flags;
	errno = ENOSYS;
	return SEM_FAILED;
}

int sem_close(sem_t *sem)
{
	(void)sem;
	return fail(ENOSYS);
}

int sem_unlink(const char *name)
{
	(void)name;
	return fail(ENOSYS);
}
