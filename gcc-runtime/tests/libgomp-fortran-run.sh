#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Builds and runs the plain run tests of libgomp's Fortran testsuite (libgomp.fortran) as
# HermitCore images: one line per test (PASS/FAIL), then "N passed, N failed, N left out".
#
# usage: gcc-runtime/tests/libgomp-fortran-run.sh TESTSUITE_DIR OUT_DIR FC RUN [ARGS...]
#   TESTSUITE_DIR  libgomp/testsuite of the unpacked GCC source
#   OUT_DIR        where the images go;  FC: x86_64-hermit-gfortran
#   RUN [ARGS]     what starts an image, e.g. build/uhyve/uhyve
#   HERMIT_CPUS (default 2) and HERMIT_LIBGOMP_TIMEOUT (seconds per run, default 60).
# "Plain": one source file that must run and exit with status 0, with -fopenmp, -O2 or its
# own dg-options, plus its dg-additional-options. Tests with any other directive (extra
# sources, expected output or failure, target selectors, environment, offloading) are left
# out and counted: this is a smoke test, not DejaGnu.
# Example: gcc-runtime/tests/libgomp-fortran-run.sh build/gcc-runtime/src/libgomp/testsuite
#   build/gcc-runtime/libgomp-fortran build/sysroot/bin/x86_64-hermit-gfortran build/uhyve/uhyve

[ $# -ge 4 ] || {
	echo "usage: $0 TESTSUITE_DIR OUT_DIR FC RUN [ARGS...]" >&2
	exit 64
}
ts=$(cd "$1/libgomp.fortran" && pwd) || exit 66
mkdir -p "$2" && out=$(cd "$2" && pwd) || exit 73
# Relative paths of FC and RUN hold from here; the loop runs in the testsuite directory.
abs() {
	case $1 in
	*/*) echo "$(cd "$(dirname "$1")" && pwd)/${1##*/}" ;;
	*) echo "$1" ;;
	esac
}
fc=$(abs "$3")
shift 3
runner=$(abs "$1")
shift
set -- "$runner" "$@"
export HERMIT_CPUS="${HERMIT_CPUS:-2}"
timeout=${HERMIT_LIBGOMP_TIMEOUT:-60}
other='dg-additional-sources|dg-do (compile|link)|dg-shouldfail|dg-output|dg-error|dg-skip|dg-require|dg-set-target-env-var|offload|[{] *target '

pass=0 fail=0 left=0
cd "$ts" || exit 66
for file in $(find . -maxdepth 1 -type f \( -name '*.f' -o -name '*.f90' -o -name '*.F' \
	-o -name '*.F90' \) | LC_ALL=C sort); do
	file=${file#./}
	id=${file%.*}
	if grep -Eq "$other" "$file"; then
		left=$((left + 1))
		continue
	fi
	opts=-O2
	grep -q 'dg-options' "$file" && opts=
	opts="$opts $(sed -n 's/.*dg-\(additional-\)\{0,1\}options "\([^"]*\)".*/\2/p' "$file" | tr '\n' ' ')"
	# shellcheck disable=SC2086 # $opts is a list of options
	if ! "$fc" -fopenmp $opts -w -J "$out" -o "$out/$id" "$file" >"$out/$id.build" 2>&1; then
		echo "FAIL $id: does not build ($(head -1 "$out/$id.build"))"
		fail=$((fail + 1))
		continue
	fi
	# Run in OUT_DIR: some tests write files into the current directory.
	(cd "$out" && timeout "$timeout" "$@" "$out/$id" >"$out/$id.out" 2>&1)
	status=$?
	if [ $status -eq 0 ]; then
		echo "PASS $id"
		pass=$((pass + 1))
	else
		echo "FAIL $id: status $status ($(tail -1 "$out/$id.out"))"
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed, $left left out"
[ $fail -eq 0 ]
