/* SPDX-License-Identifier: BSD-3-Clause */
/* Thread creation attributes: detach state, stack, scheduling, CPU affinity. */
#include <pthread.h>
#include <sched.h>

#include "pthread_internal.h"

#define DEFAULT_STACK_SIZE (8UL << 20) /* the kernel's default */
#define PAGE_SIZE          4096UL

int cpu_from_set(size_t size, const cpu_set_t *set, int *cpu); /* sched.c */
void set_from_cpu(int cpu, size_t size, cpu_set_t *set);       /* sched.c */
int check_sched(int policy, int priority);                     /* sched.c */

int pthread_attr_init(pthread_attr_t *attr)
{
	*attr = (pthread_attr_t){
	    .__initialized = 1,
	    .__detachstate = PTHREAD_CREATE_JOINABLE,
	    .__stacksize = DEFAULT_STACK_SIZE,
	    .__guardsize = PAGE_SIZE,
	    .__scope = PTHREAD_SCOPE_SYSTEM,
	    .__inheritsched = PTHREAD_INHERIT_SCHED,
	    .__schedpolicy = SCHED_OTHER,
	    .__cpu = HERMIT_CPU_ANY,
	};
	return 0;
}

int pthread_attr_destroy(pthread_attr_t *attr)
{
	attr->__initialized = 0;
	return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t *attr, int state)
{
	if (state != PTHREAD_CREATE_JOINABLE && state != PTHREAD_CREATE_DETACHED)
		return EINVAL;
	attr->__detachstate = state;
	return 0;
}

int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *state)
{
	*state = attr->__detachstate;
	return 0;
}

int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size)
{
	if (size < PTHREAD_STACK_MIN)
		return EINVAL;
	attr->__stacksize = size;
	return 0;
}

int pthread_attr_getstacksize(const pthread_attr_t *attr, size_t *size)
{
	*size = attr->__stacksize;
	return 0;
}

/* The kernel allocates every stack (with a guard page): a caller's stack address is
 * remembered for getstack, and only its size is used. */
int pthread_attr_setstack(pthread_attr_t *attr, void *addr, size_t size)
{
	if (size < PTHREAD_STACK_MIN)
		return EINVAL;
	attr->__stackaddr = addr;
	attr->__stacksize = size;
	return 0;
}

int pthread_attr_getstack(const pthread_attr_t *attr, void **addr, size_t *size)
{
	*addr = attr->__stackaddr;
	*size = attr->__stacksize;
	return 0;
}

int pthread_attr_setstackaddr(pthread_attr_t *attr, void *addr)
{
	attr->__stackaddr = addr;
	return 0;
}

int pthread_attr_getstackaddr(const pthread_attr_t *attr, void **addr)
{
	*addr = attr->__stackaddr;
	return 0;
}

int pthread_attr_setguardsize(pthread_attr_t *attr, size_t size)
{
	attr->__guardsize = size;
	return 0;
}

int pthread_attr_getguardsize(const pthread_attr_t *attr, size_t *size)
{
	*size = attr->__guardsize;
	return 0;
}

int pthread_attr_setscope(pthread_attr_t *attr, int scope)
{
	if (scope == PTHREAD_SCOPE_PROCESS)
		return ENOTSUP;
	if (scope != PTHREAD_SCOPE_SYSTEM)
		return EINVAL;
	attr->__scope = scope;
	return 0;
}

int pthread_attr_getscope(const pthread_attr_t *attr, int *scope)
{
	*scope = attr->__scope;
	return 0;
}

int pthread_attr_setinheritsched(pthread_attr_t *attr, int inherit)
{
	if (inherit != PTHREAD_INHERIT_SCHED && inherit != PTHREAD_EXPLICIT_SCHED)
		return EINVAL;
	attr->__inheritsched = inherit;
	return 0;
}

int pthread_attr_getinheritsched(const pthread_attr_t *attr, int *inherit)
{
	*inherit = attr->__inheritsched;
	return 0;
}

int pthread_attr_setschedpolicy(pthread_attr_t *attr, int policy)
{
	if (check_sched(policy, policy == SCHED_OTHER ? 0 : HERMIT_PRIO_NORMAL))
		return EINVAL;
	attr->__schedpolicy = policy;
	if (policy == SCHED_OTHER)
		attr->__schedparam.sched_priority = 0;
	else if (attr->__schedparam.sched_priority == 0)
		attr->__schedparam.sched_priority = HERMIT_PRIO_NORMAL;
	return 0;
}

int pthread_attr_getschedpolicy(const pthread_attr_t *attr, int *policy)
{
	*policy = attr->__schedpolicy;
	return 0;
}

int pthread_attr_setschedparam(pthread_attr_t *attr, const struct sched_param *param)
{
	if (check_sched(attr->__schedpolicy, param->sched_priority))
		return EINVAL;
	attr->__schedparam = *param;
	return 0;
}

int pthread_attr_getschedparam(const pthread_attr_t *attr, struct sched_param *param)
{
	*param = attr->__schedparam;
	return 0;
}

int pthread_attr_setaffinity_np(pthread_attr_t *attr, size_t size, const cpu_set_t *set)
{
	return cpu_from_set(size, set, &attr->__cpu);
}

int pthread_attr_getaffinity_np(const pthread_attr_t *attr, size_t size, cpu_set_t *set)
{
	set_from_cpu(attr->__cpu, size, set);
	return 0;
}

/* The attributes a thread runs with now. */
int pthread_getattr_np(pthread_t id, pthread_attr_t *attr)
{
	struct pthread *t = (struct pthread *)id;

	pthread_attr_init(attr);
	attr->__detachstate = __atomic_load_n(&t->state, __ATOMIC_RELAXED) == THREAD_DETACHED
	                          ? PTHREAD_CREATE_DETACHED
	                          : PTHREAD_CREATE_JOINABLE;
	attr->__inheritsched = PTHREAD_EXPLICIT_SCHED;
	attr->__schedpolicy = t->policy;
	attr->__schedparam.sched_priority = t->priority;
	attr->__cpu = t->cpu;
	return 0;
}
