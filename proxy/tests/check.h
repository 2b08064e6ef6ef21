/* SPDX-License-Identifier: BSD-3-Clause */
/* A minimal check macro for the proxy's unit tests: counts and reports each result. */
#ifndef PROXY_TESTS_CHECK_H
#define PROXY_TESTS_CHECK_H

#include <stdio.h>

extern unsigned checks_passed, checks_failed;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (cond) {                                                                        \
			checks_passed++;                                                           \
		} else {                                                                           \
			checks_failed++;                                                           \
			printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                     \
		}                                                                                  \
	} while (0)

void test_args(void);
void test_chan(void);
void test_elf(void);
void test_embed(void);
void test_uhyve(void);

#endif
