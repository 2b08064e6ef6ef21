/* SPDX-License-Identifier: BSD-3-Clause */
/* Task life cycle: creation with stack and TLS, placement, exit and join notification. */
#include <hermit/abi_uhyve.h>
#include <kernel/arch.h>
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <kernel/platform.h>
#include <kernel/sched.h>
#include <kernel/spinlock.h>

#define DEFAULT_STACK_SIZE (2UL << 20)
#define MAX_STACK_SIZE     (1UL << 34)

static uint64_t next_tid = 1;
static unsigned live_tasks; /* application tasks not yet exited */

void sched_add(struct task *t);
void sched_exit_current(void);
void sched_finish_new_task(void);
bool sched_cpu_online(unsigned cpu);

unsigned sched_nr_tasks(void)
{
	return __atomic_load_n(&live_tasks, __ATOMIC_RELAXED);
}

/*
 * Stacks have an unmapped guard page at their bottom. Freed stacks keep their guard and go
 * to a small cache, so that creating threads in a loop costs no page-table work.
 */
#define STACK_CACHE_MAX 32

struct cached_stack {
	struct cached_stack *next;
	size_t pages; /* including the guard page */
};

static spinlock_t stack_lock = SPINLOCK_INIT; /* guards stack_cache, stacks_cached */
static struct cached_stack *stack_cache;
static unsigned stacks_cached;

static void *stack_alloc(size_t pages)
{
	unsigned long flags = arch_irq_save();
	spin_lock(&stack_lock);
	for (struct cached_stack **pp = &stack_cache; *pp; pp = &(*pp)->next) {
		struct cached_stack *s = *pp;
		if (s->pages == pages) {
			*pp = s->next;
			stacks_cached--;
			spin_unlock(&stack_lock);
			arch_irq_restore(flags);
			return (uint8_t *)s - PAGE_SIZE;
		}
	}
	spin_unlock(&stack_lock);
	arch_irq_restore(flags);
	uint8_t *base = page_alloc(pages);
	if (base)
		arch_set_guard(base, true);
	return base;
}

static void stack_free(void *base, size_t pages)
{
	unsigned long flags = arch_irq_save();
	spin_lock(&stack_lock);
	if (stacks_cached < STACK_CACHE_MAX) {
		struct cached_stack *s = (struct cached_stack *)((uint8_t *)base + PAGE_SIZE);
		s->pages = pages;
		s->next = stack_cache;
		stack_cache = s;
		stacks_cached++;
		spin_unlock(&stack_lock);
		arch_irq_restore(flags);
		return;
	}
	spin_unlock(&stack_lock);
	arch_irq_restore(flags);
	arch_set_guard(base, false);
	page_free(base, pages);
}

void task_destroy(struct task *t)
{
	if (t->stack)
		stack_free(t->stack, t->stack_pages);
	kfree(t->tls_alloc);
	kfree(t);
}

/* First code of every new task (from task_trampoline). */
static void task_entry(void)
{
	sched_finish_new_task();
	struct task *t = sched_current();
	t->entry(t->arg);
	task_exit();
}

static int check_attr(const struct hermit_spawn_attr *a)
{
	if (a->stack_size > MAX_STACK_SIZE)
		return -HERMIT_EINVAL;
	if (a->prio && (a->prio < HERMIT_PRIO_MIN || a->prio > HERMIT_PRIO_MAX))
		return -HERMIT_EINVAL;
	if (a->cpu != HERMIT_CPU_ANY && (a->cpu < 0 || !sched_cpu_online(a->cpu)))
		return -HERMIT_EINVAL;
	return 0;
}

struct task *task_create(void (*fn)(void *), void *arg, const struct hermit_spawn_attr *attr,
                         int *err)
{
	struct hermit_spawn_attr a =
	    attr ? *attr : (struct hermit_spawn_attr){.cpu = HERMIT_CPU_ANY};

	*err = check_attr(&a);
	if (*err)
		return NULL;
	size_t size = ALIGN_UP(a.stack_size ? a.stack_size : DEFAULT_STACK_SIZE, PAGE_SIZE);
	struct task *t = kzalloc(sizeof(*t));
	if (!t)
		goto out_nomem;
	t->stack_pages = size / PAGE_SIZE + 1; /* + guard page */
	t->stack = stack_alloc(t->stack_pages);
	if (!t->stack)
		goto out_free_task;
	t->tcb = tls_create(&t->tls_alloc);
	if (!t->tcb)
		goto out_free_stack;

	t->tid = __atomic_fetch_add(&next_tid, 1, __ATOMIC_RELAXED);
	t->tcb->tid = t->tid;
	t->tcb->libc_thread = a.libc_thread;
	t->prio = a.prio ? a.prio : HERMIT_PRIO_NORMAL;
	t->pinned = a.cpu;
	t->migrate_to = -1;
	t->entry = fn;
	t->arg = arg;
	t->exit_futex = a.exit_futex;
	t->rsp = arch_init_stack((uintptr_t)t->stack + t->stack_pages * PAGE_SIZE, task_entry);
	__atomic_fetch_add(&live_tasks, 1, __ATOMIC_RELAXED);
	sched_add(t);
	return t;

out_free_stack:
	stack_free(t->stack, t->stack_pages);
out_free_task:
	kfree(t);
out_nomem:
	*err = -HERMIT_EAGAIN;
	return NULL;
}

void task_create_main(void (*fn)(void *), void *arg, size_t stack_size)
{
	struct hermit_spawn_attr a = {.stack_size = stack_size, .cpu = 0};
	int err;
	if (!task_create(fn, arg, &a, &err))
		panic("cannot create the main thread (%d)", err);
}

void task_exit(void)
{
	struct task *t = sched_current();

	if (t->exit_futex) {
		__atomic_store_n(t->exit_futex, 0, __ATOMIC_RELEASE);
		futex_wake(t->exit_futex, 0x7fffffff);
	}
	if (__atomic_sub_fetch(&live_tasks, 1, __ATOMIC_ACQ_REL) == 0) {
		kprintf("exit: the last thread has ended\n");
		platform->exit(0);
	}
	sched_exit_current();
	__builtin_unreachable();
}
