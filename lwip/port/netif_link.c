/* SPDX-License-Identifier: BSD-3-Clause */
/* lwIP's netif for the platform's link: the shared rings of abi_mmnif.h, bare IPv4 packets
 * to Linux on an isle (mmnif), Ethernet frames to uhyve's tap; notifications through the
 * kernel (sys_net_*). */
#include "lwip/opt.h" /* first: arch/cc.h sets FD_SETSIZE before newlib's headers */
#include "lwip/ip.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/tcpip.h"
#include "netif/etharp.h"
#include "netif/ethernet.h"

#include <hermit/abi_mmnif.h>
#include <hermit/abi_uhyve.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <hermit/syscall.h>

#include "hermit_netif.h"

/* Packets taken from the ring per hold of the core lock. */
#define RX_BATCH 32
/* How long the receive thread of uhyve's link polls before it sleeps (ns). */
#define RX_SPIN_NS 150000ULL
/* A producer waiting for room re-checks at least this often (ns), in case Linux took
 * packets without being asked to notify. */
#define TX_RECHECK_NS 10000000ULL
/* The receive thread asleep re-checks its ring this often (ns): a lost notification (seen
 * as rare stalls of uhyve's guests in the nested QEMU, whose nested interrupts are not
 * reliable) then costs a pause instead of the link. One wake-up per 100 ms when idle. */
#define RX_RECHECK_NS 100000000ULL

static struct netif link_netif;
static struct hermit_net_link net_link;
static struct hermit_mmnif *shm;
static bool ethernet; /* HERMIT_NET_TAP: frames with Ethernet headers, ARP */
/* uhyve fills our TCP/UDP checksums / vouches for some of the frames it gives us
 * (HERMIT_NET_OFFLOAD_*, abi_mmnif.h); set once at attach, before any segment exists. */
static bool tx_csum, rx_csum;
/* The netif's checksum flags while a frame without HERMIT_MMNIF_F_CSUM_VALID is input. */
static u16_t csum_flags;
static uint64_t tx_waits; /* times the isle waited for room (backpressure), for debugging */

static uint64_t now_ns(void)
{
	struct hermit_timespec ts;

	sys_clock_gettime(HERMIT_CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.sec * 1000000000u + (uint64_t)ts.nsec;
}

static uint64_t ring_used(struct hermit_mmnif_ring *r)
{
	return __atomic_load_n(&r->head, __ATOMIC_ACQUIRE) -
	       __atomic_load_n(&r->tail, __ATOMIC_ACQUIRE);
}

u16_t lwip_standard_chksum(const void *dataptr, int len);

/* LWIP_CHKSUM_COPY (lwipopts.h): tcp_write's copy, with the sum only if it is used. */
unsigned short hermit_chksum_copy(void *dst, const void *src, unsigned short len)
{
	memcpy(dst, src, len);
	return tx_csum ? 0 : lwip_standard_chksum(dst, len);
}

/* A frame's flags for uhyve: HERMIT_MMNIF_F_CSUM_PARTIAL for an unfragmented IPv4 TCP or
 * UDP packet, whose checksum lwIP left to uhyve (NETIF_CHECKSUM_GEN_TCP/UDP off). A
 * fragmented UDP datagram goes with checksum 0 ("none", RFC 768), as lwIP leaves it. */
static uint32_t tx_flags(const uint8_t *f, uint32_t len)
{
	const uint8_t *ip = f + HERMIT_ETH_HLEN;

	if (!tx_csum || len < HERMIT_ETH_HLEN + 20 || f[12] != 0x08 || f[13] != 0x00 ||
	    (ip[6] & 0x3f) || ip[7] || (ip[9] != IP_PROTO_TCP && ip[9] != IP_PROTO_UDP))
		return 0;
	return HERMIT_MMNIF_F_CSUM_PARTIAL;
}

/* Producer: isle -> Linux. lwIP calls it under the core lock, so one at a time. A full ring
 * waits for Linux (it drains without ever waiting for the isle): nothing is dropped. */
static err_t ring_output(struct pbuf *p, uint32_t max)
{
	struct hermit_mmnif_ring *r = &shm->to_host;
	uint64_t head = r->head;

	if (p->tot_len > max)
		return ERR_BUF;
	while (head - __atomic_load_n(&r->tail, __ATOMIC_ACQUIRE) >= HERMIT_MMNIF_SLOTS) {
		int32_t seen = sys_net_events();

		__atomic_store_n(&r->producer_waiting, 1, __ATOMIC_SEQ_CST);
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		if (head - __atomic_load_n(&r->tail, __ATOMIC_ACQUIRE) < HERMIT_MMNIF_SLOTS)
			break;
		tx_waits++;
		sys_net_notify(); /* Linux may be asleep with work to do: wake it anyway */
		sys_net_wait(seen, now_ns() + TX_RECHECK_NS);
	}
	struct hermit_mmnif_slot *s = &r->slot[head % HERMIT_MMNIF_SLOTS];
	pbuf_copy_partial(p, s->data, p->tot_len, 0);
	s->flags = ethernet ? tx_flags(s->data, p->tot_len) : 0;
	s->len = p->tot_len;
	__atomic_store_n(&r->head, head + 1, __ATOMIC_RELEASE);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (__atomic_load_n(&r->consumer_waiting, __ATOMIC_RELAXED)) {
		__atomic_store_n(&r->consumer_waiting, 0, __ATOMIC_RELAXED);
		sys_net_notify();
	}
	return ERR_OK;
}

/* mmnif: bare IPv4 packets. */
static err_t link_output(struct netif *nif, struct pbuf *p, const ip4_addr_t *dst)
{
	(void)nif;
	(void)dst;
	return ring_output(p, net_link.mtu);
}

/* tap: Ethernet frames (etharp_output adds the header). */
static err_t link_linkoutput(struct netif *nif, struct pbuf *p)
{
	(void)nif;
	return ring_output(p, net_link.mtu + HERMIT_ETH_HLEN);
}

/* Hands up to RX_BATCH packets to lwIP directly (core locked: no mailbox that could drop
 * them when full); returns how many slots it consumed. */
static unsigned rx_batch(struct hermit_mmnif_ring *r)
{
	uint64_t tail = r->tail, head = __atomic_load_n(&r->head, __ATOMIC_ACQUIRE);
	unsigned n = 0;

	uint32_t min = ethernet ? HERMIT_ETH_HLEN : 20;
	uint32_t max = net_link.mtu + (ethernet ? HERMIT_ETH_HLEN : 0);

	LOCK_TCPIP_CORE();
	for (; tail != head && n < RX_BATCH; tail++, n++) {
		struct hermit_mmnif_slot *s = &r->slot[tail % HERMIT_MMNIF_SLOTS];
		uint32_t len = s->len;
		struct pbuf *p;

		if (len < min || len > max)
			continue;
		/* Per frame: only what uhyve vouched for skips lwIP's TCP/UDP check. */
		if (rx_csum && (s->flags & HERMIT_MMNIF_F_CSUM_VALID))
			NETIF_SET_CHECKSUM_CTRL(
			    &link_netif,
			    csum_flags & ~(NETIF_CHECKSUM_CHECK_TCP | NETIF_CHECKSUM_CHECK_UDP));
		else
			NETIF_SET_CHECKSUM_CTRL(&link_netif, csum_flags);
		p = pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_RAM);
		if (!p)
			continue; /* out of memory: the peer's TCP sends it again */
		pbuf_take(p, s->data, (u16_t)len);
		if (link_netif.input(p, &link_netif) != ERR_OK)
			pbuf_free(p);
	}
	NETIF_SET_CHECKSUM_CTRL(&link_netif, csum_flags);
	UNLOCK_TCPIP_CORE();
	__atomic_store_n(&r->tail, tail, __ATOMIC_RELEASE);
	return n;
}

/* Consumer: Linux -> isle, for ever. */
static void rx_thread(void *arg)
{
	struct hermit_mmnif_ring *r = &shm->to_isle;

	(void)arg;
	for (;;) {
		int32_t seen = sys_net_events();

		if (ring_used(r) == 0 && ethernet) {
			/* uhyve's link: an interrupt costs a trap and emulated CPL0 code (~100 us
			 * on a PVM host); an answer that comes soon is cheaper to wait for awake,
			 * letting other threads run meanwhile. */
			uint64_t end = now_ns() + RX_SPIN_NS;

			while (ring_used(r) == 0 && now_ns() < end)
				sys_yield();
		}
		if (ring_used(r) == 0) {
			__atomic_store_n(&r->consumer_waiting, 1, __ATOMIC_SEQ_CST);
			__atomic_thread_fence(__ATOMIC_SEQ_CST);
			if (ring_used(r) == 0)
				sys_net_wait(seen, now_ns() + RX_RECHECK_NS);
			__atomic_store_n(&r->consumer_waiting, 0, __ATOMIC_RELAXED);
			continue;
		}
		rx_batch(r);
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		if (__atomic_load_n(&r->producer_waiting, __ATOMIC_RELAXED)) {
			__atomic_store_n(&r->producer_waiting, 0, __ATOMIC_RELAXED);
			sys_net_notify();
		}
	}
}

static err_t link_init(struct netif *nif)
{
	nif->mtu = (u16_t)net_link.mtu;
	if (ethernet) {
		nif->name[0] = 'e';
		nif->name[1] = 't';
		nif->output = etharp_output;
		nif->linkoutput = link_linkoutput;
		nif->hwaddr_len = ETH_HWADDR_LEN;
		memcpy(nif->hwaddr, net_link.mac, ETH_HWADDR_LEN);
		nif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET;
	} else {
		nif->name[0] = 'm';
		nif->name[1] = 'm';
		nif->output = link_output;
		nif->flags = 0; /* point to point: no ARP, no broadcast */
	}
	/* TCP/UDP checksums left to uhyve when it fills them (tx_flags marks the frames). */
	csum_flags = NETIF_CHECKSUM_ENABLE_ALL;
	if (tx_csum)
		csum_flags &= (u16_t) ~(NETIF_CHECKSUM_GEN_TCP | NETIF_CHECKSUM_GEN_UDP);
	NETIF_SET_CHECKSUM_CTRL(nif, csum_flags);
	return ERR_OK;
}

/* Longest wait at exit for data still queued on the link (ms). */
#define EXIT_FLUSH_MS 2000

/* True while a TCP connection has data not yet acknowledged, or the ring to the host still
 * holds frames. */
static bool link_busy(void)
{
	bool busy = ring_used(&shm->to_host) != 0;

	LOCK_TCPIP_CORE();
	for (struct tcp_pcb *pcb = tcp_active_pcbs; pcb && !busy; pcb = pcb->next)
		busy = pcb->unsent || pcb->unacked;
	UNLOCK_TCPIP_CORE();
	return busy;
}

/*
 * At exit: Linux goes on sending what a process wrote before it closed its sockets and
 * ended; here the stack ends with the application, so it waits (bounded) until the peers
 * have acknowledged everything, as a program that echoes and exits expects.
 */
static void link_flush_at_exit(void)
{
	uint64_t deadline = now_ns() + EXIT_FLUSH_MS * 1000000ULL;

	while (link_busy() && now_ns() < deadline)
		sys_msleep(1);
}

void hermit_netif_start(void)
{
	ip4_addr_t ip, mask, gw;

	/* What this port can take (IN; the kernel hands it to uhyve's link). */
	net_link.offload = HERMIT_NET_OFFLOAD_TX_CSUM | HERMIT_NET_OFFLOAD_RX_CSUM;
	if (sys_net_attach(&net_link) != 0 ||
	    (net_link.type != HERMIT_NET_MMNIF && net_link.type != HERMIT_NET_TAP))
		return;
	shm = net_link.shared;
	ethernet = net_link.type == HERMIT_NET_TAP;
	tx_csum = ethernet && (net_link.offload & HERMIT_NET_OFFLOAD_TX_CSUM);
	rx_csum = ethernet && (net_link.offload & HERMIT_NET_OFFLOAD_RX_CSUM);
	ip4_addr_set_u32(&ip, lwip_htonl(net_link.ip));
	ip4_addr_set_u32(&mask, lwip_htonl(net_link.netmask));
	ip4_addr_set_u32(&gw, lwip_htonl(net_link.gateway));
	if (!netif_add(&link_netif, &ip, &mask, &gw, NULL, link_init,
	               ethernet ? ethernet_input : ip_input))
		return;
	netif_set_default(&link_netif);
	netif_set_up(&link_netif);
	netif_set_link_up(&link_netif);
	sys_thread_new(ethernet ? "tap-rx" : "mmnif-rx", rx_thread, NULL, 64 * 1024, 0);
	atexit(link_flush_at_exit);
}
