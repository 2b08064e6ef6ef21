/* SPDX-License-Identifier: BSD-3-Clause */
/* mmnif ABI: the shared-memory IPv4 link between Linux (net_device mmnif of hermit.ko) and an
 * isle, two rings of packet slots in isle memory, notified by IPIs. */
#ifndef HERMIT_ABI_MMNIF_H
#define HERMIT_ABI_MMNIF_H

#ifdef __KERNEL__
#include <linux/types.h> /* the Linux module */
#else
#include <stdint.h>
#endif

/*
 * Addresses: Linux is 192.168.28.1/24 (net_device `mmnif`), isle N is 192.168.28.(N + 2).
 * The link carries bare IPv4 packets (no Ethernet header, no ARP), at most
 * HERMIT_MMNIF_MTU bytes each.
 *
 * The isle kernel allocates one struct hermit_mmnif in its RAM (page aligned) when the
 * application first attaches the link, fills the IN fields and publishes its isle address
 * in hermit_isle_chan.mmnif_addr (abi_isle.h); until then Linux drops packets for the isle.
 * Linux treats everything in it as untrusted: it checks magic, version and size once per
 * use, lengths against HERMIT_MMNIF_MTU, and head - tail against HERMIT_MMNIF_SLOTS.
 *
 * Each direction is a single-producer single-consumer ring of fixed slots. head and tail
 * count packets for ever (slot = index % HERMIT_MMNIF_SLOTS); only the producer writes head,
 * only the consumer writes tail.
 *   Producer: if head - tail == SLOTS the ring is full: set producer_waiting, full fence,
 *     re-check, and wait for a notification (backpressure: nothing is dropped). Otherwise
 *     fill slot[head % SLOTS] (len last), store-release head + 1, full fence; if
 *     consumer_waiting, clear it and notify the consumer.
 *   Consumer: while tail != head (load-acquire): copy slot[tail % SLOTS], store-release
 *     tail + 1; then, with a full fence, if producer_waiting, clear it and notify the
 *     producer. When the ring is empty: set consumer_waiting, full fence, re-check, sleep.
 * Notifications: to the isle, a fixed IPI with vector isle_vector to APIC id isle_apic_id
 * (physical destination); to Linux, the channel's notification IPI (abi_isle.h). A spurious
 * notification is harmless; both sides re-check the rings after every wake-up.
 */
/*
 * uhyve's tap link (abi_uhyve.h, UHYVE_HC_NET_ATTACH) uses the same structure and protocol
 * with uhyve in Linux's place: slots hold Ethernet frames (len 14 .. 14 + MTU), isle_ip is
 * unused, notifications are an ioeventfd doorbell to uhyve and an MSI (irqfd) to the guest.
 *
 * Checksum offload, only on uhyve's link: the guest offers what it can take in `offload`,
 * uhyve answers what it does in uhyve_net_attach.offload (a subset); without that, and on
 * mmnif, slot flags are 0 and ignored.
 *   HERMIT_MMNIF_F_CSUM_PARTIAL, to_host, needs HERMIT_NET_OFFLOAD_TX_CSUM: the frame is an
 *     unfragmented IPv4 TCP or UDP packet whose TCP/UDP checksum the guest did not compute;
 *     uhyve has it filled before the frame leaves (a frame that is no such packet is sent as
 *     it is: a guest spoils only its own frames).
 *   HERMIT_MMNIF_F_CSUM_VALID, to_isle, with HERMIT_NET_OFFLOAD_RX_CSUM: the frame is an
 *     unfragmented IPv4 TCP or UDP packet that came from the host's stack, which marked it as
 *     intact (virtio_net_hdr NEEDS_CSUM or DATA_VALID, or cut by uhyve from such a frame):
 *     the guest need not verify its TCP/UDP checksum, which may not be filled in. Frames
 *     without the flag are checked as usual.
 */
#define HERMIT_MMNIF_F_CSUM_PARTIAL 0x1u
#define HERMIT_MMNIF_F_CSUM_VALID   0x2u
#define HERMIT_ETH_HLEN             14
#define HERMIT_MMNIF_MAGIC          0x46494e4d4d524548ULL /* "HERMMNIF" in memory order */
#define HERMIT_MMNIF_VERSION        1
#define HERMIT_MMNIF_SLOTS          256 /* per direction, a power of two */
#define HERMIT_MMNIF_SLOT_SIZE      2048
#define HERMIT_MMNIF_MTU            1500
#define HERMIT_MMNIF_NET            0xc0a81c00u /* 192.168.28.0, host order */
#define HERMIT_MMNIF_NETMASK        0xffffff00u
#define HERMIT_MMNIF_HOST_IP        (HERMIT_MMNIF_NET | 1)
#define HERMIT_MMNIF_ISLE_IP(n)     (HERMIT_MMNIF_NET | ((n) + 2))

struct hermit_mmnif_slot {
	uint32_t len;   /* bytes of the IPv4 packet in data[], 20 .. HERMIT_MMNIF_MTU */
	uint32_t flags; /* HERMIT_MMNIF_F_*, written with the frame (0 on mmnif) */
	uint8_t data[HERMIT_MMNIF_SLOT_SIZE - 8];
};

struct hermit_mmnif_ring {
	uint64_t head; /* producer: packets ever written */
	uint64_t reserved0[7];
	uint64_t tail; /* consumer: packets ever consumed */
	uint64_t reserved1[7];
	uint32_t consumer_waiting; /* consumer: 1 = notify me after adding */
	uint32_t producer_waiting; /* producer: 1 = notify me after freeing a slot */
	uint64_t reserved2[7];
	struct hermit_mmnif_slot slot[HERMIT_MMNIF_SLOTS];
};

struct hermit_mmnif {
	/* IN, written by the isle kernel before it publishes the link */
	uint64_t magic;       /* HERMIT_MMNIF_MAGIC */
	uint32_t version;     /* HERMIT_MMNIF_VERSION */
	uint32_t size;        /* sizeof(struct hermit_mmnif) */
	uint32_t isle_ip;     /* host byte order */
	uint32_t isle_vector; /* IPI vector that notifies the isle */
	uint32_t isle_apic_id;
	uint32_t offload; /* uhyve's link: HERMIT_NET_OFFLOAD_* the guest can take (abi_uhyve.h) */
	uint64_t reserved1[4];
	struct hermit_mmnif_ring to_isle; /* Linux produces, the isle consumes */
	struct hermit_mmnif_ring to_host; /* the isle produces, Linux consumes */
};

_Static_assert(sizeof(struct hermit_mmnif_slot) == HERMIT_MMNIF_SLOT_SIZE, "mmnif slot");
_Static_assert(sizeof(struct hermit_mmnif_ring) == 192 + HERMIT_MMNIF_SLOTS * 2048, "mmnif ring");
_Static_assert(sizeof(struct hermit_mmnif) == 64 + 2 * sizeof(struct hermit_mmnif_ring),
               "mmnif layout");
_Static_assert((HERMIT_MMNIF_SLOTS & (HERMIT_MMNIF_SLOTS - 1)) == 0, "slots: power of two");

#endif
