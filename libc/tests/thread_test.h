/* SPDX-License-Identifier: BSD-3-Clause */
/* Checking helpers shared by the thread tests: count failures, report them with the line. */
#ifndef HERMIT_THREAD_TEST_H
#define HERMIT_THREAD_TEST_H

#include <stdio.h>
#include <string.h>
#include <time.h>

extern int test_failures;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                     \
			__atomic_add_fetch(&test_failures, 1, __ATOMIC_RELAXED);                   \
		}                                                                                  \
	} while (0)

/* A call returning an error number (pthread style) must give `want`. */
#define EXPECT(call, want)                                                                         \
	do {                                                                                       \
		int got_ = (call);                                                                 \
		if (got_ != (want)) {                                                              \
			printf("FAIL %s:%d: %s = %d (%s), want %d\n", __FILE__, __LINE__, #call,   \
			       got_, strerror(got_), (want));                                      \
			__atomic_add_fetch(&test_failures, 1, __ATOMIC_RELAXED);                   \
		}                                                                                  \
	} while (0)

/* An absolute time `ms` from now on `clock`; milliseconds since a CLOCK_MONOTONIC time. */
struct timespec in_ms(clockid_t clock, long ms);
long ms_since(const struct timespec *start);

/* The parts in thread_test_sync.c. */
void test_rwlocks(void);
void test_barriers(void);
void test_spinlocks(void);
void test_semaphores(void);
void test_once_and_keys(void);
void test_signals_and_cancel(void);
void test_per_thread_libc(void);

#endif
