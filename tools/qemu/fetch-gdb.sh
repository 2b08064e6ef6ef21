#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Fetches Debian's gdb-minimal (gdb without Python) and unpacks it for the initramfs (no install).
#
# Result, all under $BUILD/qemu:
#   debs/gdb-minimal_*.deb   the downloaded package (cache: nothing is fetched when present)
#   gdb/                     the package unpacked with dpkg -x; the binary is gdb/usr/bin/gdb
# gdb-minimal is never installed on the host: it conflicts with the host's own gdb package.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
TOP=${TOP:-$(cd "$here/../.." && pwd)}
BUILD=${BUILD:-$TOP/build}
out=$BUILD/qemu
debs=$out/debs
root=$out/gdb

say() { echo "  $1"; }
die() { echo "fetch-gdb.sh: $*" >&2; exit 1; }

# cached_deb: the newest gdb-minimal .deb already in $debs, if any.
cached_deb() {
	local f
	for f in "$debs"/gdb-minimal_*_amd64.deb; do
		if [ -e "$f" ]; then echo "$f"; fi
	done | sort -V | tail -n 1
}

mkdir -p "$debs"
deb=$(cached_deb)
if [ -z "$deb" ]; then
	say "APT     gdb-minimal"
	(cd "$debs" && apt-get download -qq gdb-minimal 2>/dev/null) ||
		die "apt-get download gdb-minimal failed"
	deb=$(cached_deb)
	[ -n "$deb" ] || die "apt-get download gdb-minimal left no .deb in $debs"
fi

# The stamp names the package file, so a newer download is unpacked again.
stamp=$root/.unpacked-$(basename "$deb" .deb)
if [ ! -e "$stamp" ]; then
	rm -rf "$root"
	mkdir -p "$root"
	say "DPKG-X  $(basename "$deb")"
	dpkg -x "$deb" "$root" || die "dpkg -x $deb failed"
	[ -x "$root/usr/bin/gdb" ] || die "$deb has no usr/bin/gdb"
	touch "$stamp"
fi
