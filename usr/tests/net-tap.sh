#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# uhyve's link to a host tap (HERMIT_NETIF), all inside a network namespace of its own: ping,
# UDP echo, TCP echo (16 MiB in random-sized writes, every byte checked, then a second
# connection) between Linux's net_client.linux and usr/tests/net_echo under uhyve, a connect
# to a closed port (ECONNREFUSED), and a hostile guest (bad lengths, broken indices).
#
# usage: usr/tests/net-tap.sh BUILD_DIR       ends with "N passed, M failed"
#        usr/tests/net-tap.sh --probe         exit 0 if it can run here, else prints why
# NET_BYTES overrides the 16 MiB of the big echo, NET_UHYVE the monitor (e.g. the ASan
# build, build/uhyve/asan/uhyve). Traffic stays in the namespace (removed at
# the end); every step is bounded in time.

probe() {
	[ -c /dev/kvm ] || {
		echo "no /dev/kvm on this host"
		return 1
	}
	[ -c /dev/net/tun ] || {
		echo "no /dev/net/tun"
		return 1
	}
	command -v ip >/dev/null 2>&1 || {
		echo "no ip (iproute2)"
		return 1
	}
	command -v busybox >/dev/null 2>&1 || command -v ping >/dev/null 2>&1 || {
		echo "no ping (busybox or iputils)"
		return 1
	}
	ns=hermit-probe-$$
	ip netns add "$ns" >/dev/null 2>&1 || {
		echo "ip netns add fails (no permission?)"
		return 1
	}
	ok=1
	ip netns exec "$ns" ip tuntap add dev htap0 mode tap >/dev/null 2>&1 || ok=0
	ip netns del "$ns" >/dev/null 2>&1
	[ $ok = 1 ] || {
		echo "ip tuntap add fails in a namespace"
		return 1
	}
	return 0
}

if [ "$1" = --probe ]; then
	probe
	exit $?
fi

B=$(cd "$1" && pwd) || exit 66
NS=hermit-test-$$
TAP=htap0
HOST=192.168.29.1
GUEST=192.168.29.2
PORT=7777
BYTES=${NET_BYTES:-16777216}
CLIENT=$B/usr/tests/net_client.linux
UHYVE=${NET_UHYVE:-$B/uhyve/uhyve}
work=$(mktemp -d "${TMPDIR:-/tmp}/net-tap.XXXXXX") || exit 71
passed=0
failed=0
pid=

pass() {
	echo "PASS $1"
	passed=$((passed + 1))
}
fail() {
	echo "FAIL $1: $2"
	failed=$((failed + 1))
}
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	ip netns del "$NS" 2>/dev/null
	rm -rf "$work"
}
finish() {
	echo "--- guest output"
	cat "$work/echo.out" 2>/dev/null
	cleanup
	trap - EXIT
	echo "$passed passed, $failed failed"
	exit $((failed != 0))
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ! reason=$(probe); then
	echo "SKIP: $reason"
	echo "0 passed, 0 failed"
	exit 0
fi
nsx() { ip netns exec "$NS" "$@"; }
if command -v ping >/dev/null 2>&1; then PING=ping; else PING="busybox ping"; fi

if ip netns add "$NS" && nsx ip link set lo up && nsx ip tuntap add dev $TAP mode tap &&
	nsx ip addr add $HOST/24 dev $TAP && nsx ip link set $TAP up; then
	pass "namespace $NS with $TAP at $HOST/24"
else
	fail namespace "could not set up $NS"
	finish
fi

# Not through nsx (a function: $! would be a subshell): $! is uhyve itself.
ip netns exec "$NS" env HERMIT_NETIF=$TAP HERMIT_IP=$GUEST HERMIT_GATEWAY=$HOST HERMIT_VERBOSE=1 \
	HERMIT_TIMEOUT=60 "$UHYVE" "$B/usr/tests/net_echo" $PORT 2 >"$work/echo.out" 2>&1 &
pid=$!

# The guest is up once it answers a ping (the link starts with its first socket).
i=0
while [ $i -lt 40 ] && kill -0 $pid 2>/dev/null; do
	nsx $PING -c 1 -W 1 $GUEST >/dev/null 2>&1 && break
	i=$((i + 1))
done
if nsx timeout 20 $PING -c 3 -W 5 $GUEST >"$work/ping.out" 2>&1 &&
	grep -q "3 packets received" "$work/ping.out"; then
	pass "ping -c 3 $GUEST: $(grep round-trip "$work/ping.out")"
else
	fail "ping -c 3 $GUEST" "$(tail -n 2 "$work/ping.out")"
	finish
fi
if nsx timeout 20 $PING -c 2 -W 5 -s 4000 $GUEST >"$work/ping.out" 2>&1 &&
	grep -q "2 packets received" "$work/ping.out"; then
	pass "ping -s 4000 (fragmented both ways)"
else
	fail "ping -s 4000" "$(tail -n 2 "$work/ping.out")"
fi
if nsx timeout 60 "$CLIENT" udp $GUEST $PORT 1000 >"$work/udp.out" 2>&1; then
	pass "udp-echo: $(cat "$work/udp.out")"
else
	fail udp-echo "$(cat "$work/udp.out")"
fi
# A closed port: the guest's stack answers with a reset (while it still runs:
# it ends after the second TCP connection).
nsx timeout 10 bash -c "exec 3<>/dev/tcp/$GUEST/$((PORT + 1))" >"$work/refused.out" 2>&1
if grep -q "Connection refused" "$work/refused.out"; then
	pass "connect to a closed port: ECONNREFUSED"
else
	fail refused "$(cat "$work/refused.out")"
fi

if nsx timeout 60 "$CLIENT" tcp $GUEST $PORT "$BYTES" 1 >"$work/tcp.out" 2>&1; then
	pass "tcp-echo: $(cat "$work/tcp.out")"
else
	fail tcp-echo "$(cat "$work/tcp.out")"
fi
if nsx timeout 30 "$CLIENT" tcp $GUEST $PORT 1048576 2 >"$work/tcp2.out" 2>&1; then
	pass "tcp-echo-2: $(cat "$work/tcp2.out")"
else
	fail tcp-echo-2 "$(cat "$work/tcp2.out")"
fi
# Two connections served: the guest ends by itself and uhyve reports the link's counters.
i=0
while [ $i -lt 30 ] && kill -0 $pid 2>/dev/null; do
	sleep 1
	i=$((i + 1))
done
if wait $pid && grep -q "net_echo: 2 connections, $((BYTES + 1048576)) bytes" "$work/echo.out"; then
	pass "guest exits 0 after two connections"
else
	fail guest-exit "status or output of net_echo"
fi
pid=
counters=$(grep -o "net: .*" "$work/echo.out")
if echo "$counters" | grep -q "dropped: 0 bad length"; then
	pass "link counters: ${counters#net: }"
else
	fail counters "${counters:-no counters printed}"
fi

# Hostile guests: bad lengths and a broken producer index on the ring to the host, then a
# broken consumer index on the ring to the guest (seen when a frame arrives: pings).
if nsx env HERMIT_NETIF=$TAP HERMIT_IP=$GUEST HERMIT_VERBOSE=1 HERMIT_TIMEOUT=30 \
	"$UHYVE" "$B/usr/tests/net_hostile" >"$work/hostile.out" 2>&1 &&
	grep -q "net_hostile: done" "$work/hostile.out" &&
	grep -q "dropped: 5 bad length" "$work/hostile.out" &&
	grep -q "network ring broken (to_host" "$work/hostile.out"; then
	pass "hostile guest: 5 bad lengths dropped, broken to_host ring stops the link"
else
	fail hostile "$(grep -v '^\(uhyve: \[\|[a-z]*: \)' "$work/hostile.out" | tail -n 5)"
fi
(
	for i in 1 2 3 4 5 6 7 8; do
		nsx $PING -c 1 -W 1 $GUEST >/dev/null 2>&1
	done
) &
pinger=$!
if nsx env HERMIT_NETIF=$TAP HERMIT_IP=$GUEST HERMIT_TIMEOUT=30 \
	"$UHYVE" "$B/usr/tests/net_hostile" to_isle >"$work/hostile2.out" 2>&1 &&
	grep -q "net_hostile: done" "$work/hostile2.out" &&
	grep -q "network ring broken (to_isle" "$work/hostile2.out"; then
	pass "hostile guest: broken to_isle ring stops the link"
else
	fail hostile-to-isle "$(tail -n 5 "$work/hostile2.out")"
fi
wait $pinger 2>/dev/null
finish
