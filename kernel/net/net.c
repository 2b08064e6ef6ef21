/* SPDX-License-Identifier: BSD-3-Clause */
/* Network links for the application's lwIP: the platform's link and its notification. */
#include <hermit/abi_mmnif.h>
#include <hermit/abi_uhyve.h>
#include <hermit/syscall.h>
#include <kernel/arch.h>
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <kernel/net.h>
#include <kernel/platform.h>
#include <kernel/sched.h>

/* Incremented by every notification from the other side of the link (interrupt context);
 * the netif's receive thread sleeps on it as on a futex. */
static volatile int32_t net_events;

void net_irq(void)
{
	__atomic_fetch_add(&net_events, 1, __ATOMIC_SEQ_CST);
	futex_wake(&net_events, 0x7fffffff);
}

#define RING_PAGES ((sizeof(struct hermit_mmnif) + PAGE_SIZE - 1) / PAGE_SIZE)

struct hermit_mmnif *net_rings_alloc(void)
{
	struct hermit_mmnif *m = page_alloc(RING_PAGES);

	if (!m)
		return NULL;
	kmemset(m, 0, sizeof(*m));
	m->magic = HERMIT_MMNIF_MAGIC;
	m->version = HERMIT_MMNIF_VERSION;
	m->size = sizeof(*m);
	m->isle_vector = ARCH_NET_VECTOR;
	m->isle_apic_id = boot_info->apic_id[0];
	return m;
}

void net_rings_free(struct hermit_mmnif *m)
{
	page_free(m, RING_PAGES);
}

static volatile int net_wake_pending;

void net_irq_defer(void)
{
	__atomic_fetch_add(&net_events, 1, __ATOMIC_SEQ_CST);
	__atomic_store_n(&net_wake_pending, 1, __ATOMIC_SEQ_CST);
}

bool net_pending(void)
{
	return __atomic_load_n(&net_wake_pending, __ATOMIC_SEQ_CST) != 0;
}

void net_deliver(void)
{
	if (net_pending() && __atomic_exchange_n(&net_wake_pending, 0, __ATOMIC_SEQ_CST))
		futex_wake(&net_events, 0x7fffffff);
}

int sys_net_attach(struct hermit_net_link *link)
{
	if (!link)
		return -HERMIT_EINVAL;
	if (!platform->net)
		return -HERMIT_ENODEV;
	return platform->net->attach(link);
}

int32_t sys_net_events(void)
{
	return __atomic_load_n(&net_events, __ATOMIC_SEQ_CST);
}

int sys_net_wait(int32_t seen, uint64_t deadline_ns)
{
	return futex_wait(&net_events, seen, deadline_ns);
}

void sys_net_notify(void)
{
	if (platform->net)
		platform->net->notify();
}
