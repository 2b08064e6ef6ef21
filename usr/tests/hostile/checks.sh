# SPDX-License-Identifier: BSD-3-Clause
# Shared by run.sh and gdb-test.sh (POSIX sh): a clean uhyve environment, a scratch folder,
# PASS/FAIL bookkeeping and the closing "N passed, N failed" line.

unset HERMIT_CPUS HERMIT_MEM HERMIT_NODE HERMIT_VERBOSE HERMIT_HUGEPAGES HERMIT_PREFAULT \
	HERMIT_PRIV HERMIT_ROOT HERMIT_DEBUG

passed=0
failed=0
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

pass() {
	echo "PASS $1"
	passed=$((passed + 1))
}

fail() {
	echo "FAIL $1: $2"
	failed=$((failed + 1))
}

# Prints the summary line; the caller exits with its status.
summary() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
