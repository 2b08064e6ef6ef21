/* SPDX-License-Identifier: BSD-3-Clause */
/* Anonymous memory mappings (mmap, munmap, mprotect, madvise) on the page allocator. */
#include <hermit/abi_uhyve.h>
#include <hermit/syscall.h>
#include <kernel/arch.h>
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <kernel/spinlock.h>

/*
 * A mapping is a run of pages from page_alloc, zero-filled. RAM is mapped writable once and
 * for all, so protections are all-or-nothing: PROT_NONE pages are left out of the page
 * tables (arch_set_guard) and fault; any other protection is read, write and execute.
 * `regions` lists the mapped runs, each with one protection; munmap and mprotect split
 * them. `lock` guards regions and nregions; it is never held across page_alloc or zeroing.
 */
#define MAX_REGIONS 4096 /* every live big malloc block takes one (libc/malloc) */

struct region {
	uintptr_t start;
	size_t pages;
	bool none; /* PROT_NONE: out of the page tables */
};

static struct region regions[MAX_REGIONS];
static size_t nregions;
static spinlock_t lock = SPINLOCK_INIT;

static unsigned long lock_regions(void)
{
	unsigned long flags = arch_irq_save();
	spin_lock(&lock);
	return flags;
}

static void unlock_regions(unsigned long flags)
{
	spin_unlock(&lock);
	arch_irq_restore(flags);
}

static uintptr_t region_end(const struct region *r)
{
	return r->start + r->pages * PAGE_SIZE;
}

/* Index of the region holding addr, or -1. Caller holds the lock. */
static long find(uintptr_t addr)
{
	for (size_t i = 0; i < nregions; i++)
		if (addr >= regions[i].start && addr < region_end(&regions[i]))
			return (long)i;
	return -1;
}

/* Is [a, a + len) covered by mappings without holes? Caller holds the lock. */
static bool covered(uintptr_t a, size_t len)
{
	uintptr_t end = a + len;
	while (a < end) {
		long i = find(a);
		if (i < 0)
			return false;
		a = region_end(&regions[i]);
	}
	return true;
}

/* Splits the region holding addr so that one starts at addr; false if the table is full. */
static bool split_at(uintptr_t addr)
{
	long i = find(addr);
	if (i < 0 || regions[i].start == addr)
		return true;
	if (nregions == MAX_REGIONS)
		return false;
	struct region *r = &regions[i];
	size_t head = (addr - r->start) / PAGE_SIZE;
	regions[nregions++] = (struct region){addr, r->pages - head, r->none};
	r->pages = head;
	return true;
}

static void set_none(uintptr_t a, size_t pages, bool none)
{
	for (size_t p = 0; p < pages; p++)
		arch_set_guard((void *)(a + p * PAGE_SIZE), none);
}

static int64_t check_range(uintptr_t a, size_t len)
{
	if (a % PAGE_SIZE || len == 0 || a + len < a)
		return -HERMIT_EINVAL;
	return 0;
}

int64_t sys_mmap(void *addr, size_t len, int prot, int flags)
{
	size_t pages = ALIGN_UP(len, PAGE_SIZE) / PAGE_SIZE;
	uintptr_t a = (uintptr_t)addr;
	unsigned long irq;
	bool zero;
	void *p;

	if (len == 0 || len > (size_t)1 << 46 || (prot & ~HERMIT_PROT_ALL))
		return -HERMIT_EINVAL;
	if (flags & HERMIT_MAP_FIXED) {
		/* Only inside the application's own mappings: RAM elsewhere belongs to someone. */
		if (a % PAGE_SIZE)
			return -HERMIT_EINVAL;
		irq = lock_regions();
		bool ok = covered(a, pages * PAGE_SIZE);
		unlock_regions(irq);
		if (!ok)
			return -HERMIT_ENOMEM;
		int64_t ret = sys_mprotect(addr, pages * PAGE_SIZE, HERMIT_PROT_ALL);
		if (ret)
			return ret;
		kmemset(addr, 0, pages * PAGE_SIZE);
		if (!prot && (ret = sys_mprotect(addr, pages * PAGE_SIZE, 0)))
			return ret;
		return (int64_t)a;
	}
	p = page_alloc_run(pages, flags & HERMIT_MAP_ALIGN_2M ? (2UL << 20) / PAGE_SIZE : 1, &zero);
	if (!p)
		return -HERMIT_ENOMEM;
	if (!zero) /* pages never used since boot are still zero, and stay untouched */
		kmemset(p, 0, pages * PAGE_SIZE);
	irq = lock_regions();
	if (nregions == MAX_REGIONS) {
		unlock_regions(irq);
		page_free(p, pages);
		return -HERMIT_ENOMEM;
	}
	regions[nregions++] = (struct region){(uintptr_t)p, pages, false};
	unlock_regions(irq);
	if (!prot)
		sys_mprotect(p, pages * PAGE_SIZE, 0);
	return (int64_t)(uintptr_t)p;
}

/* Unmaps what is mapped in [addr, addr + len); like Linux, holes are no error. */
int sys_munmap(void *addr, size_t len)
{
	uintptr_t a = (uintptr_t)addr, end;
	int64_t ret = check_range(a, len);

	if (ret)
		return (int)ret;
	end = a + ALIGN_UP(len, PAGE_SIZE);
	for (;;) {
		unsigned long irq = lock_regions();
		struct region r = {0};
		bool found = false;

		if (!split_at(a) || !split_at(end)) {
			unlock_regions(irq);
			return -HERMIT_ENOMEM;
		}
		for (size_t i = 0; i < nregions; i++) {
			if (regions[i].start >= a && regions[i].start < end) {
				r = regions[i];
				regions[i] = regions[--nregions];
				found = true;
				break;
			}
		}
		unlock_regions(irq);
		if (!found)
			return 0;
		if (r.none)
			set_none(r.start, r.pages, false);
		page_free((void *)r.start, r.pages);
	}
}

int sys_mprotect(void *addr, size_t len, int prot)
{
	uintptr_t a = (uintptr_t)addr, end;
	int64_t ret = check_range(a, len);
	bool none = prot == 0;

	if (ret)
		return (int)ret;
	if (prot & ~HERMIT_PROT_ALL)
		return -HERMIT_EINVAL;
	end = a + ALIGN_UP(len, PAGE_SIZE);
	unsigned long irq = lock_regions();
	if (!covered(a, end - a)) {
		unlock_regions(irq);
		return -HERMIT_ENOMEM;
	}
	if (!split_at(a) || !split_at(end)) {
		unlock_regions(irq);
		return -HERMIT_ENOMEM;
	}
	for (size_t i = 0; i < nregions; i++) {
		struct region *r = &regions[i];
		if (r->start >= a && r->start < end && r->none != none) {
			r->none = none;
			set_none(r->start, r->pages, none);
		}
	}
	unlock_regions(irq);
	return 0;
}

int sys_madvise(void *addr, size_t len, int advice)
{
	uintptr_t a = (uintptr_t)addr;
	int64_t ret = check_range(a, len);

	if (ret)
		return (int)ret;
	unsigned long irq = lock_regions();
	bool ok = covered(a, ALIGN_UP(len, PAGE_SIZE));
	unlock_regions(irq);
	if (!ok)
		return -HERMIT_ENOMEM;
	if (advice == HERMIT_MADV_DONTNEED) /* private anonymous memory reads as zero again */
		kmemset(addr, 0, ALIGN_UP(len, PAGE_SIZE));
	return 0;
}
