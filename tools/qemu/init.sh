#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# /init of the nested QEMU guest: loads KVM and 9p, mounts the tree at /hermit, runs a command or a shell.
#
# Run mode: QEMU passes the command as fw_cfg file opt/hermit/cmd. Its output goes to the serial
# console between the marker lines HERMIT-QEMU-BEGIN and HERMIT-QEMU-STATUS=<exit status>, which
# tools/qemu/run.sh parses. Problems with the guest itself are reported as HERMIT-QEMU-ERROR=<text>.
# Without that file: an interactive shell. Either way the guest powers off at the end.

export PATH=/bin:/sbin:/usr/bin:/usr/sbin
export HOME=/root
export TERM="${TERM:-vt100}"

cmd_file=/sys/firmware/qemu_fw_cfg/by_name/opt/hermit/cmd/raw

mount_basics() {
	mount -t proc proc /proc
	mount -t sysfs sysfs /sys
	mount -t devtmpfs devtmpfs /dev
	mkdir -p /dev/pts /dev/shm
	mount -t devpts devpts /dev/pts
	mount -t tmpfs tmpfs /dev/shm
	mount -t tmpfs tmpfs /tmp
	mount -t tmpfs tmpfs /run
	ip link set lo up
}

# /etc/hermit-modules lists the modules in load order (dependencies first).
load_modules() {
	dir=/lib/modules/$(uname -r)
	while read -r ko; do
		insmod "$dir/$ko" || echo "init: insmod $ko failed"
	done </etc/hermit-modules
}

mount_hermit() {
	mkdir -p /hermit
	for _ in 1 2 3 4 5; do
		mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000,cache=none \
			hermit /hermit 2>/dev/null && return 0
		sleep 0.2
	done
	return 1
}

# The isle module, if built, with the hermit.* parameters of the kernel command line (the
# memmap= reservations they name are there too, see run.sh).
load_hermit() {
	ko=/hermit/build/linux/hermit.ko
	[ -f "$ko" ] || return 0
	# shellcheck disable=SC2046 # one word per parameter
	insmod "$ko" $(tr ' ' '\n' </proc/cmdline | sed -n 's/^hermit\.//p') ||
		echo "init: insmod $ko failed"
}

guest_error() {
	echo "HERMIT-QEMU-ERROR=$*"
	if [ -r "$cmd_file" ]; then
		poweroff -f
	fi
}

run_command() {
	cp "$cmd_file" /tmp/hermit-cmd
	# Only emergencies (a panic) may interleave with the command's output.
	echo 1 >/proc/sys/kernel/printk
	# run.sh asks for a panic on soft lockups while booting only (a boot is retried, a test not).
	echo 0 >/proc/sys/kernel/softlockup_panic
	cd /hermit || cd /
	echo "HERMIT-QEMU-BEGIN"
	/bin/sh -c "$(cat /tmp/hermit-cmd)" </dev/null
	status=$?
	cd /
	printf '\nHERMIT-QEMU-STATUS=%d\n' "$status"
}

run_shell() {
	echo 0 >/proc/sys/kernel/softlockup_panic
	# ./app runs through the proxy (isle 0 while /sys/hermit exists, else uhyve).
	if [ -x /hermit/build/proxy/proxy ]; then
		/hermit/tools/binfmt.sh install /hermit/build/proxy/proxy >/dev/null ||
			echo "init: binfmt_misc registration failed"
	fi
	echo "hermit: build tree at /hermit, /dev/kvm ready, isles: $(ls /sys/hermit 2>/dev/null |
		grep isle | tr '\n' ' ')'exit' powers off"
	cd /hermit || cd /
	setsid cttyhack /bin/sh -l
	cd /
}

mount_basics
load_modules
[ -c /dev/kvm ] || guest_error "no /dev/kvm in the guest (kvm-amd did not load)"
mount_hermit || guest_error "cannot mount the 9p share 'hermit' at /hermit"
load_hermit

if [ -r "$cmd_file" ]; then
	run_command
else
	run_shell
fi
umount /hermit 2>/dev/null
poweroff -f
