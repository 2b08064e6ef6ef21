/* SPDX-License-Identifier: BSD-3-Clause */
/* The isle's network link to Linux: sets up the shared rings of abi_mmnif.h in isle RAM. */
#include <hermit/abi_isle.h>
#include <hermit/abi_mmnif.h>
#include <hermit/abi_uhyve.h>
#include <kernel/arch.h>
#include <kernel/kernel.h>
#include <kernel/net.h>
#include <kernel/platform.h>
#include <kernel/spinlock.h>

static spinlock_t attach_lock = SPINLOCK_INIT;
static struct hermit_mmnif *shared; /* guarded by attach_lock until published */

/* Allocates and fills the rings, then publishes them to the module (abi_isle.h). */
static struct hermit_mmnif *mmnif_create(void)
{
	struct hermit_mmnif *m = net_rings_alloc();

	if (!m)
		return NULL;
	m->isle_ip = HERMIT_MMNIF_ISLE_IP(boot_info->isle);
	__atomic_store_n(&isle_channel()->mmnif_addr, (uintptr_t)m, __ATOMIC_RELEASE);
	return m;
}

static int mmnif_attach(struct hermit_net_link *link)
{
	unsigned long flags = arch_irq_save();

	spin_lock(&attach_lock);
	if (!shared)
		shared = mmnif_create();
	spin_unlock(&attach_lock);
	arch_irq_restore(flags);
	if (!shared)
		return -HERMIT_ENOMEM;
	*link = (struct hermit_net_link){
	    .type = HERMIT_NET_MMNIF,
	    .mtu = HERMIT_MMNIF_MTU,
	    .ip = shared->isle_ip,
	    .netmask = HERMIT_MMNIF_NETMASK,
	    .gateway = HERMIT_MMNIF_HOST_IP,
	    .shared = shared,
	};
	return 0;
}

const struct platform_net mmnif_net = {
    .attach = mmnif_attach,
    .notify = isle_kick_host,
};
