/* SPDX-License-Identifier: BSD-3-Clause */
/* Per-CPU run queues with priorities, blocking with deadlines, idle halting, wake-up IPIs. */
#include <kernel/arch.h>
#include <kernel/kernel.h>
#include <kernel/net.h>
#include <kernel/mm.h>
#include <kernel/sched.h>
#include <kernel/spinlock.h>
#include <kernel/time.h>

struct runqueue {
	spinlock_t lock; /* guards everything below but the two flags */
	struct task *head[SCHED_NPRIO], *tail[SCHED_NPRIO];
	uint32_t ready_mask; /* bit p: head[p] is not empty */
	unsigned nr_ready;
	struct task *current;
	struct task *idle;
	struct task *prev;   /* switched away from; finished by whoever runs next */
	struct task *timers; /* blocked tasks with a deadline, earliest first */
	/* Lock-free halt handshake: the idle CPU sets idle_flag then checks wake_pending; a
	 * waker sets wake_pending then checks idle_flag (both with full fences). */
	volatile int idle_flag;
	volatile int wake_pending;
	volatile unsigned nr_tasks; /* tasks placed here (for placement of new ones) */
	/* Time slices: only while other tasks wait, the current one runs until slice_end
	 * (0: no slice running). armed: the TSC deadline this CPU's timer is set to (0: none);
	 * both are written by this CPU only, with interrupts masked. */
	volatile uint64_t slice_end;
	volatile uint64_t armed;
	volatile uint64_t busy_tsc; /* time spent running tasks, up to the last switch */
	volatile bool online;
} __attribute__((aligned(64)));

static struct runqueue rqs[HERMIT_MAX_CPUS];

#define SLICE_NS 10000000 /* 10 ms, the time a thread runs while others wait for its CPU */
/* SLICE_NS in TSC ticks (no division in interrupt context); 0: no preemption at all. */
static uint64_t slice_tsc;
static struct task idle_tasks[HERMIT_MAX_CPUS];

static struct runqueue *this_rq(void)
{
	return &rqs[arch_cpu_id()];
}

struct task *sched_current(void)
{
	return this_rq()->current;
}

static void enqueue(struct runqueue *rq, struct task *t)
{
	t->next = NULL;
	if (rq->tail[t->prio])
		rq->tail[t->prio]->next = t;
	else
		rq->head[t->prio] = t;
	rq->tail[t->prio] = t;
	rq->ready_mask |= 1u << t->prio;
	rq->nr_ready++;
}

/* Woken threads go first among their priority: they ran little and wait for little. */
static void enqueue_woken(struct runqueue *rq, struct task *t)
{
	t->next = rq->head[t->prio];
	rq->head[t->prio] = t;
	if (!rq->tail[t->prio])
		rq->tail[t->prio] = t;
	rq->ready_mask |= 1u << t->prio;
	rq->nr_ready++;
}

static struct task *dequeue_next(struct runqueue *rq)
{
	if (!rq->ready_mask)
		return NULL;
	int p = 31 - __builtin_clz(rq->ready_mask);
	struct task *t = rq->head[p];
	rq->head[p] = t->next;
	if (!rq->head[p]) {
		rq->tail[p] = NULL;
		rq->ready_mask &= ~(1u << p);
	}
	rq->nr_ready--;
	t->next = NULL;
	return t;
}

static void timer_insert(struct runqueue *rq, struct task *t, uint64_t deadline)
{
	struct task **pp = &rq->timers;
	while (*pp && (*pp)->deadline <= deadline)
		pp = &(*pp)->timer_next;
	t->deadline = deadline;
	t->timer_next = *pp;
	*pp = t;
}

static void timer_remove(struct runqueue *rq, struct task *t)
{
	for (struct task **pp = &rq->timers; *pp; pp = &(*pp)->timer_next) {
		if (*pp == t) {
			*pp = t->timer_next;
			break;
		}
	}
	t->deadline = 0;
	t->timer_next = NULL;
}

/* Makes tasks whose deadline has passed READY, as timed out. */
static void expire_timers(struct runqueue *rq)
{
	uint64_t now = rdtsc();
	while (rq->timers && rq->timers->deadline <= now) {
		struct task *t = rq->timers;
		rq->timers = t->timer_next;
		t->deadline = 0;
		t->timer_next = NULL;
		if (t->state == TASK_BLOCKED) {
			t->state = TASK_READY;
			t->timed_out = true;
			if (t != rq->current)
				enqueue_woken(rq, t);
		}
	}
}

static void arm_timer(struct runqueue *rq);

/*
 * Tells CPU `cpu` that its run queue changed: an IPI if it is halted, or if it runs a thread
 * without a time slice (the IPI starts one, or preempts for a higher priority). On this CPU,
 * the timer is armed directly. Interrupts are masked.
 */
static void kick(unsigned cpu)
{
	struct runqueue *rq = &rqs[cpu];
	rq->wake_pending = 1;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (cpu == arch_cpu_id()) {
		if (rq->current != rq->idle)
			arm_timer(rq);
		return;
	}
	/* An idle CPU that still polls (idle_flag clear) sees the queue by itself. */
	if (rq->idle_flag || (slice_tsc && READ_ONCE(rq->current) != rq->idle && !rq->slice_end))
		arch_send_wakeup(cpu);
}

/* Runs on the task switched to, right after the switch: finishes the previous task. */
static void finish_switch(void)
{
	struct runqueue *rq = this_rq();
	struct task *p = rq->prev;

	rq->prev = NULL;
	if (!p)
		return;
	if (p->state == TASK_DEAD) {
		task_destroy(p);
	} else if (p->migrate_to >= 0) {
		unsigned dst = p->migrate_to;
		struct runqueue *drq = &rqs[dst];
		p->migrate_to = -1;
		spin_lock(&drq->lock);
		p->cpu = dst;
		enqueue(drq, p);
		spin_unlock(&drq->lock);
		kick(dst);
	}
	arm_timer(rq);
}

/* The deadline this CPU's timer should have now: the end of the running slice when others
 * wait (starting the slice if needed), or the first sleeper's. 0: none. Lock held. */
static uint64_t wanted_deadline(struct runqueue *rq, uint64_t now)
{
	uint64_t want = 0;
	if (slice_tsc && rq->current != rq->idle && rq->nr_ready) {
		if (!rq->slice_end)
			rq->slice_end = now + slice_tsc;
		want = rq->slice_end;
	}
	if (rq->timers && (!want || rq->timers->deadline < want))
		want = rq->timers->deadline;
	return want;
}

/* Whether the timer must be (re)armed for `want`: not if an earlier, still pending deadline
 * is already armed (it will fire first and re-evaluate). */
static bool need_arming(struct runqueue *rq, uint64_t want, uint64_t now)
{
	return want && !(rq->armed > now && rq->armed <= want);
}

/* Thread level, interrupts masked, rq->lock not held. The idle loop arms its own. */
static void arm_timer(struct runqueue *rq)
{
	/* Nothing to time (the common case of a switch): skip the lock. Sleepers are added by
	 * this CPU only; a task queued meanwhile by another CPU comes with a kick. */
	if (rq->current == rq->idle || (!READ_ONCE(rq->nr_ready) && !READ_ONCE(rq->timers)))
		return;
	uint64_t now = rdtsc();
	spin_lock(&rq->lock);
	uint64_t want = wanted_deadline(rq, now);
	bool arm = need_arming(rq, want, now);
	if (arm)
		rq->armed = want;
	spin_unlock(&rq->lock);
	if (arm)
		arch_arm_timer(want);
}

/*
 * Switches to the best READY task (or the idle task). Called with rq->lock held and
 * interrupts masked; returns, lock released, when the caller runs again.
 */
static void schedule_locked(struct runqueue *rq)
{
	struct task *prev = rq->current;
	struct task *next = dequeue_next(rq);

	if (!next) {
		if (prev == rq->idle || prev->state == TASK_RUNNING) {
			spin_unlock(&rq->lock);
			return;
		}
		next = rq->idle;
	}
	if (next == prev) {
		prev->state = TASK_RUNNING;
		spin_unlock(&rq->lock);
		return;
	}
	if (prev->state == TASK_RUNNING)
		prev->state = TASK_READY; /* preempted by a higher priority: caller enqueued */
	if (next != rq->idle)
		next->state = TASK_RUNNING;
	uint64_t now = rdtsc();
	if (prev != rq->idle) {
		prev->run_tsc += now - prev->last_in;
		rq->busy_tsc += now - prev->last_in;
	}
	next->last_in = now;
	rq->slice_end = 0;
	rq->current = next;
	rq->prev = prev;
	spin_unlock(&rq->lock);
	if (next->tcb) {
		next->tcb->cpu = next->cpu;
		arch_set_tcb(next->tcb);
	}
	arch_switch(&prev->rsp, next->rsp);
	finish_switch();
}

void sched_prepare_block(void)
{
	struct runqueue *rq = this_rq();
	spin_lock(&rq->lock);
	rq->current->state = TASK_BLOCKED;
	spin_unlock(&rq->lock);
}

bool sched_block(uint64_t deadline)
{
	unsigned long flags = arch_irq_save();
	struct runqueue *rq = this_rq();
	struct task *t = rq->current;

	spin_lock(&rq->lock);
	t->timed_out = false;
	if (t->state != TASK_BLOCKED) { /* woken before it could switch away */
		t->state = TASK_RUNNING;
		spin_unlock(&rq->lock);
		arch_irq_restore(flags);
		return true;
	}
	if (deadline)
		timer_insert(rq, t, deadline);
	schedule_locked(rq);
	arch_irq_restore(flags);
	return !t->timed_out;
}

bool sched_wakeup(struct task *t)
{
	unsigned long flags = arch_irq_save();
	unsigned cpu = t->cpu; /* stable: a blocked task does not migrate */
	struct runqueue *rq = &rqs[cpu];

	spin_lock(&rq->lock);
	bool was_blocked = t->state == TASK_BLOCKED;
	if (was_blocked) {
		t->state = TASK_READY;
		if (t->deadline)
			timer_remove(rq, t);
		if (rq->current != t)
			enqueue_woken(rq, t);
	}
	spin_unlock(&rq->lock);
	if (was_blocked)
		kick(cpu);
	arch_irq_restore(flags);
	return was_blocked;
}

/*
 * Gives the CPU to the first waiting task of the same or a higher priority (a sleeper whose
 * time has come counts). Interrupts masked; returns false, rq->lock released, if nobody
 * waits, else true once the caller runs again.
 */
static bool yield_masked(struct runqueue *rq)
{
	struct task *t = rq->current;

	spin_lock(&rq->lock);
	expire_timers(rq);
	if (t == rq->idle || !rq->ready_mask || 31 - __builtin_clz(rq->ready_mask) < t->prio) {
		spin_unlock(&rq->lock);
		return false;
	}
	t->state = TASK_READY;
	enqueue(rq, t);
	schedule_locked(rq);
	return true;
}

void sched_yield(void)
{
	unsigned long flags = arch_irq_save();
	yield_masked(this_rq());
	arch_irq_restore(flags);
}

/* Least loaded online CPU (lowest index on ties). */
static unsigned pick_cpu(void)
{
	unsigned best = 0, best_load = ~0u;
	for (unsigned c = 0; c < boot_info->cpu_count; c++) {
		if (!rqs[c].online)
			continue;
		if (rqs[c].nr_tasks < best_load) {
			best = c;
			best_load = rqs[c].nr_tasks;
		}
	}
	return best;
}

bool sched_cpu_online(unsigned cpu)
{
	return cpu < HERMIT_MAX_CPUS && rqs[cpu].online;
}

/* Puts a new READY task on a CPU's run queue. */
void sched_add(struct task *t)
{
	if (t->pinned == HERMIT_CPU_ANY)
		t->cpu = pick_cpu();
	else
		t->cpu = t->pinned;
	struct runqueue *rq = &rqs[t->cpu];
	__atomic_fetch_add(&rq->nr_tasks, 1, __ATOMIC_RELAXED);

	unsigned long flags = arch_irq_save();
	spin_lock(&rq->lock);
	t->state = TASK_READY;
	enqueue(rq, t);
	spin_unlock(&rq->lock);
	kick(t->cpu);
	arch_irq_restore(flags);
}

/* Ends the current task; the next task on this CPU frees it. */
void sched_exit_current(void)
{
	arch_irq_save();
	struct runqueue *rq = this_rq();
	__atomic_fetch_sub(&rq->nr_tasks, 1, __ATOMIC_RELAXED);
	spin_lock(&rq->lock);
	rq->current->state = TASK_DEAD;
	schedule_locked(rq);
	panic("a dead task was scheduled again");
}

int sched_set_affinity(int cpu)
{
	struct runqueue *rq = this_rq();
	struct task *t = rq->current;

	if (cpu != HERMIT_CPU_ANY && !sched_cpu_online(cpu))
		return -22; /* EINVAL */
	t->pinned = cpu;
	if (cpu == HERMIT_CPU_ANY || (unsigned)cpu == t->cpu)
		return 0;

	unsigned long flags = arch_irq_save();
	__atomic_fetch_sub(&rq->nr_tasks, 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&rqs[cpu].nr_tasks, 1, __ATOMIC_RELAXED);
	spin_lock(&rq->lock);
	t->state = TASK_READY;
	t->migrate_to = cpu;
	schedule_locked(rq); /* resumes on `cpu` */
	arch_irq_restore(flags);
	return 0;
}

/*
 * Before halting, an idle CPU polls its run queue for a short while: a halt and the IPI
 * that ends it cost ~100-200 us on a software-assisted KVM (and several us on hardware),
 * while threads that hand work back and forth usually do so within microseconds. 200 us is
 * also what Linux's guest halt-polling uses by default.
 */
#define IDLE_POLL_NS 200000

static void idle_poll(struct runqueue *rq)
{
	uint64_t start = rdtsc(), span = time_ns_to_tsc(IDLE_POLL_NS);
	while (!READ_ONCE(rq->nr_ready) && !READ_ONCE(rq->wake_pending) && !net_pending() &&
	       rdtsc() - start < span) {
		struct task *first = READ_ONCE(rq->timers);
		if (first && READ_ONCE(first->deadline) <= rdtsc())
			return;
		cpu_relax();
	}
}

/* The idle loop: run what is ready, otherwise halt until the next deadline or a kick. */
static __noreturn void idle_loop(struct runqueue *rq)
{
	for (;;) {
		net_deliver();
		idle_poll(rq);
		unsigned long flags = arch_irq_save();
		spin_lock(&rq->lock);
		rq->wake_pending = 0;
		if (net_pending()) { /* a link's interrupt came: wake its thread first */
			spin_unlock(&rq->lock);
			arch_irq_restore(flags);
			continue;
		}
		expire_timers(rq);
		if (rq->nr_ready) {
			schedule_locked(rq);
			arch_irq_restore(flags);
			continue;
		}
		uint64_t deadline = rq->timers ? rq->timers->deadline : 0;
		rq->armed = 0; /* the idle gate may or may not arm it: re-arm afterwards */
		rq->idle_flag = 1;
		spin_unlock(&rq->lock);
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		arch_idle_until(deadline, &rq->wake_pending);
		rq->idle_flag = 0;
		arch_irq_restore(flags);
	}
}

void sched_start_cpu(void)
{
	unsigned cpu = arch_cpu_id();
	struct runqueue *rq = &rqs[cpu];
	struct task *idle = &idle_tasks[cpu];

	idle->cpu = cpu;
	idle->state = TASK_RUNNING;
	idle->pinned = cpu;
	idle->migrate_to = -1;
	rq->idle = rq->current = idle;
	if (!rq->online) {
		__atomic_store_n(&rq->online, true, __ATOMIC_RELEASE);
		__atomic_fetch_add(&boot_info->cpus_online, 1, __ATOMIC_SEQ_CST);
	}
	idle_loop(rq);
}

/* The boot CPU is online (it can take tasks) before it enters its idle loop. */
void sched_init(void)
{
	if (arch_preemption())
		slice_tsc = time_ns_to_tsc(SLICE_NS);
	rqs[0].online = true;
	boot_info->cpus_online = 1;
}

void sched_finish_new_task(void)
{
	finish_switch();
	arch_irq_enable();
}

uint64_t sched_thread_cputime(void)
{
	unsigned long flags = arch_irq_save();
	struct task *t = this_rq()->current;
	uint64_t v = t->run_tsc + (rdtsc() - t->last_in);
	arch_irq_restore(flags);
	return v;
}

/* Sum of the CPUs' busy time; a running task's current slice is added without locks, so
 * the value may lag by one slice on other CPUs but never goes backwards on this one. */
uint64_t sched_process_cputime(void)
{
	uint64_t now = rdtsc(), total = 0;
	for (unsigned c = 0; c < boot_info->cpu_count; c++) {
		struct runqueue *rq = &rqs[c];
		if (!rq->online)
			continue;
		total += rq->busy_tsc;
		struct task *cur = READ_ONCE(rq->current);
		if (cur && cur != rq->idle) {
			uint64_t in = READ_ONCE(cur->last_in);
			if (now > in)
				total += now - in;
		}
	}
	return total;
}

/*
 * Interrupt context (timer or wake-up IPI, interrupts off; at CPL0 in the deprivileged
 * model, so kept short and lock-free: only this CPU writes the fields it changes). Returns
 * the deadline to arm (0: none) and whether the interrupted thread should be preempted.
 */
uint64_t sched_irq(bool timer, bool can_preempt, bool *preempt)
{
	struct runqueue *rq = this_rq();
	struct task *cur = rq->current;
	uint64_t now = rdtsc();

	*preempt = false;
	/* After a timer interrupt nothing is armed, even if it came a little early (a nested
	 * KVM's emulated TSC deadline may): the deadline is set again below if still wanted. */
	if (timer || (rq->armed && rq->armed <= now))
		rq->armed = 0;
	if (!cur || cur == rq->idle || !slice_tsc)
		return 0;
	uint32_t ready = READ_ONCE(rq->ready_mask);
	struct task *first = READ_ONCE(rq->timers);
	if ((ready >> (cur->prio + 1)) || (first && READ_ONCE(first->deadline) <= now) ||
	    (ready && rq->slice_end && now >= rq->slice_end)) {
		if (can_preempt) {
			*preempt = true;
			return 0;
		}
		/* Not switchable here: try again a slice later. (Seen under QEMU's nested SVM: an
		 * interrupt delivered on the first instruction of another interrupt's entry, with
		 * IF clear; a short retry there only made interrupts pile up.) */
		rq->armed = now + slice_tsc;
		return rq->armed;
	}
	if (ready && !rq->slice_end) /* a thread was queued behind us: start a slice */
		rq->slice_end = now + slice_tsc;
	/* An earlier deadline (or a wake-up IPI) brought us here: keep the timer set. */
	uint64_t want = ready ? rq->slice_end : 0;
	if (first && (!want || READ_ONCE(first->deadline) < want))
		want = READ_ONCE(first->deadline);
	if (!need_arming(rq, want, now))
		return 0;
	rq->armed = want;
	return want;
}

/* preempt.asm, interrupts masked: give the CPU to a waiting thread of the same or higher
 * priority, or to a sleeper whose time has come. */
void sched_preempt(void)
{
	struct runqueue *rq = this_rq();

	net_deliver(); /* a link's deferred interrupt (deprivileged model) */

	if (!yield_masked(rq))
		arm_timer(rq); /* the slice goes on: keep the timer for its end */
}

bool sched_idle_here(void)
{
	struct runqueue *rq = this_rq();

	return READ_ONCE(rq->current) == rq->idle;
}

void sched_poke_idle(void)
{
	if (sched_idle_here())
		WRITE_ONCE(this_rq()->wake_pending, 1);
}

/* Interrupt work deferred by the software mask (deprivileged model), at thread level. */
void sched_resched(void)
{
	unsigned long flags = arch_irq_save();
	sched_preempt();
	arch_irq_restore(flags);
}
