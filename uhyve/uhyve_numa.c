/* SPDX-License-Identifier: BSD-3-Clause */
/* NUMA placement: one distinct host CPU of one node per vCPU, guest memory bound to the node. */
#include <netdb.h>
#include <numa.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>

#include "uhyve.h"

/* Whether the host CPU is in the node and in uhyve's allowed set (taskset, cgroups). */
static bool cpu_usable(struct bitmask *node_cpus, const cpu_set_t *allowed, int c)
{
	return c >= 0 && (unsigned)c < numa_bitmask_nbytes(node_cpus) * 8 &&
	       numa_bitmask_isbitset(node_cpus, (unsigned)c) && CPU_ISSET(c, allowed);
}

static int pick_cpus(struct uhyve_vm *vm, struct bitmask *node_cpus, const cpu_set_t *allowed,
                     char *err, size_t errlen)
{
	const struct uhyve_options *o = vm->opt;
	unsigned n = 0;

	if (o->has_cpu_list) {
		for (unsigned i = 0; i < o->cpu_count; i++) {
			if (!cpu_usable(node_cpus, allowed, o->cpu_list[i])) {
				snprintf(err, errlen,
				         "HERMIT_CPUS: host CPU %d is not an allowed CPU of NUMA "
				         "node %d",
				         o->cpu_list[i], vm->node);
				return -1;
			}
			vm->vcpu[i].host_cpu = o->cpu_list[i];
		}
		return 0;
	}
	for (int c = 0; c < numa_num_possible_cpus() && n < o->cpu_count; c++)
		if (cpu_usable(node_cpus, allowed, c))
			vm->vcpu[n++].host_cpu = c;
	if (n < o->cpu_count) {
		snprintf(err, errlen,
		         "HERMIT_CPUS: %u vCPUs need %u host CPUs, NUMA node %d has %u",
		         o->cpu_count, o->cpu_count, vm->node, n);
		return -1;
	}
	return 0;
}

int uhyve_numa_place(struct uhyve_vm *vm, char *err, size_t errlen)
{
	const struct uhyve_options *o = vm->opt;
	struct bitmask *cpus;
	cpu_set_t allowed;
	int ret;

	for (unsigned i = 0; i < vm->ncpus; i++)
		vm->vcpu[i].host_cpu = -1;
	vm->node = -1;
	if (numa_available() < 0)
		return 0; /* no NUMA support in this kernel: run unpinned */
	if (o->node >= 0)
		vm->node = o->node;
	else if (o->has_cpu_list)
		vm->node = numa_node_of_cpu(o->cpu_list[0]);
	else
		vm->node = numa_node_of_cpu(sched_getcpu());
	if (vm->node < 0 && o->node < 0 && o->has_cpu_list) {
		snprintf(err, errlen, "HERMIT_CPUS: no host CPU %d on this host", o->cpu_list[0]);
		return -1;
	}
	if (vm->node < 0 || vm->node > numa_max_node()) {
		snprintf(err, errlen, "HERMIT_NODE: no NUMA node %d on this host (nodes 0-%d)",
		         vm->node, numa_max_node());
		return -1;
	}
	if (sched_getaffinity(0, sizeof(allowed), &allowed) < 0)
		CPU_ZERO(&allowed);
	cpus = numa_allocate_cpumask();
	if (numa_node_to_cpus(vm->node, cpus) < 0)
		numa_bitmask_clearall(cpus);
	ret = pick_cpus(vm, cpus, &allowed, err, errlen);
	numa_free_cpumask(cpus);
	return ret;
}

void uhyve_numa_bind_memory(struct uhyve_vm *vm)
{
	if (vm->node >= 0)
		numa_tonode_memory(vm->mem, vm->mem_size, vm->node);
}

void uhyve_numa_pin_self(int host_cpu)
{
	cpu_set_t set;

	if (host_cpu < 0)
		return;
	CPU_ZERO(&set);
	CPU_SET(host_cpu, &set);
	pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
}

/*
 * uhyve is linked statically (Makefile), with getaddrinfo wrapped to this: the only caller is
 * libnuma's affinity code for network devices, which uhyve never uses, and a static glibc
 * program cannot load the name-service modules getaddrinfo needs anyway.
 */
int __wrap_getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
                       struct addrinfo **res);
int __wrap_getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
                       struct addrinfo **res)
{
	(void)node;
	(void)service;
	(void)hints;
	*res = NULL;
	return EAI_FAIL;
}
