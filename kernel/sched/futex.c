/* SPDX-License-Identifier: BSD-3-Clause */
/* Futexes: wait queues keyed by address, the one blocking primitive the C library needs. */
#include <hermit/abi_uhyve.h>
#include <kernel/arch.h>
#include <kernel/kernel.h>
#include <kernel/sched.h>
#include <kernel/spinlock.h>
#include <kernel/time.h>

/* A waiter lives on the stack of its blocked task. Lock order: bucket, then run queue. */
struct waiter {
	struct task *task;
	volatile int32_t *addr;
	struct waiter *next;
	bool woken;
};

struct bucket {
	spinlock_t lock; /* guards head and the `woken` flags of its waiters */
	struct waiter *head;
} __attribute__((aligned(64)));

#define NBUCKETS 256
static struct bucket buckets[NBUCKETS];

static struct bucket *bucket_of(volatile int32_t *addr)
{
	uint64_t h = ((uintptr_t)addr >> 2) * 0x9e3779b97f4a7c15ULL;
	return &buckets[h >> 56];
}

static void unlink_waiter(struct bucket *b, struct waiter *w)
{
	for (struct waiter **pp = &b->head; *pp; pp = &(*pp)->next) {
		if (*pp == w) {
			*pp = w->next;
			return;
		}
	}
}

int futex_wait(volatile int32_t *addr, int32_t expected, uint64_t deadline_ns)
{
	if (!addr || (uintptr_t)addr % 4)
		return -HERMIT_EINVAL;
	uint64_t deadline_tsc = 0;
	if (deadline_ns) {
		uint64_t now = time_monotonic_ns();
		if (deadline_ns <= now)
			return *addr != expected ? -HERMIT_EAGAIN : -HERMIT_ETIMEDOUT;
		deadline_tsc = rdtsc() + time_ns_to_tsc(deadline_ns - now);
	}

	struct bucket *b = bucket_of(addr);
	struct waiter w = {.task = sched_current(), .addr = addr};
	unsigned long flags = arch_irq_save();
	spin_lock(&b->lock);
	if (__atomic_load_n(addr, __ATOMIC_SEQ_CST) != expected) {
		spin_unlock(&b->lock);
		arch_irq_restore(flags);
		return -HERMIT_EAGAIN;
	}
	w.next = b->head;
	b->head = &w;
	sched_prepare_block();
	spin_unlock(&b->lock);

	int ret = 0;
	if (!sched_block(deadline_tsc)) {
		spin_lock(&b->lock);
		if (!w.woken) {
			unlink_waiter(b, &w);
			ret = -HERMIT_ETIMEDOUT;
		}
		spin_unlock(&b->lock);
	}
	arch_irq_restore(flags);
	return ret;
}

int futex_wake(volatile int32_t *addr, int count)
{
	if (!addr || (uintptr_t)addr % 4)
		return -HERMIT_EINVAL;
	struct bucket *b = bucket_of(addr);
	int woken = 0;

	unsigned long flags = arch_irq_save();
	spin_lock(&b->lock);
	for (struct waiter **pp = &b->head; *pp && woken < count;) {
		struct waiter *w = *pp;
		if (w->addr != addr) {
			pp = &w->next;
			continue;
		}
		*pp = w->next;
		struct task *t = w->task;
		w->woken = true; /* w may vanish once its task runs: no access after wakeup */
		sched_wakeup(t);
		woken++;
	}
	spin_unlock(&b->lock);
	arch_irq_restore(flags);
	return woken;
}
