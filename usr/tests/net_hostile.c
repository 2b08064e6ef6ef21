/* SPDX-License-Identifier: BSD-3-Clause */
/* A hostile isle for the mmnif test (usr/tests/net-link.sh): publishes packets with bad
 * lengths, then broken ring indices, and notifies Linux each time; Linux must count and
 * drop them (rx_length_errors, rx_errors, one "mmnif ring broken" line) and stay well.
 * Prints "net_hostile: done" (exit 0), or "net_hostile: no link" (exit 77) where the
 * platform has none. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <hermit/abi_mmnif.h>
#include <hermit/syscall.h>

static void pause_ms(long ms)
{
	struct timespec ts = {0, ms * 1000000};

	nanosleep(&ts, NULL);
}

int main(void)
{
	static const uint32_t bad_len[] = {0, 5, 19, HERMIT_MMNIF_MTU + 1, 0xffffffffu};
	struct hermit_net_link link;
	struct hermit_mmnif *m;
	struct hermit_mmnif_ring *r;

	if (sys_net_attach(&link) != 0 || link.type != HERMIT_NET_MMNIF) {
		printf("net_hostile: no link\n");
		return 77;
	}
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
	__atomic_store_n(&r->head, r->tail + 1000000, __ATOMIC_RELEASE);
	sys_net_notify();
	pause_ms(300);
	printf("net_hostile: done\n");
	return 0;
}
