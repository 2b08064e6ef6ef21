#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Fetches Debian's newest linux-image-6.1.0-N-amd64 and matching headers and unpacks them (no install).
#
# Result, all under $BUILD/qemu:
#   debs/                 the downloaded .deb files (cache: nothing is fetched when present)
#   linux/                the packages unpacked with dpkg -x (boot/, lib/modules/, usr/src/)
#   kernel-version        the chosen version, e.g. 6.1.0-56-amd64
#   vmlinuz               symlink to the kernel image (bzImage)
#   vmlinux               the uncompressed kernel: QEMU boots it through its PVH entry point,
#                         which saves the slow (emulated) decompression, about half the boot time
#   headers               symlink to the kernel build tree (KDIR for out-of-tree modules)
set -euo pipefail

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

# package_version: the Debian version of the chosen kernel package, from the cached .deb's
# name if there is one (no apt query then), else from apt-cache.
package_version() {
	local deb
	for deb in "$debs/linux-image-${kver}"_*_amd64.deb; do
		[ -e "$deb" ] || break
		deb=${deb##*/linux-image-"${kver}"_}
		echo "${deb%_amd64.deb}"
		return 0
	done
	# awk reads to the end: an early exit would kill apt-cache with SIGPIPE (pipefail: 141).
	apt-cache show "linux-image-$kver" 2>/dev/null |
		awk '/^Version:/ && v == "" { v = $2 } END { print v }'
}

# download PACKAGE: fetch PACKAGE=$pkgver into $debs unless it is there already.
download() {
	ls "$debs/$1_${pkgver}"_*.deb >/dev/null 2>&1 && return 0
	say "APT     $1"
	(cd "$debs" && apt-get download -qq "$1=$pkgver" 2>/dev/null) ||
		die "apt-get download $1=$pkgver failed"
}

kver=$(pick_version)
abi=${kver%-amd64}
mkdir -p "$debs"
pkgver=$(package_version)
[ -n "$pkgver" ] || die "apt-cache knows no version of linux-image-$kver"
# The headers with what out-of-tree module builds need (common part, kbuild scripts).
packages="linux-image-$kver linux-headers-$kver linux-headers-$abi-common linux-kbuild-6.1"
for pkg in $packages; do
	download "$pkg"
done

stamp=$root/.unpacked-$kver
if [ ! -e "$stamp" ]; then
	rm -rf "$root"
	mkdir -p "$root"
	for pkg in $packages; do
		deb=$(ls "$debs/${pkg}_${pkgver}"_*.deb)
		say "DPKG-X  $(basename "$deb")"
		dpkg -x "$deb" "$root" || die "dpkg -x $deb failed"
	done
	# The headers' Makefile includes the common part by its installed (absolute) path.
	sed -i "s|^include /usr/src/|include $root/usr/src/|" \
		"$root/usr/src/linux-headers-$kver/Makefile"
	touch "$stamp"
fi

# extract_vmlinux BZIMAGE OUT: unpack the xz-compressed kernel ELF inside a bzImage.
extract_vmlinux() {
	local off
	off=$(LC_ALL=C grep -abo $'\xfd7zXZ\x00' "$1" | awk -F: 'NR == 1 { print $1 }')
	[ -n "$off" ] || die "no xz stream in $1"
	# xz stops after the stream: feed it without a pipe, whose writer would die of SIGPIPE.
	xz -dc --single-stream < <(tail -c +$((off + 1)) "$1") >"$2.tmp" ||
		die "xz -d of $1 (offset $off) failed"
	[ "$(head -c 4 "$2.tmp")" = $'\x7fELF' ] || die "$1: xz stream is no ELF file"
	mv "$2.tmp" "$2"
}

[ -f "$root/boot/vmlinuz-$kver" ] || die "$root/boot/vmlinuz-$kver missing"
ln -sfn "linux/boot/vmlinuz-$kver" "$out/vmlinuz"
if [ ! -f "$out/vmlinux" ] || [ "$out/vmlinux" -ot "$stamp" ]; then
	say "XZ      $out/vmlinux"
	extract_vmlinux "$root/boot/vmlinuz-$kver" "$out/vmlinux"
fi
ln -sfn "linux/usr/src/linux-headers-$kver" "$out/headers"
echo "$kver" >"$out/kernel-version.tmp"
mv "$out/kernel-version.tmp" "$out/kernel-version"
