/* SPDX-License-Identifier: BSD-3-Clause */
/* Scheduling: yield, the current CPU, affinity (one CPU or any) and priorities (POSIX
 * priorities 1..15 of SCHED_FIFO/SCHED_RR are HERMIT_PRIO_*; SCHED_OTHER is normal). */
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pthread_internal.h"

static unsigned online_cpus(void)
{
	unsigned n = sys_ncpus();

	return n ? n : 1;
}

int __sched_cpucount(size_t size, const cpu_set_t *set)
{
	int count = 0;
	size_t i;

	for (i = 0; i < size / sizeof(unsigned long); i++)
		count += __builtin_popcountl(set->__bits[i]);
	return count;
}

cpu_set_t *__sched_cpualloc(size_t count)
{
	return calloc(1, CPU_ALLOC_SIZE(count));
}

void __sched_cpufree(cpu_set_t *set)
{
	free(set);
}

/* A set holding every online CPU means "any"; otherwise the thread is pinned to one CPU
 * of the set (the kernel pins to single CPUs): the caller's current one if it is in the
 * set, else the lowest. EINVAL when the set has no online CPU. */
int cpu_from_set(size_t size, const cpu_set_t *set, int *cpu)
{
	unsigned n = online_cpus(), i, in_set = 0;
	int first = -1, here = (int)sys_getcpu();

	for (i = 0; i < n && i < size * 8; i++) {
		if (!CPU_ISSET_S(i, size, set))
			continue;
		in_set++;
		if (first < 0)
			first = (int)i;
	}
	if (!in_set)
		return EINVAL;
	if (in_set == n)
		*cpu = HERMIT_CPU_ANY;
	else if (CPU_ISSET_S(here, size, set))
		*cpu = here;
	else
		*cpu = first;
	return 0;
}

void set_from_cpu(int cpu, size_t size, cpu_set_t *set)
{
	unsigned n = online_cpus(), i;

	CPU_ZERO_S(size, set);
	if (cpu != HERMIT_CPU_ANY) {
		CPU_SET_S(cpu, size, set);
		return;
	}
	for (i = 0; i < n; i++)
		CPU_SET_S(i, size, set);
}

static int set_my_affinity(size_t size, const cpu_set_t *set)
{
	struct pthread *self = current_thread();
	int cpu, err = cpu_from_set(size, set, &cpu);

	if (err)
		return err;
	err = errno_from_kernel(sys_set_affinity(cpu));
	if (!err)
		self->cpu = cpu;
	return err;
}

/* The kernel moves only the calling thread: another thread's affinity cannot be set. */
int pthread_setaffinity_np(pthread_t id, size_t size, const cpu_set_t *set)
{
	if ((struct pthread *)id != current_thread())
		return ENOTSUP;
	return set_my_affinity(size, set);
}

int pthread_getaffinity_np(pthread_t id, size_t size, cpu_set_t *set)
{
	set_from_cpu(((struct pthread *)id)->cpu, size, set);
	return 0;
}

static bool is_me(pid_t pid)
{
	return pid == 0 || pid == getpid();
}

int sched_setaffinity(pid_t pid, size_t size, const cpu_set_t *set)
{
	int err;

	if (!is_me(pid)) {
		errno = ESRCH;
		return -1;
	}
	err = set_my_affinity(size, set);
	if (err) {
		errno = err;
		return -1;
	}
	return 0;
}

int sched_getaffinity(pid_t pid, size_t size, cpu_set_t *set)
{
	if (!is_me(pid)) {
		errno = ESRCH;
		return -1;
	}
	set_from_cpu(current_thread()->cpu, size, set);
	return 0;
}

int sched_getcpu(void)
{
	return (int)sys_getcpu();
}

void pthread_yield(void)
{
	sys_yield();
}

/* --- priorities ----------------------------------------------------------------------- */

int check_sched(int policy, int priority)
{
	if (policy == SCHED_OTHER)
		return priority == 0 ? 0 : EINVAL;
	if (policy == SCHED_FIFO || policy == SCHED_RR)
		return priority >= HERMIT_PRIO_MIN && priority <= HERMIT_PRIO_MAX ? 0 : EINVAL;
	return EINVAL;
}

int sched_get_priority_min(int policy)
{
	if (policy == SCHED_OTHER)
		return 0;
	if (policy == SCHED_FIFO || policy == SCHED_RR)
		return HERMIT_PRIO_MIN;
	errno = EINVAL;
	return -1;
}

int sched_get_priority_max(int policy)
{
	if (policy == SCHED_OTHER)
		return 0;
	if (policy == SCHED_FIFO || policy == SCHED_RR)
		return HERMIT_PRIO_MAX;
	errno = EINVAL;
	return -1;
}

/* Only the caller's own scheduling can change (the kernel's call works on the caller). */
static int set_my_sched(int policy, int priority)
{
	struct pthread *self = current_thread();
	int err = check_sched(policy, priority);

	if (err)
		return err;
	err = errno_from_kernel(
	    sys_set_priority(policy == SCHED_OTHER ? HERMIT_PRIO_NORMAL : priority));
	if (err)
		return err;
	self->policy = policy;
	self->priority = priority;
	return 0;
}

int pthread_setschedparam(pthread_t id, int policy, const struct sched_param *param)
{
	if ((struct pthread *)id != current_thread())
		return ENOTSUP;
	return set_my_sched(policy, param->sched_priority);
}

int pthread_getschedparam(pthread_t id, int *policy, struct sched_param *param)
{
	struct pthread *t = (struct pthread *)id;

	*policy = t->policy;
	memset(param, 0, sizeof(*param));
	param->sched_priority = t->priority;
	return 0;
}

int pthread_setschedprio(pthread_t id, int priority)
{
	if ((struct pthread *)id != current_thread())
		return ENOTSUP;
	return set_my_sched(current_thread()->policy, priority);
}

static int errno_result(int err)
{
	if (err) {
		errno = err;
		return -1;
	}
	return 0;
}

int sched_setscheduler(pid_t pid, int policy, const struct sched_param *param)
{
	int old = current_thread()->policy;

	if (!is_me(pid))
		return errno_result(ESRCH);
	if (errno_result(set_my_sched(policy, param->sched_priority)))
		return -1;
	return old;
}

int sched_getscheduler(pid_t pid)
{
	if (!is_me(pid))
		return errno_result(ESRCH);
	return current_thread()->policy;
}

int sched_setparam(pid_t pid, const struct sched_param *param)
{
	if (!is_me(pid))
		return errno_result(ESRCH);
	return errno_result(set_my_sched(current_thread()->policy, param->sched_priority));
}

int sched_getparam(pid_t pid, struct sched_param *param)
{
	if (!is_me(pid))
		return errno_result(ESRCH);
	memset(param, 0, sizeof(*param));
	param->sched_priority = current_thread()->priority;
	return 0;
}

/* The kernel's time slice (10 ms), used only while other threads wait for the CPU. */
int sched_rr_get_interval(pid_t pid, struct timespec *interval)
{
	if (!is_me(pid))
		return errno_result(ESRCH);
	interval->tv_sec = 0;
	interval->tv_nsec = 10000000;
	return 0;
}

static int concurrency;

int pthread_setconcurrency(int level)
{
	if (level < 0)
		return EINVAL;
	concurrency = level;
	return 0;
}

int pthread_getconcurrency(void)
{
	return concurrency;
}

/* Only the caller's CPU time clock exists. */
int pthread_getcpuclockid(pthread_t id, clockid_t *clock)
{
	if ((struct pthread *)id != current_thread())
		return ENOTSUP;
	*clock = CLOCK_THREAD_CPUTIME_ID;
	return 0;
}
