/* SPDX-License-Identifier: BSD-3-Clause */
/* POSIX unnamed semaphores on a futex word (named ones fail with ENOSYS). */
#ifndef _SEMAPHORE_H_
#define _SEMAPHORE_H_

#include <sys/cdefs.h>
#include <sys/_timespec.h>

/* __value is the futex word; __waiters counts sleepers so sem_post can skip the wake. */
typedef struct {
	unsigned int __value;
	unsigned int __waiters;
} sem_t;

#define SEM_FAILED    ((sem_t *)0)
#define SEM_VALUE_MAX 0x7fffffff

__BEGIN_DECLS
int sem_close(sem_t *);
int sem_destroy(sem_t *);
int sem_getvalue(sem_t *__restrict, int *__restrict);
int sem_init(sem_t *, int, unsigned int);
sem_t *sem_open(const char *, int, ...);
int sem_post(sem_t *);
int sem_timedwait(sem_t *__restrict, const struct timespec *__restrict);
int sem_trywait(sem_t *);
int sem_unlink(const char *);
int sem_wait(sem_t *);
__END_DECLS

#endif /* !_SEMAPHORE_H_ */
