/* SPDX-License-Identifier: BSD-3-Clause */
/* Network links for the application's lwIP: the platform's link and its notification. */
#include <hermit/abi_uhyve.h>
#include <hermit/syscall.h>
#include <kernel/kernel.h>
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
