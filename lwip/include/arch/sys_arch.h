/* SPDX-License-Identifier: BSD-3-Clause */
/* lwIP's OS types for HermitCore: futex-based semaphores and mailboxes, pthread mutexes and
 * threads (lwIP runs inside the application, on the C library's threads). */
#ifndef HERMIT_LWIP_ARCH_SYS_ARCH_H
#define HERMIT_LWIP_ARCH_SYS_ARCH_H

#include <pthread.h>
#include <stdint.h>

/* A counting semaphore: the futex word is the count. `valid` is 0 for a freed one. */
struct sys_sem {
	volatile int32_t count;
	int32_t valid;
};
typedef struct sys_sem sys_sem_t;

struct sys_mutex {
	pthread_mutex_t m;
	int valid;
};
typedef struct sys_mutex sys_mutex_t;

/* A mailbox: a ring of `size` pointers under a mutex, `used` and `free` counting the full
 * and the empty slots (futex semaphores, so posters and fetchers sleep in the kernel). */
struct sys_mbox {
	pthread_mutex_t lock;
	sys_sem_t used;
	sys_sem_t free;
	void **slots;
	unsigned size, head, tail;
	int valid;
};
typedef struct sys_mbox sys_mbox_t;

typedef pthread_t sys_thread_t;
typedef int sys_prot_t;

#define sys_sem_valid(s)         ((s) != NULL && (s)->valid)
#define sys_sem_set_invalid(s)   ((s)->valid = 0)
#define sys_mutex_valid(m)       ((m) != NULL && (m)->valid)
#define sys_mutex_set_invalid(m) ((m)->valid = 0)
#define sys_mbox_valid(m)        ((m) != NULL && (m)->valid)
#define sys_mbox_set_invalid(m)  ((m)->valid = 0)

#endif
