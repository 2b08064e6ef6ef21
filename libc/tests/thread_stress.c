/* SPDX-License-Identifier: BSD-3-Clause */
/* Stress test of the C library's thread safety: 8 threads allocate, fill, check and free
 * blocks and print lines concurrently; every block's content and every thread's errno are
 * checked. Prints "thread_stress: ok" and exits 0, or exits 1. */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THREADS 8
#define ROUNDS  4000
#define SLOTS   32

static int failures;

static void fail(const char *what, int thread, int round)
{
	__atomic_add_fetch(&failures, 1, __ATOMIC_RELAXED);
	printf("FAIL thread %d round %d: %s\n", thread, round, what);
}

/* xorshift: each thread its own sequence of sizes. */
static uint32_t next_random(uint32_t *state)
{
	uint32_t x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

static int check_block(const unsigned char *p, size_t size, unsigned char tag)
{
	size_t i;

	for (i = 0; i < size; i++)
		if (p[i] != (unsigned char)(tag + i))
			return 0;
	return 1;
}

static void *worker(void *arg)
{
	int id = (int)(long)arg, round, slot;
	unsigned char *blocks[SLOTS] = {0};
	size_t sizes[SLOTS] = {0};
	uint32_t seed = 0x9e3779b9u * (uint32_t)(id + 1);
	char line[64];

	for (round = 0; round < ROUNDS; round++) {
		slot = (int)(next_random(&seed) % SLOTS);
		if (blocks[slot]) {
			if (!check_block(blocks[slot], sizes[slot],
			                 (unsigned char)(id * 16 + slot)))
				fail("block content changed", id, round);
			free(blocks[slot]);
		}
		sizes[slot] = 1 + next_random(&seed) % (round % 64 == 0 ? 65536 : 512);
		blocks[slot] = malloc(sizes[slot]);
		if (!blocks[slot]) {
			fail("malloc", id, round);
			break;
		}
		for (size_t i = 0; i < sizes[slot]; i++)
			blocks[slot][i] = (unsigned char)(id * 16 + slot + i);
		errno = id + 1;
		if (round % 500 == 0) {
			snprintf(line, sizeof(line), "thread %d round %d", id, round);
			printf("%s size %zu\n", line, sizes[slot]);
		}
		if (errno != id + 1)
			fail("errno changed by another thread", id, round);
	}
	for (slot = 0; slot < SLOTS; slot++) {
		if (blocks[slot] &&
		    !check_block(blocks[slot], sizes[slot], (unsigned char)(id * 16 + slot)))
			fail("block content changed", id, ROUNDS);
		free(blocks[slot]);
	}
	return NULL;
}

int main(void)
{
	pthread_t threads[THREADS];
	int i, err;

	for (i = 0; i < THREADS; i++) {
		err = pthread_create(&threads[i], NULL, worker, (void *)(long)i);
		if (err) {
			printf("FAIL pthread_create: %s\n", strerror(err));
			return 1;
		}
	}
	for (i = 0; i < THREADS; i++)
		pthread_join(threads[i], NULL);
	if (failures) {
		printf("thread_stress: %d failures\n", failures);
		return 1;
	}
	printf("thread_stress: ok\n");
	return 0;
}
