#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Self-test of the nested QEMU environment: nested KVM, the 9p share, NUMA, exit status and timeout.
set -uo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
TOP=${TOP:-$(cd "$here/../.." && pwd)}
BUILD=${BUILD:-$TOP/build}
run=$here/run.sh
failed=0

case $BUILD/ in
"$TOP"/*) guest_build=/hermit/${BUILD#"$TOP"/} ;;
*) echo "check-qemu.sh: BUILD ($BUILD) is outside TOP ($TOP), not visible in the guest" >&2
   exit 1 ;;
esac

# check NAME EXPECTED-STATUS EXPECTED-OUTPUT-REGEX RUN.SH-ARGS...
check() {
	local name=$1 want=$2 pattern=$3 output status start
	shift 3
	start=${EPOCHREALTIME/./}
	output=$("$run" "$@" 2>&1)
	status=$?
	local ms=$(((${EPOCHREALTIME/./} - start) / 1000))
	if [ "$status" -eq "$want" ] && [[ $output =~ $pattern ]]; then
		printf '  PASS    qemu: %s (%d ms)\n' "$name" "$ms"
		# A failure we asked for leaves a console log: drop it.
		local log_re='console: ([^ )]+)'
		if [[ $output =~ $log_re ]]; then
			rm -f "${BASH_REMATCH[1]}"
		fi
	else
		printf '  FAIL    qemu: %s: status %d (want %d), output:\n%s\n' \
			"$name" "$status" "$want" "$output"
		failed=1
	fi
}

check "nested KVM, /hermit, 2 NUMA nodes, kvm-smoke" 0 "kvm-smoke: ok" --run "
	test -c /dev/kvm || { echo no /dev/kvm; exit 1; }
	grep -q ' /hermit 9p ' /proc/mounts || { echo /hermit not mounted; exit 1; }
	numactl -H | grep -q 'available: 2 nodes' || { echo not 2 NUMA nodes; exit 1; }
	$guest_build/qemu/kvm-smoke"
check "exit status passed back" 3 "^$" --run "exit 3"
check "hung guest killed after --timeout" 124 "did not finish within 2 s" --timeout 2 --run "sleep 600"
exit $failed
