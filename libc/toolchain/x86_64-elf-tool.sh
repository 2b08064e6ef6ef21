#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Stands in for every x86_64-elf-* cross tool while newlib is built: runs the host tool,
# and for the compiler adds the flags that keep glibc headers and Linux macros out.

tool=${0##*/}
tool=${tool#x86_64-elf-}
host_cc=${HERMIT_HOST_CC:-gcc}

case $tool in
gcc | cc)
	gcc_inc=$($host_cc -print-file-name=include)
	gcc_fixed=$($host_cc -print-file-name=include-fixed)
	# gcc's own headers (stddef.h, stdarg.h, intrinsics) first, as a cross gcc has them.
	if [ -d "$gcc_fixed" ]; then
		set -- -isystem "$gcc_fixed" "$@"
	fi
	set -- -isystem "$gcc_inc" "$@"
	# --noexecstack: newlib's assembly files (memcpy.S, ...) lack a .note.GNU-stack.
	exec $host_cc -nostdinc -fno-pie -fno-stack-protector -Wa,--noexecstack \
		-U__linux__ -U__linux -Ulinux -U__gnu_linux__ -D__hermit__ "$@"
	;;
ar | ranlib | as | ld | nm | objcopy | objdump | strip | readelf | size | strings)
	exec "$tool" "$@"
	;;
*)
	echo "x86_64-elf-tool.sh: no host tool for '$tool'" >&2
	exit 127
	;;
esac
