/* SPDX-License-Identifier: BSD-3-Clause */
/* The tap link's checksum offload (uhyve_net_gso.c): a TCP or UDP frame the guest left
 * unsummed gets a virtio_net_hdr whose completion gives the correctly summed frame; frames
 * from the tap are flagged HERMIT_MMNIF_F_CSUM_VALID only when Linux vouched for them and
 * the guest takes the flag, and are then passed on unsummed. */
#include <string.h>

#include <hermit/abi_mmnif.h>

#include "../uhyve.h"
#include "unit.h"

/* A checksummed Ethernet/IPv4/UDP frame of n payload bytes; its length. */
static uint32_t udp_frame(uint8_t *f, uint32_t n)
{
	uint32_t len = unit_tcp_frame(f, 0, 0, 0x10), l4 = 8 + n;
	uint8_t *ip = f + 14, *udp = f + 34;

	(void)len;
	ip[9] = 17;
	ip[2] = (uint8_t)((20 + l4) >> 8), ip[3] = (uint8_t)(20 + l4);
	ip[10] = ip[11] = 0;
	uint16_t c = (uint16_t)~uhyve_csum_fold(uhyve_csum_add(0, ip, 20));
	ip[10] = (uint8_t)(c >> 8), ip[11] = (uint8_t)c;
	udp[0] = 0x9c, udp[1] = 0x41, udp[2] = 0x1e, udp[3] = 0x61;
	udp[4] = (uint8_t)(l4 >> 8), udp[5] = (uint8_t)l4, udp[6] = udp[7] = 0;
	for (uint32_t k = 0; k < n; k++)
		udp[8 + k] = (uint8_t)(k * 13 + 5);
	uint64_t sum = uhyve_csum_add(0, ip + 12, 8) + 17 + l4;
	c = (uint16_t)~uhyve_csum_fold(uhyve_csum_add(sum, udp, l4));
	udp[6] = (uint8_t)(c >> 8), udp[7] = (uint8_t)c;
	return 34 + l4;
}

/* What the tap's reader does with NEEDS_CSUM: sum from csum_start, store at + csum_offset. */
static void complete(const struct virtio_net_hdr *vh, uint8_t *f, uint32_t len)
{
	uint16_t c =
	    (uint16_t)~uhyve_csum_fold(uhyve_csum_add(0, f + vh->csum_start, len - vh->csum_start));

	f[vh->csum_start + vh->csum_offset] = (uint8_t)(c >> 8);
	f[vh->csum_start + vh->csum_offset + 1] = (uint8_t)c;
}

/* The guest's frame f with its checksum at `at` zeroed, through uhyve_l4_csum_partial and
 * the tap's completion: whether that gives f back, byte for byte. */
static bool tx_roundtrip(const uint8_t *f, uint32_t len, uint32_t at, uint16_t offset)
{
	static uint8_t g[UHYVE_FRAME_MAX], sent[UHYVE_FRAME_MAX];
	uint8_t hdr[UHYVE_TCP_HDR_MAX];
	struct virtio_net_hdr vh;
	uint32_t hl;

	memcpy(g, f, len);
	g[at] = g[at + 1] = 0;
	if (uhyve_l4_csum_partial(g, len, hdr, &hl, &vh) ||
	    vh.flags != VIRTIO_NET_HDR_F_NEEDS_CSUM || vh.gso_type != VIRTIO_NET_HDR_GSO_NONE ||
	    vh.csum_start != 34 || vh.csum_offset != offset)
		return false;
	memcpy(sent, hdr, hl);
	memcpy(sent + hl, g + hl, len - hl);
	complete(&vh, sent, len);
	return !memcmp(sent, f, len);
}

static void test_tx(void)
{
	static uint8_t f[UHYVE_FRAME_MAX], hdr[UHYVE_TCP_HDR_MAX];
	struct virtio_net_hdr vh;
	uint32_t len, hl;

	len = unit_tcp_frame(f, 1, 1000, 0x18);
	unit_u64("csum tx: TCP data segment summed by the tap's reader",
	         tx_roundtrip(f, len, 50, 16), 1);
	len = unit_tcp_frame(f, 1, 0, 0x12); /* SYN-ACK, no payload */
	unit_u64("csum tx: TCP without payload", tx_roundtrip(f, len, 50, 16), 1);
	len = udp_frame(f, 777);
	unit_u64("csum tx: UDP datagram", tx_roundtrip(f, len, 40, 6), 1);
	len = udp_frame(f, 1);
	unit_u64("csum tx: UDP, odd length", tx_roundtrip(f, len, 40, 6), 1);

	len = udp_frame(f, 100);
	f[14 + 6] = 0x20; /* more fragments */
	unit_u64("csum tx: a fragment is refused",
	         (uint64_t)uhyve_l4_csum_partial(f, len, hdr, &hl, &vh), (uint64_t)-1);
	len = unit_tcp_frame(f, 0, 100, 0x10);
	f[12] = 0x08, f[13] = 0x06; /* ARP */
	unit_u64("csum tx: not IPv4: refused",
	         (uint64_t)uhyve_l4_csum_partial(f, len, hdr, &hl, &vh), (uint64_t)-1);
	len = unit_tcp_frame(f, 0, 100, 0x10);
	unit_u64("csum tx: IP length shorter than the frame: refused",
	         (uint64_t)uhyve_l4_csum_partial(f, len + 4, hdr, &hl, &vh), (uint64_t)-1);
	f[14 + 9] = 1; /* ICMP */
	unit_u64("csum tx: ICMP refused", (uint64_t)uhyve_l4_csum_partial(f, len, hdr, &hl, &vh),
	         (uint64_t)-1);
}

/* One frame from the tap (no GSO) with virtio flags vf: the flags uhyve gives the guest,
 * and whether the frame reached it unchanged. */
static uint32_t rx_flags(uint8_t *f, uint32_t len, uint8_t vf, bool offload, bool *same)
{
	static uint8_t copy[UHYVE_FRAME_MAX], out[UHYVE_FRAME_MAX];
	struct virtio_net_hdr vh = {.flags = vf, .csum_start = 34, .csum_offset = 16};
	uint32_t flags = 0xdead, got;

	memcpy(copy, f, len);
	got = uhyve_tso_count(&vh, copy, len) == 1
	          ? uhyve_tso_segment(&vh, copy, len, 0, offload, out, &flags)
	          : 0;
	*same = got == len && !memcmp(out, f, len);
	return got ? flags : 0xdead;
}

static void test_rx(void)
{
	static uint8_t f[3][UHYVE_FRAME_MAX], big[4096], out[UHYVE_FRAME_MAX];
	uint32_t len[3], off = 54, got, fl;
	struct uhyve_tcp_seg s;
	struct virtio_net_hdr vh;
	bool ok = true, same;

	for (unsigned i = 0; i < 3; i++)
		len[i] = unit_tcp_frame(f[i], i, i == 2 ? 300 : 1000, i == 2 ? 0x18 : 0x10);
	uhyve_tcp_parse(f[0], len[0], &s);
	uhyve_tcp_merged_header(&s, 2300, true, &vh);
	memcpy(big, s.hdr, 54);
	for (unsigned i = 0; i < 3; i++) {
		memcpy(big + off, f[i] + 54, len[i] - 54);
		off += len[i] - 54;
	}
	for (unsigned i = 0; i < 3; i++) {
		got = uhyve_tso_segment(&vh, big, off, i, true, out, &fl);
		/* all but the checksum (bytes 50-51), which nobody computed */
		ok = ok && got == len[i] && fl == HERMIT_MMNIF_F_CSUM_VALID &&
		     !memcmp(out, f[i], 50) && !memcmp(out + 52, f[i] + 52, got - 52);
	}
	unit_u64("csum rx: GSO segments flagged valid, the rest byte for byte", ok, 1);

	unit_u64("csum rx: NEEDS_CSUM frame flagged valid, left unsummed",
	         rx_flags(f[2], len[2], VIRTIO_NET_HDR_F_NEEDS_CSUM, true, &same) ==
	                 HERMIT_MMNIF_F_CSUM_VALID &&
	             same,
	         1);
	unit_u64("csum rx: DATA_VALID frame flagged valid",
	         rx_flags(f[2], len[2], VIRTIO_NET_HDR_F_DATA_VALID, true, &same) ==
	                 HERMIT_MMNIF_F_CSUM_VALID &&
	             same,
	         1);
	unit_u64("csum rx: a frame Linux did not vouch for is not flagged",
	         rx_flags(f[2], len[2], 0, true, &same) == 0 && same, 1);
	unit_u64("csum rx: nothing flagged for a guest without offload",
	         rx_flags(f[2], len[2], VIRTIO_NET_HDR_F_DATA_VALID, false, &same), 0);
	f[2][14 + 7] = 8; /* fragment offset 64 bytes */
	unit_u64("csum rx: DATA_VALID fragment not flagged",
	         rx_flags(f[2], len[2], VIRTIO_NET_HDR_F_DATA_VALID, true, &same), 0);
	f[2][14 + 7] = 0;
	f[2][14 + 9] = 1; /* ICMP */
	unit_u64("csum rx: DATA_VALID non-TCP/UDP not flagged",
	         rx_flags(f[2], len[2], VIRTIO_NET_HDR_F_DATA_VALID, true, &same), 0);
}

void test_net_csum(void)
{
	test_tx();
	test_rx();
}
