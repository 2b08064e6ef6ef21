/* SPDX-License-Identifier: BSD-3-Clause */
/* Costs in TSC cycles: an uncontended mutex lock+unlock, pthread_create+join, and ping-pong
 * round trips between two threads pinned to CPUs 0 and 1 (semaphores; mutex+condition). */
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#define LOCK_ROUNDS   1000000
#define CREATE_ROUNDS 2000
#define PING_ROUNDS   20000

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static void *nothing(void *arg)
{
	return arg;
}

static sem_t ping, pong;
static pthread_mutex_t turn_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t turn_cond = PTHREAD_COND_INITIALIZER;
static int turn;

static void *sem_ponger(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < PING_ROUNDS; i++) {
		sem_wait(&ping);
		sem_post(&pong);
	}
	return NULL;
}

static void *cond_ponger(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < PING_ROUNDS; i++) {
		pthread_mutex_lock(&turn_mutex);
		while (turn != 1)
			pthread_cond_wait(&turn_cond, &turn_mutex);
		turn = 0;
		pthread_cond_signal(&turn_cond);
		pthread_mutex_unlock(&turn_mutex);
	}
	return NULL;
}

/* Starts `body` on CPU 1 (or anywhere with one CPU), the caller stays on CPU 0. */
static pthread_t start_partner(void *(*body)(void *), int ncpus)
{
	pthread_attr_t attr;
	cpu_set_t set;
	pthread_t t;

	pthread_attr_init(&attr);
	CPU_ZERO(&set);
	CPU_SET(ncpus > 1 ? 1 : 0, &set);
	pthread_attr_setaffinity_np(&attr, sizeof(set), &set);
	pthread_create(&t, &attr, body, NULL);
	pthread_attr_destroy(&attr);
	return t;
}

int main(void)
{
	int ncpus = (int)sysconf(_SC_NPROCESSORS_ONLN), i;
	pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
	uint64_t start, cycles;
	cpu_set_t set;
	pthread_t t;

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	sched_setaffinity(0, sizeof(set), &set);

	start = rdtsc();
	for (i = 0; i < LOCK_ROUNDS; i++) {
		pthread_mutex_lock(&m);
		pthread_mutex_unlock(&m);
	}
	cycles = rdtsc() - start;
	printf("bench: uncontended mutex lock+unlock: %llu cycles\n",
	       (unsigned long long)(cycles / LOCK_ROUNDS));

	start = rdtsc();
	for (i = 0; i < CREATE_ROUNDS; i++) {
		pthread_create(&t, NULL, nothing, NULL);
		pthread_join(t, NULL);
	}
	cycles = rdtsc() - start;
	printf("bench: pthread_create+join: %llu cycles\n",
	       (unsigned long long)(cycles / CREATE_ROUNDS));

	sem_init(&ping, 0, 0);
	sem_init(&pong, 0, 0);
	t = start_partner(sem_ponger, ncpus);
	start = rdtsc();
	for (i = 0; i < PING_ROUNDS; i++) {
		sem_post(&ping);
		sem_wait(&pong);
	}
	cycles = rdtsc() - start;
	pthread_join(t, NULL);
	printf("bench: semaphore ping-pong round trip (%d CPUs): %llu cycles\n", ncpus,
	       (unsigned long long)(cycles / PING_ROUNDS));

	t = start_partner(cond_ponger, ncpus);
	start = rdtsc();
	for (i = 0; i < PING_ROUNDS; i++) {
		pthread_mutex_lock(&turn_mutex);
		turn = 1;
		pthread_cond_signal(&turn_cond);
		while (turn != 0)
			pthread_cond_wait(&turn_cond, &turn_mutex);
		pthread_mutex_unlock(&turn_mutex);
	}
	cycles = rdtsc() - start;
	pthread_join(t, NULL);
	printf("bench: mutex+condition ping-pong round trip (%d CPUs): %llu cycles\n", ncpus,
	       (unsigned long long)(cycles / PING_ROUNDS));
	return 0;
}
