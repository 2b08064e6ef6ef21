#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Runs the hostile test guests and bad invocations under uhyve; checks exit status and exact text.
#
# usage: run.sh UHYVE_BINARY BUILD_DIR     (POSIX sh; also runs under busybox sh)

set -u
if [ $# -ne 2 ]; then
	echo "usage: $0 UHYVE_BINARY BUILD_DIR" >&2
	exit 2
fi
UHYVE=$1
G=$2/usr/tests/hostile
# A safety net: no case may hang the suite (the loop case sets its own).
HERMIT_TIMEOUT=${HERMIT_TIMEOUT:-60}
export HERMIT_TIMEOUT
# shellcheck source=usr/tests/hostile/checks.sh
. "$(dirname "$0")/checks.sh"

# has_line FILE LINE: FILE contains LINE as a whole line.
has_line() {
	grep -qxF -- "$2" "$1"
}

# check NAME STATUS STDERR_LINE STDOUT_LINE COMMAND...: runs COMMAND, expects the exit
# status and (when not empty) the exact lines on stderr and stdout.
check() {
	name=$1 want=$2 err_line=$3 out_line=$4
	shift 4
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -ne "$want" ]; then
		fail "$name" "exit status $rc, expected $want: $(head -n 1 "$tmp/err")"
	elif [ -n "$err_line" ] && ! has_line "$tmp/err" "$err_line"; then
		fail "$name" "stderr lacks '$err_line', has '$(head -n 1 "$tmp/err")'"
	elif [ -n "$out_line" ] && ! has_line "$tmp/out" "$out_line"; then
		fail "$name" "stdout lacks '$out_line'"
	else
		pass "$name"
	fi
}

# ---- well-behaved guests ----
check minimal 7 "" "hello from guest" "$UHYVE" "$G/minimal"
check minimal-flags 7 "" "hello from guest" "$UHYVE" --mem 64M --prefault --cpus=1 "$G/minimal"
check minimal-hugepages 7 "" "hello from guest" env HERMIT_HUGEPAGES=1 "$UHYVE" "$G/minimal"

FOO=bar check args 0 "" "" "$UHYVE" "$G/args" one "two words"
tr '\000' '\n' <"$tmp/out" >"$tmp/args"
if has_line "$tmp/args" "two words" && has_line "$tmp/args" "FOO=bar"; then
	pass args-content
else
	fail args-content "argv or environment missing in the guest"
fi

if [ "$(grep -c '^processor' /proc/cpuinfo)" -ge 2 ]; then
	check smp 3 "" "cpu 1 up" env HERMIT_CPUS=2 "$UHYVE" "$G/smp"
else
	echo "SKIP smp: needs 2 host CPUs"
fi

mkdir -p "$tmp/root/sub"
ln -s /etc "$tmp/root/link"
check root-escape 0 "" "" env HERMIT_ROOT="$tmp/root" "$UHYVE" "$G/root_escape"
check files 0 "" "" "$UHYVE" --root "$tmp/root" "$G/files"
if [ -e "$tmp/root/sub/file.txt" ] || [ -e /sub/file.txt ]; then
	fail files-cleanup "sub/file.txt left behind"
else
	pass files-cleanup
fi

# ---- bad requests: the guest gets -errno and exits with its negation ----
check write-badaddr 14 "" "" "$UHYVE" "$G/write_badaddr"
check write-wrap 14 "" "" "$UHYVE" "$G/write_wrap"
check write-ramend 14 "" "" "$UHYVE" "$G/write_ramend"
check write-badfd 9 "" "" "$UHYVE" "$G/write_badfd"
check close-badfd 9 "" "" "$UHYVE" "$G/close_badfd"
check open-unterminated 36 "" "" "$UHYVE" "$G/open_unterminated"
check open-ramend 14 "" "" "$UHYVE" "$G/open_ramend"
check open-badflags 22 "" "" "$UHYVE" "$G/open_badflags"
mkdir -p "$tmp/paths"
check paths-hostile 0 "" "" "$UHYVE" --root "$tmp/paths" "$G/paths_hostile"

# ---- ABI violations and crashes end the VM ----
check arg-outside 126 \
	"uhyve: guest error: hypercall write: argument struct at 0xfffffff8 outside guest memory" \
	"" "$UHYVE" "$G/arg_outside"
check arg-unaligned 126 \
	"uhyve: guest error: hypercall write: argument struct at 0x200004 not 8-byte aligned" \
	"" "$UHYVE" "$G/arg_unaligned"
check bad-port 126 "uhyve: guest error: cpu 0: out of 4 byte(s) at I/O port 0x600 is no hypercall" \
	"" "$UHYVE" "$G/bad_port"
check bad-size 126 "uhyve: guest error: cpu 0: out of 1 byte(s) at I/O port 0x501 is no hypercall" \
	"" "$UHYVE" "$G/bad_size"
check triple-fault 126 "uhyve: guest crashed: triple fault (KVM_EXIT_SHUTDOWN) on cpu 0" "" \
	"$UHYVE" "$G/triple_fault"
check panic 125 "uhyve: guest kernel panic: boom" "" "$UHYVE" "$G/panic"
if has_line "$tmp/err" "klog line two"; then
	pass panic-log-tail
else
	fail panic-log-tail "kernel log tail not printed"
fi
check timeout 124 "uhyve: timeout: guest still running after 2 s" "" \
	env HERMIT_TIMEOUT=2 "$UHYVE" "$G/loop"

# ---- bad images ----
check image-missing 66 "uhyve: cannot open $tmp/none: No such file or directory" "" \
	"$UHYVE" "$tmp/none"
echo "just text" >"$tmp/text"
check image-not-elf 65 "uhyve: $tmp/text: not an ELF file" "" "$UHYVE" "$tmp/text"
cp "$G/minimal" "$tmp/linux-abi"
printf '\000' | dd of="$tmp/linux-abi" bs=1 seek=7 conv=notrunc 2>/dev/null
check image-osabi 65 "uhyve: $tmp/linux-abi: not a HermitCore image (EI_OSABI 0x0, expected 0x42)" \
	"" "$UHYVE" "$tmp/linux-abi"

# ---- bad options ----
check opt-cpus 64 \
	"uhyve: HERMIT_CPUS: bad value 'abc', expected a count 1-64 or a host CPU list like 0-3 or 0,2,4" \
	"" env HERMIT_CPUS=abc "$UHYVE" "$G/minimal"
check opt-mem 64 \
	"uhyve: --mem: bad value '12Q', expected a size 16M-64G, multiple of 2M, with K/M/G suffix, e.g. 512M" \
	"" "$UHYVE" --mem 12Q "$G/minimal"
check opt-priv 64 "uhyve: HERMIT_PRIV: bad value 'root', expected classic or depriv" "" \
	env HERMIT_PRIV=root "$UHYVE" "$G/minimal"
check opt-too-many-cpus 64 "" "" env HERMIT_CPUS=64 "$UHYVE" "$G/minimal"
check opt-root-missing 64 "" "" "$UHYVE" --root "$tmp/none" "$G/minimal"
check opt-unknown 64 "uhyve: unknown option '--frobnicate' (see uhyve --help)" "" \
	"$UHYVE" --frobnicate "$G/minimal"
check opt-help 0 "" "Exit status:" "$UHYVE" --help

summary
