/* SPDX-License-Identifier: BSD-3-Clause */
/* Kernel panic: log the message and a backtrace, then let the platform end the VM. */
#include <kernel/arch.h>
#include <kernel/kernel.h>
#include <kernel/platform.h>

static int panicking;

void panic(const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	kvsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (__atomic_exchange_n(&panicking, 1, __ATOMIC_ACQ_REL)) {
		if (platform)
			platform->exit(125); /* a panic while panicking: stop quietly */
		arch_halt();
	}
	kprintf("panic: %s\n", msg);
	arch_backtrace((uintptr_t)__builtin_return_address(0),
	               (uintptr_t)__builtin_frame_address(0));
	if (platform)
		platform->panic(msg);
	arch_halt();
}
