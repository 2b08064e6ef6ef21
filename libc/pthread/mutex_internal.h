/* SPDX-License-Identifier: BSD-3-Clause */
/* What condition variables need from mutexes: a full release and a re-acquisition. */
#ifndef HERMIT_PTHREAD_MUTEX_INTERNAL_H
#define HERMIT_PTHREAD_MUTEX_INTERNAL_H

#include <pthread.h>

/* Unlocks `m` (held by the caller) whatever its recursion depth; returns the depth. */
unsigned mutex_release_all(pthread_mutex_t *m);
/* Locks `m` again with that depth. */
void mutex_reacquire(pthread_mutex_t *m, unsigned depth);

#endif
