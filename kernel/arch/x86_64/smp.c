/* SPDX-License-Identifier: BSD-3-Clause */
/* Secondary CPUs: stacks prepared by the boot CPU, then started by the platform. */
#include <hermit/abi_uhyve.h>
#include <kernel/arch.h>
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <kernel/platform.h>
#include "cpu.h"

/* Boot stack (used at CPL0 by kernel_entry, then by the CPU's idle task) and IST stacks. */
#define AP_STACK_PAGES (KSTACK_SIZE / PAGE_SIZE)
#define AP_IST_PAGES   (IST_SIZE / PAGE_SIZE)

int arch_start_cpu(unsigned cpu)
{
	struct cpu *c = &cpus[cpu];

	if (cpu == 0 || cpu >= boot_info->cpu_count)
		return -HERMIT_EINVAL;
	uint8_t *stack = page_alloc(AP_STACK_PAGES);
	uint8_t *ist = page_alloc(3 * AP_IST_PAGES);
	if (!stack || !ist) {
		if (stack)
			page_free(stack, AP_STACK_PAGES);
		return -HERMIT_ENOMEM;
	}
	for (int i = 0; i < 3; i++)
		c->ist_top[i] = (uintptr_t)ist + (i + 1) * IST_SIZE;
	ap_stack_top[cpu] = (uintptr_t)stack + KSTACK_SIZE;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return platform->start_cpu(cpu);
}
