/* SPDX-License-Identifier: BSD-3-Clause */
/* Second half of thread_test: rwlocks, barriers, spin locks, semaphores, once, keys,
 * signals and cancellation, and per-thread C library state (errno, strtok). */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "thread_test.h"

static pthread_rwlock_t rwlock = PTHREAD_RWLOCK_INITIALIZER;
static int readers_in, max_readers_in, writer_in, rw_errors;

static void *rw_worker(void *arg)
{
	int i, writer = (int)(long)arg;

	for (i = 0; i < 2000; i++) {
		if (writer) {
			pthread_rwlock_wrlock(&rwlock);
			if (writer_in++ || __atomic_load_n(&readers_in, __ATOMIC_RELAXED))
				rw_errors++;
			writer_in--;
		} else {
			int n;

			pthread_rwlock_rdlock(&rwlock);
			n = __atomic_add_fetch(&readers_in, 1, __ATOMIC_RELAXED);
			if (n > __atomic_load_n(&max_readers_in, __ATOMIC_RELAXED))
				__atomic_store_n(&max_readers_in, n, __ATOMIC_RELAXED);
			if (writer_in)
				__atomic_add_fetch(&rw_errors, 1, __ATOMIC_RELAXED);
			if (i % 100 == 0)
				sched_yield();
			__atomic_sub_fetch(&readers_in, 1, __ATOMIC_RELAXED);
		}
		pthread_rwlock_unlock(&rwlock);
	}
	return NULL;
}

static void *try_rw_from_other(void *arg)
{
	long result = 0;

	(void)arg;
	result |= pthread_rwlock_trywrlock(&rwlock) == EBUSY ? 0 : 1;
	result |= pthread_rwlock_tryrdlock(&rwlock) == 0 ? 0 : 2;
	pthread_rwlock_unlock(&rwlock);
	return (void *)result;
}

void test_rwlocks(void)
{
	pthread_rwlockattr_t attr;
	pthread_rwlock_t rw;
	struct timespec ts;
	pthread_t t[4];
	void *result;
	int i;

	EXPECT(pthread_rwlockattr_init(&attr), 0);
	EXPECT(pthread_rwlock_init(&rw, &attr), 0);
	pthread_rwlockattr_destroy(&attr);
	EXPECT(pthread_rwlock_rdlock(&rw), 0);
	EXPECT(pthread_rwlock_rdlock(&rw), 0); /* readers may nest */
	EXPECT(pthread_rwlock_trywrlock(&rw), EBUSY);
	ts = in_ms(CLOCK_REALTIME, 20);
	EXPECT(pthread_rwlock_timedwrlock(&rw, &ts), ETIMEDOUT);
	EXPECT(pthread_rwlock_unlock(&rw), 0);
	EXPECT(pthread_rwlock_unlock(&rw), 0);
	EXPECT(pthread_rwlock_unlock(&rw), EPERM);
	EXPECT(pthread_rwlock_wrlock(&rw), 0);
	EXPECT(pthread_rwlock_wrlock(&rw), EDEADLK);
	EXPECT(pthread_rwlock_tryrdlock(&rw), EDEADLK);
	EXPECT(pthread_rwlock_destroy(&rw), EBUSY);
	EXPECT(pthread_rwlock_unlock(&rw), 0);
	ts = in_ms(CLOCK_REALTIME, 20);
	EXPECT(pthread_rwlock_timedrdlock(&rw, &ts), 0);
	EXPECT(pthread_rwlock_unlock(&rw), 0);
	EXPECT(pthread_rwlock_destroy(&rw), 0);

	EXPECT(pthread_rwlock_rdlock(&rwlock), 0);
	EXPECT(pthread_create(&t[0], NULL, try_rw_from_other, NULL), 0);
	EXPECT(pthread_join(t[0], &result), 0);
	CHECK(result == NULL);
	EXPECT(pthread_rwlock_unlock(&rwlock), 0);

	for (i = 0; i < 4; i++)
		EXPECT(pthread_create(&t[i], NULL, rw_worker, (void *)(long)(i == 0)), 0);
	for (i = 0; i < 4; i++)
		EXPECT(pthread_join(t[i], NULL), 0);
	CHECK(rw_errors == 0);
}

#define BARRIER_THREADS 4
#define BARRIER_ROUNDS  200

static pthread_barrier_t barrier;
static int serial_count, round_counter[BARRIER_ROUNDS], barrier_errors;

static void *barrier_worker(void *arg)
{
	int r;

	(void)arg;
	for (r = 0; r < BARRIER_ROUNDS; r++) {
		int ret;

		__atomic_add_fetch(&round_counter[r], 1, __ATOMIC_RELAXED);
		ret = pthread_barrier_wait(&barrier);
		if (ret == PTHREAD_BARRIER_SERIAL_THREAD)
			__atomic_add_fetch(&serial_count, 1, __ATOMIC_RELAXED);
		else if (ret != 0)
			__atomic_add_fetch(&barrier_errors, 1, __ATOMIC_RELAXED);
		/* Everybody has arrived at round r. */
		if (__atomic_load_n(&round_counter[r], __ATOMIC_RELAXED) != BARRIER_THREADS)
			__atomic_add_fetch(&barrier_errors, 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

void test_barriers(void)
{
	pthread_barrierattr_t attr;
	pthread_t t[BARRIER_THREADS];
	int i;

	EXPECT(pthread_barrierattr_init(&attr), 0);
	EXPECT(pthread_barrier_init(&barrier, &attr, 0), EINVAL);
	EXPECT(pthread_barrier_init(&barrier, &attr, BARRIER_THREADS), 0);
	pthread_barrierattr_destroy(&attr);
	for (i = 0; i < BARRIER_THREADS; i++)
		EXPECT(pthread_create(&t[i], NULL, barrier_worker, NULL), 0);
	for (i = 0; i < BARRIER_THREADS; i++)
		EXPECT(pthread_join(t[i], NULL), 0);
	CHECK(serial_count == BARRIER_ROUNDS);
	CHECK(barrier_errors == 0);
	EXPECT(pthread_barrier_destroy(&barrier), 0);
}

static pthread_spinlock_t spin;
static long spin_counter;

static void *spin_worker(void *arg)
{
	long i;

	(void)arg;
	for (i = 0; i < 20000; i++) {
		pthread_spin_lock(&spin);
		spin_counter++;
		pthread_spin_unlock(&spin);
	}
	return NULL;
}

void test_spinlocks(void)
{
	pthread_t t[3];
	int i;

	EXPECT(pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE), 0);
	EXPECT(pthread_spin_trylock(&spin), 0);
	EXPECT(pthread_spin_trylock(&spin), EBUSY);
	EXPECT(pthread_spin_unlock(&spin), 0);
	for (i = 0; i < 3; i++)
		EXPECT(pthread_create(&t[i], NULL, spin_worker, NULL), 0);
	for (i = 0; i < 3; i++)
		EXPECT(pthread_join(t[i], NULL), 0);
	CHECK(spin_counter == 60000);
	EXPECT(pthread_spin_destroy(&spin), 0);
}

static sem_t sem_items, sem_done;

static void *sem_consumer(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < 5000; i++)
		sem_wait(&sem_items);
	sem_post(&sem_done);
	return NULL;
}

void test_semaphores(void)
{
	struct timespec ts;
	pthread_t t[2];
	int i, value;

	EXPECT(sem_init(&sem_items, 0, 2), 0);
	EXPECT(sem_getvalue(&sem_items, &value), 0);
	CHECK(value == 2);
	EXPECT(sem_trywait(&sem_items), 0);
	EXPECT(sem_wait(&sem_items), 0);
	CHECK(sem_trywait(&sem_items) == -1 && errno == EAGAIN);
	ts = in_ms(CLOCK_REALTIME, 30);
	CHECK(sem_timedwait(&sem_items, &ts) == -1 && errno == ETIMEDOUT);
	ts.tv_nsec = 2000000000L;
	CHECK(sem_timedwait(&sem_items, &ts) == -1 && errno == EINVAL);
	CHECK(sem_init(&sem_done, 0, (unsigned)SEM_VALUE_MAX + 1) == -1 && errno == EINVAL);
	EXPECT(sem_init(&sem_done, 0, 0), 0);
	for (i = 0; i < 2; i++)
		EXPECT(pthread_create(&t[i], NULL, sem_consumer, NULL), 0);
	for (i = 0; i < 10000; i++)
		EXPECT(sem_post(&sem_items), 0);
	EXPECT(sem_wait(&sem_done), 0);
	ts = in_ms(CLOCK_REALTIME, 5000);
	EXPECT(sem_timedwait(&sem_done, &ts), 0);
	for (i = 0; i < 2; i++)
		EXPECT(pthread_join(t[i], NULL), 0);
	EXPECT(sem_getvalue(&sem_items, &value), 0);
	CHECK(value == 0);
	CHECK(sem_open("/x", 0) == SEM_FAILED && errno == ENOSYS);
	EXPECT(sem_destroy(&sem_items), 0);
	EXPECT(sem_destroy(&sem_done), 0);
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;
static pthread_key_t key_a, key_b;
static int destructor_calls, destructor_rounds;

static void run_once(void)
{
	usleep(10000); /* others arrive while it runs */
	__atomic_add_fetch(&once_runs, 1, __ATOMIC_RELAXED);
}

static void destroy_a(void *value)
{
	__atomic_add_fetch(&destructor_calls, 1, __ATOMIC_RELAXED);
	free(value);
}

/* Sets its value again twice: destructors run in up to PTHREAD_DESTRUCTOR_ITERATIONS rounds. */
static void destroy_b(void *value)
{
	long left = (long)value - 1;

	__atomic_add_fetch(&destructor_rounds, 1, __ATOMIC_RELAXED);
	if (left > 0)
		pthread_setspecific(key_b, (void *)left);
}

static void *once_and_keys_worker(void *arg)
{
	long fail = 0;

	pthread_once(&once, run_once);
	fail |= once_runs != 1;
	fail |= pthread_getspecific(key_a) != NULL;
	pthread_setspecific(key_a, malloc(16));
	pthread_setspecific(key_b, (void *)3L);
	fail |= pthread_getspecific(key_b) != (void *)3L;
	if ((long)arg)
		pthread_exit((void *)fail);
	return (void *)fail;
}

void test_once_and_keys(void)
{
	pthread_t t[4];
	void *result;
	pthread_key_t old;
	int i;

	EXPECT(pthread_key_create(&key_a, destroy_a), 0);
	EXPECT(pthread_key_create(&key_b, destroy_b), 0);
	for (i = 0; i < 4; i++)
		EXPECT(pthread_create(&t[i], NULL, once_and_keys_worker, (void *)(long)(i & 1)), 0);
	for (i = 0; i < 4; i++) {
		EXPECT(pthread_join(t[i], &result), 0);
		CHECK(result == NULL);
	}
	CHECK(once_runs == 1);
	CHECK(destructor_calls == 4);
	CHECK(destructor_rounds == 4 * 3);
	EXPECT(pthread_setspecific(key_a, &old), 0);
	CHECK(pthread_getspecific(key_a) == &old);
	old = key_a;
	EXPECT(pthread_key_delete(key_a), 0);
	EXPECT(pthread_key_delete(key_a), EINVAL);
	CHECK(pthread_getspecific(key_a) == NULL);
	EXPECT(pthread_key_create(&key_a, NULL), 0);
	CHECK(pthread_getspecific(key_a) == NULL); /* a reused slot starts empty */
	EXPECT(pthread_setspecific(old == key_a ? PTHREAD_KEYS_MAX : old, NULL), EINVAL);
	EXPECT(pthread_key_delete(key_a), 0);
	EXPECT(pthread_key_delete(key_b), 0);
}

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

static int cleanup_ran;

static void cleanup(void *arg)
{
	cleanup_ran += (int)(long)arg;
}

static void *cleanup_worker(void *arg)
{
	pthread_cleanup_push(cleanup, (void *)1L);
	pthread_cleanup_push(cleanup, (void *)10L);
	pthread_cleanup_pop(1); /* runs: +10 */
	if (arg)
		pthread_exit(NULL); /* runs the remaining one: +1 */
	pthread_cleanup_pop(0);
	return NULL;
}

void test_signals_and_cancel(void)
{
	sigset_t set, old;
	pthread_t t;
	int state;

	signal(SIGUSR1, on_signal);
	EXPECT(pthread_kill(pthread_self(), SIGUSR1), 0);
	CHECK(got_signal == SIGUSR1);
	EXPECT(pthread_kill(pthread_self(), 0), 0);
	EXPECT(pthread_kill(pthread_self(), -1), EINVAL);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	EXPECT(pthread_sigmask(SIG_BLOCK, &set, &old), 0);
	EXPECT(pthread_sigmask(SIG_SETMASK, &old, NULL), 0);
	EXPECT(pthread_sigmask(99, &set, NULL), EINVAL);

	EXPECT(pthread_create(&t, NULL, cleanup_worker, NULL), 0);
	EXPECT(pthread_cancel(t), ENOSYS);
	EXPECT(pthread_join(t, NULL), 0);
	EXPECT(pthread_create(&t, NULL, cleanup_worker, (void *)1L), 0);
	EXPECT(pthread_join(t, NULL), 0);
	CHECK(cleanup_ran == 21);
	EXPECT(pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &state), 0);
	CHECK(state == PTHREAD_CANCEL_ENABLE);
	EXPECT(pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, NULL), 0);
	EXPECT(pthread_setcanceltype(PTHREAD_CANCEL_DEFERRED, NULL), 0);
	pthread_testcancel();
}

/* errno and strtok's position belong to each thread. */
static void *libc_state_worker(void *arg)
{
	char text[] = "a,b,c";
	long fail = 0;
	int i;

	errno = (int)(long)arg;
	for (i = 0; i < 100; i++) {
		if (errno != (int)(long)arg)
			fail = 1;
		sched_yield();
	}
	fail |= strcmp(strtok(text, ","), "a") != 0;
	sched_yield();
	fail |= strcmp(strtok(NULL, ","), "b") != 0;
	return (void *)fail;
}

void test_per_thread_libc(void)
{
	pthread_t t[4];
	void *result;
	int i;

	errno = 0;
	for (i = 0; i < 4; i++)
		EXPECT(pthread_create(&t[i], NULL, libc_state_worker, (void *)(long)(100 + i)), 0);
	for (i = 0; i < 4; i++) {
		EXPECT(pthread_join(t[i], &result), 0);
		CHECK(result == NULL);
	}
	CHECK(errno == 0);
}
