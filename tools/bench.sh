#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Benchmark harness: runs usr/benchmarks in every available mode (Linux native, uhyve, isle)
# on the host and inside the nested QEMU, alternating the modes run by run, and writes
# build/bench/results.csv, table.md and PNG plots (usr/benchmarks/report.sh).
#
# usage: tools/bench.sh [options]
#   --only LIST     benchmarks, comma-separated (default: basic,hourglass,stream,io,boot,clock,omp,libc,netio)
#   --groups LIST   the same as --only (e.g. --groups libc: the C library's costs alone)
#   --reps N        repetitions of every benchmark in every mode (default 5)
#   --cpus N        cores per mode: the N highest-numbered cores of the last NUMA node
#                   (default 2); Linux is pinned to them, uhyve gets them, the isle takes them
#   --modes LIST    linux,uhyve,isle (default: all; an unavailable mode shows as missing)
#   --env LIST      host,qemu (default both): where to run
#   --quick         smaller inputs (for trying the harness; not for figures)
#   --out DIR       results folder (default build/bench)
#   --update-doc    copy the table, environment and plots into doc/benchmarks.md
#   --report-only   only redo the CSV, table and plots from the raw files in DIR
# Internal: --inner ENV runs one environment's part where the script is (the host, or the
# QEMU guest through tools/qemu/run.sh) and appends to DIR/raw-ENV.csv.
# POSIX sh: the QEMU guest has only busybox.
set -u

here=$(cd "$(dirname "$0")" && pwd)
TOP=${TOP:-$(cd "$here/.." && pwd)}
BUILD=${BUILD:-$TOP/build}
ALL_BENCHES=basic,hourglass,stream,io,boot,clock,omp,libc,netio

only=$ALL_BENCHES reps=5 cpus=2 modes=linux,uhyve,isle envs=host,qemu quick=0
out=$BUILD/bench inner='' update_doc=0 report_only=0
usage() {
	sed -n '/^# usage/,/^# Internal/{/^# Internal/!p}' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}
while [ $# -gt 0 ]; do
	case $1 in
	--only | --groups) only=${2:?}; shift 2 ;;
	--reps) reps=${2:?}; shift 2 ;;
	--cpus) cpus=${2:?}; shift 2 ;;
	--modes) modes=${2:?}; shift 2 ;;
	--env) envs=${2:?}; shift 2 ;;
	--quick) quick=1; shift ;;
	--out) out=${2:?}; shift 2 ;;
	--update-doc) update_doc=1; shift ;;
	--report-only) report_only=1; shift ;;
	--inner) inner=${2:?}; shift 2 ;;
	*) usage ;;
	esac
done
case $reps$cpus in *[!0-9]*) usage ;; esac
if [ "$reps" -lt 1 ] || [ "$cpus" -lt 1 ]; then usage; fi
words() { echo "$1" | tr , ' '; }
for b in $(words "$only"); do
	case ,$ALL_BENCHES, in *,$b,*) ;; *) echo "bench.sh: unknown benchmark '$b'" >&2; exit 2 ;; esac
done
for m in $(words "$modes"); do
	case $m in linux | uhyve | isle) ;; *) echo "bench.sh: unknown mode '$m'" >&2; exit 2 ;; esac
done

BIN=$BUILD/usr/benchmarks
LAUNCH=$BIN/linux/launch
UHYVE=$BUILD/uhyve/uhyve
PROXY=$BUILD/proxy/proxy
KVM_FLOOR=$BUILD/uhyve/bench/kvm-floor

# ---- one environment (host or QEMU guest) ----

# Arguments of each benchmark in environment $inner.
bench_args() {
	slow=0
	[ "$inner" = qemu ] && slow=1
	[ "$quick" = 1 ] && slow=2
	case $1 in
	basic) echo $((slow == 0 ? 50000 : slow == 1 ? 5000 : 1000)) ;;
	hourglass) echo $((slow == 2 ? 1 : 3)) 1000 ;;
	stream) echo $((slow == 2 ? 3 : 6)) "$cpus" ;;
	io) echo "/tmp/hermit-bench-io.$$" $((slow == 0 ? 64 : slow == 1 ? 8 : 2)) \
		$((slow == 0 ? 20000 : 2000)) ;;
	clock) echo 2 ;;
	# samples per construct; triad arrays of 4x the LLC (at least 64 MiB), as STREAM's rule
	omp) mib=$((4 * ${llc_kib:-16384} / 1024)); [ "$mib" -lt 64 ] && mib=64
		echo $((slow == 2 ? 5 : 21)) "$mib" ;;
	# scratch folder, ms per measurement, MiB per STREAM array
	libc) echo /tmp $((slow == 0 ? 40 : slow == 1 ? 30 : 5)) $((slow == 0 ? 64 : 16)) ;;
	boot) ;;
	# MiB streamed per message size, request/response round trips (netio_args adds the rest)
	netio) echo $((slow == 0 ? 64 : 8)) $((slow == 0 ? 2000 : 200)) ;;
	esac
}

# ---- netio: a Linux server in namespace NET_S; uhyve's guest reaches it through a tap in
# NET_S (192.168.29.1), Linux's client from namespace NET_C over a veth pair (192.168.30.1);
# no traffic leaves the two namespaces. An isle reaches a server in the (QEMU guest's) Linux
# over mmnif (192.168.28.1). ----
NET_S=hermit-bench-s-$$ NET_C=hermit-bench-c-$$ NET_PORT=7790 net_server='' net_server_isle=''

# Why netio cannot run in MODE here, or nothing.
net_unavailable() {
	if [ "$1" = isle ]; then
		ip link show mmnif >/dev/null 2>&1 || echo "no mmnif link (hermit.ko)"
	elif [ ! -c /dev/net/tun ]; then echo "no /dev/net/tun"
	elif ! ip netns list >/dev/null 2>&1; then echo "no ip netns"
	fi
}

net_setup() {
	if [ "$1" = isle ]; then
		[ -n "$net_server_isle" ] && return 0
		[ -w /proc/sys/net/ipv6/conf/mmnif/disable_ipv6 ] &&
			echo 1 >/proc/sys/net/ipv6/conf/mmnif/disable_ipv6
		ip addr add 192.168.28.1/24 dev mmnif 2>/dev/null
		ip link set mmnif up || return 1
		"$BIN/linux/netio" server $NET_PORT &
		net_server_isle=$!
		sleep 0.5
		return 0
	fi
	[ -n "$net_server" ] && return 0
	nsx() { ip netns exec "$@"; }
	ip netns add "$NET_S" && ip netns add "$NET_C" &&
		ip -n "$NET_S" link set lo up && ip -n "$NET_C" link set lo up &&
		nsx "$NET_S" ip tuntap add dev htap0 mode tap &&
		ip -n "$NET_S" addr add 192.168.29.1/24 dev htap0 && ip -n "$NET_S" link set htap0 up &&
		ip link add hveth0 netns "$NET_S" type veth peer name hveth1 netns "$NET_C" &&
		ip -n "$NET_S" addr add 192.168.30.1/24 dev hveth0 &&
		ip -n "$NET_C" addr add 192.168.30.2/24 dev hveth1 &&
		ip -n "$NET_S" link set hveth0 up && ip -n "$NET_C" link set hveth1 up || return 1
	ip netns exec "$NET_S" "$BIN/linux/netio" server $NET_PORT &  # not through nsx: $! is then netio itself
	net_server=$!
	sleep 0.2
}

net_cleanup() {
	[ -n "$net_server_isle" ] && kill "$net_server_isle" 2>/dev/null
	[ -n "$net_server" ] && kill "$net_server" 2>/dev/null
	if [ -n "$net_server" ]; then
		ip netns del "$NET_S" 2>/dev/null
		ip netns del "$NET_C" 2>/dev/null
	fi
	net_server='' net_server_isle=''
}

# The command line of netio in MODE (the client, against the server in NET_S).
netio_cmd() {
	case $1 in
	linux) echo ip netns exec "$NET_C" $(mode_cmd linux netio) client 192.168.30.1 $NET_PORT ;;
	uhyve) echo ip netns exec "$NET_S" env HERMIT_NETIF=htap0 HERMIT_IP=192.168.29.2 \
		HERMIT_GATEWAY=192.168.29.1 HERMIT_VERBOSE=1 $(mode_cmd uhyve netio | sed 's/^env //') \
		client 192.168.29.1 $NET_PORT ;;
	isle) echo $(mode_cmd isle netio) client 192.168.28.1 $NET_PORT ;;
	esac
}

# uhyve's link counters (HERMIT_VERBOSE) as frames per doorbell, per interrupt and per tap
# write (the TCP offload merges several guest frames into one).
net_counters() {
	awk '/ net: [0-9]+ frames to the guest/ { for (i = 1; i <= NF; i++) {
			if ($i == "guest,") g = $(i - 4); if ($i == "tap;") t = $(i - 3)
			if ($i == "doorbells") d = $(i - 1); if ($i == "interrupts") q = $(i - 1)
			if ($i == "writes") w = $(i + 1) + 0 }
		if (d > 0) print "link_frames_per_doorbell", t / d, "frames"
		if (q > 0) print "link_frames_per_interrupt", g / q, "frames"
		if (w > 0) print "link_frames_per_tap_write", t / w, "frames" }'
}

# The last NUMA node and its $cpus highest-numbered cores (what an isle with HERMIT_CPUS=N takes).
pick_cores() {
	node=$(ls -d /sys/devices/system/node/node[0-9]* 2>/dev/null | sed 's/.*node//' | sort -n |
		tail -n 1)
	[ -n "$node" ] || node=0
	list=$(cat "/sys/devices/system/node/node$node/cpulist" 2>/dev/null ||
		echo "0-$(($(nproc) - 1))")
	all=$(echo "$list" | awk -F, '{ for (i = 1; i <= NF; i++) { n = split($i, r, "-")
		for (c = r[1]; c <= r[n]; c++) print c } }')
	have=$(echo "$all" | wc -l)
	[ "$have" -ge "$cpus" ] || { echo "bench.sh: node $node has $have cores, --cpus $cpus" >&2; exit 2; }
	cores=$(echo "$all" | tail -n "$cpus" | tr '\n' , | sed 's/,$//')
}

# Why a mode cannot run here, or nothing.
unavailable() {
	case $1 in
	linux) [ -x "$BIN/linux/basic" ] || echo "not built" ;;
	uhyve)
		if [ ! -x "$UHYVE" ]; then echo "uhyve not built"
		elif [ ! -c /dev/kvm ]; then echo "no /dev/kvm"
		elif [ ! -x "$BIN/basic" ]; then echo "images not built"
		fi ;;
	isle)
		if [ ! -x "$PROXY" ]; then echo "proxy not built"
		elif [ ! -d "/sys/hermit/isle$node" ]; then echo "no isle $node (hermit.ko not loaded)"
		elif [ ! -x "$BIN/basic" ]; then echo "images not built"
		fi ;;
	esac
}

# mode_cmd MODE BENCH: the command line of one run (without launch and arguments).
mode_cmd() {
	case $1 in
	linux)
		if command -v numactl >/dev/null; then
			echo numactl --physcpubind="$cores" --membind="$node" "$BIN/linux/$2"
		else
			echo taskset -c "$cores" "$BIN/linux/$2"
		fi ;;
	uhyve) echo env HERMIT_NODE="$node" HERMIT_CPUS="$cores" HERMIT_MEM="$uhyve_mem" "$UHYVE" "$BIN/$2" ;;
	isle) echo env HERMIT_ISLE="$node" HERMIT_CPUS="$cpus" "$PROXY" "$BIN/$2" ;;
	esac
}

# csv_rows MODE BENCH REP < output: "name value unit" lines as CSV rows.
csv_rows() {
	awk -v e="$inner" -v m="$1" -v b="$2" -v r="$3" '
		NF == 3 && $1 ~ /^[A-Za-z0-9_]+$/ && $2 ~ /^[-+0-9.eE]+$/ {
			if ($1 ~ /^start_to_/ && b != "boot") next
			printf "%s,%s,%s,%s,%s,%s,%s\n", e, m, b, $1, r, $2, $3
		}'
}

# Boot phases from the verbose stderr of uhyve or the proxy, and launch's start_to_exit (ms).
boot_phases() {
	awk -v mode="$1" -v total="$2" '
		/^uhyve: \[/ { sub(/^uhyve: \[ */, ""); t = $1 + 0
			if (/VM ready/) ready = t
			if (/cpu 0 runs/) run0 = t
			if (/guest ended/) ended = t
			if (/VM torn down/) down = t }
		/boot: [0-9]+ us to main/ { for (i = 1; i < NF; i++) if ($i == "boot:") main = $(i + 1) / 1000 }
		/proxy: isle .*boot write/ { for (i = 1; i <= NF; i++) {
			if ($i == "write") bw = $(i + 1) + 0
			if ($i == "request") fr = $(i + 1) + 0
			if ($i == "end") en = $(i + 1) + 0 } }
		END {
			if (main != "") print "phase_kernel_to_main", main, "ms"
			if (mode == "uhyve" && down > 0) {
				print "phase_setup", ready, "ms"
				print "phase_start", run0 - ready, "ms"
				print "phase_to_main", main, "ms"
				print "phase_main_to_end", ended - run0 - main, "ms"
				print "phase_teardown", total - ended, "ms"
			} else if (mode == "isle" && en > 0) {
				print "phase_setup", total - bw - en, "ms"
				print "phase_start", bw, "ms"
				print "phase_to_main", fr, "ms"
				print "phase_main_to_end", en - fr, "ms"
			}
		}'
}

# run_one MODE BENCH REP: one measurement; appends CSV rows or a failure note.
run_one() {
	mode=$1 b=$2 rep=$3 log=$work/$1-$2.out errlog=$work/$1-$2.err status=0
	cmd=$(mode_cmd "$mode" "$b")
	if [ "$b" = netio ]; then
		why=$(net_unavailable "$mode")
		if [ -n "$why" ]; then
			[ "$rep" = 1 ] && echo "$mode netio: $why" >>"$out/missing-$inner.txt"
			return
		fi
		net_setup "$mode" || { echo "$inner $mode netio: namespace set-up failed" >>"$out/failures-$inner.txt"; return; }
		cmd=$(netio_cmd "$mode")
	fi
	# shellcheck disable=SC2046,SC2086 # the words are meant to split (no spaces in paths)
	timeout -k 5 600 "$LAUNCH" $cmd $(bench_args "$b") >"$log" 2>"$errlog" || status=$?
	[ "$b" = netio ] && [ "$mode" = uhyve ] && net_counters <"$errlog" >>"$log"
	if [ "$status" -ne 0 ] || ! grep -q ' ' "$log"; then
		echo "$inner $mode $b rep $rep: status $status: $(tail -n 3 "$errlog" "$log" | tr '\n' ' ')" >>"$out/failures-$inner.txt"
		echo "  FAILED  $inner/$mode/$b rep $rep (status $status)" >&2
		return
	fi
	csv_rows "$mode" "$b" "$rep" <"$log" >>"$raw"
	if [ "$b" = boot ] && [ "$mode" != linux ]; then
		# The same launch with HERMIT_VERBOSE=1 for the phases (the quiet one gives the totals).
		status=0
		# shellcheck disable=SC2086
		HERMIT_VERBOSE=1 timeout -k 5 600 "$LAUNCH" $cmd >"$log" 2>"$errlog" || status=$?
		total=$(awk '$1 == "start_to_exit" { print $2 }' "$log")
		if [ "$status" -eq 0 ] && [ -n "$total" ]; then
			boot_phases "$mode" "$total" <"$errlog" | csv_rows "$mode" boot "$rep" >>"$raw"
		fi
		if [ "$mode" = uhyve ] && [ -x "$KVM_FLOOR" ]; then
			"$LAUNCH" "$KVM_FLOOR" 2>/dev/null |
				awk '$1 == "start_to_exit" { print "kvm_floor_start_to_exit", $2, $3 }' |
				csv_rows uhyve boot "$rep" >>"$raw"
		fi
	fi
}

describe_env() {
	echo "environment: $inner"
	echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(nproc) online"
	echo "linux: $(uname -sr)"
	echo "numa: node $node, cores $cores (of $(ls -d /sys/devices/system/node/node[0-9]* 2>/dev/null | wc -l) node(s))"
	echo "llc: $("$BIN/linux/stream" llc 2>/dev/null | awk '$1 == "llc_size" { printf "%s KiB", $2 } $1 == "llc_from_sysfs" { print ($2 == 1 ? " (sysfs)" : " (cpuid)") }')"
	[ "$inner" = host ] && echo "compilers: gcc $(gcc -dumpfullversion) for the Linux builds; x86_64-hermit-gcc (the same gcc, newlib $(ls /usr/src/newlib 2>/dev/null | sed -n 's/newlib-\(.*\)\.tar.*/\1/p' | head -n 1)) for the images; -O2, same flags"
	[ "$inner" = qemu ] && echo "programs: the host's builds, through the 9p share"
}

run_inner() {
	work=$(mktemp -d "${TMPDIR:-/tmp}/hermit-bench.XXXXXX") || exit 71
	trap 'net_cleanup; rm -rf "$work"' EXIT
	trap 'exit 130' INT TERM
	[ -x "$LAUNCH" ] || { echo "bench.sh: $LAUNCH missing (make -C usr/benchmarks)" >&2; exit 1; }
	pick_cores
	mkdir -p "$out"
	raw=$out/raw-$inner.csv
	: >"$raw"
	: >"$out/failures-$inner.txt"
	: >"$out/missing-$inner.txt"
	# uhyve gets room for STREAM's three arrays (4x the LLC each) and 256 MiB more.
	llc_kib=$("$BIN/linux/stream" llc 2>/dev/null | awk '$1 == "llc_size" { print int($2) }')
	uhyve_mem=$((3 * 4 * ${llc_kib:-32768} / 1024 + 256))M
	[ "${uhyve_mem%M}" -lt 512 ] && uhyve_mem=512M
	describe_env >"$out/env-$inner.txt"
	run_modes=''
	for m in $(words "$modes"); do
		why=$(unavailable "$m")
		if [ -n "$why" ]; then
			echo "$m $why" >>"$out/missing-$inner.txt"
			echo "  MISSING $inner/$m: $why" >&2
		else
			run_modes="$run_modes $m"
		fi
	done
	echo "modes:${run_modes:- none} on node $node, cores $cores; $reps repetitions" >>"$out/env-$inner.txt"
	rep=1
	while [ "$rep" -le "$reps" ]; do
		for b in $(words "$only"); do
			echo "  RUN     $inner rep $rep/$reps: $b ($run_modes )" >&2
			for m in $run_modes; do
				run_one "$m" "$b" "$rep"
			done
		done
		rep=$((rep + 1))
	done
}

if [ -n "$inner" ]; then
	run_inner
	exit 0
fi

# ---- the whole comparison ----
mkdir -p "$out"
t_start=$(date +%s)
if [ "$report_only" = 0 ]; then
	common="--only $only --reps $reps --cpus $cpus"
	[ "$quick" = 1 ] && common="$common --quick"
	for e in $(words "$envs"); do
		case $e in
		host)
			echo "== host: Linux native vs uhyve" >&2
			# shellcheck disable=SC2086
			"$0" $common --modes "$modes" --out "$out" --inner host ;;
		qemu)
			echo "== nested QEMU (TCG): Linux native, uhyve, isle" >&2
			case $out in
			"$TOP"/*) gout=/hermit/${out#"$TOP"/} ;;
			*) echo "bench.sh: --out must be inside $TOP for the QEMU part" >&2; exit 2 ;;
			esac
			"$TOP/tools/qemu/run.sh" --timeout 1500 --run "cd /hermit && tools/bench.sh \
				$common --modes $modes --out $gout --inner qemu" >&2 ||
				echo "bench.sh: the QEMU run failed (status $?); what it did not write is missing" >&2
			echo "emulation: $(qemu-system-x86_64 --version | head -n 1), TCG (single-threaded), -cpu max, 4 vCPUs in 2 NUMA nodes; guest kernel Debian $(cat "$BUILD/qemu/kernel-version" 2>/dev/null)" >>"$out/env-qemu.txt" ;;
		*) echo "bench.sh: unknown environment '$e'" >&2; exit 2 ;;
		esac
	done
fi
"$TOP/usr/benchmarks/report.sh" "$out" || exit 1
[ "$update_doc" = 1 ] && "$TOP/usr/benchmarks/report.sh" --update-doc "$out" "$TOP/doc/benchmarks.md"
echo "bench.sh: done in $(($(date +%s) - t_start)) s: $out/results.csv, $out/table.md, $out/*.png" >&2
