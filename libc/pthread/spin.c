/* SPDX-License-Identifier: BSD-3-Clause */
/* Spin locks: test-and-set with pauses, yielding the CPU after a short spin. */
#include "pthread_internal.h"

int pthread_spin_init(pthread_spinlock_t *lock, int pshared)
{
	(void)pshared;
	*lock = 0;
	return 0;
}

int pthread_spin_destroy(pthread_spinlock_t *lock)
{
	return *lock ? EBUSY : 0;
}

int pthread_spin_lock(pthread_spinlock_t *lock)
{
	unsigned round = 0;

	while (__atomic_exchange_n(lock, 1, __ATOMIC_ACQUIRE)) {
		while (__atomic_load_n(lock, __ATOMIC_RELAXED))
			spin_pause(&round);
	}
	return 0;
}

int pthread_spin_trylock(pthread_spinlock_t *lock)
{
	return __atomic_exchange_n(lock, 1, __ATOMIC_ACQUIRE) ? EBUSY : 0;
}

int pthread_spin_unlock(pthread_spinlock_t *lock)
{
	__atomic_store_n(lock, 0, __ATOMIC_RELEASE);
	return 0;
}
