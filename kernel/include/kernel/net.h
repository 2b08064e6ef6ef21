/* SPDX-License-Identifier: BSD-3-Clause */
/* Network links (kernel/net/): what a platform provides and what its interrupt calls. */
#ifndef KERNEL_NET_H
#define KERNEL_NET_H

#include <hermit/syscall.h>

/*
 * A platform's link (platform_ops.net, NULL where there is none). The packets themselves
 * move through memory shared with the other side and are handled by lwIP's netif in the
 * application (lwip/port); the kernel sets the memory up and carries the notifications.
 * attach: sets the link up on the first call (later calls describe the same link) and
 * fills *link; 0 or -errno. notify: interrupts the other side.
 */
struct platform_net {
	int (*attach)(struct hermit_net_link *link);
	void (*notify)(void);
};

/* The interrupt of the link's notification (any CPU, interrupts off): wakes the netif. */
void net_irq(void);

/* Deprivileged model: the interrupt only counts the event (net_irq_defer); the wake-up runs
 * at thread level (net_deliver, from the scheduler's deferred work and the idle loop). */
void net_irq_defer(void);
bool net_pending(void);
void net_deliver(void);

/* Both links' rings (abi_mmnif.h): zeroed pages with the header filled in (magic, version,
 * size, this kernel's notification vector and APIC id); NULL without memory. */
struct hermit_mmnif;
struct hermit_mmnif *net_rings_alloc(void);
void net_rings_free(struct hermit_mmnif *m);

/* kernel/net/tap.c: uhyve's link to a host tap (abi_uhyve.h UHYVE_HC_NET_ATTACH). */
extern const struct platform_net tap_net;

/* kernel/net/mmnif.c: the isle's link to Linux (abi_mmnif.h). */
extern const struct platform_net mmnif_net;

#endif
