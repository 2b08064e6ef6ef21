#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Checks the hello image linked by the driver: OSABI byte, what it needs from the kernel
# (only sys_*), and its output and exit code when run on the Linux stub kernel.
# Usage: check-hello.sh IMAGE NEEDS-FILE OUTPUT-FILE
# shellcheck disable=SC2015 # "test && pass || fail": pass cannot fail

image=$1
needs=$2
out=$3
passed=0
failed=0

pass() {
	passed=$((passed + 1))
}

fail() {
	failed=$((failed + 1))
	echo "FAIL $*"
}

osabi=$(od -An -tx1 -j7 -N1 "$image" | tr -d ' ')
[ "$osabi" = 42 ] && pass || fail "OSABI byte is $osabi, want 42"

# The kernel provides the sys_* functions, its linker script the init/fini array bounds;
# ld defines _GLOBAL_OFFSET_TABLE_ (named by objects with TLS), and the stub's crt0 calls
# the stub's stub_init_tcb.
extra=$(grep -v -e '^sys_' -e '^__preinit_array_' -e '^__init_array_' -e '^__fini_array_' \
	-e '^_GLOBAL_OFFSET_TABLE_$' -e '^stub_init_tcb$' "$needs")
[ -z "$extra" ] && pass || fail "undefined beyond what the kernel provides: $extra"
echo "needs from the kernel: $(tr '\n' ' ' < "$needs")"

tmpfile=${TMPDIR:-/tmp}/hermit-libc-test.$$
"$image" "$tmpfile" > "$out" 2>&1
status=$?
rm -f "$tmpfile"
[ $status -eq 7 ] && pass || fail "exit status $status, want 7"

for want in "hello from $image, argc 2" "sqrt(2) = 1.414214" "malloc: ok" \
	"open missing file: errno 2 (No such file or directory)" "link: ENOSYS" \
	"clock_gettime(CLOCK_MONOTONIC) ok, cpus 1" "getentropy ok" \
	"file: 19 bytes, read back: line 1234567890123" "no newline: flushed by exit" \
	"atexit handler ran"; do
	grep -qF "$want" "$out" && pass || fail "output lacks: $want"
done
[ $failed -eq 0 ] || { echo "--- output of $image:"; cat "$out"; }
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
