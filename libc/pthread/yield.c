/* SPDX-License-Identifier: BSD-3-Clause */
/* sched_yield(). <sched.h> renames it to __hermit_sched_yield because today's kernel, linked
 * into the same image, defines a sched_yield of its own (returning void; sys_yield calls
 * it). The weak sched_yield serves callers without the header if the kernel ever drops its. */
#include <sched.h>

#include "pthread_internal.h"

int sched_yield(void)
{
	sys_yield();
	return 0;
}

__attribute__((weak)) int __hermit_sched_yield_unrenamed(void) __asm__("sched_yield");
int __hermit_sched_yield_unrenamed(void)
{
	sys_yield();
	return 0;
}
