#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Downloads and unpacks a Debian source package into the build folder, with a deb-src list of its own.
#
# usage: tools/fetch-source.sh PACKAGE [BUILD_DIR]
#   Prints the directory of the unpacked source ($BUILD/src/PACKAGE/<package>-<version>).
#   Cached: nothing is fetched when the source is already unpacked.
# The system's apt configuration is never changed: the deb-src entries are derived at run
# time from the system's own /etc/apt/sources.list.d/*.sources ("Types: deb" -> "deb-src")
# and /etc/apt/sources.list ("deb " -> "deb-src "), written under $BUILD/apt, and used
# through -o options with lists of their own. No mirror host name is written anywhere here.
set -eu

prog=${0##*/}
[ $# -ge 1 ] && [ $# -le 2 ] || {
	echo "usage: $prog PACKAGE [BUILD_DIR]" >&2
	exit 2
}
pkg=$1
top=$(cd "$(dirname "$0")/.." && pwd)
build=${2:-${BUILD:-$top/build}}
mkdir -p "$build"
build=$(cd "$build" && pwd)
apt_dir=$build/apt
dest=$build/src/$pkg

die() {
	echo "$prog: $*" >&2
	exit 1
}

# Already unpacked: the one directory dpkg-source made.
existing=$(find "$dest" -mindepth 1 -maxdepth 1 -type d 2>/dev/null | head -n 1)
if [ -n "$existing" ] && [ -f "$dest/.unpacked" ]; then
	echo "$existing"
	exit 0
fi

command -v dpkg-source >/dev/null || die "dpkg-source missing (package dpkg-dev)"

# The derived source list, rebuilt each time (cheap) so that it follows the system's.
mkdir -p "$apt_dir/sources.list.d" "$apt_dir/lists/partial" "$apt_dir/archives/partial"
: >"$apt_dir/sources.list.d/hermit-src.sources"
for f in /etc/apt/sources.list.d/*.sources; do
	[ -f "$f" ] || continue
	sed 's/^Types:.*\bdeb\b.*$/Types: deb-src/' "$f" >>"$apt_dir/sources.list.d/hermit-src.sources"
	echo >>"$apt_dir/sources.list.d/hermit-src.sources"
done
if [ -f /etc/apt/sources.list ]; then
	sed -n 's/^deb \(.*\)$/deb-src \1/p' /etc/apt/sources.list >"$apt_dir/sources.list.d/hermit-src.list"
else
	: >"$apt_dir/sources.list.d/hermit-src.list"
fi

# APT::Sandbox::User=root: apt's download sandbox user (_apt) was seen failing to run gpgv
# here ("... is not signed"), which stops the update; the files go to our folder anyway.
apt_opts="-o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts=$apt_dir/sources.list.d
	-o Dir::State::Lists=$apt_dir/lists -o Dir::Cache::Archives=$apt_dir/archives
	-o APT::Get::List-Cleanup=0 -o APT::Sandbox::User=root"

# One fetch at a time per build folder (parallel builds share the lists).
exec 9>"$apt_dir/.lock"
flock 9
if [ -f "$dest/.unpacked" ]; then # another fetch finished it meanwhile
	find "$dest" -mindepth 1 -maxdepth 1 -type d | head -n 1
	exit 0
fi

# The lists are refreshed once a day at most.
stamp=$apt_dir/lists/.updated
if [ ! -f "$stamp" ] || [ -n "$(find "$stamp" -mmin +1440 2>/dev/null)" ]; then
	echo "  APT     update (deb-src lists under $apt_dir)" >&2
	# shellcheck disable=SC2086 # one word per option
	apt-get -qq $apt_opts update >&2 || die "apt-get update of the derived deb-src list failed"
	touch "$stamp"
fi

rm -rf "$dest"
mkdir -p "$dest"
# fetch SPEC: apt-get source of PACKAGE or PACKAGE=VERSION into $dest (1 on failure; apt's
# messages go to $log).
log=$apt_dir/fetch-$pkg.log
: >"$log"
fetch() {
	rm -rf "${dest:?}"/*
	# shellcheck disable=SC2086
	(cd "$dest" && apt-get -qq $apt_opts source "$1" >>"$log" 2>&1) ||
		(cd "$dest" && apt-get -qq $apt_opts --download-only source "$1" >>"$log" 2>&1 &&
			dpkg-source -x --no-check ./*.dsc >>"$log" 2>&1)
}

echo "  APT     source $pkg" >&2
if ! fetch "$pkg"; then
	# A mirror may lack the newest version's files (404): the older versions the lists
	# name, newest first.
	# shellcheck disable=SC2086
	versions=$(apt-cache $apt_opts showsrc "$pkg" 2>/dev/null | sed -n 's/^Version: //p' |
		sort -u | sort -r -V)
	ok=no
	for v in $versions; do
		echo "  APT     source $pkg=$v (the newest could not be fetched)" >&2
		fetch "$pkg=$v" && ok=yes && break
	done
	[ $ok = yes ] || die "apt-get source $pkg failed (versions tried: ${versions:-none listed}; see $log)"
fi
dir=$(find "$dest" -mindepth 1 -maxdepth 1 -type d | head -n 1)
[ -n "$dir" ] || die "no source directory after unpacking $pkg"
touch "$dest/.unpacked"
echo "$dir"
