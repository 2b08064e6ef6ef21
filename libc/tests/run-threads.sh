#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Runs the thread test images under uhyve with 1 and 2 CPUs; each must exit 0 and print
# its success marker. Ends with "N passed, N failed" and fails if anything failed.
# Usage: run-threads.sh UHYVE IMAGE_DIR
set -u

uhyve=$1
dir=$2
passed=0
failed=0

[ -x "$uhyve" ] || { echo "run-threads.sh: $uhyve: no uhyve (build it: make -C uhyve)" >&2; exit 1; }

# run IMAGE CPUS MARKER...: every marker must appear in the output.
run() {
	image=$1 cpus=$2
	shift 2
	out=$dir/$image-$cpus.out
	HERMIT_CPUS=$cpus timeout 300 "$uhyve" "$dir/$image" > "$out" 2>&1
	rc=$?
	ok=yes
	[ $rc -eq 0 ] || ok=no
	for marker; do
		grep -qF "$marker" "$out" || ok=no
	done
	if [ $ok = yes ]; then
		passed=$((passed + 1))
		echo "  PASS    $image ($cpus CPU)"
	else
		failed=$((failed + 1))
		echo "  FAIL    $image ($cpus CPU), exit $rc, output in $out"
		tail -15 "$out" | sed 's/^/          /'
	fi
}

for cpus in 1 2; do
	run thread_test $cpus "thread_test: ok"
	run thread_stress $cpus "thread_stress: ok"
	run thread_exit_main $cpus "thread_exit_main: worker done" "thread_exit_main: atexit ran"
done

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
