/* SPDX-License-Identifier: BSD-3-Clause */
/* Thread test: N threads print their index and a per-thread __thread value; main checks them. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_THREADS   256
#define TLS_MAGIC     0x5a5a0000UL
#define DEFAULT_COUNT 4

struct worker {
	pthread_t id;
	int index;
	unsigned long tls_seen; /* the __thread value the thread read back */
	unsigned long tls_addr; /* where that variable lives in this thread */
	pthread_t self;         /* pthread_self() inside the thread */
};

/* Initialised, so it sits in .tdata: each thread must start with this value. */
static __thread unsigned long tls_value = 7;
static __thread int tls_zero; /* .tbss: must start at zero */

/* Threads stay alive until all have started, so no two can share a recycled TLS block. */
static pthread_mutex_t start_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t start_cond = PTHREAD_COND_INITIALIZER;
static int started, expected;

static void fail(const char *what, int index)
{
	printf("thr_hello: FAIL: %s (thread %d)\n", what, index);
	exit(1);
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;

	if (tls_value != 7 || tls_zero != 0)
		fail("fresh thread-local variables do not hold their initial values", w->index);
	tls_value = TLS_MAGIC + (unsigned long)w->index;
	tls_zero = w->index + 1;
	printf("thread %d: tls = %#lx\n", w->index, tls_value);
	w->tls_seen = tls_value;
	w->tls_addr = (unsigned long)&tls_value;
	w->self = pthread_self();
	pthread_mutex_lock(&start_lock);
	if (++started == expected)
		pthread_cond_broadcast(&start_cond);
	while (started < expected)
		pthread_cond_wait(&start_cond, &start_lock);
	pthread_mutex_unlock(&start_lock);
	if (tls_value != TLS_MAGIC + (unsigned long)w->index || tls_zero != w->index + 1)
		fail("thread-local variable changed under the thread", w->index);
	return w;
}

static void check_workers(struct worker *w, int count)
{
	int i, j;

	for (i = 0; i < count; i++) {
		if (w[i].tls_seen != TLS_MAGIC + (unsigned long)i)
			fail("wrong thread-local value", i);
		if (pthread_equal(w[i].self, pthread_self()))
			fail("pthread_self equals the main thread's", i);
		if (!pthread_equal(w[i].self, w[i].id))
			fail("pthread_self differs from the id pthread_create returned", i);
		for (j = 0; j < i; j++) {
			if (w[i].tls_addr == w[j].tls_addr)
				fail("two threads share one thread-local variable", i);
		}
	}
	if (tls_value != 7)
		fail("the main thread's thread-local value was changed", -1);
}

int main(int argc, char **argv)
{
	static struct worker workers[MAX_THREADS];
	int count = argc > 1 ? atoi(argv[1]) : DEFAULT_COUNT;
	void *ret;
	int i, e;

	if (count < 1 || count > MAX_THREADS) {
		printf("thr_hello: thread count must be 1..%d\n", MAX_THREADS);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	expected = count;
	for (i = 0; i < count; i++) {
		workers[i].index = i;
		e = pthread_create(&workers[i].id, NULL, worker_main, &workers[i]);
		if (e) {
			printf("thr_hello: FAIL: pthread_create %d: %s\n", i, strerror(e));
			return 1;
		}
	}
	for (i = 0; i < count; i++) {
		e = pthread_join(workers[i].id, &ret);
		if (e) {
			printf("thr_hello: FAIL: pthread_join %d: %s\n", i, strerror(e));
			return 1;
		}
		if (ret != &workers[i])
			fail("pthread_join returned the wrong value", i);
	}
	check_workers(workers, count);
	printf("thr_hello: %d threads, all thread-local values distinct\n", count);
	printf("thr_hello: ok\n");
	return 0;
}
