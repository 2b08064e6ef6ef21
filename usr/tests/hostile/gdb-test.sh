#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Debugs real guests through uhyve's GDB stub (HERMIT_DEBUG) with scripted gdb sessions.
#
# usage: gdb-test.sh UHYVE_BINARY BUILD_DIR [MODELS]
# MODELS: the privilege models the guests are debugged in, "depriv classic" (default) or one of
# them. Tests of the classic model are named "classic-..."; one session debugs the kernel in the
# classic model in any case. On a PVM host the classic model cannot run the C application (see
# pvm_classic_app), so those sessions are skipped there.
# Needs gdb ($GDB, default: gdb from PATH) and BUILD_DIR/usr/tests/hostile/gdb_target
# (make -C usr/tests/hostile gdb). POSIX sh: it also runs in the nested QEMU guest (busybox).

set -u
if [ $# -lt 2 ] || [ $# -gt 3 ]; then
	echo "usage: $0 UHYVE_BINARY BUILD_DIR [MODELS]" >&2
	exit 2
fi
UHYVE=$1
G=$2/usr/tests/hostile
APP=$G/gdb_target
MODELS=${3:-depriv classic}
GDB=${GDB:-gdb}
HERMIT_TIMEOUT=120
export HERMIT_TIMEOUT
# shellcheck source=usr/tests/hostile/checks.sh
. "$(dirname "$0")/checks.sh"

if ! command -v "$GDB" >/dev/null 2>&1; then
	echo "SKIP gdb tests: $GDB not installed"
	echo "0 passed, 0 failed"
	exit 0
fi

# random_port: a port in 20000-59999 (gdb cannot be told to use port 0).
random_port() {
	echo $((20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000))
}

# wait_for FILE TEXT PID: waits up to 20 s (the nested QEMU is slow) until FILE has a line
# containing TEXT; fails at once if PID ends first.
wait_for() {
	tenths=0
	while [ $tenths -lt 200 ]; do
		grep -qF -- "$2" "$1" && return 0
		kill -0 "$3" 2>/dev/null || return 1
		sleep 0.1
		tenths=$((tenths + 1))
	done
	return 1
}

# start_uhyve PRIV IMAGE: starts uhyve waiting for gdb on a free port, sets $port and $pid.
start_uhyve() {
	for _ in 1 2 3 4 5 6 7 8; do
		port=$(random_port)
		: >"$tmp/err"
		HERMIT_PRIV=$1 "$UHYVE" --debug "$port" "$2" >"$tmp/out" 2>"$tmp/err" &
		pid=$!
		wait_for "$tmp/err" "waiting for gdb" "$pid" && return 0
		kill "$pid" 2>/dev/null
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
	timeout 300 "$GDB" -batch -nx -ex "set confirm off" -ex "target remote 127.0.0.1:$port" \
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
freestanding_tests() {
	session minimal "$1" "$G/minimal" -ex 'print $pc' -ex stepi -ex 'print $pc' \
		-ex 'break *0x200009' -ex continue -ex 'print $pc' -ex 'print/x $rdx' -ex continue
	expect "${p}first-instruction" '$1 = (void (*)()) 0x200000 <_start>'
	expect "${p}stepi" '$2 = (void (*)()) 0x200004 <_start+4>'
	expect "${p}boot-breakpoint" '$3 = (void (*)()) 0x200009 <_start+9>'
	expect "${p}register-read" '$4 = 0x501'
	expect "${p}exit-status" '[Inferior 1 (Remote target) exited with code 07]'
	expect_rc "${p}minimal-status" 7
}

# ---- Ctrl-C (0x03) stops a running guest; kill ends uhyve with 137 ----
interrupt_tests() {
	rc=none
	if start_uhyve "$1" "$G/loop"; then
		"$GDB" -batch -nx -ex "target remote 127.0.0.1:$port" -ex continue -ex 'print $pc' \
			-ex kill "$G/loop" >"$tmp/gdb" 2>&1 &
		gdbpid=$!
		# Attached (gdb shows the first stop), then a second for the 'continue' to be sent.
		wait_for "$tmp/gdb" "in _start ()" "$gdbpid"
		sleep 1
		kill -INT "$gdbpid"
		wait "$gdbpid"
		wait "$pid"
		rc=$?
	fi
	expect "${p}interrupt" 'Program received signal SIGINT, Interrupt.'
	expect "${p}interrupt-pc" '$1 = (void (*)()) 0x200000 <_start>'
	expect_rc "${p}kill-status" 137
}

# ---- a C application: next, print, kernel memory, memory write, finish, step, backtrace ----
app_tests() {
	cpl=3
	[ "$1" = classic ] && cpl=0
	session app "$1" "$APP" -ex 'break main' -ex continue -ex next -ex 'print var' \
		-ex next -ex 'print var' -ex 'print/x boot_info->magic' -ex 'set var poked = 42' \
		-ex 'print $cs & 3' -ex 'x/x 0x7ffffffff000' -ex 'print (int)((char *)main)[0]' \
		-ex 'info registers rip' -ex continue
	expect "${p}break-main" 'Breakpoint 1, main () at'
	expect "${p}next-print" '$1 = 6'
	expect "${p}next-twice" '$2 = 37'
	expect "${p}kernel-memory" '$3 = 0x544f4f42544d5248'
	expect "${p}app-at-cpl$cpl" "\$4 = $cpl"
	expect "${p}outside-ram" 'Cannot access memory at address 0x7ffffffff000'
	expect "${p}breakpoint-hidden" '$5 = 85' # push %rbp, not int3
	expect "${p}app-exit" '[Inferior 1 (Remote target) exited normally]'
	expect_rc "${p}app-status" 0
	if grep -qxF "var=37 poked=42" "$tmp/out"; then
		pass "${p}memory-write"
	else
		fail "${p}memory-write" "application printed '$(head -n 1 "$tmp/out")'"
	fi

	session step "$1" "$APP" -ex 'break square' -ex continue -ex 'print x' -ex finish \
		-ex 'delete' -ex 'break main' -ex 'info breakpoints' -ex continue
	expect "${p}break-in-callee" 'Breakpoint 1, square (x=6) at'
	expect "${p}finish" 'Value returned is $2 = 36'
	expect_rc "${p}step-status" 0

	session stepin "$1" "$APP" -ex 'break gdb_target.c:18' -ex continue -ex step \
		-ex 'print x' -ex 'bt' -ex continue
	expect "${p}step-into" 'square (x=6) at'
	expect "${p}backtrace" '#1  0x'
	expect_rc "${p}stepin-status" 0
}

# Why the application sessions cannot run in the classic model on a PVM host, or nothing.
pvm_classic_app() {
	[ "$1" = classic ] && [ -e /sys/module/kvm_pvm ] || return 0
	echo "PVM emulates CPL0 and stops at the kernel's first thread switch (stmxcsr at CPL0:" \
		"KVM internal error); the classic model needs a hardware or nested KVM"
}

for model in $MODELS; do
	case $model in
	depriv) p= ;;
	classic) p=classic- ;;
	*)
		fail "model-$model" "unknown privilege model (depriv, classic)"
		continue
		;;
	esac
	freestanding_tests "$model"
	interrupt_tests "$model"
	why=$(pvm_classic_app "$model")
	if [ -n "$why" ]; then
		echo "SKIP ${p}application: $why"
	elif [ -x "$APP" ]; then
		app_tests "$model"
	else
		fail "${p}application" "$APP missing (make -C usr/tests/hostile gdb)"
	fi
done

# The kernel in the classic model: every instruction at CPL0, KVM's guest debugging.
if [ -x "$APP" ]; then
	session classic classic "$APP" -ex 'break kernel_main' -ex continue -ex 'print $cs & 3' \
		-ex next -ex kill
	expect classic-kernel-break 'Breakpoint 1, kernel_main'
	expect classic-cpl0 '$1 = 0'
	expect_rc classic-kill 137
fi

summary
