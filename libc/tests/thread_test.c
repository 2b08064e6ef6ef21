/* SPDX-License-Identifier: BSD-3-Clause */
/* Functional test of libpthread under uhyve: every call, its results and error cases;
 * prints "thread_test: ok" and exits 0, or lists the failures and exits 1. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "thread_test.h"

int test_failures;

struct timespec in_ms(clockid_t clock, long ms)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += (ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	return ts;
}

long ms_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) * 1000 + (now.tv_nsec - start->tv_nsec) / 1000000;
}

/* --- life cycle ----------------------------------------------------------------------- */

static void *return_arg(void *arg)
{
	return arg;
}

static void *report_self(void *arg)
{
	*(pthread_t *)arg = pthread_self();
	return NULL;
}

static void *exit_early(void *arg)
{
	pthread_exit((char *)arg + 1);
	return NULL;
}

static int detached_done;

static void *detached_body(void *arg)
{
	(void)arg;
	__atomic_add_fetch(&detached_done, 1, __ATOMIC_RELAXED);
	return NULL;
}

static void test_lifecycle(void)
{
	pthread_t t, seen = 0;
	pthread_attr_t attr;
	void *result;
	int i, state;

	EXPECT(pthread_create(&t, NULL, return_arg, (void *)0x1234), 0);
	EXPECT(pthread_join(t, &result), 0);
	CHECK(result == (void *)0x1234);
	EXPECT(pthread_create(&t, NULL, exit_early, (void *)0x10), 0);
	EXPECT(pthread_join(t, &result), 0);
	CHECK(result == (void *)0x11);
	EXPECT(pthread_create(&t, NULL, report_self, &seen), 0);
	EXPECT(pthread_join(t, NULL), 0);
	CHECK(pthread_equal(t, seen));
	CHECK(!pthread_equal(t, pthread_self()));
	CHECK(pthread_equal(pthread_self(), pthread_self()));
	EXPECT(pthread_join(pthread_self(), NULL), EDEADLK);

	/* Detached by attribute and by pthread_detach, before and after the end. */
	EXPECT(pthread_attr_init(&attr), 0);
	EXPECT(pthread_attr_getdetachstate(&attr, &state), 0);
	CHECK(state == PTHREAD_CREATE_JOINABLE);
	EXPECT(pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED), 0);
	EXPECT(pthread_attr_getdetachstate(&attr, &state), 0);
	CHECK(state == PTHREAD_CREATE_DETACHED);
	EXPECT(pthread_attr_setdetachstate(&attr, 42), EINVAL);
	for (i = 0; i < 10; i++)
		EXPECT(pthread_create(&t, &attr, detached_body, NULL), 0);
	EXPECT(pthread_create(&t, NULL, detached_body, NULL), 0);
	EXPECT(pthread_detach(t), 0);
	EXPECT(pthread_detach(t), EINVAL);
	EXPECT(pthread_create(&t, NULL, detached_body, NULL), 0);
	while (__atomic_load_n(&detached_done, __ATOMIC_RELAXED) < 12)
		sched_yield();
	EXPECT(pthread_detach(t), 0);
	pthread_attr_destroy(&attr);

	/* Many short threads: descriptors and stacks are recycled. */
	for (i = 0; i < 200; i++) {
		EXPECT(pthread_create(&t, NULL, return_arg, (void *)(long)i), 0);
		EXPECT(pthread_join(t, &result), 0);
		CHECK(result == (void *)(long)i);
	}
	EXPECT(pthread_create(&t, NULL, return_arg, NULL), 0);
	EXPECT(pthread_tryjoin_np(t, NULL) == 0 ? 0 : pthread_join(t, NULL), 0);
}

/* --- attributes, scheduling, affinity --------------------------------------------------- */

static void *report_sched(void *arg)
{
	struct sched_param param;
	int *out = arg;

	pthread_getschedparam(pthread_self(), &out[0], &param);
	out[1] = param.sched_priority;
	out[2] = sched_getcpu();
	return NULL;
}

static void test_attributes(void)
{
	pthread_attr_t attr;
	struct sched_param param = {.sched_priority = 12};
	size_t size;
	int value, out[3];
	pthread_t t;
	void *addr;

	EXPECT(pthread_attr_init(&attr), 0);
	EXPECT(pthread_attr_getstacksize(&attr, &size), 0);
	CHECK(size >= PTHREAD_STACK_MIN);
	EXPECT(pthread_attr_setstacksize(&attr, 1), EINVAL);
	EXPECT(pthread_attr_setstacksize(&attr, 256 * 1024), 0);
	EXPECT(pthread_attr_getstacksize(&attr, &size), 0);
	CHECK(size == 256 * 1024);
	EXPECT(pthread_attr_setguardsize(&attr, 8192), 0);
	EXPECT(pthread_attr_getguardsize(&attr, &size), 0);
	CHECK(size == 8192);
	EXPECT(pthread_attr_getstack(&attr, &addr, &size), 0);
	EXPECT(pthread_attr_setscope(&attr, PTHREAD_SCOPE_SYSTEM), 0);
	EXPECT(pthread_attr_getscope(&attr, &value), 0);
	CHECK(value == PTHREAD_SCOPE_SYSTEM);
	EXPECT(pthread_attr_setinheritsched(&attr, PTHREAD_EXPLICIT_SCHED), 0);
	EXPECT(pthread_attr_setschedpolicy(&attr, SCHED_FIFO), 0);
	EXPECT(pthread_attr_setschedparam(&attr, &param), 0);
	param.sched_priority = 99;
	EXPECT(pthread_attr_setschedparam(&attr, &param), EINVAL);
	EXPECT(pthread_create(&t, &attr, report_sched, out), 0);
	EXPECT(pthread_join(t, NULL), 0);
	CHECK(out[0] == SCHED_FIFO && out[1] == 12);
	pthread_attr_destroy(&attr);

	CHECK(sched_get_priority_min(SCHED_FIFO) == 1);
	CHECK(sched_get_priority_max(SCHED_FIFO) == 15);
	CHECK(sched_get_priority_max(SCHED_OTHER) == 0);
	EXPECT(pthread_getschedparam(pthread_self(), &value, &param), 0);
	CHECK(value == SCHED_OTHER && param.sched_priority == 0);
	param.sched_priority = 10;
	EXPECT(pthread_setschedparam(pthread_self(), SCHED_RR, &param), 0);
	EXPECT(pthread_getschedparam(pthread_self(), &value, &param), 0);
	CHECK(value == SCHED_RR && param.sched_priority == 10);
	EXPECT(pthread_setschedprio(pthread_self(), 11), 0);
	param.sched_priority = 0;
	EXPECT(pthread_setschedparam(pthread_self(), SCHED_OTHER, &param), 0);
	EXPECT(sched_yield(), 0);
	pthread_yield();
	EXPECT(pthread_setname_np(pthread_self(), "tester"), 0);
	{
		char name[16];

		EXPECT(pthread_getname_np(pthread_self(), name, sizeof(name)), 0);
		CHECK(strcmp(name, "tester") == 0);
	}
}

static void test_affinity(void)
{
	long ncpus = sysconf(_SC_NPROCESSORS_ONLN);
	int cpu, out[3] = {0, 0, -1};
	pthread_attr_t attr;
	cpu_set_t set;
	pthread_t t;

	CHECK(ncpus >= 1);
	CHECK(sched_getcpu() >= 0 && sched_getcpu() < ncpus);
	EXPECT(sched_getaffinity(0, sizeof(set), &set), 0);
	CHECK(CPU_COUNT(&set) == ncpus);
	for (cpu = (int)ncpus - 1; cpu >= 0; cpu--) {
		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
		CHECK(CPU_ISSET(cpu, &set) && CPU_COUNT(&set) == 1);
		EXPECT(pthread_attr_init(&attr), 0);
		EXPECT(pthread_attr_setaffinity_np(&attr, sizeof(set), &set), 0);
		EXPECT(pthread_create(&t, &attr, report_sched, out), 0);
		EXPECT(pthread_join(t, NULL), 0);
		CHECK(out[2] == cpu);
		pthread_attr_destroy(&attr);

		EXPECT(pthread_setaffinity_np(pthread_self(), sizeof(set), &set), 0);
		CHECK(sched_getcpu() == cpu);
		CPU_ZERO(&set);
		EXPECT(pthread_getaffinity_np(pthread_self(), sizeof(set), &set), 0);
		CHECK(CPU_ISSET(cpu, &set) && CPU_COUNT(&set) == 1);
	}
	CPU_ZERO(&set);
	EXPECT(pthread_setaffinity_np(pthread_self(), sizeof(set), &set), EINVAL);
	for (cpu = 0; cpu < ncpus; cpu++)
		CPU_SET(cpu, &set);
	EXPECT(sched_setaffinity(0, sizeof(set), &set), 0);
	EXPECT(sched_getaffinity(0, sizeof(set), &set), 0);
	CHECK(CPU_COUNT(&set) == ncpus);
}

/* --- mutexes ---------------------------------------------------------------------------- */

static pthread_mutex_t shared_mutex = PTHREAD_MUTEX_INITIALIZER;
static long shared_counter;

static void *count_up(void *arg)
{
	long i, n = (long)arg;

	for (i = 0; i < n; i++) {
		pthread_mutex_lock(&shared_mutex);
		shared_counter++;
		if (i % 1000 == 0)
			sched_yield(); /* let others pile up on the lock */
		pthread_mutex_unlock(&shared_mutex);
	}
	return NULL;
}

static void *try_from_other(void *arg)
{
	pthread_mutex_t *m = arg;
	long err = pthread_mutex_trylock(m);

	if (err == 0)
		pthread_mutex_unlock(m);
	else if (pthread_mutex_unlock(m) != (m->__type == PTHREAD_MUTEX_NORMAL ? 0 : EPERM))
		err = -1;
	return (void *)err;
}

static void test_mutex_type(int type)
{
	pthread_mutexattr_t attr;
	pthread_mutex_t m;
	struct timespec ts;
	pthread_t t;
	void *result;
	int got;

	EXPECT(pthread_mutexattr_init(&attr), 0);
	EXPECT(pthread_mutexattr_settype(&attr, type), 0);
	EXPECT(pthread_mutexattr_gettype(&attr, &got), 0);
	CHECK(got == type);
	EXPECT(pthread_mutex_init(&m, &attr), 0);
	pthread_mutexattr_destroy(&attr);

	EXPECT(pthread_mutex_lock(&m), 0);
	if (type == PTHREAD_MUTEX_RECURSIVE) {
		EXPECT(pthread_mutex_lock(&m), 0);
		EXPECT(pthread_mutex_trylock(&m), 0);
		EXPECT(pthread_mutex_unlock(&m), 0);
		EXPECT(pthread_mutex_unlock(&m), 0);
	} else if (type == PTHREAD_MUTEX_ERRORCHECK) {
		EXPECT(pthread_mutex_lock(&m), EDEADLK);
		EXPECT(pthread_mutex_trylock(&m), EBUSY);
	} else {
		EXPECT(pthread_mutex_trylock(&m), EBUSY);
	}
	if (type != PTHREAD_MUTEX_NORMAL) {
		EXPECT(pthread_create(&t, NULL, try_from_other, &m), 0);
		EXPECT(pthread_join(t, &result), 0);
		CHECK(result == (void *)(long)EBUSY);
	}
	EXPECT(pthread_mutex_destroy(&m), EBUSY);
	ts = in_ms(CLOCK_REALTIME, 30);
	if (type == PTHREAD_MUTEX_NORMAL) {
		struct timespec start;

		clock_gettime(CLOCK_MONOTONIC, &start);
		EXPECT(pthread_mutex_timedlock(&m, &ts), ETIMEDOUT);
		CHECK(ms_since(&start) >= 25);
	}
	EXPECT(pthread_mutex_unlock(&m), 0);
	if (type != PTHREAD_MUTEX_NORMAL)
		EXPECT(pthread_mutex_unlock(&m), EPERM);
	EXPECT(pthread_mutex_timedlock(&m, &ts), 0);
	EXPECT(pthread_mutex_unlock(&m), 0);
	EXPECT(pthread_mutex_destroy(&m), 0);
}

static void test_mutexes(void)
{
	pthread_t t[4];
	int i;

	test_mutex_type(PTHREAD_MUTEX_NORMAL);
	test_mutex_type(PTHREAD_MUTEX_RECURSIVE);
	test_mutex_type(PTHREAD_MUTEX_ERRORCHECK);
	for (i = 0; i < 4; i++)
		EXPECT(pthread_create(&t[i], NULL, count_up, (void *)20000L), 0);
	for (i = 0; i < 4; i++)
		EXPECT(pthread_join(t[i], NULL), 0);
	CHECK(shared_counter == 80000);
}

/* --- condition variables ----------------------------------------------------------------- */

static pthread_mutex_t queue_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t queue_cond = PTHREAD_COND_INITIALIZER;
static pthread_cond_t space_cond = PTHREAD_COND_INITIALIZER;
static int queue_items, queue_taken;

#define ITEMS 20000

/* A one-slot queue: every item is handed over through signal and wait. */
static void *consumer(void *arg)
{
	(void)arg;
	for (;;) {
		pthread_mutex_lock(&queue_mutex);
		while (queue_items == 0 && queue_taken < ITEMS)
			pthread_cond_wait(&queue_cond, &queue_mutex);
		if (queue_taken == ITEMS) {
			pthread_mutex_unlock(&queue_mutex);
			return NULL;
		}
		queue_items--;
		queue_taken++;
		pthread_cond_signal(&space_cond);
		if (queue_taken == ITEMS)
			pthread_cond_broadcast(&queue_cond);
		pthread_mutex_unlock(&queue_mutex);
	}
}

static int gate_open, gate_passed;

static void *wait_gate(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&queue_mutex);
	while (!gate_open)
		pthread_cond_wait(&queue_cond, &queue_mutex);
	gate_passed++;
	pthread_mutex_unlock(&queue_mutex);
	return NULL;
}

static void test_timedwait(clockid_t clock)
{
	pthread_condattr_t attr;
	pthread_cond_t c;
	struct timespec ts, start;
	clockid_t got;

	EXPECT(pthread_condattr_init(&attr), 0);
	EXPECT(pthread_condattr_setclock(&attr, clock), 0);
	EXPECT(pthread_condattr_getclock(&attr, &got), 0);
	CHECK(got == clock);
	EXPECT(pthread_condattr_setclock(&attr, CLOCK_PROCESS_CPUTIME_ID), EINVAL);
	EXPECT(pthread_cond_init(&c, &attr), 0);
	pthread_condattr_destroy(&attr);
	pthread_mutex_lock(&queue_mutex);
	clock_gettime(CLOCK_MONOTONIC, &start);
	ts = in_ms(clock, 50);
	EXPECT(pthread_cond_timedwait(&c, &queue_mutex, &ts), ETIMEDOUT);
	CHECK(ms_since(&start) >= 45 && ms_since(&start) < 5000);
	ts.tv_nsec = -1;
	EXPECT(pthread_cond_timedwait(&c, &queue_mutex, &ts), EINVAL);
	ts = in_ms(clock, -10); /* in the past */
	EXPECT(pthread_cond_timedwait(&c, &queue_mutex, &ts), ETIMEDOUT);
	pthread_mutex_unlock(&queue_mutex);
	EXPECT(pthread_cond_destroy(&c), 0);
}

static void test_conditions(void)
{
	pthread_t t[4];
	int i;

	for (i = 0; i < 2; i++)
		EXPECT(pthread_create(&t[i], NULL, consumer, NULL), 0);
	for (i = 0; i < ITEMS; i++) {
		pthread_mutex_lock(&queue_mutex);
		while (queue_items == 1)
			pthread_cond_wait(&space_cond, &queue_mutex);
		queue_items++;
		pthread_cond_signal(&queue_cond);
		pthread_mutex_unlock(&queue_mutex);
	}
	for (i = 0; i < 2; i++)
		EXPECT(pthread_join(t[i], NULL), 0);
	CHECK(queue_taken == ITEMS && queue_items == 0);

	for (i = 0; i < 4; i++)
		EXPECT(pthread_create(&t[i], NULL, wait_gate, NULL), 0);
	usleep(20000);
	pthread_mutex_lock(&queue_mutex);
	gate_open = 1;
	pthread_cond_broadcast(&queue_cond);
	pthread_mutex_unlock(&queue_mutex);
	for (i = 0; i < 4; i++)
		EXPECT(pthread_join(t[i], NULL), 0);
	CHECK(gate_passed == 4);
	test_timedwait(CLOCK_REALTIME);
	test_timedwait(CLOCK_MONOTONIC);
}

int main(void)
{
	test_lifecycle();
	test_attributes();
	test_affinity();
	test_mutexes();
	test_conditions();
	test_rwlocks();
	test_barriers();
	test_spinlocks();
	test_semaphores();
	test_once_and_keys();
	test_signals_and_cancel();
	test_per_thread_libc();
	if (test_failures) {
		printf("thread_test: %d failures\n", test_failures);
		return 1;
	}
	printf("thread_test: ok\n");
	return 0;
}
