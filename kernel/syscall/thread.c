/* SPDX-License-Identifier: BSD-3-Clause */
/* Thread system calls: spawn, exit, yield, affinity, priority, futexes. */
#include <hermit/abi_uhyve.h>
#include <hermit/syscall.h>
#include <kernel/arch.h>
#include <kernel/kernel.h>
#include <kernel/sched.h>

int64_t sys_spawn(void (*fn)(void *), void *arg, const struct hermit_spawn_attr *attr)
{
	int err;
	if (!fn)
		return -HERMIT_EINVAL;
	struct task *t = task_create(fn, arg, attr, &err);
	return t ? (int64_t)t->tid : err;
}

void sys_thread_exit(void)
{
	task_exit();
}

void sys_yield(void)
{
	sched_yield();
}

struct hermit_tcb *sys_tcb(void)
{
	return sched_current()->tcb;
}

unsigned sys_getcpu(void)
{
	return arch_cpu_id();
}

int sys_set_affinity(int cpu)
{
	return sched_set_affinity(cpu);
}

int sys_set_priority(int prio)
{
	if (prio < HERMIT_PRIO_MIN || prio > HERMIT_PRIO_MAX)
		return -HERMIT_EINVAL;
	sched_current()->prio = prio; /* takes effect at the next switch */
	return 0;
}

int sys_futex_wait(volatile int32_t *addr, int32_t expected, uint64_t deadline_ns)
{
	return futex_wait(addr, expected, deadline_ns);
}

int sys_futex_wake(volatile int32_t *addr, int count)
{
	if (count < 0)
		return -HERMIT_EINVAL;
	return futex_wake(addr, count);
}
