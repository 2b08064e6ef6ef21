/* SPDX-License-Identifier: BSD-3-Clause */
/* A minimal unit test harness: one line per test, a final "N passed, N failed" line. */
#ifndef UHYVE_UNIT_H
#define UHYVE_UNIT_H

#include <stdbool.h>
#include <stdint.h>

/* Records one test result; prints "PASS name" or "FAIL name: why". */
void unit_result(const char *name, bool ok, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Checks that got equals want (both may be NULL); records the result under name. */
void unit_str(const char *name, const char *got, const char *want);
void unit_u64(const char *name, unsigned long long got, unsigned long long want);

void test_elf(void);
void test_options(void);
void test_net_gso(void);
void test_net_csum(void);

/* A checksummed Ethernet/IPv4/TCP frame (segment i of a flow, n payload bytes, TCP flags);
 * its length. */
uint32_t unit_tcp_frame(uint8_t *f, unsigned i, uint32_t n, uint8_t flags);

#endif
