/* SPDX-License-Identifier: BSD-3-Clause */
/* The application's allocator (malloc.c): block layout, size classes and locking rules. */
#ifndef HERMIT_LIBC_MALLOC_INTERNAL_H
#define HERMIT_LIBC_MALLOC_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/*
 * Every block has a 16-byte header just below the pointer the application gets, so user
 * pointers are 16-byte aligned and free() needs no lookup:
 *
 *   SMALL    cls = size class; aux = count of the batch while the block is the head of a
 *            free batch (otherwise unused). Written once when the block is carved.
 *   BIG      its own page run from sys_mmap: cls = bytes from the run's start to the user
 *            pointer, aux = length of the run.
 *   ALIGNED  memalign inside a SMALL block: aux = bytes back to that block's user pointer.
 *
 * Small blocks (header included up to SMALL_MAX) come in size classes, 16-byte steps up to
 * 128 and then four classes per power of two. A free small block keeps its header; its
 * first word links it into a free list, the second links batches on a central stack.
 *
 * Each thread caches free blocks per class (`tcache`, thread-local, no lock); a cache takes
 * and gives back whole batches from the class's central stack (`central[c].lock`), which
 * carves new batches from slabs; slabs come from the arena (`arena_lock`), which maps
 * segments from the kernel. Locks nest only central -> arena. Memory of small blocks stays
 * with its class; big blocks go back to the kernel at free().
 */
#define MALLOC_HDR       16u
#define MALLOC_SMALL     0x5a4c4c53u /* "SLLZ" */
#define MALLOC_BIG       0x47494221u
#define MALLOC_ALIGNED   0x4e474c41u
#define MALLOC_SMALL_MAX (256u << 10)
#define MALLOC_NCLASSES  (7 + 11 * 4) /* 32..128 by 16, then 160..256 KiB */

struct malloc_hdr {
	uint32_t kind;
	uint32_t cls;
	uint64_t aux;
};

/* Size class for a block of `total` bytes (header included, 17..SMALL_MAX). */
static inline unsigned malloc_class(size_t total)
{
	if (total <= 128)
		return total <= 32 ? 0 : (unsigned)((total + 15) / 16 - 2);
	size_t s = total - 1;
	unsigned b = 63u - (unsigned)__builtin_clzl(s);
	return 7u + (b - 7u) * 4u + (unsigned)((s >> (b - 2)) & 3u);
}

/* Bytes of a block of class c, header included. */
static inline size_t malloc_class_size(unsigned c)
{
	if (c < 7)
		return 32u + 16u * c;
	unsigned b = 7u + (c - 7u) / 4u, m = (c - 7u) % 4u;
	return (size_t)(5u + m) << (b - 2u);
}

/* Called by libpthread when a thread ends: its cached blocks go back to the classes. */
void __hermit_malloc_thread_exit(void);

#endif
