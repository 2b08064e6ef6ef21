#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Fetches Debian's newest linux-image-6.1.0-N-amd64 and matching headers and unpacks them (no install).
#
# Result, all under $BUILD/qemu:
#   debs/                 the downloaded .deb files (cache: nothing is fetched when present)
#   linux/                the packages unpacked with dpkg -x (boot/, lib/modules/, usr/src/)
#   kernel-version        the chosen version, e.g. 6.1.0-56-amd64
#   vmlinuz               symlink to the kernel image
#   headers               symlink to the kernel build tree (KDIR for out-of-tree modules)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
TOP=${TOP:-$(cd "$here/../.." && pwd)}
BUILD=${BUILD:-$TOP/build}
out=$BUILD/qemu
debs=$out/debs
root=$out/linux

say() { echo "  $1"; }
die() { echo "fetch-kernel.sh: $*" >&2; exit 1; }

# Newest linux-image-6.1.0-N-amd64 that apt can actually install (has a candidate).
newest_kernel() {
	for name in $(apt-cache pkgnames linux-image-6.1.0- |
		grep -E '^linux-image-6\.1\.0-[0-9]+-amd64$' | sort -rV); do
		cand=$(apt-cache policy "$name" | awk '/Candidate:/ { print $2 }')
		if [ -n "$cand" ] && [ "$cand" != "(none)" ]; then
			echo "${name#linux-image-}"
			return 0
		fi
	done
	return 1
}

pick_version() {
	if [ -s "$out/kernel-version" ]; then
		cat "$out/kernel-version"
		return 0
	fi
	newest_kernel && return 0
	say "APT     update (no linux-image-6.1.0-*-amd64 known yet)" >&2
	apt-get update -qq >&2 || die "apt-get update failed"
	newest_kernel || die "apt-cache knows no linux-image-6.1.0-N-amd64"
}

# download PACKAGE VERSION: fetch one .deb into $debs unless it is there already.
download() {
	ls "$debs/$1"_*.deb >/dev/null 2>&1 && return 0
	say "APT     $1"
	(cd "$debs" && apt-get download -qq "$1=$2" 2>/dev/null) ||
		die "apt-get download $1=$2 failed"
}

kver=$(pick_version)
abi=${kver%-amd64}
mkdir -p "$debs"
pkgver=$(apt-cache show "linux-image-$kver" 2>/dev/null | awk '/^Version:/ { print $2; exit }')
if [ -z "$pkgver" ]; then
	ls "$debs"/linux-image-"$kver"_*.deb >/dev/null 2>&1 ||
		die "no package version known for linux-image-$kver"
fi

for pkg in "linux-image-$kver" "linux-headers-$kver" "linux-headers-$abi-common" linux-kbuild-6.1; do
	download "$pkg" "$pkgver"
done

stamp=$root/.unpacked-$kver
if [ ! -e "$stamp" ]; then
	rm -rf "$root"
	mkdir -p "$root"
	for deb in "$debs"/linux-image-"$kver"_*.deb "$debs"/linux-headers-"$kver"_*.deb \
		"$debs"/linux-headers-"$abi"-common_*.deb "$debs"/linux-kbuild-6.1_*.deb; do
		say "DPKG-X  $(basename "$deb")"
		dpkg -x "$deb" "$root" || die "dpkg -x $deb failed"
	done
	touch "$stamp"
fi

[ -f "$root/boot/vmlinuz-$kver" ] || die "$root/boot/vmlinuz-$kver missing"
ln -sfn "linux/boot/vmlinuz-$kver" "$out/vmlinuz"
ln -sfn "linux/usr/src/linux-headers-$kver" "$out/headers"
echo "$kver" >"$out/kernel-version.tmp"
mv "$out/kernel-version.tmp" "$out/kernel-version"
