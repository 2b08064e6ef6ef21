/* SPDX-License-Identifier: BSD-3-Clause */
/* Memory management: physical pages, the kernel heap and the application break (sbrk). */
#ifndef KERNEL_MM_H
#define KERNEL_MM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Addresses are virtual: RAM is mapped at a fixed offset from where it physically is
 * (boot_info.h; only paging.c deals with physical addresses). The page allocator owns
 * [free_start, ram_end) of the boot information, in 4 KiB pages, and hands out contiguous
 * runs from the top down; the application break grows from the bottom up through the same
 * bitmap, so that both use all of RAM and meet only when it is full.
 * All functions are thread-safe (one spinlock; per-CPU caches can come later).
 */
void mm_init(void);

/* Contiguous run of `count` pages, or NULL. Contents are not cleared. */
void *page_alloc(size_t count);
/* A run whose address is a multiple of `align` pages (align > 0). */
void *page_alloc_aligned(size_t count, size_t align);
/* The same, and *zero tells whether the run is known to be zero-filled (pages never used
 * since boot, on a loader that hands over zeroed RAM): the caller can skip clearing it. */
void *page_alloc_run(size_t count, size_t align, bool *zero);
void page_free(void *addr, size_t count);
size_t page_free_count(void);

/* Kernel heap for small objects (size classes up to 2 KiB, pages above); NULL if out. */
void *kmalloc(size_t size);
void *kzalloc(size_t size);
void kfree(void *p);

/* Application break: returns the old break or NULL (out of memory). */
void *mm_sbrk(intptr_t increment);

#endif
