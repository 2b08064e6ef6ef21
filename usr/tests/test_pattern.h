/* SPDX-License-Identifier: BSD-3-Clause */
/* Seeded byte patterns the memory and file tests write and verify (header-only). */
#ifndef TEST_PATTERN_H
#define TEST_PATTERN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
 * A stream of 64-bit words that depend on the seed and the word's offset (so that a shifted
 * copy shows up); a prefix of a buffer holds a prefix of the stream. Word-wise keeps checks
 * of many MiB quick even in an emulated guest.
 */
static inline uint64_t pattern_word(size_t word, uint64_t seed)
{
	return ((uint64_t)word * 0x9e3779b97f4a7c15ULL) ^ seed;
}

/* Writes bytes [offset, offset + len) of the stream; offset must be a multiple of 8. */
static inline void pattern_fill_at(unsigned char *p, size_t offset, size_t len, uint64_t seed)
{
	size_t words = len / 8, i;
	uint64_t v;

	for (i = 0; i < words; i++) {
		v = pattern_word(offset / 8 + i, seed);
		memcpy(p + i * 8, &v, 8);
	}
	v = pattern_word(offset / 8 + words, seed);
	memcpy(p + words * 8, &v, len - words * 8);
}

/* Returns the offset (relative to p) of the first word off the stream, or len. */
static inline size_t pattern_check_at(const unsigned char *p, size_t offset, size_t len,
                                      uint64_t seed)
{
	size_t words = len / 8, i;
	uint64_t v;

	for (i = 0; i < words; i++) {
		memcpy(&v, p + i * 8, 8);
		if (v != pattern_word(offset / 8 + i, seed))
			return i * 8;
	}
	v = pattern_word(offset / 8 + words, seed);
	if (memcmp(p + words * 8, &v, len - words * 8))
		return words * 8;
	return len;
}

static inline void pattern_fill(unsigned char *p, size_t len, uint64_t seed)
{
	pattern_fill_at(p, 0, len, seed);
}

static inline size_t pattern_check(const unsigned char *p, size_t len, uint64_t seed)
{
	return pattern_check_at(p, 0, len, seed);
}

#endif
