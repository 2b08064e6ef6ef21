#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Tests hermit.ko inside the nested QEMU guest: bad input, boot/stop cycles, the device.
#
#   tools/qemu/run.sh --run 'cd /hermit && linux/tests/isle-module.sh build'
# BUILD (default build) holds linux/hermit.ko, linux/isle-test and linux/isle-dev. Prints
# PASS/FAIL lines and "N passed, N failed"; exit status 0 only if all passed.
# rmmod while an isle runs stops the isle cleanly (the module unloads, the cores come back);
# with /dev/hermit-isleN open, rmmod fails with EBUSY (the device holds the module).

build=${1:-build}
ko=$build/linux/hermit.ko
img=$(cd "$build/linux" && pwd)/isle-test
# The parameters init.sh loaded the module with (from the kernel command line, see run.sh).
params=$(tr ' ' '\n' </proc/cmdline | sed -n 's/^hermit\.//p' | tr '\n' ' ')
sys=/sys/hermit
cycles=${HERMIT_CYCLES:-20}
passed=0 failed=0

pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }
check() { name=$1; shift; if "$@"; then pass "$name"; else fail "$name"; fi; }
contains() { echo "$1" | grep -q "$2"; }

# bad_load LOG-TEXT PARAMS...: insmod fails with that one-line reason in the kernel log
# (busybox insmod tries two system calls: the same line may appear twice).
bad_load() {
	text=$1
	shift
	dmesg -c >/dev/null
	! insmod "$ko" "$@" 2>/dev/null &&
		[ "$(dmesg | grep 'hermit:' | sed 's/^\[[^]]*\] //' | sort -u | wc -l)" -eq 1 ] &&
		dmesg | grep -q "$text"
}

rmmod_stops() {
	rmmod hermit && [ "$(online)" = 0-3 ] && ! lsmod | grep -q '^hermit '
}

dmesg_bad() { dmesg | grep -E 'WARNING|BUG|Oops|general protection' | head -3; }

# expect_err NAME ERRNO-TEXT FILE VALUE: the write fails with that error and logs one line.
expect_err() {
	before=$(dmesg | grep -c 'hermit:')
	out=$( (echo "$4" >"$3") 2>&1 )
	rc=$?
	after=$(dmesg | grep -c 'hermit:')
	if [ $rc -ne 0 ] && echo "$out" | grep -q "$2" && [ "$after" -eq $((before + 1)) ]; then
		pass "$1"
	else
		fail "$1 (rc $rc, '$out', $((after - before)) log lines)"
	fi
}

online() { cat /sys/devices/system/cpu/online; }
memfree() { awk '/^MemFree:/ { print $2 }' /proc/meminfo; }
# Kernel allocations a boot could leak: slab, vmalloc, per-cpu (kB).
kmem() { awk '/^(Slab|VmallocUsed|Percpu):/ { s += $2 } END { print s }' /proc/meminfo; }
log_has() { grep -q "$2" "$sys/isle$1/log"; }

# wait_log ISLE TEXT: the isle's log shows TEXT within ~5 s.
wait_log() {
	for _ in $(seq 50); do
		log_has "$1" "$2" && return 0
		sleep 0.1
	done
	return 1
}

lsmod | grep -q '^hermit ' || insmod "$ko" $params || { echo "FAIL insmod"; exit 1; }
dmesg -c >/dev/null

# Parameters
check param-memsize-total [ "$(cat $sys/memsize)" = $((640 << 20)) ]
check param-base [ "$(cat $sys/isle1/base)" = 0x6c000000 ]
check param-cpus-stopped [ "$(cat $sys/isle1/cpus)" = -1 ]
rmmod hermit
check param-window-outside-node bad_load 'outside node 1' isles=1:96M@0x10000000
check param-unaligned bad_load 'not 2 MiB aligned' isles=1:3M@0x6c000000
check param-not-reserved bad_load 'is Linux RAM' isles=1:64M@0x60000000
check param-garbage bad_load 'is not node:size@base' isles=garbage
check param-node-twice bad_load 'named twice' isles=1:96M@0x6c000000,1:64M@0x74000000
check param-lowmem-ram bad_load 'need a page-aligned' lowmem=0x80000 isles=1:96M@0x6c000000
insmod "$ko" $params || { echo "FAIL insmod"; exit 1; }

# Bad input in every file
expect_err path-relative 'Invalid argument' $sys/isle1/path relative/path
expect_err memsize-too-much 'Cannot allocate memory' $sys/isle1/memsize $((512 << 20))
expect_err memsize-unaligned 'Invalid argument' $sys/isle1/memsize 12345
expect_err memsize-garbage 'Invalid argument' $sys/isle1/memsize lots
echo /nonexistent/image >$sys/isle1/path
expect_err path-missing 'No such file' $sys/isle1/cpus 2
echo /bin/busybox >$sys/isle1/path
expect_err path-not-hermit 'Exec format error' $sys/isle1/cpus 2
# test-malloc needs ~11 MiB (static arrays): a good image that does not fit in 4 MiB
memsize=$(cat $sys/isle1/memsize)
echo $((4 << 20)) >$sys/isle1/memsize
echo "$(cd "$build/usr/tests" && pwd)/test-malloc" >$sys/isle1/path
dmesg -c >/dev/null
expect_err image-too-big 'Cannot allocate memory' $sys/isle1/cpus 2
check image-too-big-log sh -c "dmesg | grep -q 'needs [0-9]* MiB of memory, the isle has 4 MiB'"
echo "$memsize" >$sys/isle1/memsize
echo "$img" >$sys/isle1/path
expect_err cpus-garbage 'Invalid argument' $sys/isle1/cpus abc
expect_err cpus-garbage-list 'Invalid argument' $sys/isle1/cpus 2-x
expect_err cpus-core0 'Invalid argument' $sys/isle0/cpus 0-1
expect_err cpus-other-node 'Invalid argument' $sys/isle1/cpus 1-1
expect_err cpus-count-zero 'Invalid argument' $sys/isle1/cpus 0
expect_err cpus-count-too-many 'Device or resource busy' $sys/isle1/cpus 3
expect_err cpus-stop-stopped 'Invalid argument' $sys/isle1/cpus -1
echo 0 >/sys/devices/system/cpu/cpu2/online
expect_err cpus-offline-core 'Device or resource busy' $sys/isle1/cpus 2-3
echo 1 >/sys/devices/system/cpu/cpu2/online
check log-empty-before-boot [ -z "$(cat $sys/isle1/log)" ]

# One boot, and what a running isle refuses
echo 3-3 >$sys/isle1/cpus
check boot-single-core [ "$(cat $sys/isle1/cpus)" = 3 ] && [ "$(online)" = 0-2 ]
check boot-log wait_log 1 'isle test image up'
expect_err cpus-boot-running 'Device or resource busy' $sys/isle1/cpus 2
expect_err cpus-taken-core 'Device or resource busy' $sys/isle1/cpus 3-3
expect_err path-while-running 'Device or resource busy' $sys/isle1/path "$img"
expect_err memsize-while-running 'Device or resource busy' $sys/isle1/memsize $((64 << 20))
out=$( (echo 1 >/sys/devices/system/cpu/cpu3/online) 2>&1 )
check hotplug-veto contains "$out" 'Device or resource busy'
echo -1 >$sys/isle1/cpus
check stop [ "$(cat $sys/isle1/cpus)" = -1 ] && [ "$(online)" = 0-3 ]
check log-after-stop log_has 1 'isle test image up'

# Two isles at once, a smaller memsize
echo $((32 << 20)) >$sys/isle0/memsize
echo "$img" >$sys/isle0/path
echo 1 >$sys/isle0/cpus && echo 2-3 >$sys/isle1/cpus
check two-isles-boot [ "$(online)" = 0 ]
check two-isles-log0 wait_log 0 'all cores entered'
check two-isles-log1 wait_log 1 'all cores entered'
echo -1 >$sys/isle0/cpus
echo -1 >$sys/isle1/cpus
check two-isles-stop [ "$(online)" = 0-3 ]

# rmmod while running: a clean stop
echo 2 >$sys/isle1/cpus
check rmmod-running-stops rmmod_stops
insmod "$ko" $params
echo "$img" >$sys/isle1/path

# The device
if [ -x "$build/linux/isle-dev" ]; then
	irq_before=$(awk '/hermit-isle1/ { s = 0; for (i = 2; i <= NF; i++) if ($i ~ /^[0-9]+$/) s += $i; print s }' /proc/interrupts)
	"$build/linux/isle-dev" 1 2-3 | while read -r status name rest; do
		echo "$status $name $rest"
	done >/tmp/isle-dev.out
	cat /tmp/isle-dev.out
	passed=$((passed + $(grep -c '^PASS' /tmp/isle-dev.out)))
	failed=$((failed + $(grep -c '^FAIL' /tmp/isle-dev.out)))
	irq_after=$(awk '/hermit-isle1/ { s = 0; for (i = 2; i <= NF; i++) if ($i ~ /^[0-9]+$/) s += $i; print s }' /proc/interrupts)
	check dev-notify-irq-counted [ "${irq_after:-0}" -gt "${irq_before:-0}" ]
	check dev-log-notified log_has 1 notified
	check dev-cores-back [ "$(online)" = 0-3 ]
fi

# Boot/stop cycles
mem0=$(memfree)
kmem0=$(kmem)
i=0
ok=1
while [ $i -lt "$cycles" ]; do
	i=$((i + 1))
	echo 2 >$sys/isle1/cpus || { ok=0; echo "cycle $i: boot failed"; break; }
	wait_log 1 'all cores entered' || { ok=0; echo "cycle $i: no log"; }
	echo -1 >$sys/isle1/cpus || { ok=0; echo "cycle $i: stop failed"; break; }
	[ "$(online)" = 0-3 ] || { ok=0; echo "cycle $i: online $(online)"; break; }
	[ -z "$(dmesg_bad)" ] || { ok=0; echo "cycle $i: $(dmesg_bad)"; break; }
done
check "cycles-$cycles" [ $ok = 1 ]
mem1=$(memfree)
kmem1=$(kmem)
echo "INFO MemFree before ${mem0} kB, after ${mem1} kB; slab+vmalloc+percpu ${kmem0} -> ${kmem1} kB"
# Plain Linux hotplug (echo 0/1 > cpuN/online) alone lowers MemFree by ~150 kB per cycle
# until its per-CPU caches are drained, so MemFree gets 16 MiB; kernel allocations 512 kB.
check cycles-memfree [ $((mem0 - mem1)) -lt 16384 ]
check cycles-kernel-memory [ $((kmem1 - kmem0)) -lt 512 ]
check no-warnings [ -z "$(dmesg_bad)" ]

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
