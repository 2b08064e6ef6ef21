/* SPDX-License-Identifier: BSD-3-Clause */
/* Kernel heap: power-of-two size classes carved from pages, whole pages for large objects. */
#include <kernel/arch.h>
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <kernel/spinlock.h>

/*
 * Every object has a 16-byte header in front: its class (0..NCLASSES-1) or, for large
 * objects, the page count with LARGE set. Free small objects are kept in per-class lists.
 */
#define MIN_SHIFT 5 /* 32 bytes incl. header */
#define NCLASSES  7 /* up to 2048 */
#define LARGE     (1ULL << 63)

struct header {
	uint64_t tag;
	uint64_t magic;
};
#define HEAP_MAGIC 0x6865617068656170ULL

struct free_obj {
	struct free_obj *next;
};

static struct free_obj *free_list[NCLASSES];
static spinlock_t heap_lock = SPINLOCK_INIT; /* guards free_list */

static int size_class(size_t total)
{
	for (int c = 0; c < NCLASSES; c++)
		if (total <= (1UL << (MIN_SHIFT + c)))
			return c;
	return -1;
}

static bool refill(int c)
{
	size_t obj = 1UL << (MIN_SHIFT + c);
	uint8_t *page = page_alloc(1);
	if (!page)
		return false;
	for (size_t off = 0; off + obj <= PAGE_SIZE; off += obj) {
		struct free_obj *o = (struct free_obj *)(page + off);
		o->next = free_list[c];
		free_list[c] = o;
	}
	return true;
}

void *kmalloc(size_t size)
{
	if (size > (1UL << 40))
		return NULL;
	size_t total = size + sizeof(struct header);
	int c = size_class(total);
	struct header *h = NULL;

	if (c < 0) {
		size_t pages = ALIGN_UP(total, PAGE_SIZE) / PAGE_SIZE;
		h = page_alloc(pages);
		if (!h)
			return NULL;
		h->tag = LARGE | pages;
	} else {
		unsigned long flags = arch_irq_save();
		spin_lock(&heap_lock);
		if (free_list[c] || refill(c)) {
			h = (struct header *)free_list[c];
			free_list[c] = free_list[c]->next;
		}
		spin_unlock(&heap_lock);
		arch_irq_restore(flags);
		if (!h)
			return NULL;
		h->tag = c;
	}
	h->magic = HEAP_MAGIC;
	return h + 1;
}

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);
	if (p)
		kmemset(p, 0, size);
	return p;
}

void kfree(void *p)
{
	if (!p)
		return;
	struct header *h = (struct header *)p - 1;
	if (h->magic != HEAP_MAGIC)
		panic("kfree: %p was not allocated by kmalloc (or is freed twice)", p);
	h->magic = 0;
	if (h->tag & LARGE) {
		page_free(h, h->tag & ~LARGE);
		return;
	}
	if (h->tag >= NCLASSES)
		panic("kfree: corrupted header at %p", p);
	int c = (int)h->tag;
	unsigned long flags = arch_irq_save();
	spin_lock(&heap_lock);
	((struct free_obj *)h)->next = free_list[c];
	free_list[c] = (struct free_obj *)h;
	spin_unlock(&heap_lock);
	arch_irq_restore(flags);
}
