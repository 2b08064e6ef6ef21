/* SPDX-License-Identifier: BSD-3-Clause */
/* Host services under uhyve: each call is one `out` of its argument struct's address. */
#include <hermit/abi_uhyve.h>
#include <kernel/arch.h>
#include <kernel/kernel.h>
#include <kernel/net.h>
#include <kernel/platform.h>
#include "../arch/x86_64/cpu.h"

/*
 * The struct is copied to this CPU's bounce buffer (inside the image, so below 4 GiB as
 * the 32-bit port value requires), with interrupts masked so the thread stays on this CPU.
 */
static void uhyve_call(unsigned nr, void *args, size_t size)
{
	unsigned long flags = arch_irq_save();
	struct cpu *c = this_cpu();
	uint16_t port = boot_info->uhyve_port_base + nr;

	kmemcpy(c->hc_bounce, args, size);
	__asm__ volatile("outl %0, %1"
	                 :
	                 : "a"((uint32_t)(uintptr_t)c->hc_bounce), "Nd"(port)
	                 : "memory");
	kmemcpy(args, c->hc_bounce, size);
	arch_irq_restore(flags);
}

_Static_assert(sizeof(struct uhyve_stat) <= sizeof(((struct cpu *)0)->hc_bounce), "bounce");

const struct platform_ops platform_uhyve = {
    .name = "uhyve",
    .call = uhyve_call,
    .start_cpu = hcall_cpu_start,
    .exit = hcall_exit,
    .panic = hcall_panic,
    /* Off: classic-model preemption misbehaved under QEMU's nested SVM (see priv.c). */
    .preempt_classic = false,
    .net = &tap_net, /* -ENODEV from uhyve without HERMIT_NETIF */
    .pv_eoi = true,
};
