#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Builds $BUILD/qemu/initrd.gz for the nested QEMU guest: busybox, /init, modules and shared libraries.
#
# Contents: busybox-static with one symlink per applet, tools/qemu/init.sh as /init, the modules
# for nested KVM (kvm-amd), virtio-pci, 9p over virtio and fw_cfg with their dependencies, numactl,
# GNU make and bash (usr/packages/check.sh), gdb (gdb-minimal, unpacked by fetch-gdb.sh, if there)
# as /bin/gdb, and the host's shared libraries that these host programs (and uhyve and its ASan
# build, proxy, kvm-smoke) need.
# The image is rebuilt only when one of these inputs changed (fingerprint in initrd.inputs).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
TOP=${TOP:-$(cd "$here/../.." && pwd)}
BUILD=${BUILD:-$TOP/build}
out=$BUILD/qemu

# Modules the guest loads (dependencies are added from each module's .modinfo).
want_modules="kvm_amd virtio_pci 9pnet_virtio 9p qemu_fw_cfg binfmt_misc"
# Host programs whose libraries (per ldd) the guest needs; missing ones are skipped.
gdb=$out/gdb/usr/bin/gdb
programs="/usr/bin/numactl /usr/bin/make /bin/bash $BUILD/uhyve/uhyve $BUILD/uhyve/asan/uhyve $BUILD/proxy/proxy
	$BUILD/qemu/kvm-smoke $gdb"
# Libraries always present, so programs built later still run without an initramfs rebuild.
base_libs="libc.so.6 libm.so.6 libnuma.so.1 libelf.so.1 libz.so.1 libzstd.so.1 libgcc_s.so.1"
libdir=/lib/x86_64-linux-gnu
# glibc's UTF-32 converter: without it gdb warns "could not convert 'main' from the host encoding".
# UTF-16 and Latin-1: the Linux builds of usr/tests/posix_ext.c and posix_all.c (iconv).
gconv_files="gconv-modules gconv-modules.cache UTF-32.so UTF-16.so ISO8859-1.so"
gconv_dir=/usr/lib/x86_64-linux-gnu/gconv
loader=/lib64/ld-linux-x86-64.so.2

die() { echo "mkinitramfs.sh: $*" >&2; exit 1; }

[ -s "$out/kernel-version" ] || die "$out/kernel-version missing: run fetch-kernel.sh first"
kver=$(cat "$out/kernel-version")
moddir=$out/linux/lib/modules/$kver
[ -d "$moddir" ] || die "$moddir missing"

# modinfo_depends KO: the module names KO depends on, one a line.
modinfo_depends() {
	local tmp
	tmp=$(mktemp)
	objcopy -O binary -j .modinfo "$1" "$tmp" || die "objcopy -j .modinfo $1 failed"
	tr '\0' '\n' <"$tmp" | sed -n 's/^depends=//p' | tr ',' '\n' | sed '/^$/d'
	rm -f "$tmp"
}

# Module name (with '_') -> path relative to $moddir, for every module of the kernel.
declare -A mod_path
index_modules() {
	local ko name
	while read -r ko; do
		name=$(basename "$ko" .ko)
		mod_path[${name//-/_}]=$ko
	done < <(cd "$moddir" && find kernel -name '*.ko')
}

# resolve NAME: append NAME's dependencies, then NAME, to load_order (each once).
declare -A seen
load_order=()
resolve() {
	local name=${1//-/_} dep
	[ -n "${seen[$name]:-}" ] && return 0
	seen[$name]=1
	[ -n "${mod_path[$name]:-}" ] || die "module $name not found in $moddir"
	for dep in $(modinfo_depends "$moddir/${mod_path[$name]}"); do
		resolve "$dep"
	done
	load_order+=("${mod_path[$name]}")
}

# Libraries (absolute host paths) needed by the existing programs, plus the base set.
needed_libs() {
	local prog lib
	for prog in $programs; do
		[ -x "$prog" ] || continue
		# ldd fails on a static program (uhyve, the proxy): nothing to add for it.
		{ ldd "$prog" 2>/dev/null || true; } | awk '$2 == "=>" && $3 ~ /^\// { print $3 }'
		# A library the host lacks would make the program fail in the guest: say so.
		{ ldd "$prog" 2>/dev/null || true; } |
			sed -n "s|^\t*\(.*not found\)|mkinitramfs.sh: $prog: \1|p" >&2
	done
	for lib in $base_libs; do
		[ -e "$libdir/$lib" ] && echo "$libdir/$lib"
	done
	echo "$loader"
}

# Everything the image is made of, with sizes and times: equal fingerprints, equal image.
fingerprint() {
	local f
	echo "kernel $kver modules $want_modules"
	for f in "$here/mkinitramfs.sh" "$here/init.sh" /bin/busybox /usr/bin/numactl /usr/bin/make /bin/bash \
		"${libs[@]}"; do
		stat -L -c '%n %s %Y' "$f"
	done
	if [ -x "$gdb" ]; then
		stat -L -c '%n %s %Y' "$gdb"
		for f in $gconv_files; do
			stat -L -c '%n %s %Y' "$gconv_dir/$f"
		done
	fi
	return 0
}

populate() {
	local root=$1 applet lib ko
	mkdir -p "$root"/{bin,dev,etc,hermit,lib64,proc,root,run,sys,tmp,usr} "$root$libdir"
	ln -s bin "$root/sbin"
	ln -s ../bin "$root/usr/bin"
	ln -s ../bin "$root/usr/sbin"
	ln -s ../lib "$root/usr/lib"
	cp /bin/busybox "$root/bin/busybox"
	for applet in $(/bin/busybox --list); do
		[ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
	done
	cp /usr/bin/numactl "$root/bin/numactl"
	# GNU make and bash: the packages' own test suites (usr/packages/check.sh) run `make test`
	# here, and configure made their scripts #!/bin/bash.
	cp /usr/bin/make "$root/bin/make"
	rm -f "$root/bin/bash" && cp /bin/bash "$root/bin/bash"
	if [ -x "$gdb" ]; then
		cp "$gdb" "$root/bin/gdb"
		mkdir -p "$root$gconv_dir"
		for f in $gconv_files; do
			cp -L "$gconv_dir/$f" "$root$gconv_dir/$f"
		done
	fi
	install -m 755 "$here/init.sh" "$root/init"
	for lib in "${libs[@]}"; do
		cp -L "$lib" "$root$lib"
	done
	for ko in "${load_order[@]}"; do
		mkdir -p "$root/lib/modules/$kver/$(dirname "$ko")"
		cp "$moddir/$ko" "$root/lib/modules/$kver/$ko"
	done
	printf '%s\n' "${load_order[@]}" >"$root/etc/hermit-modules"
	echo "hermit" >"$root/etc/hostname"
	echo "root:x:0:0:root:/root:/bin/sh" >"$root/etc/passwd"
	echo "root:x:0:" >"$root/etc/group"
}

mapfile -t libs < <(needed_libs | sort -u)
if [ -f "$out/initrd.gz" ] && [ -f "$out/initrd.inputs" ] &&
	fingerprint | cmp -s - "$out/initrd.inputs"; then
	exit 0
fi

echo "  GEN     $out/initrd.gz"
index_modules
for m in $want_modules; do
	resolve "$m"
done
root=$out/initramfs
rm -rf "$root"
populate "$root"
(cd "$root" && find . | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0) |
	gzip -6 >"$out/initrd.gz.tmp"
mv "$out/initrd.gz.tmp" "$out/initrd.gz"
fingerprint >"$out/initrd.inputs"
