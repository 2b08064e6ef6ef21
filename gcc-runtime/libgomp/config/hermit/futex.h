/* SPDX-License-Identifier: BSD-3-Clause */
/* libgomp's futex layer for HermitCore: the kernel's futex functions, called directly (no
 * `syscall` instruction; the kernel is linked into the same image). Included by
 * config/linux/wait.h, which has pushed hidden visibility and defines FUTEX_WAIT/WAKE. */

/* The kernel's calls: wait while *addr == expected (deadline 0: none), wake up to count
 * waiters. Default visibility for their declarations, as config/linux/futex.h does. */
#pragma GCC visibility push(default)
#include <hermit/syscall.h>
#pragma GCC visibility pop

static inline void futex_wait(int *addr, int val)
{
	sys_futex_wait(addr, val, 0);
}

static inline void futex_wake(int *addr, int count)
{
	sys_futex_wake(addr, count);
}

/* One step of a spin wait (do_spin in config/linux/wait.h, ordered.c, doacross.h). Every
 * 1024th step yields the CPU: where the kernel does not preempt (the classic privilege
 * model), a thread spinning for OMP_WAIT_POLICY=active (up to 3e10 steps) would otherwise
 * keep the thread it waits for off its CPU. A yield with nobody else ready costs ~16 ns. */
static inline void cpu_relax(void)
{
	static __thread unsigned spins;

	__builtin_ia32_pause();
	if ((++spins & 1023) == 0)
		sys_yield();
}
