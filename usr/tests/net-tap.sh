#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# uhyve's link to a host tap (HERMIT_NETIF), all inside a network namespace of its own: ping,
# UDP echo, TCP echo (64 MiB in random-sized writes, every byte checked, then a second
# connection) between Linux's net_client.linux and usr/tests/net_echo under uhyve, a peer
# that resets mid-transfer (the guest prints ECONNRESET/EPIPE once and serves on), a connect
# to a closed port (ECONNREFUSED), the guest as TCP client of Linux's net_echo.linux, a
# static-file web server in the guest (usr/tests/net_http) fetched by curl (400 requests from
# 8 parallel clients, every file compared with cmp; 404, 405, 400; a port bound twice gives
# the same error as on Linux), a 16 MiB echo for each setting of the link's options
# (HERMIT_NET_GSO 0/1, HERMIT_NET_POLL 0/50), and a hostile guest (bad lengths, broken
# indices).
#
# usage: usr/tests/net-tap.sh BUILD_DIR       ends with "N passed, M failed"
#        usr/tests/net-tap.sh --probe         exit 0 if it can run here, else prints why
# NET_BYTES overrides the 64 MiB of the big echo, NET_UHYVE the monitor (e.g. the ASan
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
	command -v curl >/dev/null 2>&1 || {
		echo "no curl"
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
BYTES=${NET_BYTES:-67108864}
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
	name=$1
	shift
	echo "FAIL $name: $*"
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
ms() { echo $(($(date +%s%N) / 1000000)); }

# The guest as a TCP client: 4 MiB in random-sized writes to Linux's echo server, every byte
# of the echo checked by the guest.
tcp_client() {
	ip netns exec "$NS" timeout 60 "$B/usr/tests/net_echo.linux" $((PORT + 2)) 1 \
		>"$work/lecho.out" 2>&1 &
	lpid=$!
	i=0
	until nsx ss -ltn | grep -q ":$((PORT + 2)) " || [ $i -ge 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if nsx env HERMIT_NETIF=$TAP HERMIT_IP=$GUEST HERMIT_GATEWAY=$HOST HERMIT_TIMEOUT=60 \
		"$UHYVE" "$B/usr/tests/net_client" tcp $HOST $((PORT + 2)) 4194304 7 \
		>"$work/gclient.out" 2>&1 &&
		grep -q "tcp: 4194304 of 4194304 bytes echoed, 0 wrong" "$work/gclient.out" &&
		wait $lpid && grep -q "net_echo: 1 connections, 4194304 bytes" "$work/lecho.out"; then
		pass "tcp-client (guest to Linux): $(grep "^tcp:" "$work/gclient.out")"
	else
		kill $lpid 2>/dev/null
		wait $lpid 2>/dev/null
		fail tcp-client "$(grep -v '^uhyve: \[' "$work/gclient.out" | tail -n 3) / \
$(cat "$work/lecho.out")"
	fi
}

# One worker of the web server's load, run as: sh fetch.sh K N keep|new URL DIR. Fetches N
# files (chosen from K) into DIR, over one connection (keep) or one HTTP/1.0 connection each
# (new); one line per request in DIR/K.list: "file output status".
cat >"$work/fetch.sh" <<'EOF'
k=$1 n=$2 mode=$3 url=$4 dir=$5
set -- empty one 4k 1m
j=0 args=
: >"$dir/$k.list"
while [ $j -lt $n ]; do
	eval f=\${$(((k * 7 + j * 3) % 4 + 1))}
	if [ $mode = keep ]; then
		args="$args -o $dir/$k-$j $url/$f"
		echo "$f $dir/$k-$j" >>"$dir/$k.list"
	else
		code=$(curl -sS --http1.0 --max-time 20 -o "$dir/$k-$j" -w '%{http_code}' "$url/$f" \
			2>>"$dir/$k.err")
		echo "$f $dir/$k-$j $code" >>"$dir/$k.list"
	fi
	j=$((j + 1))
done
if [ $mode = keep ]; then
	curl -sS --max-time 60 -w '%{http_code}\n' $args >"$dir/$k.codes" 2>>"$dir/$k.err"
	paste -d ' ' "$dir/$k.list" "$dir/$k.codes" >"$dir/$k.tmp" && mv "$dir/$k.tmp" "$dir/$k.list"
fi
EOF

# A static-file web server in the guest (net_http) and curl in the namespace.
http_server() {
	hport=$((PORT + 3))
	www=$work/www
	mkdir -p "$www" "$work/got"
	: >"$www/empty"
	printf x >"$www/one"
	head -c 4096 /dev/urandom >"$www/4k"
	head -c 1048576 /dev/urandom >"$www/1m"
	ip netns exec "$NS" env HERMIT_NETIF=$TAP HERMIT_IP=$GUEST HERMIT_GATEWAY=$HOST \
		HERMIT_TIMEOUT=120 "$UHYVE" "$B/usr/tests/net_http" $hport "$www" \
		>"$work/http.out" 2>&1 &
	pid=$!
	url=http://$GUEST:$hport
	i=0
	until grep -q "net_http: serving" "$work/http.out" || [ $i -ge 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	linux=$(nsx timeout 1 "$B/usr/tests/net_http.linux" $hport "$www" | grep "port in use")
	guest=$(grep "port in use" "$work/http.out")
	if [ "$guest" = "$linux" ] && [ "$(echo "$guest" | grep -c ": EADDRINUSE, ")" = 2 ]; then
		pass "port bound twice (without, with SO_REUSEADDR), as on Linux: EADDRINUSE"
	else
		fail port-in-use "guest: '$guest', Linux: '$linux'"
	fi

	t0=$(ms)
	printf '%s\n' "1 50 keep" "2 50 keep" "3 50 keep" "4 50 keep" \
		"5 50 new" "6 50 new" "7 50 new" "8 50 new" |
		nsx timeout 90 xargs -P8 -L1 sh -c 'sh "$0" "$@" '"$url $work/got" "$work/fetch.sh"
	t1=$(ms)
	total=0 good=0 bad=
	for f in "$work"/got/*.list; do
		while read -r name out code; do
			total=$((total + 1))
			if [ "$code" = 200 ] && cmp -s "$out" "$www/$name"; then
				good=$((good + 1))
			else
				bad="$bad $name:${code:-none}"
			fi
		done <"$f"
	done
	if [ $total = 400 ] && [ $good = 400 ]; then
		pass "http: 400 GETs (0 B, 1 B, 4 KiB, 1 MiB) from 8 parallel curl clients, all 200 \
and identical (cmp), $((t1 - t0)) ms"
	else
		fail http "$good of $total (of 400) intact;$(echo "$bad" | cut -c 1-200)" \
			"$(cat "$work"/got/*.err 2>/dev/null | sort | uniq -c | head -n 5)"
	fi

	code=$(nsx curl -sS --max-time 10 -o /dev/null -w '%{http_code}' "$url/missing")
	code2=$(nsx curl -sS --max-time 10 -X DELETE -o /dev/null -w '%{http_code}' "$url/one")
	if [ "$code" = 404 ] && [ "$code2" = 405 ]; then
		pass "http: a missing file gets 404, DELETE 405"
	else
		fail http-status "missing file: $code, DELETE: $code2"
	fi
	bad1=$(nsx timeout 10 bash -c "exec 3<>/dev/tcp/$GUEST/$hport
		printf 'GARBAGE\r\n\r\n' >&3; head -n 1 <&3" 2>&1)
	bad2=$(nsx timeout 10 bash -c "exec 3<>/dev/tcp/$GUEST/$hport
		printf 'GET /../etc/passwd HTTP/1.1\r\n\r\n' >&3; head -n 1 <&3" 2>&1)
	if [ "$bad1" = "$(printf 'HTTP/1.1 400 Bad Request\r')" ] && [ "$bad1" = "$bad2" ]; then
		pass "http: a malformed request and a path with .. get 400"
	else
		fail http-400 "garbage: $bad1, ..: $bad2"
	fi
	if nsx curl -sS --max-time 10 -o "$work/again" "$url/1m" && cmp -s "$work/again" "$www/1m"; then
		pass "http: still serving after them"
	else
		fail http-after "the server stopped answering"
	fi
	kill $pid 2>/dev/null
	wait $pid 2>/dev/null
	pid=
}
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
	HERMIT_TIMEOUT=60 "$UHYVE" "$B/usr/tests/net_echo" $PORT 3 >"$work/echo.out" 2>&1 &
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
# Malformed IPv4 packets and 2000 valid SYNs (linux/tests/net-garbage, raw socket; its
# source address, 192.168.28.1, lives on the namespace's lo, so that Linux resets the answers),
# after which the guest must still answer (one ping of three: the flood overflows the tap's
# queue on the host side, and a ping sent at once can be dropped there).
GARBAGE=$B/linux/net-garbage
if [ -x "$GARBAGE" ]; then
	if nsx ip addr add 192.168.28.1/32 dev lo &&
		nsx timeout 60 "$GARBAGE" $GUEST $PORT >"$work/garbage.out" 2>&1 &&
		nsx timeout 20 $PING -c 3 -W 5 $GUEST >"$work/gping.out" 2>&1; then
		pass "malformed packets and a SYN flood, then ping: $(cat "$work/garbage.out")"
	else
		fail garbage "$(cat "$work/garbage.out"), or no ping answer afterwards:" \
			"$(grep packets "$work/gping.out")"
	fi
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

# A peer that resets mid-transfer (SO_LINGER 0): the guest's connection fails, it serves on.
if nsx timeout 20 "$CLIENT" reset $GUEST $PORT 4194304 >"$work/reset.out" 2>&1; then
	pass "peer resets mid-transfer: $(cat "$work/reset.out")"
else
	fail reset "$(cat "$work/reset.out")"
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
# Three connections served: the guest ends by itself and uhyve reports the link's counters.
i=0
while [ $i -lt 30 ] && kill -0 $pid 2>/dev/null; do
	sleep 1
	i=$((i + 1))
done
if wait $pid && grep -q "net_echo: 3 connections, $((BYTES + 1048576)) bytes" "$work/echo.out"; then
	pass "guest exits 0 after three connections"
else
	fail guest-exit "status or output of net_echo"
fi
pid=
errors=$(grep "^net_echo: [a-z]*: " "$work/echo.out")
if [ "$(echo "$errors" | wc -l)" = 1 ] &&
	echo "$errors" | grep -Eq "^net_echo: (read|write): (Connection reset by peer|Broken pipe)$"; then
	pass "reset seen by the guest as one line: $errors"
else
	fail reset-guest "${errors:-no error line from net_echo}"
fi
counters=$(grep -o "net: .*" "$work/echo.out")
if echo "$counters" | grep -q "dropped: 0 bad length"; then
	pass "link counters: ${counters#net: }"
else
	fail counters "${counters:-no counters printed}"
fi

# The link's options (uhyve/README.md): a byte-checked TCP echo with GSO off and on, and
# with the link thread polling (HERMIT_NET_POLL 50 us) or sleeping at once (0); the
# counters show the setting uhyve used.
tcp_echo_option() {
	gso=$1 poll=$2
	ip netns exec "$NS" env HERMIT_NETIF=$TAP HERMIT_IP=$GUEST HERMIT_GATEWAY=$HOST \
		HERMIT_VERBOSE=1 HERMIT_TIMEOUT=60 HERMIT_NET_GSO=$gso HERMIT_NET_POLL=$poll \
		"$UHYVE" "$B/usr/tests/net_echo" $PORT 1 >"$work/opt.out" 2>&1 &
	opid=$!
	i=0
	while [ $i -lt 40 ] && kill -0 $opid 2>/dev/null; do
		nsx $PING -c 1 -W 1 $GUEST >/dev/null 2>&1 && break
		i=$((i + 1))
	done
	if nsx timeout 60 "$CLIENT" tcp $GUEST $PORT 16777216 $((gso * 2 + 3)) \
		>"$work/opt-tcp.out" 2>&1 && wait $opid &&
		grep -q "net_echo: 1 connections, 16777216 bytes" "$work/opt.out" &&
		grep -q "dropped: 0 bad length.*gso $gso, poll $poll us" "$work/opt.out"; then
		pass "tcp-echo with HERMIT_NET_GSO=$gso HERMIT_NET_POLL=$poll: \
$(cat "$work/opt-tcp.out"); $(grep -o "tap reads.*" "$work/opt.out")"
	else
		kill $opid 2>/dev/null
		wait $opid 2>/dev/null
		fail "tcp-echo-gso$gso-poll$poll" "$(cat "$work/opt-tcp.out") / \
$(grep -v '^uhyve: \[' "$work/opt.out" | tail -n 3) $(grep -o "net: .*" "$work/opt.out")"
	fi
}

tcp_client
for o in "0 0" "0 50" "1 0" "1 50"; do
	# shellcheck disable=SC2086 # two words: GSO and poll
	tcp_echo_option $o
done
http_server

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
