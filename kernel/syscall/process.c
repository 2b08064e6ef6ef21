/* SPDX-License-Identifier: BSD-3-Clause */
/* Process-level system calls: exit, panic, break, identity, CPU count. */
#include <hermit/abi_uhyve.h>
#include <hermit/syscall.h>
#include <kernel/arch.h>
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <kernel/platform.h>

void sys_exit(int status)
{
	kprintf("exit: status %d after %lu pages in use\n", status,
	        (unsigned long)(boot_info->ram_size / PAGE_SIZE - page_free_count()));
	platform->exit(status);
}

void sys_panic(const char *msg)
{
	panic("%s", msg ? msg : "(no message)");
}

void *sys_sbrk(intptr_t increment, int *err)
{
	void *old = mm_sbrk(increment);
	if (!old) {
		if (err)
			*err = -HERMIT_ENOMEM;
		return (void *)-1;
	}
	return old;
}

int sys_getpid(void)
{
	return 1; /* one application per kernel */
}

unsigned sys_ncpus(void)
{
	unsigned n = READ_ONCE(boot_info->cpus_online);
	return n ? n : 1;
}

uint64_t sys_cpu_features(void)
{
	return arch_cpu_features();
}

uint64_t sys_ram_pages(int free)
{
	return free ? page_free_count() : boot_info->ram_size / PAGE_SIZE;
}
