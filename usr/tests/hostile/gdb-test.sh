#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Debugs real guests through uhyve's GDB stub (HERMIT_DEBUG) with scripted gdb sessions.
#
# usage: gdb-test.sh UHYVE_BINARY BUILD_DIR
# Needs gdb, and BUILD_DIR/usr/tests/hostile/gdb_target (make -C usr/tests/hostile gdb).

set -u
if [ $# -ne 2 ]; then
	echo "usage: $0 UHYVE_BINARY BUILD_DIR" >&2
	exit 2
fi
UHYVE=$1
G=$2/usr/tests/hostile
APP=$G/gdb_target
HERMIT_TIMEOUT=120
export HERMIT_TIMEOUT
# shellcheck source=usr/tests/hostile/checks.sh
. "$(dirname "$0")/checks.sh"

if ! command -v gdb >/dev/null 2>&1; then
	echo "SKIP gdb tests: gdb not installed"
	echo "0 passed, 0 failed"
	exit 0
fi

# random_port: a port in 20000-59999 (gdb cannot be told to use port 0).
random_port() {
	echo $((20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000))
}

# start_uhyve PRIV IMAGE: starts uhyve waiting for gdb on a free port, sets $port and $pid.
start_uhyve() {
	for try in 1 2 3 4 5 6 7 8; do
		port=$(random_port)
		: >"$tmp/err"
		HERMIT_PRIV=$1 "$UHYVE" --debug "$port" "$2" >"$tmp/out" 2>"$tmp/err" &
		pid=$!
		for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
			grep -q "waiting for gdb" "$tmp/err" && return 0
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		wait "$pid" 2>/dev/null
		grep -q "Address already in use" "$tmp/err" || break
	done
	echo "uhyve did not start its gdb server: $(head -n 1 "$tmp/err")" >"$tmp/gdb"
	return 1
}

# session NAME PRIV IMAGE GDB_ARGS...: one batch gdb session; output in $tmp/gdb, uhyve's
# exit status in $rc.
session() {
	name=$1 priv=$2 image=$3
	shift 3
	rc=none
	start_uhyve "$priv" "$image" || return 1
	timeout 300 gdb -batch -nx -ex "set confirm off" -ex "target remote 127.0.0.1:$port" \
		"$@" "$image" >"$tmp/gdb" 2>&1
	wait "$pid"
	rc=$?
	cp "$tmp/gdb" "$tmp/$name.gdb"
}

# expect NAME TEXT: the last session's gdb output has a line containing TEXT.
expect() {
	if grep -qF -- "$2" "$tmp/gdb"; then
		pass "$1"
	else
		fail "$1" "gdb output lacks '$2' (uhyve: $(head -n 2 "$tmp/err" | tail -n 1))"
	fi
}

expect_rc() {
	if [ "$rc" = "$2" ]; then
		pass "$1"
	else
		fail "$1" "uhyve exit status $rc, expected $2"
	fi
}

# ---- a freestanding guest: stop before the first instruction, stepi, a breakpoint ----
session minimal depriv "$G/minimal" -ex 'print $pc' -ex stepi -ex 'print $pc' \
	-ex 'break *0x200009' -ex continue -ex 'print $pc' -ex 'print/x $rdx' -ex continue
expect first-instruction '$1 = (void (*)()) 0x200000 <_start>'
expect stepi '$2 = (void (*)()) 0x200004 <_start+4>'
expect boot-breakpoint '$3 = (void (*)()) 0x200009 <_start+9>'
expect register-read '$4 = 0x501'
expect exit-status '[Inferior 1 (Remote target) exited with code 07]'
expect_rc minimal-status 7

# ---- Ctrl-C (0x03) stops a running guest; kill ends uhyve with 137 ----
if start_uhyve depriv "$G/loop"; then
	gdb -batch -nx -ex "target remote 127.0.0.1:$port" -ex continue -ex 'print $pc' -ex kill \
		"$G/loop" >"$tmp/gdb" 2>&1 &
	gdbpid=$!
	sleep 2
	kill -INT "$gdbpid"
	wait "$gdbpid"
	wait "$pid"
	rc=$?
fi
expect interrupt 'Program received signal SIGINT, Interrupt.'
expect interrupt-pc '$1 = (void (*)()) 0x200000 <_start>'
expect_rc kill-status 137

# ---- a C application in the deprivileged model (application at CPL3) ----
if [ ! -x "$APP" ]; then
	fail application "$APP missing (make -C usr/tests/hostile gdb)"
else
	session app depriv "$APP" -ex 'break main' -ex continue -ex next -ex 'print var' \
		-ex next -ex 'print var' -ex 'print/x boot_info->magic' -ex 'set var poked = 42' \
		-ex 'print $cs & 3' -ex 'x/x 0x7ffffffff000' -ex 'print (int)((char *)main)[0]' \
		-ex 'info registers rip' -ex continue
	expect break-main 'Breakpoint 1, main () at'
	expect next-print '$1 = 6'
	expect next-twice '$2 = 37'
	expect kernel-memory '$3 = 0x544f4f42544d5248'
	expect app-at-cpl3 '$4 = 3'
	expect outside-ram 'Cannot access memory at address 0x7ffffffff000'
	expect breakpoint-hidden '$5 = 85' # push %rbp, not int3
	expect app-exit '[Inferior 1 (Remote target) exited normally]'
	expect_rc app-status 0
	if grep -qxF "var=37 poked=42" "$tmp/out"; then
		pass memory-write
	else
		fail memory-write "application printed '$(head -n 1 "$tmp/out")'"
	fi

	session step depriv "$APP" -ex 'break square' -ex continue -ex 'print x' -ex finish \
		-ex 'delete' -ex 'break main' -ex 'info breakpoints' -ex continue
	expect break-in-callee 'Breakpoint 1, square (x=6) at'
	expect finish 'Value returned is $2 = 36'
	expect_rc step-status 0

	session stepin depriv "$APP" -ex 'break gdb_target.c:18' -ex continue -ex step -ex 'print x' \
		-ex 'bt' -ex continue
	expect step-into 'square (x=6) at'
	expect backtrace '#1  0x'
	expect_rc stepin-status 0

	# Classic model: every instruction at CPL0, debug registers and KVM single-step.
	session classic classic "$APP" -ex 'break kernel_main' -ex continue -ex 'print $cs & 3' \
		-ex next -ex kill
	expect classic-kernel-break 'Breakpoint 1, kernel_main'
	expect classic-cpl0 '$1 = 0'
	expect_rc classic-kill 137
fi

summary
