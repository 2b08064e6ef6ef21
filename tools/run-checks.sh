#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# What `make check` runs after building: every test suite, with one summed result line.
#
# usage: tools/run-checks.sh [--no-qemu] [BUILD_DIR]
#   Suites: unit tests of uhyve, proxy, libc (make -C X test-unit), usr/tests/run.sh on the
#   host, uhyve's hostile guests, uhyve's tap link (usr/tests/net-tap.sh), then in the nested
#   QEMU guest usr/tests/run.sh (with the binfmt_misc handler installed there), the isle
#   module's own tests, usr/tests/run.sh in isle mode on isles 0 and 1 and the mmnif link to
#   each isle (usr/tests/net-link.sh), and on hosts without /dev/kvm uhyve's tap link there
#   (usr/tests/net-tap-qemu.sh); then the Debian packages' own test suites
#   (usr/packages/check.sh: on the host with /dev/kvm, else in the nested QEMU). Each suite
#   ends with "N passed, N failed"; a suite that ends without one counts as one failure. The
#   last line is the sum.

TOP=$(cd "$(dirname "$0")/.." && pwd)
QEMU=1
while [ $# -gt 0 ]; do
	case $1 in
	--no-qemu) QEMU=0 ;;
	-*)
		echo "usage: $0 [--no-qemu] [BUILD_DIR]" >&2
		exit 64
		;;
	*) break ;;
	esac
	shift
done
BUILD=$(cd "${1:-$TOP/build}" && pwd) || exit 66
SYSROOT=${SYSROOT:-$BUILD/sysroot}
LOGS=$(mktemp -d "${TMPDIR:-/tmp}/hermit-checks.XXXXXX") || exit 71
trap 'rm -rf "$LOGS"' EXIT
trap 'exit 130' INT TERM

total_passed=0
total_failed=0
summary=

now_ms() {
	t=$(date +%s%N 2>/dev/null)
	case $t in
	*N | "") echo $(($(date +%s) * 1000)) ;;
	*) echo $((t / 1000000)) ;;
	esac
}

# run_suite NAME COMMAND...: runs, shows the output, adds its counts to the totals.
run_suite() {
	name=$1
	shift
	echo "== $name: $*"
	start=$(now_ms)
	{
		"$@" 2>&1
		echo $? >"$LOGS/rc"
	} | tee "$LOGS/out"
	rc=$(cat "$LOGS/rc")
	ms=$(($(now_ms) - start))
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$LOGS/out" | tail -n 1)
	if [ -n "$line" ]; then
		p=${line%% passed*}
		f=${line#*passed, }
		f=${f%% failed}
		# A suite that reports no failure but exits non-zero broke after its tests.
		[ "$rc" != 0 ] && [ "$f" = 0 ] && f=1 && line="$line (exit status $rc)"
	else
		p=0
		f=1
		line="no result line (exit status $rc)"
	fi
	total_passed=$((total_passed + p))
	total_failed=$((total_failed + f))
	result=$(printf '%-14s %s (%d.%03d s)' "$name" "$line" $((ms / 1000)) $((ms % 1000)))
	echo "== $result"
	summary="$summary$result
"
}

skip_suite() {
	result=$(printf '%-14s SKIP: %s' "$1" "$2")
	echo "== $result"
	summary="$summary$result
"
}

has_target() {
	[ -f "$1/Makefile" ] && make --no-print-directory -n -C "$1" "$2" >/dev/null 2>&1
}

unit_suites() {
	for part in uhyve proxy libc; do
		if has_target "$TOP/$part" test-unit; then
			run_suite "unit-$part" make --no-print-directory -C "$TOP/$part" TOP="$TOP" \
				BUILD="$BUILD" SYSROOT="$SYSROOT" test-unit
		else
			skip_suite "unit-$part" "$part/Makefile has no test-unit target"
		fi
	done
}

host_suites() {
	# Some machines of this kind come without a /dev/kvm node (the kvm module is loaded but
	# registers no device): everything that runs uhyve on the host is skipped then; the same
	# suites run in the nested QEMU guest, which has its own (nested) KVM.
	if [ ! -c /dev/kvm ]; then
		for s in tests-host hostile hostile-asan gdb; do
			skip_suite $s "no /dev/kvm on this host (the suite runs in the nested QEMU)"
		done
		make --no-print-directory -C "$TOP/usr/tests/hostile" TOP="$TOP" BUILD="$BUILD" \
			SYSROOT="$SYSROOT" all gdb || echo "run-checks: building the hostile guests failed"
		run_suite fuzz fuzz_bounded
		return
	fi
	run_suite tests-host "$TOP/usr/tests/run.sh" --env host "$BUILD"
	if [ -x "$TOP/usr/tests/hostile/run.sh" ]; then
		run_suite hostile "$TOP/usr/tests/hostile/run.sh" "$BUILD/uhyve/uhyve" "$BUILD"
	else
		skip_suite hostile "usr/tests/hostile/run.sh not there"
	fi
	run_suite hostile-asan make --no-print-directory -C "$TOP/uhyve" TOP="$TOP" \
		BUILD="$BUILD" SYSROOT="$SYSROOT" check-asan
	run_suite gdb make --no-print-directory -C "$TOP/usr/tests/hostile" TOP="$TOP" \
		BUILD="$BUILD" SYSROOT="$SYSROOT" check-gdb
	run_suite fuzz fuzz_bounded
}

# uhyve's tap link in a namespace of its own (needs /dev/kvm, /dev/net/tun and ip netns).
net_tap_suite() {
	if reason=$("$TOP/usr/tests/net-tap.sh" --probe); then
		run_suite net-tap "$TOP/usr/tests/net-tap.sh" "$BUILD"
	else
		skip_suite net-tap "$reason"
	fi
}

# A bounded fuzzing run; fuzzers print no summary, so a clean run counts as one pass.
fuzz_bounded() {
	make --no-print-directory -C "$TOP/uhyve" TOP="$TOP" BUILD="$BUILD" SYSROOT="$SYSROOT" \
		fuzz FUZZ_SECONDS=10 >"$LOGS/fuzz.log" 2>&1
	fuzz_rc=$?
	tail -n 5 "$LOGS/fuzz.log"
	if [ $fuzz_rc = 0 ]; then
		echo "1 passed, 0 failed"
	else
		echo "0 passed, 1 failed"
	fi
	return $fuzz_rc
}

# In the guest /hermit is this tree; the binfmt_misc handler is installed there only.
qemu_suite() {
	if [ $QEMU = 0 ]; then
		skip_suite tests-qemu "--no-qemu"
		return
	fi
	if [ ! -x "$TOP/tools/qemu/run.sh" ]; then
		skip_suite tests-qemu "tools/qemu/run.sh not there"
		return
	fi
	if [ -f "$TOP/tools/qemu/Makefile" ]; then
		make --no-print-directory -C "$TOP/tools/qemu" TOP="$TOP" BUILD="$BUILD" \
			SYSROOT="$SYSROOT" || {
			run_suite tests-qemu false
			return
		}
	fi
	# uhyve in the nested QEMU: a run killed at its time limit gets a second try (RETRY line;
	# see openmp_cases in usr/tests/run.sh).
	run_suite tests-qemu "$TOP/tools/qemu/run.sh" --run \
		'cd /hermit && tools/binfmt.sh install /hermit/build/proxy/proxy;
		 HERMIT_TEST_BINFMT=required HERMIT_TEST_HANG_RETRY=1 usr/tests/run.sh --env qemu build'
	# Isle mode: isle 0 gets core 1 (node 0), isle 1 both cores of node 1.
	if [ -f "$BUILD/linux/hermit.ko" ]; then
		run_suite isle-module "$TOP/tools/qemu/run.sh" --run \
			'cd /hermit && linux/tests/isle-module.sh build'
		for isle in 0 1; do
			run_suite tests-isle$isle "$TOP/tools/qemu/run.sh" --run \
				"cd /hermit && tools/binfmt.sh install /hermit/build/proxy/proxy;
				 HERMIT_TEST_BINFMT=required usr/tests/run.sh --env isle$isle --isle $isle build"
		done
		# mmnif: bad input, ping, UDP and TCP echo between Linux and isle 0
		# (192.168.28.2, 1 CPU), then isle 1 (192.168.28.3, 2 CPUs).
		run_suite net-isle0 "$TOP/tools/qemu/run.sh" --run \
			'cd /hermit && usr/tests/net-link.sh build 0'
		run_suite net-isle1 "$TOP/tools/qemu/run.sh" --run \
			'cd /hermit && NET_CPUS=2 usr/tests/net-link.sh build 1'
	else
		run_suite isle sh -c "echo '$BUILD/linux/hermit.ko was not built'; exit 1"
	fi
	run_suite hostile-qemu "$TOP/tools/qemu/run.sh" --run \
		'cd /hermit && usr/tests/hostile/run.sh build/uhyve/uhyve build'
	# gdb_target was built by the host's gdb suite (or by host_suites without /dev/kvm).
	run_suite gdb-qemu "$TOP/tools/qemu/run.sh" --run \
		'cd /hermit && usr/tests/hostile/gdb-test.sh build/uhyve/uhyve build'
	# uhyve's tap link where net-tap cannot run: echo per GSO/poll setting, hostile guests.
	if [ ! -c /dev/kvm ]; then
		run_suite net-tap-qemu "$TOP/tools/qemu/run.sh" --smp 2 --run \
			'cd /hermit && sh usr/tests/net-tap-qemu.sh'
	fi
}

# zlib, bzip2, xz-utils and the CMake sample (make packages); in the nested QEMU without
# /dev/kvm, where xz-utils' make check is left to make check-packages (it takes minutes there).
packages_suite() {
	if [ ! -f "$BUILD/packages/zlib/.source" ]; then
		skip_suite packages "not built (make packages)"
	elif [ ! -c /dev/kvm ] && [ $QEMU = 0 ]; then
		skip_suite packages "no /dev/kvm on this host and --no-qemu"
	else
		run_suite packages "$TOP/usr/packages/check.sh" "$BUILD"
	fi
}

unit_suites
host_suites
net_tap_suite
qemu_suite
packages_suite
echo "== summary"
printf '%s' "$summary"
echo "$total_passed passed, $total_failed failed"
[ $total_failed = 0 ]
