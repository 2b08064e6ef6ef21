/* SPDX-License-Identifier: BSD-3-Clause */
/* Threads allocate, fill, check and free random sizes at once; blocks also cross threads:
 * the main thread frees what the workers left, and in a ring each thread frees the blocks
 * its neighbour allocated. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_pattern.h"

#define MAX_THREADS     64
#define DEFAULT_THREADS 8
#define DEFAULT_ROUNDS  4000
#define LIVE            32 /* blocks each thread holds at once */
#define BIG_SIZE        (256 << 10)

struct worker {
	pthread_t id;
	int index;
	int rounds;
	unsigned char *block[LIVE];
	size_t size[LIVE];
	uint64_t seed[LIVE];
	uint64_t rng;
	const char *error; /* NULL when all went well */
	size_t bad_size;
};

static uint64_t next_random(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *state = x;
}

/* Mostly small sizes, some pages, now and then a large one. */
static size_t random_size(uint64_t *rng)
{
	uint64_t r = next_random(rng);

	switch (r % 16) {
	case 0:
		return (size_t)(r >> 8) % BIG_SIZE + 1;
	case 1:
	case 2:
		return (size_t)(r >> 8) % 65536 + 1;
	default:
		return (size_t)(r >> 8) % 512 + 1;
	}
}

static void *churn(void *arg)
{
	struct worker *w = arg;
	int round, slot;

	for (round = 0; round < w->rounds; round++) {
		slot = (int)(next_random(&w->rng) % LIVE);
		if (w->block[slot]) {
			if (pattern_check(w->block[slot], w->size[slot], w->seed[slot]) !=
			    w->size[slot]) {
				w->error = "a live block was overwritten";
				w->bad_size = w->size[slot];
				return NULL;
			}
			free(w->block[slot]);
		}
		w->size[slot] = random_size(&w->rng);
		w->seed[slot] = next_random(&w->rng);
		w->block[slot] = malloc(w->size[slot]);
		if (!w->block[slot]) {
			w->error = "malloc returned NULL";
			w->bad_size = w->size[slot];
			return NULL;
		}
		pattern_fill(w->block[slot], w->size[slot], w->seed[slot]);
	}
	return NULL;
}

/* The main thread checks and frees the blocks the workers left: frees across threads. */
static int finish(struct worker *w)
{
	int slot;

	if (w->error) {
		printf("test-malloc-mt: FAIL: thread %d: %s (size %zu)\n", w->index, w->error,
		       w->bad_size);
		return 1;
	}
	for (slot = 0; slot < LIVE; slot++) {
		if (w->block[slot] &&
		    pattern_check(w->block[slot], w->size[slot], w->seed[slot]) != w->size[slot]) {
			printf(
			    "test-malloc-mt: FAIL: thread %d: block of %zu bytes overwritten after "
			    "the thread ended\n",
			    w->index, w->size[slot]);
			return 1;
		}
		free(w->block[slot]);
	}
	return 0;
}

/*
 * The ring: thread i allocates and fills blocks and posts them to thread i + 1's mailbox;
 * each thread checks and frees what it receives. Every thread frees only others' blocks.
 */
#define MAILBOX 64

struct mailbox {
	pthread_mutex_t lock;
	unsigned char *block[MAILBOX];
	size_t size[MAILBOX];
	uint64_t seed[MAILBOX];
	int n;
};

static struct mailbox mailboxes[MAX_THREADS];
static int ring_threads;

/* Checks and frees every block in w's mailbox; returns how many. */
static int ring_receive(struct worker *w)
{
	struct mailbox *m = &mailboxes[w->index];
	int got = 0;

	pthread_mutex_lock(&m->lock);
	while (m->n > 0) {
		int k = --m->n;

		if (pattern_check(m->block[k], m->size[k], m->seed[k]) != m->size[k] && !w->error) {
			w->error = "a block received from the neighbour was overwritten";
			w->bad_size = m->size[k];
		}
		free(m->block[k]);
		got++;
	}
	pthread_mutex_unlock(&m->lock);
	return got;
}

static void *ring(void *arg)
{
	struct worker *w = arg;
	struct mailbox *next = &mailboxes[(w->index + 1) % ring_threads];
	int round;

	for (round = 0; round < w->rounds && !w->error; round++) {
		size_t size = random_size(&w->rng);
		uint64_t seed = next_random(&w->rng);
		unsigned char *p = malloc(size);

		if (!p) {
			w->error = "malloc returned NULL in the ring";
			w->bad_size = size;
			break;
		}
		pattern_fill(p, size, seed);
		pthread_mutex_lock(&next->lock);
		if (next->n < MAILBOX) {
			next->block[next->n] = p;
			next->size[next->n] = size;
			next->seed[next->n++] = seed;
			p = NULL;
		}
		pthread_mutex_unlock(&next->lock);
		free(p); /* the neighbour's box was full: this one is our own */
		ring_receive(w);
	}
	return NULL;
}

static int run_ring(struct worker *workers, int threads, int rounds)
{
	int i, e, failed = 0;

	ring_threads = threads;
	for (i = 0; i < threads; i++) {
		pthread_mutex_init(&mailboxes[i].lock, NULL);
		workers[i].error = NULL;
		workers[i].rounds = rounds;
		if ((e = pthread_create(&workers[i].id, NULL, ring, &workers[i]))) {
			printf("test-malloc-mt: FAIL: pthread_create %d: %s\n", i, strerror(e));
			return 1;
		}
	}
	for (i = 0; i < threads; i++)
		pthread_join(workers[i].id, NULL);
	for (i = 0; i < threads; i++) {
		ring_receive(&workers[i]); /* what arrived after its thread ended */
		if (workers[i].error) {
			printf("test-malloc-mt: FAIL: ring thread %d: %s (size %zu)\n", i,
			       workers[i].error, workers[i].bad_size);
			failed = 1;
		}
	}
	return failed;
}

int main(int argc, char **argv)
{
	static struct worker workers[MAX_THREADS];
	int threads = argc > 1 ? atoi(argv[1]) : DEFAULT_THREADS;
	int rounds = argc > 2 ? atoi(argv[2]) : DEFAULT_ROUNDS;
	int i, e, failed = 0;

	if (threads < 1 || threads > MAX_THREADS || rounds < 1) {
		printf("usage: test-malloc-mt [threads 1..%d] [rounds >= 1]\n", MAX_THREADS);
		return 2;
	}
	for (i = 0; i < threads; i++) {
		workers[i].index = i;
		workers[i].rounds = rounds;
		workers[i].rng = 0x2545f4914f6cdd1dULL * (uint64_t)(i + 1);
		e = pthread_create(&workers[i].id, NULL, churn, &workers[i]);
		if (e) {
			printf("test-malloc-mt: FAIL: pthread_create %d: %s\n", i, strerror(e));
			return 1;
		}
	}
	for (i = 0; i < threads; i++) {
		e = pthread_join(workers[i].id, NULL);
		if (e) {
			printf("test-malloc-mt: FAIL: pthread_join %d: %s\n", i, strerror(e));
			return 1;
		}
		failed |= finish(&workers[i]);
	}
	if (failed || run_ring(workers, threads, rounds))
		return 1;
	printf("test-malloc-mt: %d threads x %d rounds, and a ring\n", threads, rounds);
	printf("test-malloc-mt: ok\n");
	return 0;
}
