#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Runs libgomp's own testsuite (built by `make -C gcc-runtime tests`) on its own, outside
# usr/tests/run.sh: one line per test (PASS/FAIL/SKIP), then "N passed, N failed".
#
# usage: gcc-runtime/tests/libgomp-run.sh DIR RUN [ARGS...]
#   DIR   build/gcc-runtime/libgomp-tests;  RUN [ARGS]: what starts an image, e.g.
#         build/uhyve/uhyve, or a script running the proxy on an isle
#   HERMIT_CPUS: the CPU counts to run each test with (default 2; "1 2" runs both);
#   HERMIT_LIBGOMP_TESTS, HERMIT_LIBGOMP_TIMEOUT: see libgomp-cases.sh.
# Example, in the nested QEMU: tools/qemu/run.sh --run 'cd /hermit &&
#   HERMIT_CPUS="1 2" gcc-runtime/tests/libgomp-run.sh build/gcc-runtime/libgomp-tests
#   build/uhyve/uhyve'

HERE=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 2 ] || {
	echo "usage: $0 DIR RUN [ARGS...]" >&2
	exit 64
}
dir=$(cd "$1" && pwd) || exit 66
shift
case $1 in
*/*)
	runner=$(cd "$(dirname "$1")" && pwd)/${1##*/}
	shift
	set -- "$runner" "$@"
	;;
esac
# shellcheck disable=SC2034 # used by tcase_cpus (harness.sh)
TEST_CPUS=${HERMIT_CPUS:-2}
unset HERMIT_CPUS
TEST_WORK=$(mktemp -d "${TMPDIR:-/tmp}/libgomp-tests.XXXXXX") || exit 71
trap 'rm -rf "$TEST_WORK"' EXIT
trap 'exit 130' INT TERM
# A single command word for tcase: the runner with its arguments.
run=$TEST_WORK/run
{
	echo '#!/bin/sh'
	printf 'exec'
	printf " '%s'" "$@"
	echo ' "$@"'
} >"$run"
chmod +x "$run"

# shellcheck source=usr/tests/harness.sh
. "$HERE/../../usr/tests/harness.sh"
# shellcheck source=gcc-runtime/tests/libgomp-cases.sh
. "$HERE/libgomp-cases.sh"

libgomp_testsuite_cases "$dir" "$run"
tsummary
