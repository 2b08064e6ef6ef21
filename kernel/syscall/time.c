/* SPDX-License-Identifier: BSD-3-Clause */
/* Time system calls: clocks and sleeping. */
#include <hermit/abi_uhyve.h>
#include <hermit/syscall.h>
#include <kernel/kernel.h>
#include <kernel/sched.h>
#include <kernel/time.h>

int sys_clock_gettime(int clock, struct hermit_timespec *ts)
{
	uint64_t ns;

	if (!ts)
		return -HERMIT_EFAULT;
	switch (clock) {
	case HERMIT_CLOCK_REALTIME:
		ns = time_realtime_ns();
		break;
	case HERMIT_CLOCK_MONOTONIC:
		ns = time_monotonic_ns();
		break;
	case HERMIT_CLOCK_PROCESS_CPUTIME_ID:
		ns = time_tsc_to_ns(sched_process_cputime());
		break;
	case HERMIT_CLOCK_THREAD_CPUTIME_ID:
		ns = time_tsc_to_ns(sched_thread_cputime());
		break;
	default:
		return -HERMIT_EINVAL;
	}
	ts->sec = ns / 1000000000;
	ts->nsec = ns % 1000000000;
	return 0;
}

int sys_nanosleep(const struct hermit_timespec *req)
{
	if (!req)
		return -HERMIT_EFAULT;
	if (req->sec < 0 || req->nsec < 0 || req->nsec >= 1000000000)
		return -HERMIT_EINVAL;
	uint64_t ns = (uint64_t)req->sec * 1000000000 + req->nsec;
	if (req->sec > 1000000000) /* ~31 years: treat as forever, without overflow */
		ns = UINT64_MAX / 4;
	time_sleep_ns(ns);
	return 0;
}
