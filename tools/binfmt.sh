#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Registers the proxy with binfmt_misc so that HermitCore images run as ./app (POSIX sh).
#
# usage: tools/binfmt.sh install|uninstall|status [PROXY_PATH]
#   PROXY_PATH defaults to build/proxy/proxy next to this script's tree. Needs root.
#   Exit status: 0 done (status: installed), 1 status: not installed, 64 usage,
#   66 proxy missing, 69 binfmt_misc unavailable, 77 no permission.

BINFMT_DIR=/proc/sys/fs/binfmt_misc
NAME=hermit
# ELF magic, EI_CLASS 2 (64-bit), EI_DATA 1 (little-endian), EI_VERSION 1, EI_OSABI 0x42.
MAGIC='\x7fELF\x02\x01\x01\x42'
ENTRY=$BINFMT_DIR/$NAME

die() {
	status=$1
	shift
	echo "binfmt.sh: $*" >&2
	exit "$status"
}

usage() {
	echo "usage: $0 install|uninstall|status [PROXY_PATH]" >&2
	exit 64
}

# Mounts binfmt_misc if needed; exits 69 where this host cannot have it.
ensure_mounted() {
	[ -f $BINFMT_DIR/register ] && return 0
	if ! grep -q binfmt_misc /proc/filesystems 2>/dev/null; then
		# busybox guests may have the module file but no modules.dep for modprobe.
		modprobe binfmt_misc >/dev/null 2>&1 ||
			insmod "/lib/modules/$(uname -r)/kernel/fs/binfmt_misc.ko" >/dev/null 2>&1
	fi
	grep -q binfmt_misc /proc/filesystems 2>/dev/null ||
		die 69 "binfmt_misc is not available in this kernel (no module, not built in)"
	[ -d $BINFMT_DIR ] || die 69 "$BINFMT_DIR does not exist; cannot mount binfmt_misc"
	mount -t binfmt_misc binfmt_misc $BINFMT_DIR 2>/dev/null ||
		die 69 "mount -t binfmt_misc binfmt_misc $BINFMT_DIR failed (not root, or not" \
			"allowed in this container/namespace)"
	[ -f $BINFMT_DIR/register ] || die 69 "mounted $BINFMT_DIR, but it has no register file"
}

# The absolute path of the proxy: $1, or the build tree's proxy.
proxy_path() {
	p=${1:-$(dirname "$0")/../build/proxy/proxy}
	[ -f "$p" ] || die 66 "proxy not found: $p (build it with make proxy)"
	[ -x "$p" ] || die 66 "proxy is not executable: $p"
	dir=$(cd "$(dirname "$p")" && pwd) || die 66 "cannot resolve $(dirname "$p")"
	echo "$dir/$(basename "$p")"
}

installed_interpreter() {
	[ -f "$ENTRY" ] && sed -n 's/^interpreter //p' "$ENTRY"
}

do_uninstall() {
	if [ ! -f "$ENTRY" ]; then
		echo "binfmt.sh: handler '$NAME' is not installed"
		return 0
	fi
	printf '%s' -1 >"$ENTRY" 2>/dev/null || die 77 "cannot remove $ENTRY (not root?)"
	echo "binfmt.sh: removed handler '$NAME'"
}

do_install() {
	proxy=$(proxy_path "$1") || exit
	ensure_mounted
	if [ "$(installed_interpreter)" = "$proxy" ]; then
		[ "$(head -n 1 "$ENTRY")" = enabled ] || printf '%s' 1 >"$ENTRY"
		echo "binfmt.sh: handler '$NAME' already installed -> $proxy"
		return 0
	fi
	[ -f "$ENTRY" ] && do_uninstall >/dev/null
	printf '%s' ":$NAME:M::$MAGIC::$proxy:" >$BINFMT_DIR/register 2>/dev/null ||
		die 77 "cannot write $BINFMT_DIR/register (not root?)"
	echo "binfmt.sh: installed handler '$NAME' -> $proxy"
}

do_status() {
	if [ ! -f $BINFMT_DIR/register ]; then
		echo "binfmt_misc: not mounted at $BINFMT_DIR"
		return 1
	fi
	if [ ! -f "$ENTRY" ]; then
		echo "handler '$NAME': not installed"
		return 1
	fi
	echo "handler '$NAME': $(head -n 1 "$ENTRY"), interpreter $(installed_interpreter)"
	[ "$(head -n 1 "$ENTRY")" = enabled ]
}

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	usage
fi
case $1 in
install) do_install "${2:-}" ;;
uninstall) do_uninstall ;;
status) do_status ;;
*) usage ;;
esac
