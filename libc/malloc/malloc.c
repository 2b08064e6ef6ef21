/* SPDX-License-Identifier: BSD-3-Clause */
/* malloc and friends: per-thread caches of size classes, big blocks straight from pages. */
#include <errno.h>
#include <malloc.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hermit/syscall.h>

#include "malloc_internal.h"

#define PAGE             4096ul
#define SEG_MIN          (1ul << 20)  /* first arena segment; each next one doubles ... */
#define SEG_MAX          (32ul << 20) /* ... up to this */
#define SLAB_MIN         (64ul << 10)
#define BATCH_BYTES      (16ul << 10) /* a batch moves about this much between cache and class */
#define BATCH_MAX        32u
#define STAGGER_MIN      (4ul << 20) /* big blocks from this size: 2 MiB-aligned, staggered */
#define STAGGER_STEP     576ul       /* 9 cache lines: spreads streams over 4 KiB offsets */
#define HUGE_REQUEST     ((size_t)1 << 46)

#define ALIGN_UP(x, a)   (((x) + (a)-1) & ~((uintptr_t)(a)-1))
#define ALIGN_DOWN(x, a) ((x) & ~((uintptr_t)(a)-1))

/* A free small block: `next` links the list, `batch_next` the central stack of batches. */
struct free_block {
	struct free_block *next;
	struct free_block *batch_next;
};

struct bin {
	struct free_block *head;
	uint32_t count;
};

static struct central {
	volatile int lock;
	struct free_block *batches; /* stack of batches, each head's header holds its count */
	uintptr_t bump, bump_end;   /* the slab being carved */
} __attribute__((aligned(64))) central[MALLOC_NCLASSES];

static volatile int arena_lock;
static uintptr_t arena_cur, arena_end; /* guarded by arena_lock */
static size_t arena_next_seg = SEG_MIN, arena_bytes;
static unsigned stagger_next;

static __thread struct bin tcache[MALLOC_NCLASSES];

static void spin_lock(volatile int *l)
{
	unsigned spins = 0;

	while (__atomic_exchange_n(l, 1, __ATOMIC_ACQUIRE)) {
		while (__atomic_load_n(l, __ATOMIC_RELAXED)) {
			if (++spins % 128 == 0)
				sys_yield(); /* the holder may wait for this CPU */
			else
				__builtin_ia32_pause();
		}
	}
}

static void spin_unlock(volatile int *l)
{
	__atomic_store_n(l, 0, __ATOMIC_RELEASE);
}

static inline struct malloc_hdr *hdr_of(const void *p)
{
	return (struct malloc_hdr *)((uintptr_t)p - MALLOC_HDR);
}

/* Blocks per batch of each class: about BATCH_BYTES, 2..BATCH_MAX. */
#define CLS_SIZE(c) ((c) < 7 ? 32ul + 16ul * (c) : (5ul + ((c)-7) % 4) << (7 + ((c)-7) / 4 - 2))
#define B(c)                                                                                       \
	(BATCH_BYTES / CLS_SIZE(c) < 2           ? 2                                               \
	 : BATCH_BYTES / CLS_SIZE(c) > BATCH_MAX ? BATCH_MAX                                       \
	                                         : BATCH_BYTES / CLS_SIZE(c))
static const uint8_t batch_tab[MALLOC_NCLASSES] = {
    B(0),  B(1),  B(2),  B(3),  B(4),  B(5),  B(6),  B(7),  B(8),  B(9),  B(10), B(11), B(12),
    B(13), B(14), B(15), B(16), B(17), B(18), B(19), B(20), B(21), B(22), B(23), B(24), B(25),
    B(26), B(27), B(28), B(29), B(30), B(31), B(32), B(33), B(34), B(35), B(36), B(37), B(38),
    B(39), B(40), B(41), B(42), B(43), B(44), B(45), B(46), B(47), B(48), B(49), B(50)};

static inline unsigned batch_of(unsigned c)
{
	return batch_tab[c];
}

static void *fail_nomem(void)
{
	errno = ENOMEM;
	return NULL;
}

static uintptr_t map_pages(size_t len, int flags);

/* `len` bytes (a multiple of PAGE) for a slab; caller holds the class's lock. */
static uintptr_t arena_take(size_t len)
{
	uintptr_t p = 0;

	spin_lock(&arena_lock);
	if (arena_end - arena_cur < len) {
		size_t seg = arena_next_seg > len ? arena_next_seg : len;
		uintptr_t a = map_pages(seg, 0);

		if (!a && seg > len)
			a = map_pages(seg = len, 0); /* memory is short: just what is asked */
		if (!a)
			goto out;
		/* The rest of the old segment is lost; it is less than one slab. */
		arena_cur = a;
		arena_end = a + seg;
		arena_bytes += seg;
		if (arena_next_seg < SEG_MAX)
			arena_next_seg *= 2;
	}
	p = arena_cur;
	arena_cur += len;
out:
	spin_unlock(&arena_lock);
	return p;
}

/* Carves up to `want` new blocks of class c into a list; returns the count (0: no memory). */
static unsigned carve(unsigned c, unsigned want, struct free_block **list)
{
	struct central *z = &central[c];
	size_t size = malloc_class_size(c);
	uintptr_t first;
	unsigned n;

	if (z->bump_end - z->bump < size) {
		size_t slab = ALIGN_UP(4 * size > SLAB_MIN ? 4 * size : SLAB_MIN, PAGE);
		uintptr_t s = arena_take(slab);

		if (!s)
			return 0;
		z->bump = s;
		z->bump_end = s + slab;
	}
	n = (unsigned)((z->bump_end - z->bump) / size);
	n = n < want ? n : want;
	first = z->bump;
	z->bump += n * size;
	/* Headers and links are written under the lock: the blocks are nobody's yet, and the
	 * lock is per class. */
	*list = NULL;
	for (unsigned i = n; i-- > 0;) {
		struct free_block *b = (struct free_block *)(first + i * size + MALLOC_HDR);
		struct malloc_hdr *h = hdr_of(b);

		h->kind = MALLOC_SMALL;
		h->cls = c;
		b->next = *list;
		*list = b;
	}
	return n;
}

/* The thread's bin for class c is empty: take a batch. Returns a block or NULL. */
static void *refill(unsigned c)
{
	struct central *z = &central[c];
	struct bin *bin = &tcache[c];
	struct free_block *list;
	unsigned n;

	spin_lock(&z->lock);
	if ((list = z->batches)) {
		z->batches = list->batch_next;
		n = (unsigned)hdr_of(list)->aux;
	} else {
		n = carve(c, batch_of(c), &list);
	}
	spin_unlock(&z->lock);
	if (!n)
		return fail_nomem();
	bin->head = list->next;
	bin->count = n - 1;
	return list;
}

/* Gives the first n blocks of the thread's bin back to the class as one batch. */
static void flush(unsigned c, unsigned n)
{
	struct bin *bin = &tcache[c];
	struct free_block *first = bin->head, *last = first;
	struct central *z = &central[c];

	for (unsigned i = 1; i < n; i++)
		last = last->next;
	bin->head = last->next;
	bin->count -= n;
	last->next = NULL;
	hdr_of(first)->aux = n;
	spin_lock(&z->lock);
	first->batch_next = z->batches;
	z->batches = first;
	spin_unlock(&z->lock);
}

void __hermit_malloc_thread_exit(void)
{
	for (unsigned c = 0; c < MALLOC_NCLASSES; c++)
		if (tcache[c].count)
			flush(c, tcache[c].count);
}

/* Offset of the next big block from its 2 MiB boundary (64 + 0, 576, ... 3456 bytes): arrays
 * allocated one after the other start at different cache sets and 4 KiB offsets, so
 * streams over them do not alias. */
static size_t next_stagger(void)
{
	return 64 + (__atomic_fetch_add(&stagger_next, 1, __ATOMIC_RELAXED) % 7) * STAGGER_STEP;
}

/*
 * Runs of freed big blocks below STAGGER_MIN, kept for reuse (a program that mallocs and
 * frees a 1 MiB buffer in a loop would otherwise map and zero it every time): at most
 * CACHE_RUNS runs, CACHE_BYTES in all, guarded by cache_lock. A run is taken for a request
 * of at least half its length. Memory pressure (a failed map) empties the cache.
 */
#define CACHE_RUNS  8
#define CACHE_BYTES (32ul << 20)

static volatile int cache_lock;
static struct run {
	uintptr_t lo;
	size_t len;
} cache[CACHE_RUNS];
static size_t cache_n, cache_bytes;

static uintptr_t cache_take(size_t len, size_t *got)
{
	uintptr_t lo = 0;
	size_t best = CACHE_RUNS;

	spin_lock(&cache_lock);
	for (size_t i = 0; i < cache_n; i++)
		if (cache[i].len >= len && cache[i].len / 2 <= len &&
		    (best == CACHE_RUNS || cache[i].len < cache[best].len))
			best = i;
	if (best < CACHE_RUNS) {
		lo = cache[best].lo;
		*got = cache[best].len;
		cache_bytes -= *got;
		cache[best] = cache[--cache_n];
	}
	spin_unlock(&cache_lock);
	return lo;
}

static bool cache_put(uintptr_t lo, size_t len)
{
	bool kept = false;

	spin_lock(&cache_lock);
	if (cache_n < CACHE_RUNS && cache_bytes + len <= CACHE_BYTES) {
		cache[cache_n++] = (struct run){lo, len};
		cache_bytes += len;
		kept = true;
	}
	spin_unlock(&cache_lock);
	return kept;
}

/* Gives every cached run back to the kernel; false if there was none. */
static bool cache_drain(void)
{
	struct run runs[CACHE_RUNS];
	size_t n;

	spin_lock(&cache_lock);
	n = cache_n;
	memcpy(runs, cache, sizeof(runs));
	cache_n = cache_bytes = 0;
	spin_unlock(&cache_lock);
	for (size_t i = 0; i < n; i++)
		sys_munmap((void *)runs[i].lo, runs[i].len);
	return n > 0;
}

/* Page run from the kernel (zero-filled), or 0; retried once without the cached runs. */
static uintptr_t map_pages(size_t len, int flags)
{
	int64_t a = sys_mmap(NULL, len, HERMIT_PROT_ALL, flags);

	if (a < 0 && cache_drain())
		a = sys_mmap(NULL, len, HERMIT_PROT_ALL, flags);
	return a < 0 ? 0 : (uintptr_t)a;
}

static void *big_header(uintptr_t user, uintptr_t lo, uintptr_t hi)
{
	struct malloc_hdr *h = hdr_of((void *)user);

	h->kind = MALLOC_BIG;
	h->cls = (uint32_t)(user - lo);
	h->aux = hi - lo;
	return (void *)user;
}

/*
 * A block with its own page run; align is a power of two. *fresh tells whether the memory
 * is still zero (fresh from the kernel). From STAGGER_MIN on, the run starts on a 2 MiB
 * boundary and the block at a staggered offset in it. Otherwise a run with room to align
 * is mapped and trimmed to the pages the block touches.
 */
static void *big_alloc(size_t size, size_t align, bool *fresh)
{
	size_t slack = align > MALLOC_HDR ? align : 0, len, got;
	uintptr_t map, user, lo, hi;

	if (size >= HUGE_REQUEST || align >= HUGE_REQUEST)
		return fail_nomem();
	*fresh = true;
	if (align <= MALLOC_HDR && size >= STAGGER_MIN) {
		size_t off = next_stagger();

		len = ALIGN_UP(off + size, PAGE);
		if (!(map = map_pages(len, HERMIT_MAP_ALIGN_2M)))
			return fail_nomem();
		return big_header(map + off, map, map + len);
	}
	len = ALIGN_UP(MALLOC_HDR + size + slack, PAGE);
	if (align <= MALLOC_HDR && (map = cache_take(len, &got))) {
		*fresh = false;
		return big_header(map + MALLOC_HDR, map, map + got);
	}
	if (!(map = map_pages(len, 0)))
		return fail_nomem();
	user = ALIGN_UP(map + MALLOC_HDR, align);
	lo = ALIGN_DOWN(user - MALLOC_HDR, PAGE);
	hi = ALIGN_UP(user + size, PAGE);
	if (lo > map)
		sys_munmap((void *)map, lo - map);
	if (hi < map + len)
		sys_munmap((void *)hi, map + len - hi);
	return big_header(user, lo, hi);
}

static void big_free(struct malloc_hdr *h)
{
	uintptr_t lo = (uintptr_t)h + MALLOC_HDR - h->cls;
	size_t len = h->aux;

	h->kind = 0;
	if (h->cls == MALLOC_HDR && len < STAGGER_MIN && cache_put(lo, len))
		return;
	sys_munmap((void *)lo, len);
}

static __attribute__((noreturn)) void bad_pointer(const char *fn, const void *p)
{
	fprintf(stderr, "%s(%p): not a block from malloc (or its header was overwritten)\n", fn, p);
	abort();
}

void *malloc(size_t size)
{
	if (size <= MALLOC_SMALL_MAX - MALLOC_HDR) {
		unsigned c = malloc_class(size + MALLOC_HDR);
		struct bin *bin = &tcache[c];
		struct free_block *b = bin->head;

		if (__builtin_expect(b != NULL, 1)) {
			bin->head = b->next;
			bin->count--;
			return b;
		}
		return refill(c);
	}
	return big_alloc(size, MALLOC_HDR, &(bool){false});
}

void free(void *p)
{
	struct malloc_hdr *h;

	if (!p)
		return;
	h = hdr_of(p);
	if (__builtin_expect(h->kind == MALLOC_SMALL, 1)) {
		unsigned c = h->cls;
		struct bin *bin = &tcache[c];
		struct free_block *b = p;

		b->next = bin->head;
		bin->head = b;
		if (++bin->count >= 2 * batch_of(c))
			flush(c, batch_of(c));
	} else if (h->kind == MALLOC_ALIGNED) {
		free((char *)p - h->aux);
	} else if (h->kind == MALLOC_BIG) {
		big_free(h);
	} else {
		bad_pointer("free", p);
	}
}

size_t malloc_usable_size(void *p)
{
	struct malloc_hdr *h;

	if (!p)
		return 0;
	h = hdr_of(p);
	switch (h->kind) {
	case MALLOC_SMALL:
		return malloc_class_size(h->cls) - MALLOC_HDR;
	case MALLOC_ALIGNED:
		return malloc_usable_size((char *)p - h->aux) - h->aux;
	case MALLOC_BIG:
		return h->aux - h->cls;
	}
	bad_pointer("malloc_usable_size", p);
}

void *calloc(size_t n, size_t size)
{
	bool fresh = false;
	size_t total;
	void *p;

	if (__builtin_mul_overflow(n, size, &total))
		return fail_nomem();
	if (total > MALLOC_SMALL_MAX - MALLOC_HDR)
		p = big_alloc(total, MALLOC_HDR, &fresh);
	else
		p = malloc(total);
	if (p && !fresh)
		memset(p, 0, total);
	return p;
}

void *realloc(void *p, size_t size)
{
	size_t have;
	void *q;

	if (!p)
		return malloc(size);
	have = malloc_usable_size(p);
	if (size <= have) {
		struct malloc_hdr *h = hdr_of(p);

		if (h->kind != MALLOC_BIG) {
			if (size >= have / 2)
				return p;
		} else if (size > MALLOC_SMALL_MAX) {
			/* Shrink in place: the pages past the new end go back. */
			uintptr_t lo = (uintptr_t)p - h->cls,
			          end = ALIGN_UP((uintptr_t)p + size, PAGE);

			if (end < lo + h->aux) {
				sys_munmap((void *)end, lo + h->aux - end);
				h->aux = end - lo;
			}
			return p;
		}
	}
	if (!(q = malloc(size)))
		return NULL;
	memcpy(q, p, have < size ? have : size);
	free(p);
	return q;
}

void *memalign(size_t align, size_t size)
{
	uintptr_t p, q;

	if (align & (align - 1)) {
		errno = EINVAL;
		return NULL;
	}
	if (align <= MALLOC_HDR)
		return malloc(size);
	if (size >= HUGE_REQUEST || align >= HUGE_REQUEST)
		return fail_nomem();
	if (size + align + MALLOC_HDR > MALLOC_SMALL_MAX - MALLOC_HDR)
		return big_alloc(size, align, &(bool){false});
	if (!(p = (uintptr_t)malloc(size + align + MALLOC_HDR)))
		return NULL;
	if (!(p & (align - 1)))
		return (void *)p;
	q = ALIGN_UP(p + MALLOC_HDR, align);
	hdr_of((void *)q)->kind = MALLOC_ALIGNED;
	hdr_of((void *)q)->aux = q - p;
	return (void *)q;
}

int posix_memalign(void **out, size_t align, size_t size)
{
	void *p;
	int saved = errno;

	if (align < sizeof(void *) || (align & (align - 1)))
		return EINVAL;
	if (!(p = memalign(align, size))) {
		errno = saved;
		return ENOMEM;
	}
	*out = p;
	return 0;
}

void *aligned_alloc(size_t align, size_t size)
{
	return memalign(align, size);
}

void *valloc(size_t size)
{
	return memalign(PAGE, size);
}

void *pvalloc(size_t size)
{
	if (size > SIZE_MAX - PAGE)
		return fail_nomem();
	return memalign(PAGE, ALIGN_UP(size ? size : 1, PAGE));
}

struct mallinfo mallinfo(void)
{
	struct mallinfo mi = {0};

	spin_lock(&arena_lock);
	mi.arena = arena_bytes;
	spin_unlock(&arena_lock);
	return mi;
}

void malloc_stats(void)
{
	fprintf(stderr, "malloc: %zu bytes in small-block segments\n", (size_t)mallinfo().arena);
}

int mallopt(int param, int value)
{
	(void)param;
	(void)value;
	return 1; /* accepted, nothing to tune */
}

int malloc_trim(size_t pad)
{
	(void)pad;
	return 0;
}

/* newlib's reentrant names, which its own code (stdio, ...) calls. */
struct _reent;

void *_malloc_r(struct _reent *r, size_t n)
{
	(void)r;
	return malloc(n);
}

void _free_r(struct _reent *r, void *p)
{
	(void)r;
	free(p);
}

void *_calloc_r(struct _reent *r, size_t n, size_t size)
{
	(void)r;
	return calloc(n, size);
}

void *_realloc_r(struct _reent *r, void *p, size_t size)
{
	(void)r;
	return realloc(p, size);
}

void *_memalign_r(struct _reent *r, size_t align, size_t size)
{
	(void)r;
	return memalign(align, size);
}

void *_valloc_r(struct _reent *r, size_t size)
{
	(void)r;
	return valloc(size);
}

void *_pvalloc_r(struct _reent *r, size_t size)
{
	(void)r;
	return pvalloc(size);
}

size_t _malloc_usable_size_r(struct _reent *r, void *p)
{
	(void)r;
	return malloc_usable_size(p);
}

struct mallinfo _mallinfo_r(struct _reent *r)
{
	(void)r;
	return mallinfo();
}

void _malloc_stats_r(struct _reent *r)
{
	(void)r;
	malloc_stats();
}

int _mallopt_r(struct _reent *r, int param, int value)
{
	(void)r;
	return mallopt(param, value);
}

int _malloc_trim_r(struct _reent *r, size_t pad)
{
	(void)r;
	return malloc_trim(pad);
}
