// SPDX-License-Identifier: GPL-2.0
/* mmnif: net_device of the shared-memory IPv4 link to the isles */
#define pr_fmt(fmt) "hermit: " fmt

#include <linux/if_arp.h>
#include <linux/ip.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <asm/apic.h>
#include <hermit/abi_mmnif.h>
#include "hermit.h"

/*
 * One device for all isles: a packet for 192.168.28.(N + 2) goes into isle N's
 * to_isle ring. Packets from the isles come in through NAPI, scheduled by the
 * isles' notification interrupt (hermit_dev.c). Transmission is serialised by
 * the device's single queue; the queue stops while a ring is full
 * (backpressure) and restarts when the isle notifies that it freed slots, or
 * at the latest after MMNIF_RETRY (a dead isle never blocks Linux).
 * Everything in the rings comes from an untrusted isle: lengths and indices
 * are checked, the slot index is always taken modulo the ring size.
 */
#define MMNIF_RETRY	(HZ / 100)

struct mmnif_priv {
	struct napi_struct napi;
	struct timer_list retry;	/* restarts a stopped queue */
};

static struct net_device *mmnif_dev;

/* The isle's link, checked; NULL if it is not running or has none yet. */
static struct hermit_mmnif *mmnif_of(struct hermit_isle *isle)
{
	struct hermit_mmnif *m;
	u64 addr, memsize;

	if (!isle || !READ_ONCE(isle->running))
		return NULL;
	addr = smp_load_acquire(&hermit_chan(isle)->mmnif_addr);
	memsize = READ_ONCE(isle->memsize);
	if (!addr || addr % PAGE_SIZE || addr < HERMIT_ISLE_IMAGE_MIN ||
	    addr > memsize || memsize - addr < sizeof(*m))
		return NULL;
	m = isle->mem + addr;
	if (READ_ONCE(m->magic) != HERMIT_MMNIF_MAGIC ||
	    READ_ONCE(m->version) != HERMIT_MMNIF_VERSION ||
	    READ_ONCE(m->size) != sizeof(*m))
		return NULL;
	return m;
}

/* A fixed IPI to one of the isle's own cores (never to a Linux core). */
static void mmnif_notify_isle(struct hermit_isle *isle, struct hermit_mmnif *m)
{
	u32 apicid = READ_ONCE(m->isle_apic_id);
	u32 vector = READ_ONCE(m->isle_vector);
	unsigned long flags;
	int i;

	if (vector < FIRST_EXTERNAL_VECTOR || vector > 0xff)
		return;
	for (i = 0; i < isle->ncpus; i++)
		if (per_cpu(x86_cpu_to_apicid, isle->cpus[i]) == apicid)
			break;
	if (i == isle->ncpus)
		return;
	local_irq_save(flags);
	apic->icr_write(APIC_DM_FIXED | vector, apicid);
	safe_apic_wait_icr_idle();
	local_irq_restore(flags);
}

static struct hermit_isle *mmnif_isle_of_ip(__be32 daddr)
{
	u32 dst = ntohl(daddr);
	int n = (int)(dst & 0xff) - 2;

	if ((dst & HERMIT_MMNIF_NETMASK) != HERMIT_MMNIF_NET || n < 0 ||
	    n >= MAX_NUMNODES)
		return NULL;
	return READ_ONCE(hermit_isles[n]);
}

/* Stops the queue unless the ring got room meanwhile; true if stopped. */
static bool mmnif_stop_if_full(struct net_device *dev, struct hermit_isle *isle,
			       struct hermit_mmnif *m, u64 head)
{
	struct hermit_mmnif_ring *r = &m->to_isle;
	struct mmnif_priv *priv = netdev_priv(dev);

	netif_stop_queue(dev);
	WRITE_ONCE(r->producer_waiting, 1);
	smp_mb();	/* producer_waiting before tail is read again */
	if (head - smp_load_acquire(&r->tail) < HERMIT_MMNIF_SLOTS) {
		netif_start_queue(dev);
		return false;
	}
	mmnif_notify_isle(isle, m);
	mod_timer(&priv->retry, jiffies + MMNIF_RETRY);
	return true;
}

static netdev_tx_t mmnif_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct hermit_mmnif_slot *slot;
	struct hermit_mmnif_ring *r;
	struct hermit_isle *isle;
	struct hermit_mmnif *m;
	u64 head;

	if (skb->protocol != htons(ETH_P_IP) ||
	    skb->len < sizeof(struct iphdr) || skb->len > HERMIT_MMNIF_MTU ||
	    !pskb_may_pull(skb, sizeof(struct iphdr)))
		goto drop;
	isle = mmnif_isle_of_ip(ip_hdr(skb)->daddr);
	m = mmnif_of(isle);
	if (!m)
		goto drop;
	r = &m->to_isle;
	head = READ_ONCE(r->head);
	if (head - smp_load_acquire(&r->tail) >= HERMIT_MMNIF_SLOTS &&
	    mmnif_stop_if_full(dev, isle, m, head))
		return NETDEV_TX_BUSY;	/* requeued until the restart */
	slot = &r->slot[head % HERMIT_MMNIF_SLOTS];
	if (skb_copy_bits(skb, 0, slot->data, skb->len))
		goto drop;
	WRITE_ONCE(slot->len, skb->len);
	smp_store_release(&r->head, head + 1);
	smp_mb();	/* head is visible before consumer_waiting is read */
	if (READ_ONCE(r->consumer_waiting)) {
		WRITE_ONCE(r->consumer_waiting, 0);
		mmnif_notify_isle(isle, m);
	}
	dev->stats.tx_packets++;
	dev->stats.tx_bytes += skb->len;
	dev_consume_skb_any(skb);
	return NETDEV_TX_OK;

drop:
	dev->stats.tx_dropped++;
	dev_kfree_skb_any(skb);
	return NETDEV_TX_OK;
}

/* Takes up to `budget` packets from the isle's to_host ring. */
static int mmnif_rx(struct net_device *dev, struct napi_struct *napi,
		    struct hermit_isle *isle, struct hermit_mmnif *m,
		    int budget)
{
	struct hermit_mmnif_ring *r = &m->to_host;
	u64 tail = READ_ONCE(r->tail);
	u64 head = smp_load_acquire(&r->head);
	int done = 0;

	if (head - tail > HERMIT_MMNIF_SLOTS) {
		pr_warn_ratelimited("isle%d: mmnif ring broken (%llu, %llu)\n",
				    isle->id, head, tail);
		dev->stats.rx_errors++;
		return 0;
	}
	for (; tail != head && done < budget; tail++, done++) {
		struct hermit_mmnif_slot *slot;
		struct sk_buff *skb;
		u32 len;

		slot = &r->slot[tail % HERMIT_MMNIF_SLOTS];
		len = READ_ONCE(slot->len);

		if (len < sizeof(struct iphdr) || len > HERMIT_MMNIF_MTU) {
			dev->stats.rx_length_errors++;
			continue;
		}
		skb = napi_alloc_skb(napi, len);
		if (!skb) {
			dev->stats.rx_dropped++;
			continue;
		}
		memcpy(skb_put(skb, len), slot->data, len);
		skb->protocol = htons(ETH_P_IP);
		skb_reset_mac_header(skb);
		skb_reset_network_header(skb);
		dev->stats.rx_packets++;
		dev->stats.rx_bytes += len;
		netif_receive_skb(skb);
	}
	smp_store_release(&r->tail, tail);
	smp_mb();	/* tail is visible before producer_waiting is read */
	if (READ_ONCE(r->producer_waiting)) {
		WRITE_ONCE(r->producer_waiting, 0);
		mmnif_notify_isle(isle, m);
	}
	return done;
}

/* Restarts a stopped queue once no running isle's to_isle ring is full. */
static void mmnif_check_queue(struct net_device *dev)
{
	struct hermit_mmnif *m;
	int n;

	if (!netif_queue_stopped(dev))
		return;
	for (n = 0; n < MAX_NUMNODES; n++) {
		m = mmnif_of(READ_ONCE(hermit_isles[n]));
		if (!m)
			continue;
		if (READ_ONCE(m->to_isle.head) -
		    smp_load_acquire(&m->to_isle.tail) >= HERMIT_MMNIF_SLOTS)
			return;
	}
	netif_wake_queue(dev);
}

/* After napi_complete: ask every isle to notify, then look once more. */
static bool mmnif_arm(void)
{
	struct hermit_mmnif *m;
	bool work = false;
	int n;

	for (n = 0; n < MAX_NUMNODES; n++) {
		m = mmnif_of(READ_ONCE(hermit_isles[n]));
		if (m)
			WRITE_ONCE(m->to_host.consumer_waiting, 1);
	}
	smp_mb();	/* consumer_waiting is visible before head is read */
	for (n = 0; n < MAX_NUMNODES; n++) {
		u64 used;

		m = mmnif_of(READ_ONCE(hermit_isles[n]));
		if (!m)
			continue;
		used = smp_load_acquire(&m->to_host.head) -
		       READ_ONCE(m->to_host.tail);
		/* A broken ring is not work: no polling storm for it. */
		if (used && used <= HERMIT_MMNIF_SLOTS)
			work = true;
	}
	return work;
}

static int mmnif_poll(struct napi_struct *napi, int budget)
{
	struct net_device *dev = napi->dev;
	struct hermit_isle *isle;
	int n, done = 0;

	for (n = 0; n < MAX_NUMNODES && done < budget; n++) {
		struct hermit_mmnif *m;

		isle = READ_ONCE(hermit_isles[n]);
		m = mmnif_of(isle);
		if (m)
			done += mmnif_rx(dev, napi, isle, m, budget - done);
	}
	mmnif_check_queue(dev);
	if (done < budget && napi_complete_done(napi, done) && mmnif_arm())
		napi_schedule(napi);
	return done;
}

static void mmnif_retry(struct timer_list *t)
{
	struct mmnif_priv *priv = from_timer(priv, t, retry);

	napi_schedule(&priv->napi);
	if (netif_queue_stopped(mmnif_dev))
		mod_timer(&priv->retry, jiffies + MMNIF_RETRY);
}

/* From an isle's notification interrupt. */
void hermit_net_notify(void)
{
	struct net_device *dev = READ_ONCE(mmnif_dev);

	if (dev && netif_running(dev))
		napi_schedule(&((struct mmnif_priv *)netdev_priv(dev))->napi);
}

static int mmnif_open(struct net_device *dev)
{
	struct mmnif_priv *priv = netdev_priv(dev);

	napi_enable(&priv->napi);
	netif_start_queue(dev);
	napi_schedule(&priv->napi);	/* packets that came while down */
	return 0;
}

static int mmnif_stop(struct net_device *dev)
{
	struct mmnif_priv *priv = netdev_priv(dev);

	netif_stop_queue(dev);
	del_timer_sync(&priv->retry);
	napi_disable(&priv->napi);
	return 0;
}

static const struct net_device_ops mmnif_ops = {
	.ndo_open = mmnif_open,
	.ndo_stop = mmnif_stop,
	.ndo_start_xmit = mmnif_xmit,
};

/* Bare IPv4 packets: no link-layer header, no ARP (as tun). */
static void mmnif_setup(struct net_device *dev)
{
	dev->netdev_ops = &mmnif_ops;
	dev->type = ARPHRD_NONE;
	dev->hard_header_len = 0;
	dev->addr_len = 0;
	dev->mtu = HERMIT_MMNIF_MTU;
	dev->min_mtu = 68;
	dev->max_mtu = HERMIT_MMNIF_MTU;
	dev->tx_queue_len = 1000;
	dev->flags = IFF_NOARP | IFF_POINTOPOINT;
}

int hermit_net_init(void)
{
	struct mmnif_priv *priv;
	struct net_device *dev;
	int ret;

	dev = alloc_netdev(sizeof(*priv), "mmnif", NET_NAME_PREDICTABLE,
			   mmnif_setup);
	if (!dev)
		return -ENOMEM;
	priv = netdev_priv(dev);
	netif_napi_add(dev, &priv->napi, mmnif_poll);
	timer_setup(&priv->retry, mmnif_retry, 0);
	ret = register_netdev(dev);
	if (ret) {
		pr_err("mmnif: register_netdev failed (%d)\n", ret);
		netif_napi_del(&priv->napi);
		free_netdev(dev);
		return ret;
	}
	WRITE_ONCE(mmnif_dev, dev);
	return 0;
}

void hermit_net_exit(void)
{
	struct net_device *dev = mmnif_dev;
	struct mmnif_priv *priv;

	if (!dev)
		return;
	WRITE_ONCE(mmnif_dev, NULL);
	/* IRQ handlers run with preemption off: after this, none uses dev. */
	synchronize_rcu();
	unregister_netdev(dev);
	priv = netdev_priv(dev);
	del_timer_sync(&priv->retry);
	netif_napi_del(&priv->napi);
	free_netdev(dev);
}
