/* SPDX-License-Identifier: BSD-3-Clause */
/* Thread life cycle: pthread_create, exit, join, detach, self, equal, and the count of live
 * threads that ends the program with exit(0) when its last thread ends. */
#include <stdlib.h>
#include <string.h>

#include "pthread_internal.h"

static struct pthread main_thread = {
    .exit_futex = 1,
    .storage = STORAGE_STATIC,
    .cpu = HERMIT_CPU_ANY,
    .policy = SCHED_OTHER,
    .name = "main",
};

/* A thread spawned outside libpthread gets a descriptor in its own static TLS. */
static __thread struct pthread foreign_thread;

/* Threads that have not ended; the main thread counts from the start. */
static int live_threads = 1;

/* Ended detached threads whose descriptors wait for the kernel to clear exit_futex. */
static struct pthread *zombies;
static int zombie_lock;

bool is_main_thread(void)
{
	return current_tcb()->tid == 1;
}

struct pthread *current_thread(void)
{
	struct hermit_tcb *tcb = current_tcb();
	struct pthread *self = tcb->libc_thread;

	if (__builtin_expect(self != NULL, 1))
		return self;
	if (tcb->tid == 1) {
		self = &main_thread;
	} else {
		self = &foreign_thread;
		self->exit_futex = 1;
		self->state = THREAD_DETACHED;
		self->storage = STORAGE_STATIC;
		self->cpu = HERMIT_CPU_ANY;
	}
	tcb->libc_thread = self;
	return self;
}

pthread_t pthread_self(void)
{
	return (pthread_t)current_thread();
}

int pthread_equal(pthread_t a, pthread_t b)
{
	return a == b;
}

static void reap_zombies(void)
{
	struct pthread **link, *t;

	if (!__atomic_load_n(&zombies, __ATOMIC_RELAXED))
		return;
	futex_lock(&zombie_lock);
	for (link = &zombies; (t = *link);) {
		if (__atomic_load_n(&t->exit_futex, __ATOMIC_ACQUIRE) == 0) {
			*link = t->next_zombie;
			free(t);
		} else {
			link = &t->next_zombie;
		}
	}
	futex_unlock(&zombie_lock);
}

static void thread_start(void *arg)
{
	struct pthread *self = arg;

	pthread_exit(self->start(self->arg));
}

static int hermit_priority(int policy, int priority)
{
	return policy == SCHED_OTHER ? HERMIT_PRIO_NORMAL : priority;
}

/* The new thread's scheduling: from the attributes, or inherited from the creator. */
static void take_attributes(struct pthread *t, const pthread_attr_t *attr,
                            struct hermit_spawn_attr *spawn)
{
	struct pthread *self = current_thread();

	t->policy = self->policy;
	t->priority = self->priority;
	t->cpu = HERMIT_CPU_ANY;
	t->state = THREAD_JOINABLE;
	if (attr) {
		if (attr->__inheritsched == PTHREAD_EXPLICIT_SCHED) {
			t->policy = attr->__schedpolicy;
			t->priority = attr->__schedparam.sched_priority;
		}
		t->cpu = attr->__cpu;
		if (attr->__detachstate == PTHREAD_CREATE_DETACHED)
			t->state = THREAD_DETACHED;
		spawn->stack_size = attr->__stacksize;
	}
	spawn->cpu = t->cpu;
	spawn->prio = hermit_priority(t->policy, t->priority);
}

int pthread_create(pthread_t *id, const pthread_attr_t *attr, void *(*start)(void *), void *arg)
{
	struct hermit_spawn_attr spawn = {0};
	struct pthread *t;
	int64_t tid;

	if (attr && !attr->__initialized)
		return EINVAL;
	reap_zombies();
	t = calloc(1, sizeof(*t));
	if (!t)
		return EAGAIN;
	t->start = start;
	t->arg = arg;
	t->exit_futex = 1;
	t->storage = STORAGE_HEAP;
	take_attributes(t, attr, &spawn);
	spawn.libc_thread = t;
	spawn.exit_futex = &t->exit_futex;

	/* Published first: the new thread may read it at once (and, detached, may be gone
	 * before sys_spawn returns, so t is not touched after a successful spawn). */
	*id = (pthread_t)t;
	__atomic_add_fetch(&live_threads, 1, __ATOMIC_RELAXED);
	tid = sys_spawn(thread_start, t, &spawn);
	if (tid < 0) {
		__atomic_sub_fetch(&live_threads, 1, __ATOMIC_RELAXED);
		free(t);
		return tid == -HERMIT_EINVAL ? EINVAL : EAGAIN;
	}
	return 0;
}

/* The descriptor is handed over: to a joiner (EXITED) or to the zombie list. */
static void hand_over_descriptor(struct pthread *self)
{
	int expected = THREAD_JOINABLE;

	if (__atomic_compare_exchange_n(&self->state, &expected, THREAD_EXITED, false,
	                                __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return;
	if (self->storage != STORAGE_HEAP)
		return;
	futex_lock(&zombie_lock);
	self->next_zombie = zombies;
	zombies = self;
	futex_unlock(&zombie_lock);
}

void pthread_exit(void *result)
{
	struct pthread *self = current_thread();

	self->result = result;
	run_cleanup_handlers();
	run_key_destructors();
	/* Foreign threads were never counted. The last thread runs the atexit handlers and
	 * flushes stdio. */
	if (self != &foreign_thread && __atomic_sub_fetch(&live_threads, 1, __ATOMIC_ACQ_REL) == 0)
		exit(0);
	release_thread_reent();
	__hermit_malloc_thread_exit(); /* after the last free of this thread's libc */
	hand_over_descriptor(self);
	if (self->storage == STORAGE_STATIC) {
		/* The kernel does not know this exit_futex: a joiner of main waits on it. */
		__atomic_store_n(&self->exit_futex, 0, __ATOMIC_RELEASE);
		futex_wake((void *)&self->exit_futex, INT32_MAX);
	}
	sys_thread_exit();
}

/* Waits until the thread has left the kernel (its stack is gone), then frees it. */
static int wait_and_reap(struct pthread *t, void **result, uint64_t deadline, bool try)
{
	int32_t v;

	while ((v = __atomic_load_n(&t->exit_futex, __ATOMIC_ACQUIRE)) != 0) {
		if (try)
			return EBUSY;
		if (futex_wait((void *)&t->exit_futex, v, deadline) == ETIMEDOUT)
			return ETIMEDOUT;
	}
	if (result)
		*result = t->result;
	if (t->storage == STORAGE_HEAP)
		free(t);
	return 0;
}

static int join(pthread_t id, void **result, uint64_t deadline, bool try)
{
	struct pthread *t = (struct pthread *)id;

	if (!t)
		return ESRCH;
	if (t == current_thread())
		return EDEADLK;
	if (__atomic_load_n(&t->state, __ATOMIC_ACQUIRE) == THREAD_DETACHED)
		return EINVAL;
	return wait_and_reap(t, result, deadline, try);
}

int pthread_join(pthread_t id, void **result)
{
	return join(id, result, 0, false);
}

int pthread_tryjoin_np(pthread_t id, void **result)
{
	return join(id, result, 0, true);
}

int pthread_timedjoin_np(pthread_t id, void **result, const struct timespec *abstime)
{
	uint64_t deadline;
	int err = deadline_from_timespec(CLOCK_REALTIME, abstime, &deadline);

	return err ? err : join(id, result, deadline, false);
}

int pthread_detach(pthread_t id)
{
	struct pthread *t = (struct pthread *)id;
	int expected = THREAD_JOINABLE;

	if (!t)
		return ESRCH;
	if (__atomic_compare_exchange_n(&t->state, &expected, THREAD_DETACHED, false,
	                                __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return 0;
	if (expected == THREAD_EXITED)
		return wait_and_reap(t, NULL, 0, false); /* it is ending now: reap it */
	return EINVAL;
}

int pthread_getname_np(pthread_t id, char *name, size_t len)
{
	struct pthread *t = (struct pthread *)id;

	if (strlen(t->name) >= len)
		return ERANGE;
	strcpy(name, t->name);
	return 0;
}

int pthread_setname_np(pthread_t id, const char *name)
{
	struct pthread *t = (struct pthread *)id;

	if (strlen(name) >= sizeof(t->name))
		return ERANGE;
	strcpy(t->name, name);
	return 0;
}
