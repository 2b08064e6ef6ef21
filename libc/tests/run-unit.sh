#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Runs host unit-test programs, each ending with "N passed, N failed", and prints the sum.
# usage: run-unit.sh PROGRAM[:ARGS] ...   (exit 1 when any program fails or has no count)
passed=0
failed=0
out=$(mktemp) || exit 71
trap 'rm -f "$out"' EXIT
for spec; do
	prog=${spec%%:*}
	args=
	[ "$prog" = "$spec" ] || args=${spec#*:}
	# shellcheck disable=SC2086 # ARGS are words on purpose
	"$prog" $args >"$out" 2>&1
	rc=$?
	cat "$out"
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out" | tail -n 1)
	if [ -z "$line" ]; then
		echo "run-unit: ${prog##*/} ended (status $rc) without a count"
		failed=$((failed + 1))
		continue
	fi
	p=${line%% passed*}
	f=${line#*passed, }
	f=${f%% failed}
	[ "$rc" -eq 0 ] || [ "$f" -gt 0 ] || f=1
	passed=$((passed + p))
	failed=$((failed + f))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
