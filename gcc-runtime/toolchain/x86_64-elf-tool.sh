#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Stands in for the x86_64-elf-* cross tools while GCC's runtime libraries (libstdc++) are
# configured and built: the host's gcc/g++ against newlib's headers in the sysroot, without
# glibc's headers or Linux macros, and never linking. A link fails on purpose, so that
# configure takes the "no executables" path of a newlib cross build (GCC_NO_EXECUTABLES)
# and never mistakes the host's glibc for the target's C library.
# HERMIT_SYSROOT_INC: newlib's headers (the sysroot's x86_64-hermit/include).

tool=${0##*/}
tool=${tool#x86_64-elf-}

case $tool in
gcc | cc | g++ | c++)
	case $tool in
	g++ | c++) host=${HERMIT_HOST_CXX:-g++} ;;
	*) host=${HERMIT_HOST_CC:-gcc} ;;
	esac
	link=yes
	for arg; do
		case $arg in
		-c | -S | -E | -M | -MM | -v | --version | -dumpversion | -dumpmachine | -print-*) link=no ;;
		esac
	done
	if [ $link = yes ]; then
		echo "x86_64-elf-$tool: links are not possible while GCC's libraries are built" >&2
		exit 1
	fi
	gcc_inc=$($host -print-file-name=include)
	# C++ headers come from the command line (-I of the library's build); then gcc's own
	# headers and newlib's, as a cross compiler has them.
	exec $host -nostdinc -fno-pie -fno-stack-protector -Wa,--noexecstack \
		-U__linux__ -U__linux -Ulinux -U__gnu_linux__ -D__hermit__ "$@" \
		-isystem "$gcc_inc" -isystem "${HERMIT_SYSROOT_INC:?}"
	;;
cpp)
	exec "${HERMIT_HOST_CC:-gcc}" -E -nostdinc -U__linux__ -U__linux -Ulinux \
		-U__gnu_linux__ -D__hermit__ "$@" -isystem "${HERMIT_SYSROOT_INC:?}"
	;;
ar | ranlib | as | ld | nm | objcopy | objdump | strip | readelf | size | strings)
	exec "$tool" "$@"
	;;
*)
	echo "x86_64-elf-tool.sh: no host tool for '$tool'" >&2
	exit 127
	;;
esac
