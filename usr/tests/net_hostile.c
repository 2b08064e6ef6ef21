/* SPDX-License-Identifier: BSD-3-Clause */
/* A hostile guest for the link tests (usr/tests/net-link.sh, net-tap.sh): publishes packets
 * with bad lengths, then broken ring indices, and notifies the host each time; Linux (mmnif)
 * or uhyve (tap link) must count and drop them (one "ring broken" line) and stay well.
 * With argument to_isle, breaks the consumer index of the ring to the guest instead.
 * Prints "net_hostile: done" (exit 0), or "net_hostile: no link" (exit 77) where the
 * platform has none. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <hermit/abi_mmnif.h>
#include <hermit/syscall.h>

static void pause_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};

	nanosleep(&ts, NULL);
}

int main(int argc, char **argv)
{
	struct hermit_net_link link;
	uint32_t min, max;
	struct hermit_mmnif *m;
	struct hermit_mmnif_ring *r;

	if (sys_net_attach(&link) != 0 ||
	    (link.type != HERMIT_NET_MMNIF && link.type != HERMIT_NET_TAP)) {
		printf("net_hostile: no link\n");
		return 77;
	}
	/* IPv4 packets on mmnif, Ethernet frames on the tap link */
	min = link.type == HERMIT_NET_TAP ? HERMIT_ETH_HLEN : 20;
	max = link.type == HERMIT_NET_TAP ? HERMIT_ETH_HLEN + link.mtu : link.mtu;
	const uint32_t bad_len[] = {0, 5, min - 1, max + 1, 0xffffffffu};
	m = link.shared;
	r = &m->to_host;
	for (unsigned i = 0; i < sizeof(bad_len) / sizeof(bad_len[0]); i++) {
		struct hermit_mmnif_slot *s = &r->slot[r->head % HERMIT_MMNIF_SLOTS];

		memset(s->data, 0xa5, 64);
		s->len = bad_len[i];
		__atomic_store_n(&r->head, r->head + 1, __ATOMIC_RELEASE);
	}
	sys_net_notify();
	pause_ms(300);
	if (argc > 1 && !strcmp(argv[1], "to_isle")) {
		/* The other ring: a consumer index beyond what the host produced (the host
		 * sees it when it next has a frame for us). */
		__atomic_store_n(&m->to_isle.tail, m->to_isle.head + 7, __ATOMIC_RELEASE);
		sys_net_notify();
		pause_ms(1000);
	} else {
		__atomic_store_n(&r->head, r->tail + 1000000, __ATOMIC_RELEASE);
		sys_net_notify();
		pause_ms(300);
	}
	printf("net_hostile: done\n");
	return 0;
}
