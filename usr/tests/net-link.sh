#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# The mmnif link between Linux and an isle (nested QEMU guest, hermit.ko loaded): ping, UDP
# echo and TCP echo (16 MiB in random-sized writes, every byte checked) between Linux's
# net_client.linux and usr/tests/net_echo on the isle at 192.168.28.(N + 2).
#
# usage: usr/tests/net-link.sh BUILD_DIR [ISLE]      ends with "N passed, M failed"
# NET_BYTES overrides the 16 MiB of the big echo, NET_CPUS the isle's CPUs (default 1). No
# packet may be dropped on the link meanwhile (backpressure, not loss). Every step is bounded
# in time.

B=$(cd "$1" && pwd) || exit 66
ISLE=${2:-0}
IP=192.168.28.$((ISLE + 2))
PORT=7777
BYTES=${NET_BYTES:-16777216}
CLIENT=$B/usr/tests/net_client.linux
work=$(mktemp -d "${TMPDIR:-/tmp}/net-link.XXXXXX") || exit 71
passed=0
failed=0
pid=

pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() {
	echo "FAIL $1: $2"
	failed=$((failed + 1))
}
finish() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	echo "--- isle output"
	cat "$work/echo.out" 2>/dev/null
	rm -rf "$work"
	echo "$passed passed, $failed failed"
	exit $((failed != 0))
}

if ! ip link show mmnif >/dev/null 2>&1; then
	fail mmnif "no net_device mmnif (is hermit.ko loaded?)"
	finish
fi
# The link carries IPv4 only: without this, Linux's IPv6 autoconfiguration packets would
# count as dropped.
[ -w /proc/sys/net/ipv6/conf/mmnif/disable_ipv6 ] &&
	echo 1 >/proc/sys/net/ipv6/conf/mmnif/disable_ipv6
ip addr add 192.168.28.1/24 dev mmnif 2>/dev/null
ip link set mmnif up || fail mmnif-up "ip link set mmnif up"

HERMIT_ISLE=$ISLE HERMIT_CPUS=${NET_CPUS:-1} HERMIT_TIMEOUT=600 "$B/proxy/proxy" "$B/usr/tests/net_echo" $PORT 2 \
	>"$work/echo.out" 2>&1 &
pid=$!

# The isle is up once it answers a ping (the link starts with its first socket).
i=0
while [ $i -lt 90 ] && kill -0 $pid 2>/dev/null; do
	ping -c 1 -W 1 "$IP" >/dev/null 2>&1 && break
	i=$((i + 1))
done
if timeout 30 ping -c 3 -W 5 "$IP" >"$work/ping.out" 2>&1 &&
	grep -q "3 packets received" "$work/ping.out"; then
	pass "ping -c 3 $IP"
else
	fail "ping -c 3 $IP" "$(tail -n 2 "$work/ping.out")"
	finish
fi

# Bad input first: the isle must drop it and go on serving (the echoes below).
GARBAGE=$B/linux/net-garbage
if [ -x "$GARBAGE" ]; then
	if timeout 120 "$GARBAGE" "$IP" $PORT >"$work/garbage.out" 2>&1 &&
		timeout 30 ping -c 1 -W 5 "$IP" >/dev/null 2>&1; then
		pass "malformed packets and a SYN flood, then ping: $(cat "$work/garbage.out")"
	else
		fail garbage "$(cat "$work/garbage.out"), or no ping answer afterwards"
	fi
fi
if timeout 30 ping -c 2 -W 5 -s 4000 "$IP" >"$work/ping.out" 2>&1 &&
	grep -q "2 packets received" "$work/ping.out"; then
	pass "ping -s 4000 (fragmented both ways)"
else
	fail "ping -s 4000" "$(tail -n 2 "$work/ping.out")"
fi

stat() { cat /sys/class/net/mmnif/statistics/"$1"; }
drops_before="$(stat tx_dropped) $(stat rx_dropped) $(stat rx_length_errors)"
if timeout 120 "$CLIENT" udp "$IP" $PORT 1000 >"$work/udp.out" 2>&1; then
	pass "udp-echo: $(cat "$work/udp.out")"
else
	fail udp-echo "$(cat "$work/udp.out")"
fi
# Notifications from the isle: the module's interrupt for it, summed over Linux's CPUs.
irqs() {
	awk -v n="hermit-isle$ISLE" '$NF == n {
		s = 0; for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) s += $i; print s }' /proc/interrupts
}
irq0=$(irqs) rx0=$(stat rx_packets) tx0=$(stat tx_packets)
if timeout 600 "$CLIENT" tcp "$IP" $PORT "$BYTES" 1 >"$work/tcp.out" 2>&1; then
	irq1=$(irqs)
	rx=$(($(stat rx_packets) - rx0)) tx=$(($(stat tx_packets) - tx0))
	pass "tcp-echo: $(cat "$work/tcp.out"); $tx packets to the isle, $rx from it \
with $((${irq1:-0} - ${irq0:-0})) interrupts from it"
else
	fail tcp-echo "$(cat "$work/tcp.out")"
fi
if timeout 120 "$CLIENT" tcp "$IP" $PORT 1048576 2 >"$work/tcp2.out" 2>&1; then
	pass "tcp-echo-2: $(cat "$work/tcp2.out")"
else
	fail tcp-echo-2 "$(cat "$work/tcp2.out")"
fi

drops_after="$(stat tx_dropped) $(stat rx_dropped) $(stat rx_length_errors)"
if [ "$drops_before" = "$drops_after" ]; then
	pass "no packet dropped on the link (tx_dropped rx_dropped rx_length_errors: $drops_after)"
else
	fail link-drops "before: $drops_before, after: $drops_after"
fi

# Two connections served: the isle application ends by itself.
i=0
while [ $i -lt 60 ] && kill -0 $pid 2>/dev/null; do
	sleep 1
	i=$((i + 1))
done
if wait $pid && grep -q "net_echo: 2 connections, $((BYTES + 1048576)) bytes" "$work/echo.out"; then
	pass "isle server exits 0 after two connections"
else
	fail isle-exit "status or output of net_echo"
fi
pid=

# A hostile isle: bad lengths, then broken indices in its ring to Linux.
len_errors=$(stat rx_length_errors)
dmesg -c >/dev/null 2>&1
if HERMIT_ISLE=$ISLE HERMIT_TIMEOUT=120 "$B/proxy/proxy" "$B/usr/tests/net_hostile" \
	>"$work/hostile.out" 2>&1 && grep -q "net_hostile: done" "$work/hostile.out" &&
	[ "$(stat rx_length_errors)" -ge $((len_errors + 5)) ] &&
	dmesg | grep -q "mmnif ring broken" && ! dmesg | grep -qE "BUG|Oops|WARNING"; then
	pass "hostile isle: 5 bad lengths and broken indices dropped and counted"
else
	fail hostile-isle "$(cat "$work/hostile.out"); rx_length_errors $len_errors -> \
$(stat rx_length_errors); $(dmesg | tail -n 3)"
fi
finish
