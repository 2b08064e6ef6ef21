#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# uhyve's tap link inside the nested QEMU guest, for hosts without /dev/kvm or namespaces:
# the QEMU guest has no network device (-nic none), so the tap uhyve creates there is the
# only link and no traffic leaves the guest. A 4 MiB byte-checked TCP echo (Linux's
# net_client.linux against usr/tests/net_echo under uhyve) for each setting of
# HERMIT_NET_GSO (0, 1) and HERMIT_NET_POLL (0, 50), then the hostile guest with GSO on/off.
#
# usage (from the host): tools/qemu/run.sh --smp 2 --run 'sh usr/tests/net-tap-qemu.sh'
# ends with "N passed, M failed"; UHYVE overrides the monitor (a path under /hermit). Every
# step is bounded by HERMIT_TIMEOUT or timeout(1). Not part of make check: see the commit
# that added it (one stalled echo in its first six checks, GSO 1 poll 0, cause not found;
# the next three runs, two of them with the link thread unpinned, passed 18 of 18).
B=/hermit/build
# pass, fail, summary and a scratch folder $tmp.
. "$(dirname "$0")/hostile/checks.sh"
ko=$(find "$B/qemu/linux/lib/modules" -name tun.ko | head -n 1)
[ -c /dev/net/tun ] || insmod "$ko" 2>/dev/null
[ -c /dev/net/tun ] || { mkdir -p /dev/net && mknod /dev/net/tun c 10 200; }

# echo GSO POLL: uhyve creates htap0; Linux's end gets 192.168.29.1 once it exists.
echo_once() {
	HERMIT_NETIF=htap0 HERMIT_IP=192.168.29.2 HERMIT_GATEWAY=192.168.29.1 HERMIT_VERBOSE=1 \
		HERMIT_TIMEOUT=120 HERMIT_NET_GSO=$1 HERMIT_NET_POLL=$2 "${UHYVE:-$B/uhyve/uhyve}" \
		"$B/usr/tests/net_echo" 7777 1 >"$tmp/echo.out" 2>&1 &
	p=$!
	i=0
	until ip link show htap0 >/dev/null 2>&1 || [ $i -ge 200 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	ip addr add 192.168.29.1/24 dev htap0 && ip link set htap0 up
	timeout 110 "$B/usr/tests/net_client.linux" tcp 192.168.29.2 7777 4194304 $(($1 + 5)) \
		>"$tmp/client.out" 2>&1
	if wait $p && grep -q "0 wrong" "$tmp/client.out" &&
		grep -q "net_echo: 1 connections, 4194304 bytes" "$tmp/echo.out" &&
		grep -q "dropped: 0 bad length.*gso $1, poll $2 us" "$tmp/echo.out"; then
		pass "tcp-echo GSO $1 poll $2: $(cat "$tmp/client.out"); $(grep -o 'tap reads.*' "$tmp/echo.out")"
	else
		fail "tcp-echo GSO $1 poll $2" "$(cat "$tmp/client.out") $(tail -n 3 "$tmp/echo.out")"
	fi
	ip link del htap0 2>/dev/null
}
for o in "0 0" "0 50" "1 0" "1 50"; do
	# shellcheck disable=SC2086 # two words
	echo_once $o
done
for g in 0 1; do
	if HERMIT_NETIF=htap0 HERMIT_VERBOSE=1 HERMIT_TIMEOUT=60 HERMIT_NET_GSO=$g \
		"${UHYVE:-$B/uhyve/uhyve}" "$B/usr/tests/net_hostile" >"$tmp/h.out" 2>&1 &&
		grep -q "net_hostile: done" "$tmp/h.out" && grep -q "dropped: 5 bad length" "$tmp/h.out" &&
		grep -q "network ring broken (to_host" "$tmp/h.out"; then
		pass "hostile guest, GSO $g: 5 bad lengths dropped, broken ring stops the link"
	else
		fail "hostile guest, GSO $g" "$(tail -n 3 "$tmp/h.out")"
	fi
done
summary
