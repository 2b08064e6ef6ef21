/* SPDX-License-Identifier: BSD-3-Clause */
/* malloc/realloc/calloc/free over sizes 1 B..64 MiB with content checks, aligned
 * allocation, usable sizes, and ENOMEM for absurd sizes and when memory runs out. */
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_pattern.h"

#define MAX_SIZE  (64UL << 20)
#define ALIGNMENT 16 /* what x86_64 C libraries guarantee for malloc */
#define HELD      64 /* blocks kept alive at once in the interleaving test */

static int failures;

#define FAIL(...)                                                                                  \
	do {                                                                                       \
		printf("test-malloc: FAIL: " __VA_ARGS__);                                         \
		printf("\n");                                                                      \
		failures++;                                                                        \
	} while (0)

static int aligned(const void *p)
{
	return ((uintptr_t)p & (ALIGNMENT - 1)) == 0;
}

/* malloc, fill, realloc up and down, check the kept prefix each time, free. */
static void check_size(size_t size)
{
	unsigned seed = (unsigned)size * 7u + 1u;
	unsigned char *p, *q;
	size_t bad;

	p = malloc(size);
	if (!p || !aligned(p)) {
		FAIL("malloc(%zu) = %p, expected a %d-byte aligned block", size, (void *)p,
		     ALIGNMENT);
		free(p);
		return;
	}
	pattern_fill(p, size, seed);
	q = realloc(p, size + size / 2 + 1);
	if (!q) {
		FAIL("realloc(%zu -> %zu) returned NULL", size, size + size / 2 + 1);
		free(p);
		return;
	}
	bad = pattern_check(q, size, seed);
	if (bad != size)
		FAIL("realloc grow of %zu bytes: byte %zu changed", size, bad);
	p = realloc(q, size / 2 + 1);
	if (!p) {
		FAIL("realloc(shrink to %zu) returned NULL", size / 2 + 1);
		free(q);
		return;
	}
	bad = pattern_check(p, size / 2 + 1, seed);
	if (bad != size / 2 + 1)
		FAIL("realloc shrink of %zu bytes: byte %zu changed", size, bad);
	free(p);
}

/* calloc must zero even memory that a freed, dirtied block just used. */
static void check_calloc(size_t size)
{
	unsigned char *p = malloc(size);
	size_t i;

	if (p) {
		memset(p, 0xa5, size);
		free(p);
	}
	p = calloc(size / 8, 8);
	if (!p) {
		FAIL("calloc(%zu, 8) returned NULL", size / 8);
		return;
	}
	for (i = 0; i < size / 8 * 8; i++) {
		if (p[i]) {
			FAIL("calloc(%zu, 8): byte %zu is %#x, expected 0", size / 8, i, p[i]);
			break;
		}
	}
	free(p);
}

/* Many live blocks of mixed sizes: none may overlap another (checked by the contents). */
static void check_interleaved(void)
{
	unsigned char *block[HELD];
	size_t size[HELD];
	int round, i;

	memset(block, 0, sizeof(block));
	for (round = 0; round < 8; round++) {
		for (i = round % 2; i < HELD; i += 2) {
			free(block[i]);
			size[i] = ((size_t)(i * 37 + round * 101) % 5000) + 1;
			if (i % 16 == 0)
				size[i] *= 97; /* a few large ones */
			block[i] = malloc(size[i]);
			if (!block[i]) {
				FAIL("malloc(%zu) in round %d returned NULL", size[i], round);
				return;
			}
			pattern_fill(block[i], size[i], (unsigned)(i + round * HELD));
		}
		for (i = round % 2; i < HELD; i += 2) {
			if (pattern_check(block[i], size[i], (unsigned)(i + round * HELD)) !=
			    size[i])
				FAIL("block %d of %zu bytes was overwritten", i, size[i]);
		}
	}
	for (i = 0; i < HELD; i++)
		free(block[i]);
}

static void check_enomem(void)
{
	/* volatile: the compiler must not see (and warn about) the absurd sizes */
	static volatile size_t absurd[] = {SIZE_MAX, SIZE_MAX / 2, (size_t)1 << 46};
	static volatile size_t count = SIZE_MAX / 4;
	unsigned i;
	void *p;

	for (i = 0; i < sizeof(absurd) / sizeof(absurd[0]); i++) {
		errno = 0;
		p = malloc(absurd[i]);
		if (p || errno != ENOMEM)
			FAIL("malloc(%#zx) = %p, errno %d, expected NULL and ENOMEM (%d)",
			     absurd[i], p, errno, ENOMEM);
		free(p);
	}
	errno = 0;
	p = calloc(count, 8); /* the product overflows */
	if (p || errno != ENOMEM)
		FAIL("calloc(SIZE_MAX / 4, 8) = %p, errno %d, expected NULL and ENOMEM", p, errno);
	free(p);
}

/* memalign, posix_memalign and aligned_alloc at every power of two up to 4 MiB. */
static void check_aligned(void)
{
	static const size_t sizes[] = {1, 24, 100, 4000, 70000, 300000, 5 << 20};
	size_t align, i;

	for (align = sizeof(void *); align <= (4UL << 20); align *= 2) {
		for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			size_t size = sizes[i];
			void *p[3] = {memalign(align, size), NULL, aligned_alloc(align, size)};
			int e = posix_memalign(&p[1], align, size), k;

			if (e)
				FAIL("posix_memalign(%zu, %zu) = %d", align, size, e);
			for (k = 0; k < 3; k++) {
				if (!p[k] || (uintptr_t)p[k] % align ||
				    malloc_usable_size(p[k]) < size) {
					FAIL("aligned allocation %d (%zu, %zu) = %p, usable %zu", k,
					     align, size, p[k],
					     p[k] ? malloc_usable_size(p[k]) : 0);
					continue;
				}
				pattern_fill(p[k], size, align + size + (size_t)k);
			}
			for (k = 0; k < 3; k++) {
				if (p[k] &&
				    pattern_check(p[k], size, align + size + (size_t)k) != size)
					FAIL("aligned block (%zu, %zu) overwritten", align, size);
				free(p[k]);
			}
		}
	}
	errno = 0;
	if (posix_memalign(&(void *){NULL}, 24, 8) != EINVAL)
		FAIL("posix_memalign with alignment 24 did not give EINVAL");
}

/* The usable size covers the request, and all of it may be written. */
static void check_usable(void)
{
	size_t size;

	for (size = 1; size < (1UL << 20); size = size * 3 / 2 + 1) {
		unsigned char *p = malloc(size), *q = malloc(size);
		size_t u = p ? malloc_usable_size(p) : 0;

		if (!p || !q || u < size) {
			FAIL("malloc(%zu) = %p, usable size %zu", size, (void *)p, u);
		} else {
			memset(q, 0x5a, size);
			memset(p, 0xa5, u); /* must not reach q or any header */
			if (memchr(q, 0xa5, size))
				FAIL("writing the usable size of a %zu-byte block hit another",
				     size);
		}
		free(q);
		free(p);
	}
	if (malloc_usable_size(NULL) != 0)
		FAIL("malloc_usable_size(NULL) != 0");
}

/*
 * Fill memory with big blocks until malloc fails (HermitCore: guest RAM is finite; the
 * test stops at LIMIT elsewhere): NULL with ENOMEM, never a crash. After the blocks are
 * freed the memory must be back. Then the same with small blocks.
 */
#define EXHAUST_BIG   (16UL << 20)
#define EXHAUST_LIMIT (16UL << 30)
#define EXHAUST_MAX   ((int)(EXHAUST_LIMIT / EXHAUST_BIG))

static int exhaust(size_t size, void **held, int max)
{
	int n = 0;

	errno = 0;
	while (n < max && (held[n] = malloc(size)) != NULL)
		((char *)held[n++])[size - 1] = 1;
	if (n < max && errno != ENOMEM)
		FAIL("malloc(%zu) failed after %d blocks with errno %d, expected ENOMEM", size, n,
		     errno);
	return n;
}

static void check_exhaustion(void)
{
	static void *held[EXHAUST_MAX];
	int n, again, i;

	n = exhaust(EXHAUST_BIG, held, EXHAUST_MAX);
	for (i = 0; i < n; i++)
		free(held[i]);
	again = exhaust(EXHAUST_BIG, held, EXHAUST_MAX);
	for (i = 0; i < again; i++)
		free(held[i]);
#ifdef __hermit__
	if (n == EXHAUST_MAX)
		FAIL("%d blocks of %lu MiB and no ENOMEM", n, EXHAUST_BIG >> 20);
#endif
	if (again < n - 1)
		FAIL("after freeing %d big blocks only %d could be allocated again", n, again);
	printf("test-malloc: %s after %d blocks of %lu MiB\n", n < EXHAUST_MAX ? "ENOMEM" : "limit",
	       n, EXHAUST_BIG >> 20);
}

#ifdef __hermit__
/* Last: small blocks until memory ends (their memory stays with their size class). */
static void check_small_exhaustion(void)
{
	static void *held[1 << 20];
	int n = exhaust(3000, held, 1 << 20), i;
	void *p;

	for (i = 0; i < n; i++)
		free(held[i]);
	p = malloc(3000);
	if (!p)
		FAIL("malloc(3000) failed after the small blocks were freed");
	free(p);
}
#endif

int main(int argc, char **argv)
{
	size_t max = argc > 1 ? strtoul(argv[1], NULL, 0) : MAX_SIZE;
	size_t size;
	int checked = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (size = 1; size <= max; size *= 2) {
		check_size(size);
		check_size(size + size / 3 + 1); /* sizes between the powers of two */
		checked += 2;
	}
	for (size = 4096; size <= max; size *= 16)
		check_calloc(size);
	check_interleaved();
	check_enomem();
	check_aligned();
	check_usable();
	if (max >= MAX_SIZE) { /* the full run */
		check_exhaustion();
#ifdef __hermit__
		check_small_exhaustion();
#endif
	}
	free(NULL);
	printf("test-malloc: %d sizes up to %zu bytes\n", checked, max);
	if (failures) {
		printf("test-malloc: %d failures\n", failures);
		return 1;
	}
	printf("test-malloc: ok\n");
	return 0;
}
