# SPDX-License-Identifier: BSD-3-Clause
# Test-case functions for usr/tests/run.sh (POSIX sh: host bash/dash and busybox sh in QEMU).
#
# tcase [options] NAME STATUS EXPECTED COMMAND [ARGS...]
#   Runs COMMAND (stdout and stderr together, stdin from /dev/null) and checks, in order:
#   the exit status is STATUS; the output holds the EXPECTED lines in order (one per line,
#   "" for no check; a line starting with "~ " is a glob pattern, the rest compares exactly).
#   Options:
#     -e NAME=VALUE  set an environment variable for the command (repeatable)
#     -x             the output must be exactly the EXPECTED lines, nothing else
#     -1             the output must be exactly one line (an error message)
#     -f FILE=REF    afterwards FILE must exist with the same bytes as REF (repeatable)
#     -d DIR         run the command in DIR
#     -t SECONDS     time limit (default $TEST_TIMEOUT)
#     -s SUFFIX      appended to NAME (used by tcase_cpus)
# tcase_cpus [options] NAME ...  the same case once per CPU count in $TEST_CPUS, with
#   HERMIT_CPUS set and NAME/<n>cpu as its name.
# tfail NAME REASON  reports a case that failed before it could run (counts as failed).
# tskip NAME REASON  reports a case that cannot run here; it counts neither way.
# tsummary           prints "N passed, N failed"; returns 0 only if none failed.

TEST_TIMEOUT=${HERMIT_TEST_TIMEOUT:-120}
TEST_LABEL=${TEST_LABEL:-}
tests_passed=0
tests_failed=0

if command -v timeout >/dev/null 2>&1; then
	tcase_timeout=timeout
else
	tcase_timeout=
fi

# The name as printed: "label/name" when run.sh got --env label.
tcase_title() {
	if [ -n "$TEST_LABEL" ]; then
		printf '%s/%s' "$TEST_LABEL" "$1"
	else
		printf '%s' "$1"
	fi
}

tcase_line_matches() {
	case $1 in
	"~ "*)
		tcase_pat=${1#"~ "}
		# shellcheck disable=SC2254 # the expansion is meant as a pattern
		case $2 in
		$tcase_pat) return 0 ;;
		esac
		return 1
		;;
	esac
	[ "$1" = "$2" ]
}

# Exact: every output line matches the expected line at the same position.
tcase_match_exact() {
	tcase_n=0
	{
		while IFS= read -r tcase_e <&3; do
			tcase_n=$((tcase_n + 1))
			if ! IFS= read -r tcase_o <&4; then
				tcase_why="line $tcase_n: expected '$tcase_e', got end of output"
				return 1
			fi
			if ! tcase_line_matches "$tcase_e" "$tcase_o"; then
				tcase_why="line $tcase_n: expected '$tcase_e', got '$tcase_o'"
				return 1
			fi
		done
		if IFS= read -r tcase_o <&4 || [ -n "$tcase_o" ]; then
			tcase_why="line $((tcase_n + 1)): expected end of output, got '$tcase_o'"
			return 1
		fi
	} 3<"$1" 4<"$2"
}

# Contains: the expected lines appear in the output in this order, others in between.
tcase_match_contains() {
	{
		while IFS= read -r tcase_e <&3; do
			tcase_found=0
			while IFS= read -r tcase_o <&4 || [ -n "$tcase_o" ]; do
				if tcase_line_matches "$tcase_e" "$tcase_o"; then
					tcase_found=1
					break
				fi
				tcase_o=
			done
			if [ $tcase_found = 0 ]; then
				tcase_why="expected a line '$tcase_e', got none"
				return 1
			fi
		done
	} 3<"$1" 4<"$2"
}

tcase_check_files() {
	for tcase_pair in $tcase_files; do
		tcase_file=${tcase_pair%%=*}
		tcase_ref=${tcase_pair#*=}
		if [ ! -f "$tcase_file" ]; then
			tcase_why="expected file $tcase_file, got none"
			return 1
		fi
		if ! cmp -s "$tcase_file" "$tcase_ref"; then
			tcase_why="expected $tcase_file equal to $tcase_ref, got different bytes"
			return 1
		fi
	done
}

# Runs the command in a subshell with the case's environment; output to $1.
tcase_exec() {
	tcase_log=$1
	shift
	(
		if [ -n "$tcase_envs" ]; then
			while IFS= read -r tcase_kv; do
				# shellcheck disable=SC2163 # exports NAME=VALUE as given
				[ -n "$tcase_kv" ] && export "$tcase_kv"
			done <<EOF
$tcase_envs
EOF
		fi
		cd "$tcase_dir" || exit 125
		# KILL, not TERM: a command stuck in the kernel must not stall the whole suite.
		exec $tcase_timeout ${tcase_timeout:+-s KILL "$tcase_time"} "$@"
	) >"$tcase_log" 2>&1 </dev/null
}

tcase_verdict() {
	tcase_status=$1
	tcase_log=$2
	tcase_why=
	if [ "$tcase_status" != "$tcase_want" ]; then
		tcase_why="expected status $tcase_want, got $tcase_status"
	elif [ "$tcase_one" = 1 ] && [ "$(wc -l <"$tcase_log")" -ne 1 ]; then
		tcase_why="expected one line of output, got $(wc -l <"$tcase_log")"
	elif [ "$tcase_exact" = 1 ]; then
		tcase_match_exact "$TEST_WORK/expected" "$tcase_log"
	else
		tcase_match_contains "$TEST_WORK/expected" "$tcase_log"
	fi
	[ -z "$tcase_why" ] && tcase_check_files
	if [ -z "$tcase_why" ]; then
		tests_passed=$((tests_passed + 1))
		echo "PASS $tcase_name"
	else
		tests_failed=$((tests_failed + 1))
		echo "FAIL $tcase_name: $tcase_why"
		head -n 12 "$tcase_log" | sed 's/^/    | /'
	fi
}

tcase() {
	tcase_envs=
	tcase_exact=0
	tcase_one=0
	tcase_files=
	tcase_dir=.
	tcase_time=$TEST_TIMEOUT
	tcase_suffix=
	while [ $# -gt 0 ]; do
		case $1 in
		-e) tcase_envs="$tcase_envs$2
" ;;
		-f) tcase_files="$tcase_files $2" ;;
		-d) tcase_dir=$2 ;;
		-t) tcase_time=$2 ;;
		-s) tcase_suffix=$2 ;;
		-x) tcase_exact=1 && shift && continue ;;
		-1) tcase_one=1 && shift && continue ;;
		*) break ;;
		esac
		shift 2
	done
	tcase_name=$(tcase_title "$1$tcase_suffix")
	tcase_want=$2
	printf '%s' "$3" >"$TEST_WORK/expected"
	[ -n "$3" ] && echo >>"$TEST_WORK/expected"
	shift 3
	tcase_exec "$TEST_WORK/output" "$@"
	tcase_status=$?
	# HERMIT_TEST_HANG_RETRY=1: a run killed at its time limit runs once more, with a RETRY
	# line (the nested QEMU, where uhyve's guests with 2 CPUs rarely hang: usr/tests/run.sh).
	if [ "$tcase_status" = 137 ] && [ "$tcase_want" != 137 ] &&
		[ "${HERMIT_TEST_HANG_RETRY:-0}" = 1 ]; then
		echo "RETRY $tcase_name: killed at its time limit ($tcase_time s), run once more"
		tcase_exec "$TEST_WORK/output" "$@"
		tcase_status=$?
	fi
	tcase_verdict $tcase_status "$TEST_WORK/output"
}

tcase_cpus() {
	for tcase_cpu in $TEST_CPUS; do
		tcase -e "HERMIT_CPUS=$tcase_cpu" -s "/${tcase_cpu}cpu" "$@"
	done
}

tfail() {
	tests_failed=$((tests_failed + 1))
	echo "FAIL $(tcase_title "$1"): $2"
}

tskip() {
	echo "SKIP $(tcase_title "$1"): $2"
}

tsummary() {
	echo "$tests_passed passed, $tests_failed failed"
	[ $tests_failed = 0 ]
}
