/* SPDX-License-Identifier: BSD-3-Clause */
/* Threads and the per-CPU scheduler: contracts between tasks, run queues and wait queues. */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include <stdbool.h>
#include <stdint.h>
#include <hermit/syscall.h>

/*
 * Each CPU has its own run queue (one list per priority) and never runs another CPU's
 * tasks. A task is placed on a CPU when it is created (or pinned) and stays there.
 * A task switches only inside schedule(), with interrupts masked: when it blocks, yields,
 * sleeps or exits. Wake-ups from other CPUs enqueue under the target's run-queue lock and
 * kick the target only if it is idle (software flag + IPI), so idle CPUs halt.
 *
 * Blocking protocol (no lost wake-ups): the waiter sets its state to TASK_BLOCKED while
 * holding the lock of the wait queue it joins, drops that lock and calls sched_block().
 * A waker that finds the task BLOCKED makes it READY; sched_block() returns at once if
 * that happened before the task switched away.
 */
enum task_state { TASK_READY, TASK_RUNNING, TASK_BLOCKED, TASK_DEAD };

#define SCHED_NPRIO (HERMIT_PRIO_MAX + 1)

struct task {
	uint64_t tid;
	volatile int state; /* enum task_state; changed under the run-queue lock of `cpu` */
	int prio;
	unsigned cpu;   /* the CPU whose run queue owns the task */
	int pinned;     /* HERMIT_CPU_ANY or the CPU the task must run on */
	int migrate_to; /* -1, or a CPU to move to at the next switch */
	bool timed_out; /* the last sched_block() ended by its deadline */
	uintptr_t rsp;  /* saved stack pointer while switched out */
	void *stack;    /* base of the stack allocation (pages), NULL for boot stacks */
	size_t stack_pages;
	void *tls_alloc; /* kmalloc'ed TLS block + TCB */
	struct hermit_tcb *tcb;
	void (*entry)(void *);
	void *arg;
	volatile int32_t *exit_futex;
	uint64_t deadline;       /* TSC deadline while sleeping on the timer list, else 0 */
	uint64_t run_tsc;        /* TSC ticks spent running, up to the last switch */
	uint64_t last_in;        /* TSC when it was last switched in */
	struct task *next;       /* run queue link */
	struct task *timer_next; /* timer list link */
};

void sched_init(void);
/* Turns the calling boot context of this CPU into its idle task and schedules forever. */
__attribute__((noreturn)) void sched_start_cpu(void);

struct task *sched_current(void);
/* Creates a READY task; returns it or NULL (errno value in *err). */
struct task *task_create(void (*fn)(void *), void *arg, const struct hermit_spawn_attr *attr,
                         int *err);
/* Creates the main thread (tid 1) of the application on CPU 0. */
void task_create_main(void (*fn)(void *), void *arg, size_t stack_size);
__attribute__((noreturn)) void task_exit(void);
/* Frees a dead task (its stack is kept in a cache for the next thread). */
void task_destroy(struct task *t);

/* Blocks the current task (already marked TASK_BLOCKED) until woken or, if deadline_tsc is
 * not 0, until the TSC passes it. Returns true if woken, false on timeout. */
bool sched_block(uint64_t deadline_tsc);
/* Makes a BLOCKED task READY; returns false if it was not blocked. */
bool sched_wakeup(struct task *t);
void sched_yield(void);
int sched_set_affinity(int cpu);
unsigned sched_nr_tasks(void);

/* Marks the current task BLOCKED; for use under a wait-queue lock. */
void sched_prepare_block(void);

/* CPU time in TSC ticks: of the calling thread, and of all threads together. */
uint64_t sched_thread_cputime(void);
uint64_t sched_process_cputime(void);

/* Preemption (see preempt.asm): decisions in interrupt context, the switch at thread level. */
/* timer: a timer interrupt (else an IPI); can_preempt: the interrupted code is a thread
 * that may be preempted. Returns the deadline to arm (0: none). */
uint64_t sched_irq(bool timer, bool can_preempt, bool *preempt);
void sched_preempt(void);
void sched_resched(void);
/* Interrupt context: is this CPU running its idle thread; make its idle loop look again. */
bool sched_idle_here(void);
void sched_poke_idle(void);

int futex_wait(volatile int32_t *addr, int32_t expected, uint64_t deadline_ns);
int futex_wake(volatile int32_t *addr, int count);

/* Thread-local storage of the image (from the linker script). */
struct hermit_tcb *tls_create(void **alloc);

#endif
