/* SPDX-License-Identifier: BSD-3-Clause */
/* Internal contracts of libpthread: the thread descriptor, the futex lock every other
 * primitive builds on, and the conversion of POSIX timeouts to kernel deadlines. */
#ifndef HERMIT_PTHREAD_INTERNAL_H
#define HERMIT_PTHREAD_INTERNAL_H

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include <hermit/abi_uhyve.h>
#include <hermit/syscall.h>

/* The image is one static link with the kernel, whose own symbols (futex_wait, ...) share
 * the namespace: every internal function of the library gets a reserved prefix. */
#define current_thread         __pthread_current_thread
#define is_main_thread         __pthread_is_main_thread
#define futex_lock_slow        __pthread_futex_lock_slow
#define futex_lock_timed_slow  __pthread_futex_lock_timed_slow
#define futex_unlock_slow      __pthread_futex_unlock_slow
#define spin_pause             __pthread_spin_pause
#define futex_wait             __pthread_futex_wait
#define futex_wake             __pthread_futex_wake
#define deadline_from_timespec __pthread_deadline_from_timespec
#define monotonic_now_ns       __pthread_monotonic_now_ns
#define run_cleanup_handlers   __pthread_run_cleanup_handlers
#define run_key_destructors    __pthread_run_key_destructors
#define release_thread_reent   __pthread_release_thread_reent
#define errno_from_kernel      __pthread_errno_from_kernel
#define mutex_release_all      __pthread_mutex_release_all
#define mutex_reacquire        __pthread_mutex_reacquire
#define cpu_from_set           __pthread_cpu_from_set
#define set_from_cpu           __pthread_set_from_cpu
#define check_sched            __pthread_check_sched

/*
 * Every thread made by pthread_create has a heap descriptor; its TCB's libc_thread points
 * to it. The main thread uses a static one (found through tid 1), and threads the kernel
 * or other components spawned directly get one in their static TLS on first use.
 * Ownership: a joinable descriptor is freed by pthread_join; a detached one is put on the
 * zombie list when its thread ends and freed once the kernel has cleared exit_futex, that
 * is when the thread's stack is gone (reap_zombies, called from pthread_create).
 */
enum thread_state {
	THREAD_JOINABLE, /* running or not yet joined: pthread_join frees the descriptor */
	THREAD_DETACHED, /* nobody joins: the zombie list frees it */
	THREAD_EXITED,   /* ended before anybody joined or detached it */
};

enum thread_storage {
	STORAGE_HEAP,   /* made by pthread_create */
	STORAGE_STATIC, /* the main thread's, or one in a foreign thread's TLS: never freed */
};

struct pthread {
	void *(*start)(void *);
	void *arg;
	void *result;
	volatile int32_t exit_futex; /* 1 while it runs; 0 (and a wake) once it has exited */
	int state;                   /* enum thread_state, changed atomically */
	int storage;                 /* enum thread_storage */
	int cpu;                     /* HERMIT_CPU_ANY or the CPU it is pinned to */
	int policy;                  /* SCHED_OTHER, SCHED_FIFO, SCHED_RR */
	int priority;                /* POSIX priority: 0 for SCHED_OTHER, else 1..15 */
	char name[16];
	struct pthread *next_zombie; /* zombie list link (zombie_lock) */
};

/* The caller's TCB, read from %fs:0 without a system call. */
static inline struct hermit_tcb *current_tcb(void)
{
	struct hermit_tcb *tcb;

	__asm__("mov %%fs:0, %0" : "=r"(tcb));
	return tcb;
}

/* The caller's descriptor (made on first use for the main and foreign threads). */
struct pthread *current_thread(void);
bool is_main_thread(void);

/* --- the futex lock: 0 free, 1 locked, 2 locked and maybe waited for --------------------- */

void futex_lock_slow(int *word);
int futex_lock_timed_slow(int *word, uint64_t deadline_ns);
void futex_unlock_slow(int *word);

/* Uncontended: one compare-and-swap, no system call. */
static inline bool futex_trylock(int *word)
{
	int expected = 0;

	return __atomic_compare_exchange_n(word, &expected, 1, false, __ATOMIC_ACQUIRE,
	                                   __ATOMIC_RELAXED);
}

static inline void futex_lock(int *word)
{
	if (!futex_trylock(word))
		futex_lock_slow(word);
}

static inline void futex_unlock(int *word)
{
	if (__atomic_exchange_n(word, 0, __ATOMIC_RELEASE) == 2)
		futex_unlock_slow(word);
}

/* Spins a little (another CPU may release soon), then yields: a thread that only spins
 * would keep a lock holder on its own CPU waiting for a whole time slice. */
void spin_pause(unsigned *round);

/* Blocks while *word == expected, up to a deadline (0: none). 0 on wake-up or a changed
 * word, ETIMEDOUT after the deadline. */
int futex_wait(void *word, int expected, uint64_t deadline_ns);
void futex_wake(void *word, int count);

/* --- timeouts ------------------------------------------------------------------------- */

/* The kernel's CLOCK_MONOTONIC deadline (ns) for an absolute time on `clock`
 * (CLOCK_REALTIME or CLOCK_MONOTONIC); EINVAL for a bad timespec. A time in the past
 * gives a deadline in the past, never 0. */
int deadline_from_timespec(clockid_t clock, const struct timespec *abstime, uint64_t *deadline);
uint64_t monotonic_now_ns(void);

/* --- thread exit ---------------------------------------------------------------------- */

void run_cleanup_handlers(void);
void run_key_destructors(void);
void release_thread_reent(void);
/* malloc/malloc.c: the thread's cached free blocks go back to their size classes. */
void __hermit_malloc_thread_exit(void);

/* Error number (newlib's) for a kernel result (-errno, Linux numbering). */
int errno_from_kernel(int64_t ret);

#endif
