#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Checks uhyve's NUMA placement from the host side: guest memory and vCPU threads on NODE.
#
# usage: numa_check.sh NODE UHYVE HOLD_IMAGE
#   Runs HOLD_IMAGE (usr/tests/hold.c) with HERMIT_NODE=NODE and two vCPUs, then reads
#   /proc/<pid>/numa_maps and the threads' CPU affinity while it runs.

node=$1
uhyve=$2
image=$3
out=$(mktemp) || exit 71
trap 'rm -f "$out"; [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null' EXIT

HERMIT_NODE=$node HERMIT_CPUS=2 HERMIT_PREFAULT=1 HERMIT_MEM=32M "$uhyve" "$image" 30 \
	>"$out" 2>&1 &
pid=$!

tries=0
until grep -q 'hold: ready' "$out"; do
	tries=$((tries + 1))
	if [ $tries -gt 600 ] || ! kill -0 $pid 2>/dev/null; then
		echo "numa: the guest did not get ready:"
		cat "$out"
		exit 1
	fi
	sleep 0.1
done

# Expands a cpulist such as "0-1,4" into "0 1 4".
expand_cpus() {
	echo "$1" | tr ',' '\n' | while IFS=- read -r lo hi; do
		[ -n "$hi" ] || hi=$lo
		i=$lo
		while [ "$i" -le "$hi" ]; do
			printf '%s ' "$i"
			i=$((i + 1))
		done
	done
}
node_cpus=$(expand_cpus "$(cat /sys/devices/system/node/node"$node"/cpulist)")

# Guest RAM is the mapping with the most pages; all of them must be on NODE.
line=$(awk '{ n = 0; for (i = 2; i <= NF; i++) if ($i ~ /^N[0-9]+=/) { split($i, a, "="); n += a[2] }
	if (n > best) { best = n; keep = $0 } } END { print keep }' /proc/$pid/numa_maps)
case $line in
*" N$node="*) ;;
*)
	echo "numa: guest memory not on node $node: $line"
	exit 1
	;;
esac
others=$(echo "$line" | tr ' ' '\n' | grep -E '^N[0-9]+=' | grep -v "^N$node=")
if [ -n "$others" ]; then
	echo "numa: guest memory partly off node $node: $others"
	exit 1
fi
echo "numa: memory on node $node"

# vCPU threads are the ones pinned to a single CPU; there must be two, on NODE's CPUs.
pinned=0
for status in /proc/$pid/task/*/status; do
	list=$(awk '/^Cpus_allowed_list:/ { print $2 }' "$status")
	case $list in
	*[-,]*) continue ;;
	esac
	case " $node_cpus " in
	*" $list "*) pinned=$((pinned + 1)) ;;
	*)
		echo "numa: a vCPU thread runs on CPU $list, not on node $node ($node_cpus)"
		exit 1
		;;
	esac
done
if [ $pinned -ne 2 ]; then
	echo "numa: expected 2 pinned vCPU threads, found $pinned"
	exit 1
fi
echo "numa: vcpus on node $node"
