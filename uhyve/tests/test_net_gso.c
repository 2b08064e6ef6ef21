/* SPDX-License-Identifier: BSD-3-Clause */
/* The tap link's TCP offload (uhyve_net_gso.c): three guest segments merge into one GSO
 * frame, which cut up again gives back the same three frames byte for byte; a partial
 * checksum from the tap is completed. */
#include <string.h>

#include "../uhyve.h"
#include "unit.h"

#define MSS 1000

/* A checksummed Ethernet/IPv4/TCP frame of n payload bytes; its length. */
uint32_t unit_tcp_frame(uint8_t *f, unsigned i, uint32_t n, uint8_t flags)
{
	static const uint8_t head[34] = {2, 0, 0,    0,   0,  1, 0x52, 0x54, 0,    0x12, 0x34, 0x56,
	                                 8, 0, 0x45, 0,   0,  0, 0,    0,    0x40, 0,    64,   6,
	                                 0, 0, 192,  168, 29, 2, 192,  168,  29,   1};
	uint8_t *ip = f + 14, *tcp = f + 34;
	uint32_t seq = 1000 + i * MSS, l4 = 20 + n;

	memcpy(f, head, sizeof(head));
	ip[2] = (uint8_t)((20 + l4) >> 8), ip[3] = (uint8_t)(20 + l4);
	ip[4] = 0x12, ip[5] = (uint8_t)(0x30 + i);
	ip[11] = 0;
	ip[10] = 0;
	uint16_t c = (uint16_t)~uhyve_csum_fold(uhyve_csum_add(0, ip, 20));
	ip[10] = (uint8_t)(c >> 8), ip[11] = (uint8_t)c;
	memset(tcp, 0, 20);
	tcp[0] = 0x9c, tcp[1] = 0x40, tcp[2] = 0x1e, tcp[3] = 0x6e; /* 40000 -> 7790 */
	tcp[4] = (uint8_t)(seq >> 24), tcp[5] = (uint8_t)(seq >> 16);
	tcp[6] = (uint8_t)(seq >> 8), tcp[7] = (uint8_t)seq;
	tcp[11] = 77;
	tcp[12] = 0x50, tcp[13] = flags, tcp[14] = 0x10;
	for (uint32_t k = 0; k < n; k++)
		tcp[20 + k] = (uint8_t)(k * 7 + i);
	uint64_t sum = uhyve_csum_add(0, ip + 12, 8) + 6 + l4;
	c = (uint16_t)~uhyve_csum_fold(uhyve_csum_add(sum, tcp, l4));
	tcp[16] = (uint8_t)(c >> 8), tcp[17] = (uint8_t)c;
	return 34 + l4;
}

void test_net_gso(void)
{
	static uint8_t f[3][UHYVE_FRAME_MAX], big[4096], out[UHYVE_FRAME_MAX];
	static const uint32_t n[3] = {MSS, MSS, 300};
	uint32_t len[3], off = 54, got, fl;
	struct uhyve_tcp_seg s[3];
	struct virtio_net_hdr vh;
	bool ok = true;

	for (unsigned i = 0; i < 3; i++) {
		len[i] = unit_tcp_frame(f[i], i, n[i], i == 2 ? 0x18 : 0x10);
		ok = ok && uhyve_tcp_parse(f[i], len[i], &s[i]) == 0;
	}
	unit_u64("gso: three data segments parse", ok, 1);
	unit_u64("gso: second follows first", uhyve_tcp_follows(&s[0], 1000 + MSS, &s[1]), 1);
	unit_u64("gso: third follows second", uhyve_tcp_follows(&s[0], 1000 + 2 * MSS, &s[2]), 1);
	unit_u64("gso: not at a wrong sequence number", uhyve_tcp_follows(&s[0], 1000, &s[1]), 0);
	s[1].hdr[14 + 20 + 14] ^= 1; /* another window */
	unit_u64("gso: not with another window", uhyve_tcp_follows(&s[0], 1000 + MSS, &s[1]), 0);
	f[1][34 + 13] = 0x11; /* FIN */
	unit_u64("gso: a FIN does not merge", uhyve_tcp_parse(f[1], len[1], &s[1]), (uint64_t)-1);
	f[1][34 + 13] = 0x10;

	uhyve_tcp_merged_header(&s[0], MSS + MSS + 300, true, &vh);
	unit_u64("gso: header GSO TCPV4, gso_size",
	         vh.gso_type == VIRTIO_NET_HDR_GSO_TCPV4 && vh.gso_size == MSS &&
	             vh.hdr_len == 54 && vh.csum_start == 34 && vh.csum_offset == 16,
	         1);
	memcpy(big, s[0].hdr, 54);
	for (unsigned i = 0; i < 3; i++, off += n[i - 1])
		memcpy(big + off, f[i] + 54, n[i]);
	unit_u64("gso: merged frame cuts into 3", uhyve_tso_count(&vh, big, off), 3);
	for (unsigned i = 0; i < 3; i++) {
		got = uhyve_tso_segment(&vh, big, off, i, false, out, &fl);
		unit_result("gso: segment equals the original, not flagged",
		            got == len[i] && !memcmp(out, f[i], got) && fl == 0,
		            "segment %u: %u bytes (expected %u), first difference at %d", i, got,
		            len[i], got == len[i] ? (int)(memcmp(out, f[i], got) ? 0 : -1) : -1);
	}
	/* A small frame whose checksum Linux left to us: the pseudo header's sum in the field. */
	memcpy(big, f[2], len[2]);
	uint64_t ps = uhyve_csum_add(0, big + 14 + 12, 8) + 6 + (len[2] - 34);
	uint16_t pc = uhyve_csum_fold(ps);
	big[34 + 16] = (uint8_t)(pc >> 8), big[34 + 17] = (uint8_t)pc;
	struct virtio_net_hdr pv = {
	    .flags = VIRTIO_NET_HDR_F_NEEDS_CSUM, .csum_start = 34, .csum_offset = 16};
	got = uhyve_tso_count(&pv, big, len[2]) == 1
	          ? uhyve_tso_segment(&pv, big, len[2], 0, false, out, &fl)
	          : 0;
	unit_u64("gso: partial checksum completed", got == len[2] && !memcmp(out, f[2], got), 1);
	pv.csum_start = (uint16_t)len[2];
	unit_u64("gso: checksum start beyond the frame refused",
	         uhyve_tso_segment(&pv, big, len[2], 0, false, out, &fl), 0);
	vh.gso_size = 2000;
	unit_u64("gso: segments beyond a slot refused", (uint64_t)uhyve_tso_count(&vh, big, off),
	         (uint64_t)-1);
}
