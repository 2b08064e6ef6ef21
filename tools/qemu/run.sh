#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Boots the nested QEMU guest (Debian kernel, nested KVM, build tree at /hermit) to run a command or a shell.
#
#   run.sh --run 'COMMAND' [--timeout SECONDS] [--smp N] [-- QEMU-ARGS...]
#       Runs COMMAND with /bin/sh -c in the guest (cwd /hermit), prints its output and exits with
#       its status. 124: the guest was killed after the timeout (default 600 s). 125: the guest
#       failed (kernel panic, no /dev/kvm, no 9p mount, QEMU did not start); see the console log.
#   run.sh --interactive [--smp N] [-- QEMU-ARGS...]
#       A shell in the guest; 'exit' powers it off (Ctrl-A x kills QEMU).
# The guest has 2 GiB in two NUMA nodes of 1 GiB (the top 320 MiB of each reserved for isles); the N vCPUs (default 4) are split between them.
#
# Under TCG the guest kernel occasionally locks up while booting (seen: a soft lockup in the
# crypto self-tests). A boot that panics or does not reach the command within --boot-timeout
# seconds (default 90) is retried, at most twice; the command itself is never run twice.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
TOP=${TOP:-$(cd "$here/../.." && pwd)}
BUILD=${BUILD:-$TOP/build}
out=$BUILD/qemu

usage() {
	echo "usage: $0 --run 'COMMAND' [--timeout SECONDS] [--boot-timeout SECONDS] [--smp N]" \
		"[-- QEMU-ARGS...]" >&2
	echo "       $0 --interactive [--smp N] [-- QEMU-ARGS...]" >&2
	exit 2
}

mode='' command='' timeout_s=600 boot_timeout_s=90 smp=4 extra=()
while [ $# -gt 0 ]; do
	case $1 in
	--run) [ $# -ge 2 ] || usage; mode=run command=$2; shift 2 ;;
	--interactive) mode=interactive; shift ;;
	--timeout) [ $# -ge 2 ] || usage; timeout_s=$2; shift 2 ;;
	--boot-timeout) [ $# -ge 2 ] || usage; boot_timeout_s=$2; shift 2 ;;
	--smp) [ $# -ge 2 ] || usage; smp=$2; shift 2 ;;
	--) shift; extra=("$@"); break ;;
	*) usage ;;
	esac
done
[ -n "$mode" ] || usage
if ! [[ $smp =~ ^[0-9]+$ ]] || [ "$smp" -lt 2 ] || [ $((smp % 2)) -ne 0 ]; then
	echo "run.sh: --smp needs an even number >= 2" >&2
	exit 2
fi
[[ $timeout_s =~ ^[0-9]+$ && $boot_timeout_s =~ ^[0-9]+$ ]] ||
	{ echo "run.sh: --timeout and --boot-timeout need seconds" >&2; exit 2; }
half=$((smp / 2))

# Kernel and initramfs are cached; this is quick when nothing changed. The lock keeps runs
# started in parallel from building the initramfs at the same time.
mkdir -p "$out"
flock "$out/.build.lock" make --no-print-directory -C "$here" TOP="$TOP" BUILD="$BUILD" all >&2

# Isle reservations for linux/hermit.ko: a 32 KiB trampoline area below 1 MiB and the top
# 320 MiB of each node; init.sh hands the hermit.* words to the module, so the values live
# here only. no_ipi_broadcast keeps Linux's all-but-self IPIs away from the cores an isle
# holds. Single quotes: '$' is literal here.
isle_append='memmap=32K$0x70000 memmap=320M$0x2c000000 memmap=320M$0x6c000000
	no_ipi_broadcast=1 hermit.lowmem=0x70000 hermit.isles=0:320M@0x2c000000,1:320M@0x6c000000'
isle_append=$(echo $isle_append)

# One socket per NUMA node, so that no cache is shared across nodes (the kernel warns otherwise).
# vmlinux boots through its PVH entry: no emulated decompression. softlockup_panic turns a
# lockup while booting into a quick panic (and a retry); init clears it before the command.
# Single-threaded TCG by default: with one host thread per vCPU (multi), the guest kernel
# locked up on all CPUs (soft lockups) in about half of the runs that used nested KVM on this
# 2-core host; single-threaded TCG ran the same suite without a hang and as fast.
# HERMIT_QEMU_TCG_THREAD=multi selects the other mode.
# shellcheck disable=SC2054 # the commas belong to QEMU's option syntax
qemu=(qemu-system-x86_64 -accel "tcg,thread=${HERMIT_QEMU_TCG_THREAD:-single}" -cpu max -m 2048
	-smp "$smp,sockets=2,cores=$half,threads=1"
	-object memory-backend-ram,id=m0,size=1024M
	-object memory-backend-ram,id=m1,size=1024M
	-numa "node,nodeid=0,cpus=0-$((half - 1)),memdev=m0"
	-numa "node,nodeid=1,cpus=$half-$((smp - 1)),memdev=m1"
	-no-reboot -nic none
	-virtfs "local,path=$TOP,mount_tag=hermit,security_model=none,multidevs=remap"
	-kernel "$out/vmlinux" -initrd "$out/initrd.gz"
	-append "console=ttyS0 quiet panic=-1 softlockup_panic=1 cryptomgr.notests $isle_append")

if [ "$mode" = interactive ]; then
	exec "${qemu[@]}" -nographic "${extra[@]}"
fi

mkdir -p "$out/runs"
cmd_file=$(mktemp "$out/runs/cmd.XXXXXX")
log=${cmd_file/cmd./console.}
fifo=${cmd_file/cmd./fifo.}
trap 'rm -f "$cmd_file" "$fifo"' EXIT
printf '%s\n' "$command" >"$cmd_file"

# console_line LINE: log LINE and act on it; prints the command's output one line late, to drop
# the newline that init adds before the status marker.
console_line() {
	printf '%s\n' "$1" >>"$log"
	case $state in
	boot)
		case $1 in
		*HERMIT-QEMU-BEGIN*) state=cmd ;;
		*HERMIT-QEMU-ERROR=*)
			guest_error=1
			echo "run.sh: guest: ${1#*HERMIT-QEMU-ERROR=}" >&2 ;;
		esac ;;
	cmd)
		case $1 in
		HERMIT-QEMU-STATUS=*)
			[ "$have_prev" = 1 ] && [ -n "$prev" ] && printf '%s' "$prev"
			status=${1#HERMIT-QEMU-STATUS=}
			state=finished ;;
		*)
			[ "$have_prev" = 1 ] && printf '%s\n' "$prev"
			prev=$1 have_prev=1 ;;
		esac ;;
	esac
	return 0
}

# follow_console PID: reads the console until EOF; kills PID if the boot takes too long.
follow_console() {
	local qpid=$1 line pending='' deadline=$((SECONDS + boot_timeout_s))
	while :; do
		if IFS= read -r -t 1 line; then
			line=$pending$line pending=
			console_line "${line%$'\r'}"
		elif [ $? -gt 128 ]; then
			pending+=$line
			if [ "$state" = boot ] && [ $SECONDS -ge $deadline ] && [ "$boot_hung" = 0 ]; then
				echo "=== run.sh: no command start after $boot_timeout_s s ===" >>"$log"
				boot_hung=1
				kill -TERM "$qpid" 2>/dev/null || true
			fi
		else
			line=$pending$line
			[ -n "$line" ] && console_line "${line%$'\r'}"
			break
		fi
	done
	[ "$state" = cmd ] && [ "$have_prev" = 1 ] && printf '%s\n' "$prev"
	return 0
}

# boot_once ATTEMPT: one guest run; sets state, status, qemu_status, boot_hung, guest_error.
boot_once() {
	local qpid
	state=boot status='' prev='' have_prev=0 boot_hung=0 guest_error=0
	echo "=== run.sh: boot attempt $1 ===" >>"$log"
	rm -f "$fifo"
	mkfifo "$fifo"
	timeout -k 10 "$timeout_s" "${qemu[@]}" -display none -serial stdio -monitor none \
		-fw_cfg "name=opt/hermit/cmd,file=$cmd_file" "${extra[@]}" </dev/null >"$fifo" 2>&1 &
	qpid=$!
	follow_console "$qpid" <"$fifo"
	qemu_status=0
	wait "$qpid" || qemu_status=$?
}

report_failure() {
	if grep -q 'Kernel panic' "$log"; then
		echo "run.sh: guest kernel panic:" >&2
		grep -A 3 'Kernel panic' "$log" | tail -n 4 >&2
	elif [ "$guest_error" = 0 ] && [ "$qemu_status" -ne 0 ]; then
		echo "run.sh: qemu-system-x86_64 failed (exit $qemu_status):" >&2
		tail -n 5 "$log" >&2
	elif [ "$guest_error" = 0 ] && [ "$boot_hung" = 0 ]; then
		echo "run.sh: guest ended without an exit status" >&2
	fi
	echo "run.sh: console log: $log" >&2
}

: >"$log"
for attempt in 1 2 3; do
	boot_once "$attempt"
	# Retry only boots that died or hung before the command started, not the overall timeout.
	if [ "$state" != boot ] || [ "$guest_error" = 1 ] || [ "$attempt" -eq 3 ]; then
		break
	fi
	if [ "$boot_hung" = 0 ] && [ "$qemu_status" -eq 124 ]; then
		break
	fi
	echo "run.sh: guest boot failed (attempt $attempt, console log: $log), retrying" >&2
done

if [ "$state" != finished ] && [ "$boot_hung" = 0 ] && [ "$qemu_status" -eq 124 ]; then
	echo "run.sh: guest did not finish within $timeout_s s and was killed (console: $log)" >&2
	exit 124
fi
if [ "$state" != finished ]; then
	[ "$boot_hung" = 1 ] && echo "run.sh: guest did not boot within $boot_timeout_s s" >&2
	report_failure
	exit 125
fi
rm -f "$log"
exit "$status"
