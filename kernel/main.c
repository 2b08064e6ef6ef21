/* SPDX-License-Identifier: BSD-3-Clause */
/* Generic kernel start-up at application privilege: log, memory, time, arguments, main(). */
#include <hermit/syscall.h>
#include <kernel/arch.h>
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <kernel/platform.h>
#include <kernel/sched.h>
#include <kernel/time.h>

#define MAIN_STACK_SIZE (8UL << 20) /* like Linux's default stack limit */

static int app_argc;
static char **app_argv, **app_envp;

/* Builds argv and envp from the loader's blob; every count and string is checked. */
static void args_init(void)
{
	const struct hermit_args *a = (const struct hermit_args *)boot_info->args_addr;
	size_t size = boot_info->args_size;

	if (!a || size < sizeof(*a) || a->strings_size > size - sizeof(*a) ||
	    a->argc > a->strings_size || a->envc > a->strings_size)
		panic("bad argument blob from the loader (size %zu)", size);
	size_t n = (size_t)a->argc + a->envc;
	char **vec = kmalloc((n + 2) * sizeof(char *));
	if (!vec)
		panic("out of memory for %zu arguments", n);

	const char *p = a->strings, *end = a->strings + a->strings_size;
	for (size_t i = 0; i < n; i++) {
		size_t len = kstrnlen(p, end - p);
		if (p + len >= end)
			panic("argument blob: string %zu is not terminated", i);
		vec[i < a->argc ? i : i + 1] = (char *)p;
		p += len + 1;
	}
	vec[a->argc] = NULL;
	vec[n + 1] = NULL;
	app_argc = a->argc;
	app_argv = vec;
	app_envp = vec + a->argc + 1;
}

static void app_main(void *unused)
{
	(void)unused;
	hermit_libc_start(app_argc, app_argv, app_envp);
}

/* Starts the other CPUs and waits until they are in their idle loops. */
static void start_secondary_cpus(void)
{
	unsigned n = boot_info->cpu_count;
	for (unsigned cpu = 1; cpu < n; cpu++) {
		int ret = arch_start_cpu(cpu);
		if (ret < 0)
			panic("cannot start CPU %u (error %d)", cpu, -ret);
	}
	uint64_t deadline = time_monotonic_ns() + 30ULL * 1000000000;
	while (READ_ONCE(boot_info->cpus_online) < n) {
		if (time_monotonic_ns() > deadline)
			panic("only %u of %u CPUs came up within 30 s", boot_info->cpus_online, n);
		cpu_relax();
	}
}

void kernel_main(void *boot_tsc)
{
	arch_traps_init();
	klog_init();
	kprintf("HermitCore kernel on %s, %s privilege model, %u CPU(s), %lu MiB RAM\n",
	        platform->name, priv_model == HERMIT_PRIV_DEPRIV ? "deprivileged" : "classic",
	        boot_info->cpu_count, boot_info->ram_size >> 20);
	time_init(*(uint64_t *)boot_tsc);
	uint64_t t0 = time_monotonic_ns();
	if (!(boot_info->flags & HERMIT_BOOT_PAGE0_UNMAPPED))
		paging_guard_null(); /* reads the tables: ~0.1 ms of page faults under PVM */
	uint64_t t1 = time_monotonic_ns();
	mm_init();
	uint64_t t2 = time_monotonic_ns();
	args_init();
	kprintf("boot: cpl0 %lu us, guard %lu us, mm %lu us\n", t0 / 1000, (t1 - t0) / 1000,
	        (t2 - t1) / 1000);
	arch_tls_init();
	arch_fpu_init();
	sched_init();
	task_create_main(app_main, NULL, MAIN_STACK_SIZE);
	start_secondary_cpus();
	kprintf("boot: %lu us to main, %u CPUs online\n", time_monotonic_ns() / 1000,
	        boot_info->cpus_online);
	sched_start_cpu();
}
