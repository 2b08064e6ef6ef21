#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Runs the packages' own test suites (make test, make check, ctest) with their images under uhyve.
#
# usage: usr/packages/check.sh [--all] [--here] BUILD_DIR
#   Without --here it picks the place: this host when /dev/kvm is there and user namespaces
#   work, with a binfmt_misc handler of its own (a private binfmt_misc instance in a new user
#   and mount namespace, so the host's is never touched); else the nested QEMU guest
#   (tools/qemu/run.sh, build tree at /hermit), where tools/binfmt.sh installs the handler.
#   Then it runs itself with --here.
#   Suites: the porting aids (where gcc is), zlib's make test, bzip2's make test, the CMake
#   sample (tools/porting/hermit.cmake, pkg-config, threads) with ctest and against its Linux
#   build, and xz-utils' make check and xz -T2 against the host's xz (on the host, or with
#   --all; PACKAGES_ALL=1 does the same). Ends with "N passed, N failed".
#   HERMIT_CPUS (default 2) is passed to every image.

top=$(cd "$(dirname "$0")/../.." && pwd)
all=${PACKAGES_ALL:-0}
here=0
while [ $# -gt 0 ]; do
	case $1 in
	--all) all=1 ;;
	--here) here=1 ;;
	-*)
		echo "usage: $0 [--all] [--here] BUILD_DIR" >&2
		exit 64
		;;
	*) break ;;
	esac
	shift
done
[ $# = 1 ] || {
	echo "usage: $0 [--all] [--here] BUILD_DIR" >&2
	exit 64
}
build=$(cd "$1" && pwd) || exit 66
pkgs=$build/packages
opts=
[ "$all" = 1 ] && opts=--all

if [ $here = 0 ]; then
	if [ -c /dev/kvm ] && unshare --user --map-root-user --mount true 2>/dev/null; then
		# The guest's images run as ./prog through the private handler; -r maps root to root,
		# so /dev/kvm stays usable.
		# shellcheck disable=SC2016 # expanded by the inner shell
		exec unshare --user --map-root-user --mount sh -c '
			mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc &&
			"$1"/tools/binfmt.sh install "$2"/proxy/proxy >/dev/null &&
			exec "$1"/usr/packages/check.sh --here --all "$2"' sh "$top" "$build"
	fi
	rel=${build#"$top"/}
	[ "$rel" != "$build" ] || {
		echo "check.sh: $build is not under $top (the guest sees only $top)"
		echo "0 passed, 1 failed"
		exit 1
	}
	# The tree also under its host path: the builds' dependency files name sysroot headers
	# by absolute path, and a missing one would make make rebuild (there is no compiler).
	exec "$top/tools/qemu/run.sh" --timeout 3000 --run "mkdir -p '${top%/*}' &&
		ln -sfn /hermit '$top' && cd /hermit &&
		tools/binfmt.sh install /hermit/$rel/proxy/proxy >/dev/null &&
		usr/packages/check.sh --here $opts $rel"
fi

export HERMIT_ISLE=uhyve HERMIT_CPUS="${HERMIT_CPUS:-2}"
passed=0
failed=0
logs=$(mktemp -d "${TMPDIR:-/tmp}/hermit-packages.XXXXXX") || exit 71
trap 'rm -rf "$logs"' EXIT

# result NAME OK [WHY]: counts and prints one line.
result() {
	if [ "$2" = 1 ]; then
		passed=$((passed + 1))
		echo "PASS  $1"
	else
		failed=$((failed + 1))
		echo "FAIL  $1${3:+: $3}"
	fi
}

# suite NAME DIR SECONDS PATTERN CMD...: runs CMD in DIR (bounded); passes when it exits 0
# and its output has a line matching PATTERN (grep -E). The output is shown when it fails.
suite() {
	name=$1 dir=$2 secs=$3 pattern=$4
	shift 4
	if [ ! -d "$dir" ]; then
		result "$name" 0 "$dir missing (make packages)"
		return
	fi
	(cd "$dir" && timeout "$secs" "$@") >"$logs/$name.out" 2>&1
	rc=$?
	if [ $rc = 0 ] && grep -Eq "$pattern" "$logs/$name.out"; then
		result "$name" 1
	else
		tail -n 30 "$logs/$name.out"
		result "$name" 0 "exit status $rc (124: timeout after $secs s)"
	fi
}

# The porting aids, where the compiler is (the host): -shared refused in one line, -lrt and
# -ldl link, pkg-config answers from the sysroot only (the host's libelf.pc is not seen).
if command -v gcc >/dev/null; then
	bin=$build/sysroot/bin
	printf 'int main(void) { return 7; }\n' >"$logs/p.c"
	out=$("$bin/x86_64-hermit-gcc" -shared -fPIC "$logs/p.c" -o "$logs/p.so" 2>&1)
	rc=$?
	case $rc:$(echo "$out" | wc -l):$out in
	1:1:*"-shared: shared libraries are not supported"*) result driver-refuses-shared 1 ;;
	*) result driver-refuses-shared 0 "exit status $rc, output: $out" ;;
	esac
	"$bin/x86_64-hermit-gcc" "$logs/p.c" -o "$logs/p" -lrt -ldl -lm -lpthread >"$logs/p.out" 2>&1 &&
		timeout 60 "$build/proxy/proxy" "$logs/p" >>"$logs/p.out" 2>&1
	rc=$?
	if [ $rc = 7 ]; then
		result link-lrt-ldl 1
	else
		result link-lrt-ldl 0 "exit status $rc: $(cat "$logs/p.out")"
	fi
	libs=$("$bin/x86_64-hermit-pkg-config" --libs zlib 2>&1 | sed 's/ *$//')
	if [ "$libs" = "-L$build/sysroot/x86_64-hermit/lib -lz" ] &&
		! "$bin/x86_64-hermit-pkg-config" --exists libelf; then
		result pkg-config-sysroot 1
	else
		result pkg-config-sysroot 0 "--libs zlib: '$libs', or libelf (the host's) was found"
	fi
fi

suite zlib-make-test "$pkgs/zlib/src" 300 '\*\*\* zlib 64-bit test OK \*\*\*' make test
suite bzip2-make-test "$pkgs/bzip2/src" 300 'cmp sample3.tst sample3.ref' make test

# The CMake sample: ctest where cmake is (the host), and the image against its Linux build.
sample=$pkgs/cmake-sample
if command -v ctest >/dev/null; then
	suite cmake-sample-ctest "$sample" 300 '100% tests passed' ctest --output-on-failure
fi
if [ -x "$sample/zthreads.linux" ] && [ -f "$sample/zthreads" ]; then
	"$sample/zthreads.linux" 4 >"$logs/zthreads.ref" 2>&1
	timeout 120 "$sample/zthreads" 4 >"$logs/zthreads.out" 2>&1
	rc=$?
	if [ $rc = 0 ] && cmp -s "$logs/zthreads.ref" "$logs/zthreads.out"; then
		result cmake-sample-vs-linux 1
	else
		diff "$logs/zthreads.ref" "$logs/zthreads.out"
		result cmake-sample-vs-linux 0 "exit status $rc or output differs from the Linux build"
	fi
else
	result cmake-sample-vs-linux 0 "$sample/zthreads(.linux) missing (make packages)"
fi

# stub_missing_deps DIR: automake's dependency files name the host's headers (gcc's own
# include directory) by absolute path; where they are missing (the QEMU guest) make would
# remake every object, without a compiler there. Old empty files in their place keep the
# objects up to date; the guest's root file system is thrown away at power-off.
stub_missing_deps() {
	find "$1" -path '*/.deps/*' -type f -exec cat {} + 2>/dev/null | tr ' \\' '\n\n' |
		sed -n 's/:$//; /^\//p' | sort -u | while read -r f; do
		[ -e "$f" ] || { mkdir -p "${f%/*}" && touch -t 197001020000 "$f"; }
	done
}

if [ "$all" = 1 ]; then
	command -v gcc >/dev/null || stub_missing_deps "$pkgs/xz-utils/src"
	# AWK: configure chose gawk for the test driver; the QEMU guest has busybox's awk.
	awk=
	command -v gawk >/dev/null || awk=AWK=awk
	suite xz-utils-make-check "$pkgs/xz-utils/src" 1500 '^# FAIL: +0$' make check $awk
fi

# xz -T2 on 8 MiB (three 3 MiB blocks compressed in parallel): the same bytes as the host's
# xz of the same version, and back. Where the host's xz is (not in the QEMU guest).
xzdir=$pkgs/xz-utils/src
if [ "$all" = 1 ] && [ -x "$xzdir/src/xz/xz" ] && command -v xz >/dev/null &&
	[ "$(xz --version | head -n 1)" = "xz (XZ Utils) 5.4.1" ]; then
	i=0
	while [ $i -lt 64 ]; do # stable input: the package's own sources
		cat "$xzdir"/src/liblzma/lzma/*.c
		i=$((i + 1))
	done | head -c 8388608 >"$logs/in"
	xz -T2 -1 -c "$logs/in" >"$logs/linux.xz"
	(cd "$xzdir" && timeout 300 ./src/xz/xz -T2 -1 -c "$logs/in" >"$logs/hermit.xz" &&
		timeout 300 ./src/xz/xz -T2 -d -c "$logs/hermit.xz" >"$logs/back") 2>"$logs/xz.err"
	rc=$?
	if [ $rc = 0 ] && cmp -s "$logs/linux.xz" "$logs/hermit.xz" && cmp -s "$logs/in" "$logs/back"; then
		result xz-threads-vs-linux 1
	else
		cat "$logs/xz.err"
		result xz-threads-vs-linux 0 "exit status $rc, or the bytes differ from the host's xz"
	fi
fi

echo "$passed passed, $failed failed"
[ $failed = 0 ]
