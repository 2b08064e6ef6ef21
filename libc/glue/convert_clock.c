/* SPDX-License-Identifier: BSD-3-Clause */
/* Converts newlib's clockid_t values (CLOCK_MONOTONIC is 4 there) to HERMIT_CLOCK_*. */
#include "glue.h"

int glue_clock_from_newlib(clockid_t clock)
{
	switch (clock) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		return HERMIT_CLOCK_REALTIME;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME: /* nothing is ever suspended */
		return HERMIT_CLOCK_MONOTONIC;
	case CLOCK_PROCESS_CPUTIME_ID:
		return HERMIT_CLOCK_PROCESS_CPUTIME_ID;
	case CLOCK_THREAD_CPUTIME_ID:
		return HERMIT_CLOCK_THREAD_CPUTIME_ID;
	default:
		return -1;
	}
}
