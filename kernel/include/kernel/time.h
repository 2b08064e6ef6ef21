/* SPDX-License-Identifier: BSD-3-Clause */
/* Time keeping from the TSC, anchored to the host's wall-clock time at boot. */
#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include <stdint.h>

void time_init(uint64_t boot_tsc);
uint64_t time_monotonic_ns(void); /* since boot */
uint64_t time_realtime_ns(void);  /* since the epoch */
uint64_t time_ns_to_tsc(uint64_t ns);
uint64_t time_tsc_to_ns(uint64_t ticks);
uint64_t time_tsc_khz(void);

/* Sleeps at least ns nanoseconds, halting the CPU meanwhile. */
void time_sleep_ns(uint64_t ns);

#endif
