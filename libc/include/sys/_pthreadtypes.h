/* SPDX-License-Identifier: BSD-3-Clause */
/* HermitCore's POSIX thread types (replaces newlib's sys/_pthreadtypes.h): small structs
 * around 32-bit futex words, all-zero static initializers, glibc's constant values. */
#ifndef _SYS__PTHREADTYPES_H_
#define _SYS__PTHREADTYPES_H_

#include <sys/features.h>
#include <sys/_types.h>
#include <sys/sched.h>

#if defined(_POSIX_THREADS) || __POSIX_VISIBLE >= 199506

/* The address of the thread's descriptor in libpthread. */
typedef unsigned long pthread_t;

#define PTHREAD_CREATE_JOINABLE 0
#define PTHREAD_CREATE_DETACHED 1

#define PTHREAD_INHERIT_SCHED   0
#define PTHREAD_EXPLICIT_SCHED  1

#define PTHREAD_SCOPE_SYSTEM    0
#define PTHREAD_SCOPE_PROCESS   1

#define PTHREAD_PROCESS_PRIVATE 0
#define PTHREAD_PROCESS_SHARED  1 /* one address space: the same as private */

#ifndef PTHREAD_STACK_MIN
#define PTHREAD_STACK_MIN 16384
#endif
#ifndef PTHREAD_KEYS_MAX
#define PTHREAD_KEYS_MAX 128
#endif
#ifndef PTHREAD_DESTRUCTOR_ITERATIONS
#define PTHREAD_DESTRUCTOR_ITERATIONS 4
#endif

typedef struct {
	int __initialized;
	int __detachstate;
	__SIZE_TYPE__ __stacksize; /* 0: the kernel's default */
	__SIZE_TYPE__ __guardsize; /* accepted; the kernel always puts one guard page */
	void *__stackaddr;         /* accepted; the kernel allocates every stack */
	int __scope;
	int __inheritsched;
	int __schedpolicy;
	struct sched_param __schedparam;
	int __cpu; /* -1: any CPU, else the CPU the thread is pinned to */
} pthread_attr_t;

/* Mutex types (XSI). */
#define PTHREAD_MUTEX_NORMAL     0
#define PTHREAD_MUTEX_RECURSIVE  1
#define PTHREAD_MUTEX_ERRORCHECK 2
#define PTHREAD_MUTEX_DEFAULT    PTHREAD_MUTEX_NORMAL

/* __lock is the futex word: 0 free, 1 locked, 2 locked and maybe waited for. __owner (the
 * owner's TCB) and __count are kept for the recursive and error-checking types only. */
typedef struct {
	int __lock;
	int __type;
	unsigned int __count;
	int __reserved;
	void *__owner;
} pthread_mutex_t;

typedef struct {
	int __initialized;
	int __type;
	int __pshared;
} pthread_mutexattr_t;

#define _PTHREAD_MUTEX_INITIALIZER                                                                 \
	{                                                                                          \
		0, PTHREAD_MUTEX_NORMAL, 0, 0, 0                                                   \
	}
#if __GNU_VISIBLE
#define PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP                                                     \
	{                                                                                          \
		0, PTHREAD_MUTEX_RECURSIVE, 0, 0, 0                                                \
	}
#define PTHREAD_ERRORCHECK_MUTEX_INITIALIZER_NP                                                    \
	{                                                                                          \
		0, PTHREAD_MUTEX_ERRORCHECK, 0, 0, 0                                               \
	}
#endif

/* __seq is the futex word, bumped by every signal; __monotonic selects the timeout clock. */
typedef struct {
	unsigned int __seq;
	unsigned int __waiters;
	int __monotonic;
	int __reserved;
} pthread_cond_t;

typedef struct {
	int __initialized;
	int __pshared;
	__clockid_t __clock;
} pthread_condattr_t;

#define _PTHREAD_COND_INITIALIZER                                                                  \
	{                                                                                          \
		0, 0, 0, 0                                                                         \
	}

typedef unsigned int pthread_key_t;

/* __state: 0 not run, 1 running, 2 done (a futex word). */
typedef struct {
	int __state;
} pthread_once_t;

#define _PTHREAD_ONCE_INIT                                                                         \
	{                                                                                          \
		0                                                                                  \
	}

#endif /* defined(_POSIX_THREADS) || __POSIX_VISIBLE >= 199506 */

#if defined(_POSIX_BARRIERS)
typedef struct {
	int __lock;
	unsigned int __count;
	unsigned int __arrived;
	unsigned int __seq; /* futex word: the generation, bumped when all have arrived */
} pthread_barrier_t;

typedef struct {
	int __initialized;
	int __pshared;
} pthread_barrierattr_t;
#endif

#if defined(_POSIX_SPIN_LOCKS)
typedef int pthread_spinlock_t;
#endif

#if defined(_POSIX_READER_WRITER_LOCKS)
/* A small internal lock (__lock) guards the fields; waiters sleep on __seq. Readers are
 * preferred (as glibc's default), so a reader may take a read lock it already holds. */
typedef struct {
	int __lock;
	int __readers;
	unsigned int __seq;
	unsigned int __waiters;
	void *__writer; /* the writer's TCB, or 0 */
} pthread_rwlock_t;

#define _PTHREAD_RWLOCK_INITIALIZER                                                                \
	{                                                                                          \
		0, 0, 0, 0, 0                                                                      \
	}

typedef struct {
	int __initialized;
	int __pshared;
} pthread_rwlockattr_t;
#endif

#endif /* _SYS__PTHREADTYPES_H_ */
