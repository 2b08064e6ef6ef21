/* SPDX-License-Identifier: BSD-3-Clause */
/* Physical page allocator: one bitmap over free RAM; runs from the top, the break from below. */
#include <kernel/arch.h>
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <kernel/spinlock.h>

/*
 * Bit i of `bitmap` is set when page (base + i * PAGE_SIZE) is in use. The bitmap itself
 * lives in the first pages of free RAM; nothing else is touched at boot, so boot time does
 * not grow with RAM. `lock` guards bitmap, free_pages and the break.
 */
static spinlock_t lock = SPINLOCK_INIT;
static uint64_t *bitmap;
static uintptr_t base;
static size_t npages, free_pages;
static size_t top_hint; /* no free page at or above this index (allocations go downwards) */
static uintptr_t brk_start, brk_cur;
/* Pages [clean_lo, clean_hi) have never been handed out since boot; when the loader says
 * RAM starts zero-filled (HERMIT_BOOT_RAM_ZERO), they still hold zeros. Empty otherwise. */
static size_t clean_lo, clean_hi;

static bool page_used(size_t i)
{
	return bitmap[i / 64] & (1ULL << (i % 64));
}

static void mark(size_t first, size_t count, bool used)
{
	for (size_t i = first; i < first + count; i++) {
		if (used)
			bitmap[i / 64] |= 1ULL << (i % 64);
		else
			bitmap[i / 64] &= ~(1ULL << (i % 64));
	}
	free_pages = used ? free_pages - count : free_pages + count;
}

void mm_init(void)
{
	uintptr_t start = ALIGN_UP(boot_info->free_start, PAGE_SIZE);
	uintptr_t end = ALIGN_DOWN(boot_info->ram_start + boot_info->ram_size, PAGE_SIZE);

	if (end <= start + 64 * PAGE_SIZE)
		panic("not enough RAM: free memory %#lx-%#lx", start, end);
	base = start;
	npages = (end - start) / PAGE_SIZE;
	size_t map_bytes = ALIGN_UP(ALIGN_UP(npages, 64) / 8, PAGE_SIZE);
	bitmap = (uint64_t *)base;
	kmemset(bitmap, 0, map_bytes);
	free_pages = npages;
	top_hint = npages;
	mark(0, map_bytes / PAGE_SIZE, true);
	if (boot_info->flags & HERMIT_BOOT_RAM_ZERO) {
		clean_lo = map_bytes / PAGE_SIZE;
		clean_hi = npages;
	}
	brk_start = brk_cur = base + map_bytes;
	kprintf("mm: %zu MiB free RAM at %#lx, %zu pages\n", (npages * PAGE_SIZE) >> 20, base,
	        npages);
}

/* Highest run of `count` free pages below top_hint whose address is a multiple of `align`
 * pages, or (size_t)-1. */
static size_t find_run(size_t count, size_t align)
{
	size_t base_page = base / PAGE_SIZE;
	size_t run = 0;
	for (size_t i = top_hint; i-- > 0;) {
		if (i % 64 == 63 && bitmap[i / 64] == ~0ULL) {
			run = 0;
			i -= 63; /* skip a full word */
			continue;
		}
		if (page_used(i)) {
			run = 0;
			continue;
		}
		if (++run >= count && (base_page + i) % align == 0)
			return i;
	}
	return (size_t)-1;
}

/*
 * Takes pages [first, first + count) out of the clean band; true if all of them were in it
 * (still zero). The band keeps the larger of the parts left below and above the run.
 */
static bool take_clean(size_t first, size_t count)
{
	size_t end = first + count;

	if (end <= clean_lo || first >= clean_hi)
		return false;
	bool clean = first >= clean_lo && end <= clean_hi;
	size_t below = first > clean_lo ? first - clean_lo : 0;
	size_t above = clean_hi > end ? clean_hi - end : 0;
	if (below >= above)
		clean_hi = clean_lo + below;
	else
		clean_lo = end;
	return clean;
}

/*
 * Single pages (heap refills, page tables, small stacks) come from a per-CPU cache, refilled
 * and drained in batches, so that CPUs allocating in parallel rarely meet at the lock.
 * A cache is only touched by its own CPU with interrupts masked.
 */
#define PCP_MAX   64
#define PCP_BATCH 16

static struct page_cache {
	uintptr_t page[PCP_MAX];
	unsigned n;
} __attribute__((aligned(64))) pcp[HERMIT_MAX_CPUS];

static void *page_alloc_locked(size_t count, size_t align, bool *zero)
{
	size_t first = count <= free_pages ? find_run(count, align) : (size_t)-1;
	if (first == (size_t)-1)
		return NULL;
	mark(first, count, true);
	if (first + count == top_hint)
		top_hint = first;
	*zero = take_clean(first, count);
	return (void *)(base + first * PAGE_SIZE);
}

static void *page_alloc_cached(void)
{
	unsigned long flags = arch_irq_save();
	struct page_cache *c = &pcp[arch_cpu_id()];
	if (!c->n) {
		spin_lock(&lock);
		while (c->n < PCP_BATCH) {
			bool zero;
			void *p = page_alloc_locked(1, 1, &zero);
			if (!p)
				break;
			c->page[c->n++] = (uintptr_t)p;
		}
		spin_unlock(&lock);
	}
	void *p = c->n ? (void *)c->page[--c->n] : NULL;
	arch_irq_restore(flags);
	return p;
}

static void page_free_range_locked(size_t first, size_t count)
{
	for (size_t i = first; i < first + count; i++)
		if (!page_used(i))
			panic("page_free: page %#lx is not allocated", base + i * PAGE_SIZE);
	mark(first, count, false);
	if (first + count > top_hint)
		top_hint = first + count;
}

void *page_alloc(size_t count)
{
	if (count == 1)
		return page_alloc_cached();
	return page_alloc_aligned(count, 1);
}

void *page_alloc_aligned(size_t count, size_t align)
{
	bool zero;
	return page_alloc_run(count, align, &zero);
}

void *page_alloc_run(size_t count, size_t align, bool *zero)
{
	*zero = false;
	if (count == 0 || align == 0)
		return NULL;
	unsigned long flags = arch_irq_save();
	spin_lock(&lock);
	void *p = page_alloc_locked(count, align, zero);
	spin_unlock(&lock);
	arch_irq_restore(flags);
	return p;
}

void page_free(void *addr, size_t count)
{
	uintptr_t a = (uintptr_t)addr;
	if (a < base || a % PAGE_SIZE || (a - base) / PAGE_SIZE + count > npages)
		panic("page_free: bad range %p + %zu pages", addr, count);
	size_t first = (a - base) / PAGE_SIZE;
	unsigned long flags = arch_irq_save();
	struct page_cache *c = &pcp[arch_cpu_id()];
	if (count == 1 && c->n < PCP_MAX) {
		c->page[c->n++] = a;
		arch_irq_restore(flags);
		return;
	}
	spin_lock(&lock);
	page_free_range_locked(first, count);
	if (count == 1) { /* cache full: return a batch along with this page */
		while (c->n > PCP_MAX - PCP_BATCH)
			page_free_range_locked((c->page[--c->n] - base) / PAGE_SIZE, 1);
	}
	spin_unlock(&lock);
	arch_irq_restore(flags);
}

/* Free pages, including those in the per-CPU caches. */
size_t page_free_count(void)
{
	size_t n = READ_ONCE(free_pages);
	for (unsigned c = 0; c < HERMIT_MAX_CPUS; c++)
		n += READ_ONCE(pcp[c].n);
	return n;
}

/* Pages [from, to) of the break must all be free to grow into them. */
static bool range_free(size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (page_used(i))
			return false;
	return true;
}

void *mm_sbrk(intptr_t increment)
{
	void *old = NULL;
	unsigned long flags = arch_irq_save();
	spin_lock(&lock);
	uintptr_t cur_end = ALIGN_UP(brk_cur, PAGE_SIZE);
	uintptr_t next = brk_cur + increment;
	if (increment < 0 && (uintptr_t)-increment > brk_cur - brk_start)
		goto out;
	if (increment > 0 && (next < brk_cur || next > base + npages * PAGE_SIZE))
		goto out;
	uintptr_t next_end = ALIGN_UP(next, PAGE_SIZE);
	size_t cur_page = (cur_end - base) / PAGE_SIZE, next_page = (next_end - base) / PAGE_SIZE;
	if (next_end > cur_end) {
		if (!range_free(cur_page, next_page))
			goto out;
		mark(cur_page, next_page - cur_page, true);
		take_clean(cur_page, next_page - cur_page); /* the program writes what it likes */
	} else if (next_end < cur_end) {
		mark(next_page, cur_page - next_page, false);
		if (cur_page > top_hint)
			top_hint = cur_page;
	}
	old = (void *)brk_cur;
	brk_cur = next;
out:
	spin_unlock(&lock);
	arch_irq_restore(flags);
	return old;
}
