#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Builds one Debian source package, unmodified, with the HermitCore driver under $BUILD/packages.
#
# usage: usr/packages/build.sh PACKAGE BUILD_DIR
#   PACKAGE: zlib, bzip2 or xz-utils. The source comes from tools/fetch-source.sh (Debian's
#   registry, cached under BUILD_DIR/src) and is copied afresh to BUILD_DIR/packages/PACKAGE/src;
#   nothing in it is changed: only configure options and make variables are given. The log goes
#   to BUILD_DIR/packages/PACKAGE/build.log. Exit status 0 when the package built.
set -eu

prog=${0##*/}
[ $# = 2 ] || {
	echo "usage: $prog PACKAGE BUILD_DIR" >&2
	exit 64
}
pkg=$1
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$2" && pwd)
sysroot=${SYSROOT:-$build/sysroot}
driver=$sysroot/bin/x86_64-hermit-gcc
out=$build/packages/$pkg
jobs=${PACKAGES_JOBS:-2}

die() {
	echo "$prog: $*" >&2
	exit 1
}

[ -x "$driver" ] || die "$driver missing (make libc)"
src=$("$top/tools/fetch-source.sh" "$pkg" "$build") || die "fetching $pkg failed"

rm -rf "$out"
mkdir -p "$out"
log=$out/build.log
case $pkg in
bzip2)
	# Upstream's tree from the same source package: Debian's makefile.diff links bzip2 with
	# libbz2.so (shared libraries do not exist here); upstream's Makefile links libbz2.a.
	dpkg-source -x --skip-patches "$(dirname "$src")"/*.dsc "$out/src" >"$log" 2>&1 ||
		die "dpkg-source -x $pkg failed (see $log)"
	;;
*) cp -a "$src" "$out/src" ;;
esac
cd "$out/src"

# run CMD...: appends the command and its output to the log; stops with the log's tail on failure.
run() {
	echo "+ $*" >>"$log"
	"$@" >>"$log" 2>&1 || {
		tail -n 20 "$log" >&2
		die "$pkg: '$*' failed (log: $log)"
	}
}

case $pkg in
zlib)
	# configure finds that -shared is refused and builds libz.a only; make install puts
	# libz.a, zlib.h and zlib.pc into the sysroot (x86_64-hermit-pkg-config --libs zlib).
	run env CC="$driver" ./configure --prefix="$sysroot/x86_64-hermit"
	run make -j"$jobs"
	run make install
	;;
bzip2)
	run make -j"$jobs" CC="$driver" libbz2.a bzip2 bzip2recover
	;;
xz-utils)
	# Built as a cross build (build and host named differently), so that configure never
	# runs an image: the build needs neither KVM nor a binfmt handler. make check runs them.
	run env CC="$driver" ./configure --build=x86_64-pc-linux-gnu --host=x86_64-linux-gnu \
		--disable-shared --disable-nls --disable-doc
	run make -j"$jobs"
	# The test programs too (TESTS= runs none), so that make check only runs images.
	run make -j"$jobs" check TESTS=
	;;
*) die "unknown package $pkg (zlib, bzip2, xz-utils)" ;;
esac
echo "$src" >"$out/.source"
