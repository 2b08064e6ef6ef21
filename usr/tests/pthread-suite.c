/* SPDX-License-Identifier: BSD-3-Clause */
/* POSIX threads semantics: mutexes, condition variables, rwlocks, barriers, spinlocks,
 * semaphores, once, keys, join/detach and attributes, each checked against the standard. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define WORKERS    4
#define INCREMENTS 20000
#define TIMEOUT_MS 100
#define BIG_STACK  (16UL << 20)
#define BIG_LOCAL  (12UL << 20) /* more than fits in an 8 MiB default stack */

static int failures;

#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			printf("pthread-suite: FAIL: %s:%d: ", __func__, __LINE__);                \
			printf(__VA_ARGS__);                                                       \
			printf("\n");                                                              \
			failures++;                                                                \
		}                                                                                  \
	} while (0)

/* The call returned `want` (an error number or 0). */
#define EXPECT(call, want)                                                                         \
	do {                                                                                       \
		int got_ = (call);                                                                 \
		CHECK(got_ == (want), "%s = %d (%s), expected %d (%s)", #call, got_,               \
		      strerror(got_), (want), strerror(want));                                     \
	} while (0)

static void start(pthread_t *t, const pthread_attr_t *attr, void *(*fn)(void *), void *arg)
{
	int e = pthread_create(t, attr, fn, arg);

	if (e) {
		printf("pthread-suite: FAIL: pthread_create: %s\n", strerror(e));
		exit(1);
	}
}

static void *join(pthread_t t)
{
	void *ret = NULL;

	EXPECT(pthread_join(t, &ret), 0);
	return ret;
}

static long long now_ns(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* An absolute CLOCK_REALTIME time `ms` from now, for the timed waits. */
static struct timespec deadline_in(long ms)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += (ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	return ts;
}

static void section_done(const char *name)
{
	printf("pthread-suite: %s done\n", name);
}

/* ---- mutexes ---- */

static pthread_mutex_t shared_mutex;
static long counter;

static void *try_shared_mutex(void *arg)
{
	(void)arg;
	return (void *)(intptr_t)pthread_mutex_trylock(&shared_mutex);
}

static void *unlock_shared_mutex(void *arg)
{
	(void)arg;
	return (void *)(intptr_t)pthread_mutex_unlock(&shared_mutex);
}

/* Runs fn in another thread and returns its result as an int. */
static int in_other_thread(void *(*fn)(void *))
{
	pthread_t t;

	start(&t, NULL, fn, NULL);
	return (int)(intptr_t)join(t);
}

static void *add_under_mutex(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < INCREMENTS; i++) {
		pthread_mutex_lock(&shared_mutex);
		counter++;
		if (i % 1000 == 0)
			sched_yield(); /* let others queue up behind the lock */
		pthread_mutex_unlock(&shared_mutex);
	}
	return NULL;
}

static void init_mutex(int type)
{
	pthread_mutexattr_t attr;

	EXPECT(pthread_mutexattr_init(&attr), 0);
	EXPECT(pthread_mutexattr_settype(&attr, type), 0);
	EXPECT(pthread_mutex_init(&shared_mutex, &attr), 0);
	pthread_mutexattr_destroy(&attr);
}

static void test_mutexes(void)
{
	pthread_t t[WORKERS];
	int i;

	init_mutex(PTHREAD_MUTEX_NORMAL);
	EXPECT(pthread_mutex_lock(&shared_mutex), 0);
	EXPECT(in_other_thread(try_shared_mutex), EBUSY);
	EXPECT(pthread_mutex_unlock(&shared_mutex), 0);
	EXPECT(pthread_mutex_trylock(&shared_mutex), 0);
	EXPECT(pthread_mutex_unlock(&shared_mutex), 0);
	for (i = 0; i < WORKERS; i++)
		start(&t[i], NULL, add_under_mutex, NULL);
	for (i = 0; i < WORKERS; i++)
		join(t[i]);
	CHECK(counter == (long)WORKERS * INCREMENTS, "counter %ld, expected %ld", counter,
	      (long)WORKERS * INCREMENTS);
	EXPECT(pthread_mutex_destroy(&shared_mutex), 0);

	init_mutex(PTHREAD_MUTEX_RECURSIVE);
	EXPECT(pthread_mutex_lock(&shared_mutex), 0);
	EXPECT(pthread_mutex_lock(&shared_mutex), 0);
	EXPECT(pthread_mutex_trylock(&shared_mutex), 0);
	EXPECT(in_other_thread(try_shared_mutex), EBUSY);
	EXPECT(in_other_thread(unlock_shared_mutex), EPERM);
	EXPECT(pthread_mutex_unlock(&shared_mutex), 0);
	EXPECT(pthread_mutex_unlock(&shared_mutex), 0);
	EXPECT(in_other_thread(try_shared_mutex), EBUSY); /* still held once */
	EXPECT(pthread_mutex_unlock(&shared_mutex), 0);
	EXPECT(pthread_mutex_unlock(&shared_mutex), EPERM);
	EXPECT(pthread_mutex_destroy(&shared_mutex), 0);

	init_mutex(PTHREAD_MUTEX_ERRORCHECK);
	EXPECT(pthread_mutex_unlock(&shared_mutex), EPERM);
	EXPECT(pthread_mutex_lock(&shared_mutex), 0);
	EXPECT(pthread_mutex_lock(&shared_mutex), EDEADLK);
	EXPECT(pthread_mutex_trylock(&shared_mutex), EBUSY);
	EXPECT(in_other_thread(unlock_shared_mutex), EPERM);
	EXPECT(pthread_mutex_unlock(&shared_mutex), 0);
	EXPECT(pthread_mutex_destroy(&shared_mutex), 0);
	section_done("mutexes");
}

/* ---- condition variables ---- */

static pthread_mutex_t cv_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int cv_generation, cv_waiting, cv_woken;

/* Waits for the next generation, counting itself in and out. */
static void *wait_generation(void *arg)
{
	int start;

	(void)arg;
	pthread_mutex_lock(&cv_mutex);
	start = cv_generation;
	cv_waiting++;
	pthread_cond_broadcast(&cv); /* tells the main thread one more waits */
	while (cv_generation == start)
		pthread_cond_wait(&cv, &cv_mutex);
	cv_woken++;
	pthread_mutex_unlock(&cv_mutex);
	return NULL;
}

/* Starts `n` waiters, waits until all wait, then wakes them with signal or broadcast. */
static void wake_waiters(int n, int broadcast)
{
	pthread_t t[WORKERS];
	int i;

	cv_waiting = cv_woken = 0;
	for (i = 0; i < n; i++)
		start(&t[i], NULL, wait_generation, NULL);
	pthread_mutex_lock(&cv_mutex);
	while (cv_waiting < n)
		pthread_cond_wait(&cv, &cv_mutex);
	cv_generation++;
	if (broadcast) {
		pthread_cond_broadcast(&cv);
	} else {
		for (i = 0; i < n; i++)
			pthread_cond_signal(&cv);
	}
	pthread_mutex_unlock(&cv_mutex);
	for (i = 0; i < n; i++)
		join(t[i]);
	CHECK(cv_woken == n, "%s woke %d of %d waiters", broadcast ? "broadcast" : "signal",
	      cv_woken, n);
}

static void test_condvars(void)
{
	struct timespec deadline;
	long long begin, waited;
	pthread_cond_t local;

	wake_waiters(1, 0);
	wake_waiters(WORKERS, 0);
	wake_waiters(WORKERS, 1);

	pthread_mutex_lock(&cv_mutex);
	begin = now_ns(CLOCK_MONOTONIC);
	deadline = deadline_in(TIMEOUT_MS);
	EXPECT(pthread_cond_timedwait(&cv, &cv_mutex, &deadline), ETIMEDOUT);
	waited = now_ns(CLOCK_MONOTONIC) - begin;
	CHECK(waited >= TIMEOUT_MS * 1000000LL, "timedwait returned after %lld ns, before %d ms",
	      waited, TIMEOUT_MS);
	CHECK(waited < (TIMEOUT_MS + 1000) * 1000000LL, "timedwait took %lld ns for %d ms", waited,
	      TIMEOUT_MS);
	/* the mutex is held again after the timeout */
	EXPECT(pthread_mutex_trylock(&cv_mutex), EBUSY);
	pthread_mutex_unlock(&cv_mutex);
	printf("pthread-suite: cond_timedwait %d ms took %.1f ms\n", TIMEOUT_MS,
	       (double)waited / 1e6);

	EXPECT(pthread_cond_init(&local, NULL), 0);
	EXPECT(pthread_cond_signal(&local), 0); /* no waiter: nothing happens */
	EXPECT(pthread_cond_broadcast(&local), 0);
	EXPECT(pthread_cond_destroy(&local), 0);
	section_done("condvars");
}

/* ---- rwlocks ---- */

static pthread_rwlock_t rwlock = PTHREAD_RWLOCK_INITIALIZER;

static void *try_read(void *arg)
{
	int e = pthread_rwlock_tryrdlock(&rwlock);

	(void)arg;
	if (!e)
		pthread_rwlock_unlock(&rwlock);
	return (void *)(intptr_t)e;
}

static void *try_write(void *arg)
{
	int e = pthread_rwlock_trywrlock(&rwlock);

	(void)arg;
	if (!e)
		pthread_rwlock_unlock(&rwlock);
	return (void *)(intptr_t)e;
}

static void *add_under_rwlock(void *arg)
{
	long seen;
	int i;

	(void)arg;
	for (i = 0; i < INCREMENTS / 4; i++) {
		pthread_rwlock_rdlock(&rwlock);
		seen = counter;
		pthread_rwlock_unlock(&rwlock);
		pthread_rwlock_wrlock(&rwlock);
		counter += seen >= 0; /* always 1; reads and writes interleave */
		pthread_rwlock_unlock(&rwlock);
	}
	return NULL;
}

static void test_rwlocks(void)
{
	pthread_t t[WORKERS];
	int i;

	EXPECT(pthread_rwlock_rdlock(&rwlock), 0);
	EXPECT(in_other_thread(try_read), 0); /* readers share */
	EXPECT(in_other_thread(try_write), EBUSY);
	EXPECT(pthread_rwlock_unlock(&rwlock), 0);
	EXPECT(pthread_rwlock_wrlock(&rwlock), 0);
	EXPECT(in_other_thread(try_read), EBUSY);
	EXPECT(in_other_thread(try_write), EBUSY);
	EXPECT(pthread_rwlock_unlock(&rwlock), 0);
	EXPECT(in_other_thread(try_write), 0);

	counter = 0;
	for (i = 0; i < WORKERS; i++)
		start(&t[i], NULL, add_under_rwlock, NULL);
	for (i = 0; i < WORKERS; i++)
		join(t[i]);
	CHECK(counter == (long)WORKERS * (INCREMENTS / 4), "rwlock counter %ld, expected %ld",
	      counter, (long)WORKERS * (INCREMENTS / 4));
	section_done("rwlocks");
}

/* ---- barriers and spinlocks ---- */

#define PHASES 50

static pthread_barrier_t barrier;
static int phase_count[PHASES];
static int serial_count;
static pthread_spinlock_t spin;

static void *run_phases(void *arg)
{
	int p, e;

	(void)arg;
	for (p = 0; p < PHASES; p++) {
		pthread_spin_lock(&spin);
		phase_count[p]++;
		pthread_spin_unlock(&spin);
		e = pthread_barrier_wait(&barrier);
		if (e == PTHREAD_BARRIER_SERIAL_THREAD) {
			pthread_spin_lock(&spin);
			serial_count++;
			pthread_spin_unlock(&spin);
		} else if (e) {
			return (void *)(intptr_t)e;
		}
		/* everyone arrived in this phase before anyone left it */
		if (phase_count[p] != WORKERS)
			return (void *)(intptr_t)-1;
	}
	return NULL;
}

static void *try_spin(void *arg)
{
	(void)arg;
	return (void *)(intptr_t)pthread_spin_trylock(&spin);
}

static void test_barriers_spinlocks(void)
{
	pthread_t t[WORKERS];
	int i;

	EXPECT(pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE), 0);
	EXPECT(pthread_spin_lock(&spin), 0);
	EXPECT(in_other_thread(try_spin), EBUSY);
	EXPECT(pthread_spin_unlock(&spin), 0);
	EXPECT(pthread_spin_trylock(&spin), 0);
	EXPECT(pthread_spin_unlock(&spin), 0);

	EXPECT(pthread_barrier_init(&barrier, NULL, WORKERS), 0);
	for (i = 0; i < WORKERS; i++)
		start(&t[i], NULL, run_phases, NULL);
	for (i = 0; i < WORKERS; i++) {
		void *ret = join(t[i]);

		CHECK(ret == NULL, "barrier thread %d: %s", i,
		      ret == (void *)(intptr_t)-1 ? "left a phase early" : "wait failed");
	}
	CHECK(serial_count == PHASES, "PTHREAD_BARRIER_SERIAL_THREAD came %d times in %d phases",
	      serial_count, PHASES);
	EXPECT(pthread_barrier_destroy(&barrier), 0);
	EXPECT(pthread_spin_destroy(&spin), 0);
	section_done("barriers and spinlocks");
}

/* ---- semaphores ---- */

static sem_t sem_items, sem_done;

static void *consume(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < INCREMENTS / 10; i++) {
		if (sem_wait(&sem_items))
			return (void *)(intptr_t)errno;
	}
	sem_post(&sem_done);
	return NULL;
}

static void test_semaphores(void)
{
	struct timespec deadline;
	long long begin, waited;
	pthread_t t;
	int value, i;

	EXPECT(sem_init(&sem_items, 0, 0), 0);
	EXPECT(sem_init(&sem_done, 0, 0), 0);
	errno = 0;
	CHECK(sem_trywait(&sem_items) == -1 && errno == EAGAIN,
	      "sem_trywait on 0: expected EAGAIN, got %s", strerror(errno));
	EXPECT(sem_post(&sem_items), 0);
	EXPECT(sem_getvalue(&sem_items, &value), 0);
	CHECK(value == 1, "sem_getvalue = %d after one post, expected 1", value);
	EXPECT(sem_trywait(&sem_items), 0);

	begin = now_ns(CLOCK_MONOTONIC);
	deadline = deadline_in(TIMEOUT_MS);
	errno = 0;
	CHECK(sem_timedwait(&sem_items, &deadline) == -1 && errno == ETIMEDOUT,
	      "sem_timedwait on 0: expected ETIMEDOUT, got %s", strerror(errno));
	waited = now_ns(CLOCK_MONOTONIC) - begin;
	CHECK(waited >= TIMEOUT_MS * 1000000LL, "sem_timedwait returned after %lld ns", waited);

	start(&t, NULL, consume, NULL);
	for (i = 0; i < INCREMENTS / 10; i++) {
		sem_post(&sem_items);
		if (i % 100 == 0)
			sched_yield();
	}
	deadline = deadline_in(10000);
	CHECK(sem_timedwait(&sem_done, &deadline) == 0, "consumer did not finish: %s",
	      strerror(errno));
	CHECK(join(t) == NULL, "sem_wait failed in the consumer");
	EXPECT(sem_getvalue(&sem_items, &value), 0);
	CHECK(value == 0, "sem_getvalue = %d after all were consumed, expected 0", value);
	EXPECT(sem_destroy(&sem_items), 0);
	EXPECT(sem_destroy(&sem_done), 0);
	section_done("semaphores");
}

/* ---- once and keys ---- */

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_calls;
static pthread_key_t key;
static int destructor_calls;
static long destructor_sum;
static pthread_mutex_t key_mutex = PTHREAD_MUTEX_INITIALIZER;

static void once_init(void)
{
	once_calls++;
}

static void key_destructor(void *value)
{
	pthread_mutex_lock(&key_mutex);
	destructor_calls++;
	destructor_sum += (long)(intptr_t)value;
	pthread_mutex_unlock(&key_mutex);
}

static void *use_once_and_key(void *arg)
{
	long index = (long)(intptr_t)arg;

	pthread_once(&once, once_init);
	if (pthread_getspecific(key) != NULL)
		return (void *)1;
	pthread_setspecific(key, (void *)(intptr_t)(index + 1));
	sched_yield();
	if (pthread_getspecific(key) != (void *)(intptr_t)(index + 1))
		return (void *)2;
	return NULL;
}

static void test_once_keys(void)
{
	pthread_t t[WORKERS];
	pthread_key_t unused;
	long i, want = 0;

	EXPECT(pthread_key_create(&key, key_destructor), 0);
	EXPECT(pthread_setspecific(key, (void *)(intptr_t)1000), 0);
	for (i = 0; i < WORKERS; i++)
		start(&t[i], NULL, use_once_and_key, (void *)(intptr_t)i);
	for (i = 0; i < WORKERS; i++) {
		CHECK(join(t[i]) == NULL, "thread %ld saw a wrong thread-specific value", i);
		want += i + 1;
	}
	CHECK(once_calls == 1, "pthread_once ran its function %d times", once_calls);
	pthread_once(&once, once_init);
	CHECK(once_calls == 1, "pthread_once ran again after it had run");
	CHECK(destructor_calls == WORKERS && destructor_sum == want,
	      "key destructors: %d calls with sum %ld, expected %d with sum %ld", destructor_calls,
	      destructor_sum, WORKERS, want);
	CHECK(pthread_getspecific(key) == (void *)(intptr_t)1000,
	      "the main thread's value changed");
	EXPECT(pthread_key_create(&unused, NULL), 0);
	CHECK(unused != key, "two keys are equal");
	EXPECT(pthread_key_delete(unused), 0);
	EXPECT(pthread_key_delete(key), 0);
	section_done("once and keys");
}

/* ---- join, detach, attributes, identity ---- */

static sem_t detached_done;

/* pthread_exit from a function the thread called, not from its start routine. */
__attribute__((noinline)) static void exit_from_callee(void)
{
	pthread_exit((void *)(intptr_t)43);
}

static void *return_42(void *arg)
{
	(void)arg;
	return (void *)(intptr_t)42;
}

static void *call_pthread_exit(void *arg)
{
	(void)arg;
	exit_from_callee();
	return NULL;
}

static void *detached_main(void *arg)
{
	pthread_t *self = arg;

	*self = pthread_self();
	sem_post(&detached_done);
	return NULL;
}

/* Touches most of a BIG_LOCAL array on its stack: needs the big stack it asked for. */
static void *use_big_stack(void *arg)
{
	volatile char big[BIG_LOCAL];
	size_t i;

	(void)arg;
	for (i = 0; i < sizeof(big); i += 4096)
		big[i] = (char)i;
	return (void *)(intptr_t)(big[4096] + big[sizeof(big) - 4096]);
}

static void *report_self(void *arg)
{
	*(pthread_t *)arg = pthread_self();
	return NULL;
}

static void test_join_detach(void)
{
	pthread_attr_t attr;
	pthread_t t, seen;
	struct timespec deadline;
	int state, i;

	start(&t, NULL, return_42, NULL);
	CHECK(join(t) == (void *)(intptr_t)42, "join did not return the thread's value 42");
	start(&t, NULL, call_pthread_exit, NULL);
	CHECK(join(t) == (void *)(intptr_t)43, "join did not return pthread_exit's value 43");

	EXPECT(sem_init(&detached_done, 0, 0), 0);
	start(&t, NULL, detached_main, &seen);
	EXPECT(pthread_detach(t), 0);
	deadline = deadline_in(10000);
	CHECK(sem_timedwait(&detached_done, &deadline) == 0, "the detached thread did not run");
	CHECK(pthread_equal(seen, t), "a detached thread's pthread_self differs");

	EXPECT(pthread_attr_init(&attr), 0);
	EXPECT(pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED), 0);
	EXPECT(pthread_attr_getdetachstate(&attr, &state), 0);
	CHECK(state == PTHREAD_CREATE_DETACHED, "detach state not stored in the attributes");
	start(&t, &attr, detached_main, &seen);
	deadline = deadline_in(10000);
	CHECK(sem_timedwait(&detached_done, &deadline) == 0,
	      "the thread created detached did not run");
	EXPECT(pthread_attr_destroy(&attr), 0);
	EXPECT(sem_destroy(&detached_done), 0);

	/* Threads come and go: resources must be recycled. */
	for (i = 0; i < 200; i++) {
		start(&t, NULL, return_42, NULL);
		if (join(t) != (void *)(intptr_t)42) {
			CHECK(0, "create/join round %d returned a wrong value", i);
			break;
		}
	}
	section_done("join and detach");
}

static void test_attributes(void)
{
	pthread_attr_t attr;
	pthread_t t, other;
	size_t size = 0;

	EXPECT(pthread_attr_init(&attr), 0);
	EXPECT(pthread_attr_setstacksize(&attr, BIG_STACK), 0);
	EXPECT(pthread_attr_getstacksize(&attr, &size), 0);
	CHECK(size == BIG_STACK, "stack size read back as %zu, expected %lu", size, BIG_STACK);
	start(&t, &attr, use_big_stack, NULL);
	join(t); /* a stack too small would have crashed */
	EXPECT(pthread_attr_destroy(&attr), 0);

	CHECK(pthread_equal(pthread_self(), pthread_self()), "pthread_self differs from itself");
	start(&t, NULL, report_self, &other);
	join(t);
	CHECK(pthread_equal(t, other), "pthread_self in a thread differs from its id");
	CHECK(!pthread_equal(t, pthread_self()), "a thread's id equals the main thread's");
	section_done("attributes");
}

/* CPU affinity is a GNU extension: test it where the C library has cpu_set_t. */
#if defined(CPU_SET) && defined(CPU_ISSET)
static void *report_cpu(void *arg)
{
	*(int *)arg = sched_getcpu();
	return NULL;
}

static void test_affinity(void)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int target = (int)(cpus - 1), ran_on = -1;
	pthread_attr_t attr;
	cpu_set_t set;
	pthread_t t;

	CPU_ZERO(&set);
	CPU_SET(target, &set);
	EXPECT(pthread_attr_init(&attr), 0);
	EXPECT(pthread_attr_setaffinity_np(&attr, sizeof(set), &set), 0);
	start(&t, &attr, report_cpu, &ran_on);
	join(t);
	CHECK(ran_on == target, "thread pinned to cpu %d ran on cpu %d", target, ran_on);
	EXPECT(pthread_attr_destroy(&attr), 0);

	EXPECT(pthread_setaffinity_np(pthread_self(), sizeof(set), &set), 0);
	CHECK(sched_getcpu() == target, "main thread pinned to cpu %d runs on cpu %d", target,
	      sched_getcpu());
	CPU_ZERO(&set);
	for (target = 0; target < cpus; target++)
		CPU_SET(target, &set);
	EXPECT(pthread_setaffinity_np(pthread_self(), sizeof(set), &set), 0);
	section_done("affinity");
}
#else
static void test_affinity(void)
{
	printf("pthread-suite: affinity skipped (no cpu_set_t in this C library)\n");
}
#endif

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_mutexes();
	test_condvars();
	test_rwlocks();
	test_barriers_spinlocks();
	test_semaphores();
	test_once_keys();
	test_join_detach();
	test_attributes();
	test_affinity();
	if (failures) {
		printf("pthread-suite: %d failures\n", failures);
		return 1;
	}
	printf("pthread-suite: ok\n");
	return 0;
}
