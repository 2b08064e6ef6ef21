// SPDX-License-Identifier: GPL-2.0
/* Sends malformed IPv4 packets and a SYN flood to an isle over mmnif (usr/tests/net-link.sh):
 * the isle must drop them and keep serving. usage: net-garbage ISLE_IP PORT */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int fd, sent;
static struct sockaddr_in dst = {.sin_family = AF_INET};

static void send_raw(const void *pkt, size_t len)
{
	if (sendto(fd, pkt, len, 0, (struct sockaddr *)&dst, sizeof(dst)) == (ssize_t)len)
		sent++;
}

/* An IPv4 header (checksum and total length are filled in by Linux when ihl >= 5). */
static void ip_header(struct iphdr *ip, int proto, size_t len)
{
	memset(ip, 0, sizeof(*ip));
	ip->version = 4;
	ip->ihl = 5;
	ip->ttl = 64;
	ip->protocol = (uint8_t)proto;
	ip->tot_len = htons((uint16_t)len);
	ip->saddr = htonl(0xc0a81c01); /* 192.168.28.1 */
	ip->daddr = dst.sin_addr.s_addr;
}

static void malformed(unsigned port)
{
	unsigned char pkt[1500];
	struct iphdr *ip = (struct iphdr *)pkt;
	struct tcphdr *tcp = (struct tcphdr *)(pkt + 20);
	struct udphdr *udp = (struct udphdr *)(pkt + 20);
	unsigned r = 7;

	ip_header(ip, IPPROTO_TCP, 20); /* header length 12 bytes: below the minimum */
	ip->ihl = 3;
	send_raw(pkt, 20);
	ip_header(ip, IPPROTO_TCP, 30); /* a TCP header cut after 10 bytes */
	memset(tcp, 0, 10);
	tcp->dest = htons((uint16_t)port);
	send_raw(pkt, 30);
	ip_header(ip, IPPROTO_TCP, 40); /* TCP data offset 60 bytes in a 20-byte segment */
	memset(tcp, 0, 20);
	tcp->dest = htons((uint16_t)port);
	tcp->doff = 15;
	tcp->syn = 1;
	send_raw(pkt, 40);
	ip_header(ip, IPPROTO_UDP, 28); /* UDP length field beyond the packet */
	udp->source = htons(9);
	udp->dest = htons((uint16_t)port);
	udp->len = htons(1000);
	udp->check = 0;
	send_raw(pkt, 28);
	ip_header(ip, IPPROTO_ICMP, 28); /* echo request with a wrong checksum */
	memset(pkt + 20, 0, 8);
	pkt[20] = 8;
	pkt[22] = 0x12;
	send_raw(pkt, 28);
	ip_header(ip, IPPROTO_UDP, 100); /* a fragment far beyond 64 KiB */
	ip->frag_off = htons(0x2000 | 8189);
	send_raw(pkt, 100);
	for (int i = 0; i < 200; i++) { /* random bytes behind valid headers */
		size_t len = 20 + (r = r * 1103515245 + 12345) % 1400;
		ip_header(ip, (int)(r >> 8) % 256, len);
		for (size_t k = 20; k < len; k++)
			pkt[k] = (unsigned char)((r = r * 1103515245 + 12345) >> 16);
		send_raw(pkt, len);
	}
}

/* The TCP checksum over the pseudo header (addresses from ip) and `len` bytes of segment. */
static uint16_t tcp_checksum(const struct iphdr *ip, const unsigned char *seg, size_t len)
{
	uint32_t sum = 0;

	sum += (ntohl(ip->saddr) >> 16) + (ntohl(ip->saddr) & 0xffff);
	sum += (ntohl(ip->daddr) >> 16) + (ntohl(ip->daddr) & 0xffff);
	sum += IPPROTO_TCP + (uint32_t)len;
	for (size_t i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)(seg[i] << 8 | seg[i + 1]);
	if (len & 1)
		sum += (uint32_t)seg[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons((uint16_t)~sum);
}

/* Valid SYNs from 2000 source ports: the isle answers them (Linux resets the answers: no
 * socket there) or drops them while its backlog is full. */
static void syn_flood(unsigned port)
{
	unsigned char pkt[40];
	struct iphdr *ip = (struct iphdr *)pkt;
	struct tcphdr *tcp = (struct tcphdr *)(pkt + 20);

	for (int i = 0; i < 2000; i++) {
		ip_header(ip, IPPROTO_TCP, 40);
		memset(tcp, 0, 20);
		tcp->source = htons((uint16_t)(40000 + i));
		tcp->dest = htons((uint16_t)port);
		tcp->seq = htonl((uint32_t)i * 7919u);
		tcp->doff = 5;
		tcp->syn = 1;
		tcp->window = htons(65535);
		tcp->check = tcp_checksum(ip, pkt + 20, 20);
		send_raw(pkt, 40);
	}
}

int main(int argc, char **argv)
{
	if (argc != 3 || inet_pton(AF_INET, argv[1], &dst.sin_addr) != 1) {
		fprintf(stderr, "usage: net-garbage ISLE_IP PORT\n");
		return 64;
	}
	fd = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
	if (fd < 0) {
		perror("net-garbage: socket(SOCK_RAW)");
		return 1;
	}
	malformed((unsigned)atoi(argv[2]));
	syn_flood((unsigned)atoi(argv[2]));
	printf("net-garbage: %d packets sent\n", sent);
	return sent == 0;
}
