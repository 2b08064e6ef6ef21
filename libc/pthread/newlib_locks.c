/* SPDX-License-Identifier: BSD-3-Clause */
/* newlib's retargetable locks (malloc, stdio, atexit, environment, ...) on the futex lock,
 * replacing the no-op ones deleted from the installed libc.a. */
#include <stdlib.h>
#include <sys/lock.h>

#include "pthread_internal.h"

/* owner (a TCB) and depth are used by the recursive calls only. */
struct __lock {
	int word;
	unsigned depth;
	void *owner;
};

/* The static locks newlib's sources name with __LOCK_INIT (all start unlocked). */
struct __lock __lock___sinit_recursive_mutex;
struct __lock __lock___sfp_recursive_mutex;
struct __lock __lock___atexit_recursive_mutex;
struct __lock __lock___at_quick_exit_mutex;
struct __lock __lock___malloc_recursive_mutex;
struct __lock __lock___env_recursive_mutex;
struct __lock __lock___tz_mutex;
struct __lock __lock___dd_hash_mutex;
struct __lock __lock___arc4random_mutex;

/* Dynamic locks (one per FILE) come from calloc; without memory the lock is NULL and
 * locking it does nothing, as newlib's single-threaded default would. */
void __retarget_lock_init(_LOCK_T *lock)
{
	*lock = calloc(1, sizeof(struct __lock));
}

void __retarget_lock_init_recursive(_LOCK_T *lock)
{
	__retarget_lock_init(lock);
}

void __retarget_lock_close(_LOCK_T lock)
{
	free(lock);
}

void __retarget_lock_close_recursive(_LOCK_T lock)
{
	free(lock);
}

void __retarget_lock_acquire(_LOCK_T lock)
{
	if (lock)
		futex_lock(&lock->word);
}

int __retarget_lock_try_acquire(_LOCK_T lock)
{
	return !lock || futex_trylock(&lock->word) ? 0 : 1;
}

void __retarget_lock_release(_LOCK_T lock)
{
	if (lock)
		futex_unlock(&lock->word);
}

static int acquire_recursive(_LOCK_T lock, bool try)
{
	void *me = current_tcb();

	if (!lock)
		return 0;
	if (__atomic_load_n(&lock->owner, __ATOMIC_RELAXED) == me) {
		lock->depth++;
		return 0;
	}
	if (try) {
		if (!futex_trylock(&lock->word))
			return 1;
	} else {
		futex_lock(&lock->word);
	}
	__atomic_store_n(&lock->owner, me, __ATOMIC_RELAXED);
	lock->depth = 1;
	return 0;
}

void __retarget_lock_acquire_recursive(_LOCK_T lock)
{
	acquire_recursive(lock, false);
}

int __retarget_lock_try_acquire_recursive(_LOCK_T lock)
{
	return acquire_recursive(lock, true);
}

void __retarget_lock_release_recursive(_LOCK_T lock)
{
	if (!lock || --lock->depth > 0)
		return;
	__atomic_store_n(&lock->owner, NULL, __ATOMIC_RELAXED);
	futex_unlock(&lock->word);
}
