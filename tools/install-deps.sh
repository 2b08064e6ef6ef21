#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Installs the Debian packages that HermitCore's build and tests need; quiet when all are there.
#
# Usage: tools/install-deps.sh [--check]
#   --check  only list what is missing (exit 1 if anything is)
# Installing needs root. The system's apt configuration is never changed.

# Every package the build and the tests use, in one place.
PACKAGES="
	build-essential
	patch
	dpkg-dev
	nasm
	libnuma-dev
	numactl
	libelf-dev
	zlib1g-dev
	newlib-source
	qemu-system-x86
	busybox-static
	cpio
	clang
	clang-format
	libclang-rt-14-dev
	gdb
	valgrind
	afl++
	kmod
	xz-utils
	gnuplot-nox
	libmpfr-dev
	gcc-12-source
	cmake
	curl
	pkgconf
	gfortran-12
"

prog=${0##*/}

usage() {
	echo "usage: $prog [--check]" >&2
	exit 2
}

check_only=no
case $# in
0) ;;
1)
	[ "$1" = --check ] || usage
	check_only=yes
	;;
*) usage ;;
esac

missing=
for pkg in $PACKAGES; do
	status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)
	[ "$status" = installed ] || missing="$missing $pkg"
done

if [ -z "$missing" ]; then
	exit 0
fi

if [ $check_only = yes ]; then
	echo "$prog: missing packages:$missing"
	exit 1
fi

if [ "$(id -u)" -ne 0 ]; then
	echo "$prog: missing packages:$missing" >&2
	echo "$prog: installing them needs root: run 'sudo $0' (or apt-get install$missing)" >&2
	exit 1
fi

echo "$prog: installing$missing"
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp) || exit 1
# shellcheck disable=SC2086 # one word per package
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing; } \
	> "$log" 2>&1; then
	cat "$log" >&2
	rm -f "$log"
	echo "$prog: apt-get update/install$missing failed" >&2
	exit 1
fi
rm -f "$log"
