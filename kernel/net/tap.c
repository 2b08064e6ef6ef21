/* SPDX-License-Identifier: BSD-3-Clause */
/* uhyve's network link to a host tap (HERMIT_NETIF): the rings of abi_mmnif.h in guest RAM,
 * handed to uhyve by UHYVE_HC_NET_ATTACH, Ethernet frames, a doorbell port to uhyve. */
#include <hermit/abi_mmnif.h>
#include <hermit/abi_uhyve.h>
#include <kernel/arch.h>
#include <kernel/kernel.h>
#include <kernel/net.h>
#include <kernel/platform.h>
#include <kernel/spinlock.h>

static spinlock_t attach_lock = SPINLOCK_INIT;
static struct hermit_mmnif *shared; /* guarded by attach_lock until attached */
static struct uhyve_net_attach answer;

/* Allocates the rings and hands them to uhyve, offering the offloads the caller can take;
 * NULL if uhyve has no link for us. */
static struct hermit_mmnif *tap_create(uint32_t offload, int *err)
{
	struct hermit_mmnif *m = net_rings_alloc();

	if (!m) {
		*err = -HERMIT_ENOMEM;
		return NULL;
	}
	m->offload = offload & (HERMIT_NET_OFFLOAD_TX_CSUM | HERMIT_NET_OFFLOAD_RX_CSUM);
	answer = (struct uhyve_net_attach){.rings = {(uintptr_t)m}}; /* RAM is identity mapped */
	platform->call(UHYVE_HC_NET_ATTACH, &answer, sizeof(answer));
	if (answer.ret) {
		*err = answer.ret;
		net_rings_free(m);
		return NULL;
	}
	return m;
}

static int tap_attach(struct hermit_net_link *link)
{
	int err = 0;
	uint32_t offload = link->offload; /* IN: what the caller can take */
	unsigned long flags = arch_irq_save();

	spin_lock(&attach_lock);
	if (!shared)
		shared = tap_create(offload, &err);
	spin_unlock(&attach_lock);
	arch_irq_restore(flags);
	if (!shared)
		return err;
	*link = (struct hermit_net_link){
	    .type = HERMIT_NET_TAP,
	    .mtu = answer.mtu,
	    .ip = answer.ip,
	    .netmask = answer.netmask,
	    .gateway = answer.gateway,
	    .offload = answer.offload,
	    .shared = shared,
	};
	kmemcpy(link->mac, answer.mac, sizeof(link->mac));
	return 0;
}

/* The doorbell: KVM signals uhyve's eventfd, the vCPU goes on without an exit to uhyve. */
static void tap_notify(void)
{
	__asm__ volatile("outl %0, %1"
	                 :
	                 : "a"(0u), "Nd"((uint16_t)(boot_info->uhyve_port_base + UHYVE_HC_NET_KICK))
	                 : "memory");
}

const struct platform_net tap_net = {
    .attach = tap_attach,
    .notify = tap_notify,
};
