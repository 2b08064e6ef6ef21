# SPDX-License-Identifier: BSD-3-Clause
# libgomp's own testsuite as test cases of usr/tests/harness.sh (sourced by usr/tests/run.sh
# and by gcc-runtime/tests/libgomp-run.sh; POSIX sh, also busybox sh in the nested QEMU).
#
# libgomp_testsuite_cases DIR RUN
#   DIR  the images and tests.list made by `make -C gcc-runtime tests` (tests/libgomp-list.sh)
#   RUN  what starts an image (uhyve, or the proxy on an isle)
#   Every "run" test once per CPU count in $TEST_CPUS (tcase_cpus) with its environment
#   (dg-set-target-env-var), exit status and output lines; a "build" test passes when its
#   compilation or link gave the expected result; a "skip" test is reported with its reason.
#   HERMIT_LIBGOMP_TESTS: a shell pattern on the test names to run only some (default *);
#   HERMIT_LIBGOMP_EVERY=N: only every Nth test of the list (default 1: all; skips are
#   always reported); HERMIT_LIBGOMP_TIMEOUT: seconds per run (default 120).

libgomp_testsuite_cases() {
	lg_dir=$1
	lg_run=$2
	if [ ! -f "$lg_dir/tests.list" ]; then
		tskip libgomp "no $lg_dir/tests.list (make -C gcc-runtime tests builds the testsuite)"
		return 0
	fi
	lg_n=0
	while IFS='	' read -r lg_id lg_kind lg_status lg_expect lg_env; do
		# shellcheck disable=SC2254 # the pattern is meant as one
		case $lg_id in
		${HERMIT_LIBGOMP_TESTS:-*}) ;;
		*) continue ;;
		esac
		if [ "$lg_kind" != skip ]; then
			lg_n=$((lg_n + 1))
			[ $((lg_n % ${HERMIT_LIBGOMP_EVERY:-1})) = 0 ] || continue
		fi
		[ "$lg_expect" = - ] && lg_expect=
		[ "$lg_env" = - ] && lg_env=
		lg_name=libgomp/${lg_id#libgomp.}
		case $lg_kind in
		skip)
			tskip "$lg_name" "$lg_expect"
			;;
		build)
			if [ -f "$lg_dir/$lg_id.ok" ]; then
				tests_passed=$((tests_passed + 1))
				echo "PASS $(tcase_title "$lg_name") (compile/link test)"
			else
				tfail "$lg_name" "the compile/link test did not give the expected result"
			fi
			;;
		run)
			if [ ! -f "$lg_dir/$lg_id" ]; then
				tfail "$lg_name" "image $lg_dir/$lg_id was not built"
				continue
			fi
			set -f
			set --
			for lg_kv in $lg_env; do
				set -- "$@" -e "$lg_kv"
			done
			set +f
			tcase_cpus -t "${HERMIT_LIBGOMP_TIMEOUT:-120}" "$@" "$lg_name" "$lg_status" \
				"$(printf '%b' "$lg_expect")" "$lg_run" "$lg_dir/$lg_id"
			;;
		esac
	done <"$lg_dir/tests.list"
}
