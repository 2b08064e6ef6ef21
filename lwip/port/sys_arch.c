/* SPDX-License-Identifier: BSD-3-Clause */
/* lwIP's operating system layer on HermitCore: semaphores and mailboxes on the kernel's
 * futexes, mutexes and threads from libpthread, time from the kernel's monotonic clock. */
#include "lwip/opt.h" /* first: arch/cc.h sets FD_SETSIZE before newlib's headers */
#include "lwip/sys.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <hermit/syscall.h>

static pthread_mutex_t protect_lock;

void sys_init(void)
{
	pthread_mutexattr_t a;

	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&protect_lock, &a);
	pthread_mutexattr_destroy(&a);
}

static uint64_t now_ns(void)
{
	struct hermit_timespec ts;

	sys_clock_gettime(HERMIT_CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.sec * 1000000000u + (uint64_t)ts.nsec;
}

u32_t sys_now(void)
{
	return (u32_t)(now_ns() / 1000000u);
}

u32_t sys_jiffies(void)
{
	return sys_now();
}

unsigned int hermit_lwip_rand(void)
{
	static uint64_t state;
	uint64_t x = __atomic_load_n(&state, __ATOMIC_RELAXED);

	if (x == 0)
		x = __builtin_ia32_rdtsc() | 1;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	__atomic_store_n(&state, x, __ATOMIC_RELAXED);
	return (unsigned int)(x >> 16);
}

/* SYS_ARCH_PROTECT: one recursive lock (lwIP nests it). */
sys_prot_t sys_arch_protect(void)
{
	pthread_mutex_lock(&protect_lock);
	return 0;
}

void sys_arch_unprotect(sys_prot_t pval)
{
	(void)pval;
	pthread_mutex_unlock(&protect_lock);
}

/* --- semaphores: the futex word is the count --------------------------------------------- */

err_t sys_sem_new(sys_sem_t *sem, u8_t count)
{
	sem->count = count;
	sem->valid = 1;
	return ERR_OK;
}

void sys_sem_free(sys_sem_t *sem)
{
	sem->valid = 0;
}

void sys_sem_signal(sys_sem_t *sem)
{
	__atomic_fetch_add(&sem->count, 1, __ATOMIC_RELEASE);
	sys_futex_wake(&sem->count, 1);
}

/* Takes one unit; timeout_ms 0 waits forever. Returns the milliseconds waited or
 * SYS_ARCH_TIMEOUT. */
u32_t sys_arch_sem_wait(sys_sem_t *sem, u32_t timeout_ms)
{
	uint64_t start = now_ns();
	uint64_t deadline = timeout_ms ? start + (uint64_t)timeout_ms * 1000000u : 0;

	for (;;) {
		int32_t c = __atomic_load_n(&sem->count, __ATOMIC_ACQUIRE);

		if (c > 0) {
			if (__atomic_compare_exchange_n(&sem->count, &c, c - 1, 0, __ATOMIC_ACQUIRE,
			                                __ATOMIC_RELAXED))
				return (u32_t)((now_ns() - start) / 1000000u);
			continue;
		}
		if (sys_futex_wait(&sem->count, 0, deadline) == -110 /* ETIMEDOUT */ ||
		    (deadline && now_ns() >= deadline)) {
			/* A unit may have come in just now: take it rather than time out. */
			c = __atomic_load_n(&sem->count, __ATOMIC_ACQUIRE);
			while (c > 0)
				if (__atomic_compare_exchange_n(&sem->count, &c, c - 1, 0,
				                                __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
					return timeout_ms;
			return SYS_ARCH_TIMEOUT;
		}
	}
}

static int sem_trywait(sys_sem_t *sem)
{
	int32_t c = __atomic_load_n(&sem->count, __ATOMIC_ACQUIRE);

	while (c > 0)
		if (__atomic_compare_exchange_n(&sem->count, &c, c - 1, 0, __ATOMIC_ACQUIRE,
		                                __ATOMIC_RELAXED))
			return 1;
	return 0;
}

/* --- mutexes ------------------------------------------------------------------------------ */

err_t sys_mutex_new(sys_mutex_t *m)
{
	if (pthread_mutex_init(&m->m, NULL) != 0)
		return ERR_MEM;
	m->valid = 1;
	return ERR_OK;
}

void sys_mutex_free(sys_mutex_t *m)
{
	pthread_mutex_destroy(&m->m);
	m->valid = 0;
}

void sys_mutex_lock(sys_mutex_t *m)
{
	pthread_mutex_lock(&m->m);
}

void sys_mutex_unlock(sys_mutex_t *m)
{
	pthread_mutex_unlock(&m->m);
}

/* --- mailboxes: a ring under a mutex, two counting semaphores ----------------------------- */

err_t sys_mbox_new(sys_mbox_t *mb, int size)
{
	if (size <= 0)
		size = 128;
	mb->slots = calloc((size_t)size, sizeof(void *));
	if (!mb->slots)
		return ERR_MEM;
	pthread_mutex_init(&mb->lock, NULL);
	sys_sem_new(&mb->used, 0);
	mb->free.count = size;
	mb->free.valid = 1;
	mb->size = (unsigned)size;
	mb->head = mb->tail = 0;
	mb->valid = 1;
	return ERR_OK;
}

void sys_mbox_free(sys_mbox_t *mb)
{
	pthread_mutex_destroy(&mb->lock);
	free(mb->slots);
	mb->slots = NULL;
	mb->valid = 0;
}

static void mbox_put(sys_mbox_t *mb, void *msg)
{
	pthread_mutex_lock(&mb->lock);
	mb->slots[mb->tail] = msg;
	mb->tail = (mb->tail + 1) % mb->size;
	pthread_mutex_unlock(&mb->lock);
	sys_sem_signal(&mb->used);
}

static void *mbox_get(sys_mbox_t *mb)
{
	void *msg;

	pthread_mutex_lock(&mb->lock);
	msg = mb->slots[mb->head];
	mb->head = (mb->head + 1) % mb->size;
	pthread_mutex_unlock(&mb->lock);
	sys_sem_signal(&mb->free);
	return msg;
}

void sys_mbox_post(sys_mbox_t *mb, void *msg)
{
	sys_arch_sem_wait(&mb->free, 0);
	mbox_put(mb, msg);
}

err_t sys_mbox_trypost(sys_mbox_t *mb, void *msg)
{
	if (!sem_trywait(&mb->free))
		return ERR_MEM;
	mbox_put(mb, msg);
	return ERR_OK;
}

err_t sys_mbox_trypost_fromisr(sys_mbox_t *mb, void *msg)
{
	return sys_mbox_trypost(mb, msg);
}

u32_t sys_arch_mbox_fetch(sys_mbox_t *mb, void **msg, u32_t timeout_ms)
{
	u32_t waited = sys_arch_sem_wait(&mb->used, timeout_ms);
	void *m;

	if (waited == SYS_ARCH_TIMEOUT)
		return SYS_ARCH_TIMEOUT;
	m = mbox_get(mb);
	if (msg)
		*msg = m;
	return waited;
}

u32_t sys_arch_mbox_tryfetch(sys_mbox_t *mb, void **msg)
{
	void *m;

	if (!sem_trywait(&mb->used))
		return SYS_MBOX_EMPTY;
	m = mbox_get(mb);
	if (msg)
		*msg = m;
	return 0;
}

/* --- threads ------------------------------------------------------------------------------ */

struct thread_start {
	lwip_thread_fn fn;
	void *arg;
};

static void *thread_main(void *p)
{
	struct thread_start s = *(struct thread_start *)p;

	free(p);
	s.fn(s.arg);
	return NULL;
}

sys_thread_t sys_thread_new(const char *name, lwip_thread_fn fn, void *arg, int stacksize, int prio)
{
	pthread_attr_t a;
	pthread_t t;
	struct thread_start *s = malloc(sizeof(*s));

	(void)name;
	(void)prio;
	if (!s)
		LWIP_PLATFORM_ASSERT("sys_thread_new: out of memory");
	s->fn = fn;
	s->arg = arg;
	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	if (stacksize > 0)
		pthread_attr_setstacksize(&a, (size_t)stacksize);
	if (pthread_create(&t, &a, thread_main, s) != 0)
		LWIP_PLATFORM_ASSERT("sys_thread_new: pthread_create failed");
	pthread_attr_destroy(&a);
	return t;
}
