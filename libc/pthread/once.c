/* SPDX-License-Identifier: BSD-3-Clause */
/* pthread_once: the first caller runs the routine, the others sleep until it is done. */
#include <limits.h>

#include "pthread_internal.h"

enum { ONCE_NEW, ONCE_RUNNING, ONCE_DONE };

int pthread_once(pthread_once_t *once, void (*routine)(void))
{
	int state = ONCE_NEW;

	if (__atomic_load_n(&once->__state, __ATOMIC_ACQUIRE) == ONCE_DONE)
		return 0;
	if (__atomic_compare_exchange_n(&once->__state, &state, ONCE_RUNNING, false,
	                                __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE)) {
		routine();
		__atomic_store_n(&once->__state, ONCE_DONE, __ATOMIC_RELEASE);
		futex_wake(&once->__state, INT_MAX);
		return 0;
	}
	while ((state = __atomic_load_n(&once->__state, __ATOMIC_ACQUIRE)) != ONCE_DONE)
		futex_wait(&once->__state, state, 0);
	return 0;
}
