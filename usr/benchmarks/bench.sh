#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Runs each benchmark natively and under uhyve and prints their "name value unit" lines side
# by side; the table also goes to RESULTS.
#
# usage: bench.sh OUT_DIR UHYVE RESULTS
#   OUT_DIR holds <name> (HermitCore images) and linux/<name>. HERMIT_CPUS (default 2) and
#   BENCH_HOURGLASS_SECONDS (default 5) adjust the runs.

set -u

[ $# -eq 3 ] || {
	echo "usage: $0 OUT_DIR UHYVE RESULTS" >&2
	exit 64
}
OUT=$1
UHYVE=$2
RESULTS=$3
HERMIT_CPUS=${HERMIT_CPUS:-2}
export HERMIT_CPUS

WORK=$(mktemp -d "${TMPDIR:-/tmp}/hermit-bench.XXXXXX") || exit 71
trap 'rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM

# Arguments per benchmark.
bench_args() {
	case $1 in
	hourglass) echo "${BENCH_HOURGLASS_SECONDS:-5}" ;;
	*) echo "" ;;
	esac
}

# Keeps the "name value unit" lines of a run; a failed run leaves a note instead.
collect() {
	grep -E '^[A-Za-z0-9_]+ ([-+0-9.eE]+|nan) [^ ]+$' "$1" || true
}

# run_one VARIANT NAME COMMAND...
run_one() {
	variant=$1
	name=$2
	shift 2
	echo "  RUN     $variant/$name" >&2
	if "$@" >"$WORK/$variant-$name.log" 2>&1; then
		collect "$WORK/$variant-$name.log" >>"$WORK/$variant.txt"
	else
		echo "  FAILED  $variant/$name (status $?):" >&2
		tail -n 5 "$WORK/$variant-$name.log" | sed 's/^/    | /' >&2
	fi
}

: >"$WORK/linux.txt"
: >"$WORK/hermit.txt"
for name in basic hourglass stream; do
	# shellcheck disable=SC2046 # the arguments are meant to be split
	if [ -x "$OUT/linux/$name" ]; then
		run_one linux "$name" "$OUT/linux/$name" $(bench_args "$name")
	fi
	# shellcheck disable=SC2046
	if [ -x "$OUT/$name" ] && [ -x "$UHYVE" ]; then
		run_one hermit "$name" "$UHYVE" "$OUT/$name" $(bench_args "$name")
	fi
done

mkdir -p "$(dirname "$RESULTS")" || exit 73
{
	echo "# HermitCore benchmarks on $(hostname) at $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
	echo "# host: $(uname -sr), $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //')"
	echo "# hermit: uhyve with HERMIT_CPUS=$HERMIT_CPUS"
	awk -f "$(dirname "$0")/compare.awk" "$WORK/linux.txt" "$WORK/hermit.txt"
} >"$RESULTS"
cat "$RESULTS"
echo "results: $RESULTS"
