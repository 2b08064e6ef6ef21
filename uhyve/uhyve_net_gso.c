/* SPDX-License-Identifier: BSD-3-Clause */
/* TCP segmentation offload for the tap link (HERMIT_NET_GSO): the guest's consecutive TCP
 * segments of one flow merge into one large frame for the tap, and the tap's large frames
 * are cut into MSS-sized ones for the guest. Pure: bytes in, bytes out, no guest pointers. */
#include <string.h>

#include <hermit/abi_mmnif.h>

#include "uhyve.h"

#define ETH_HLEN     14
#define ETH_P_IPV4   0x0800
#define IP_PROTO_TCP 6
#define IP_PROTO_UDP 17
#define TCP_FIN      0x01
#define TCP_SYN      0x02
#define TCP_RST      0x04
#define TCP_PSH      0x08
#define TCP_ACK      0x10
#define TCP_URG      0x20
#define TCP_CWR      0x80

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)(v >> 16));
	put16(p + 2, (uint16_t)v);
}

/* One's complement sum of big-endian 16-bit words (RFC 1071), not folded. */
uint64_t uhyve_csum_add(uint64_t sum, const uint8_t *p, size_t len)
{
	for (; len >= 8; p += 8, len -= 8)
		sum += (uint64_t)get32(p) + get32(p + 4);
	for (; len >= 2; p += 2, len -= 2)
		sum += get16(p);
	if (len)
		sum += (uint64_t)p[0] << 8;
	return sum;
}

uint16_t uhyve_csum_fold(uint64_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum;
}

/* The TCP/UDP pseudo header of an IPv4 header for an L4 length. */
static uint64_t pseudo_sum(const uint8_t *ip, uint32_t l4_len, uint8_t proto)
{
	return uhyve_csum_add(0, ip + 12, 8) + proto + l4_len;
}

static void ip_csum_set(uint8_t *ip, unsigned ihl)
{
	put16(ip + 10, 0);
	put16(ip + 10, (uint16_t)~uhyve_csum_fold(uhyve_csum_add(0, ip, ihl)));
}

/* Where an unfragmented IPv4 TCP or UDP packet keeps its parts, offsets in the frame. */
struct l4_pos {
	uint32_t start;   /* the TCP/UDP header */
	uint32_t csum;    /* its checksum field */
	uint32_t hdr_end; /* the end of the TCP/UDP header */
	uint32_t len;     /* TCP/UDP header and payload (IP length - IP header) */
};

/*
 * Whether the frame is an unfragmented IPv4 TCP or UDP packet with consistent lengths (the
 * IP length may be shorter than the frame: padding) and headers of at most
 * UHYVE_TCP_HDR_MAX bytes; fills *l when it is.
 */
static bool l4_find(const uint8_t *f, uint32_t len, struct l4_pos *l)
{
	const uint8_t *ip = f + ETH_HLEN;
	unsigned ihl, l4h;
	uint32_t tot;

	if (len < ETH_HLEN + 20 + 8 || get16(f + 12) != ETH_P_IPV4 || ip[0] >> 4 != 4)
		return false;
	ihl = (ip[0] & 0xf) * 4u;
	tot = get16(ip + 2);
	if (ihl < 20 || tot > len - ETH_HLEN || (get16(ip + 6) & 0x3fff))
		return false;
	if (ip[9] == IP_PROTO_TCP && tot >= ihl + 20 && ETH_HLEN + ihl + 13 < len)
		l4h = (ip[ihl + 12] >> 4) * 4u;
	else if (ip[9] == IP_PROTO_UDP)
		l4h = 8;
	else
		return false;
	if (l4h < 8 || ihl + l4h > tot || ETH_HLEN + ihl + l4h > UHYVE_TCP_HDR_MAX)
		return false;
	l->start = ETH_HLEN + ihl;
	l->csum = l->start + (ip[9] == IP_PROTO_TCP ? 16 : 6);
	l->hdr_end = l->start + l4h;
	l->len = tot - ihl;
	return true;
}

int uhyve_l4_csum_partial(const uint8_t *f, uint32_t len, uint8_t *hdr, uint32_t *hdr_len,
                          struct virtio_net_hdr *vh)
{
	struct l4_pos l;

	/* Parse a copy: the guest may change its frame meanwhile. */
	memcpy(hdr, f, len < UHYVE_TCP_HDR_MAX ? len : UHYVE_TCP_HDR_MAX);
	if (!l4_find(hdr, len, &l) || l.start + l.len != len)
		return -1;
	*hdr_len = l.hdr_end;
	*vh = (struct virtio_net_hdr){
	    .flags = VIRTIO_NET_HDR_F_NEEDS_CSUM,
	    .gso_type = VIRTIO_NET_HDR_GSO_NONE,
	    .hdr_len = (uint16_t)l.hdr_end,
	    .csum_start = (uint16_t)l.start,
	    .csum_offset = (uint16_t)(l.csum - l.start),
	};
	put16(hdr + l.csum, uhyve_csum_fold(pseudo_sum(hdr + ETH_HLEN, l.len, hdr[ETH_HLEN + 9])));
	return 0;
}

int uhyve_tcp_parse(const uint8_t *f, uint32_t len, struct uhyve_tcp_seg *t)
{
	const uint8_t *ip = t->hdr + ETH_HLEN, *tcp;
	unsigned ihl, doff;

	if (len < ETH_HLEN + 20 + 20)
		return -1;
	/* Parse a copy: the guest may change its frame meanwhile. */
	memcpy(t->hdr, f, len < UHYVE_TCP_HDR_MAX ? len : UHYVE_TCP_HDR_MAX);
	if (get16(t->hdr + 12) != ETH_P_IPV4)
		return -1;
	ihl = (ip[0] & 0xf) * 4u;
	if (ip[0] >> 4 != 4 || ihl != 20 || ip[9] != IP_PROTO_TCP || (get16(ip + 6) & 0x3fff) ||
	    get16(ip + 2) != len - ETH_HLEN)
		return -1;
	tcp = ip + ihl;
	doff = (tcp[12] >> 4) * 4u;
	if (doff < 20 || ETH_HLEN + ihl + doff >= len || ETH_HLEN + ihl + doff > UHYVE_TCP_HDR_MAX)
		return -1;
	if ((tcp[13] & ~(TCP_ACK | TCP_PSH)) || !(tcp[13] & TCP_ACK))
		return -1; /* only plain data segments merge */
	t->hdr_len = ETH_HLEN + ihl + doff;
	t->payload = len - t->hdr_len;
	t->seq = get32(tcp + 4);
	return 0;
}

bool uhyve_tcp_follows(const struct uhyve_tcp_seg *a, uint32_t next_seq,
                       const struct uhyve_tcp_seg *b)
{
	const uint8_t *x = a->hdr, *y = b->hdr;
	const unsigned ip = ETH_HLEN, tcp = ETH_HLEN + 20;

	/* Ethernet header, IP version .. TOS, IP flags .. protocol, addresses, ports; then ack,
	 * header length, window, urgent pointer, options. Not: lengths, IDs, checksums, seq,
	 * PSH. */
	return a->hdr_len == b->hdr_len && b->seq == next_seq && !memcmp(x, y, ip + 2) &&
	       !memcmp(x + ip + 6, y + ip + 6, 4) && !memcmp(x + ip + 12, y + ip + 12, 8 + 4) &&
	       !memcmp(x + tcp + 8, y + tcp + 8, 5) && !memcmp(x + tcp + 14, y + tcp + 14, 2) &&
	       !memcmp(x + tcp + 18, y + tcp + 18, a->hdr_len - tcp - 18);
}

void uhyve_tcp_merged_header(struct uhyve_tcp_seg *first, uint32_t payload, bool psh,
                             struct virtio_net_hdr *vh)
{
	uint8_t *ip = first->hdr + ETH_HLEN, *tcp = ip + 20;
	uint32_t l4_len = first->hdr_len - ETH_HLEN - 20 + payload;

	*vh = (struct virtio_net_hdr){
	    .flags = VIRTIO_NET_HDR_F_NEEDS_CSUM,
	    .gso_type = VIRTIO_NET_HDR_GSO_TCPV4,
	    .hdr_len = (uint16_t)first->hdr_len,
	    .gso_size = (uint16_t)first->payload,
	    .csum_start = ETH_HLEN + 20,
	    .csum_offset = 16,
	};
	put16(ip + 2, (uint16_t)(20 + l4_len));
	ip_csum_set(ip, 20);
	if (psh)
		tcp[13] |= TCP_PSH;
	/* Partial checksum: the pseudo header's sum, the tap's consumer adds the rest. */
	put16(tcp + 16, uhyve_csum_fold(pseudo_sum(ip, l4_len, IP_PROTO_TCP)));
}

/* A frame with NEEDS_CSUM: the sum from csum_start to the end, into csum_offset. */
static int csum_complete(const struct virtio_net_hdr *vh, uint8_t *f, uint32_t len)
{
	uint32_t start = vh->csum_start, at = start + vh->csum_offset;

	if (start >= len || at + 2 > len)
		return -1;
	put16(f + at, (uint16_t)~uhyve_csum_fold(uhyve_csum_add(0, f + start, len - start)));
	return 0;
}

int uhyve_tso_count(const struct virtio_net_hdr *vh, const uint8_t *f, uint32_t len)
{
	unsigned ihl, hdr;

	if (vh->gso_type == VIRTIO_NET_HDR_GSO_NONE)
		return len <= UHYVE_FRAME_MAX ? 1 : -1;
	if (vh->gso_type != VIRTIO_NET_HDR_GSO_TCPV4 || len < ETH_HLEN + 40 ||
	    get16(f + 12) != ETH_P_IPV4 || vh->gso_size == 0)
		return -1;
	ihl = (f[ETH_HLEN] & 0xf) * 4u;
	if (ihl < 20 || f[ETH_HLEN + 9] != IP_PROTO_TCP || ETH_HLEN + ihl + 20 > len)
		return -1;
	hdr = ETH_HLEN + ihl + (f[ETH_HLEN + ihl + 12] >> 4) * 4u;
	if (hdr > len || hdr + vh->gso_size > UHYVE_FRAME_MAX || hdr == len)
		return -1;
	return (int)((len - hdr + vh->gso_size - 1) / vh->gso_size);
}

/* A frame that is not cut: its checksum completed, or left to the guest's trust. */
static uint32_t rx_whole(const struct virtio_net_hdr *vh, uint8_t *f, uint32_t len, bool offload,
                         uint8_t *out, uint32_t *flags)
{
	bool partial = vh->flags & VIRTIO_NET_HDR_F_NEEDS_CSUM;
	struct l4_pos l;

	/* Linux's stack made the frame and says that its TCP/UDP checksum is either not yet
	 * computed (NEEDS_CSUM, then at the L4 checksum's place) or already verified. */
	if (offload && l4_find(f, len, &l) &&
	    (partial ? vh->csum_start == l.start && vh->csum_start + vh->csum_offset == l.csum
	             : (vh->flags & VIRTIO_NET_HDR_F_DATA_VALID)))
		*flags = HERMIT_MMNIF_F_CSUM_VALID;
	else if (partial && csum_complete(vh, f, len))
		return 0;
	memcpy(out, f, len);
	return len;
}

uint32_t uhyve_tso_segment(const struct virtio_net_hdr *vh, uint8_t *f, uint32_t len, unsigned i,
                           bool offload, uint8_t *out, uint32_t *flags)
{
	unsigned ihl, hdr;
	uint32_t off, n, l4_len;
	uint8_t *ip = out + ETH_HLEN, *tcp;

	*flags = 0;
	if (vh->gso_type == VIRTIO_NET_HDR_GSO_NONE)
		return rx_whole(vh, f, len, offload, out, flags);
	ihl = (f[ETH_HLEN] & 0xf) * 4u;
	hdr = ETH_HLEN + ihl + (f[ETH_HLEN + ihl + 12] >> 4) * 4u;
	off = i * vh->gso_size;
	n = len - hdr - off < vh->gso_size ? len - hdr - off : vh->gso_size;
	memcpy(out, f, hdr);
	memcpy(out + hdr, f + hdr + off, n);
	tcp = ip + ihl;
	l4_len = hdr - ETH_HLEN - ihl + n;
	put16(ip + 2, (uint16_t)(ihl + l4_len));
	put16(ip + 4, (uint16_t)(get16(f + ETH_HLEN + 4) + i));
	ip_csum_set(ip, ihl);
	put32(tcp + 4, get32(tcp + 4) + off);
	if (i > 0)
		tcp[13] &= (uint8_t)~TCP_CWR;
	if (off + n < len - hdr)
		tcp[13] &= (uint8_t) ~(TCP_FIN | TCP_PSH);
	if (offload && !(get16(ip + 6) & 0x3fff)) {
		/* Linux's own segment, not yet summed: the guest takes it as it is. */
		*flags = HERMIT_MMNIF_F_CSUM_VALID;
		return hdr + n;
	}
	put16(tcp + 16, 0);
	put16(tcp + 16, (uint16_t)~uhyve_csum_fold(
	                    uhyve_csum_add(pseudo_sum(ip, l4_len, IP_PROTO_TCP), tcp, l4_len)));
	return hdr + n;
}
