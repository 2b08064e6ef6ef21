/* SPDX-License-Identifier: BSD-3-Clause */
/* Clocks from the TSC: monotonic since boot, real time from the host's clock at boot. */
#include <kernel/arch.h>
#include <kernel/kernel.h>
#include <kernel/sched.h>
#include <kernel/time.h>

static uint64_t tsc_base, tsc_khz, realtime_base_ns;
static uint64_t ns_mult; /* ns = (ticks * ns_mult) >> 32 */

void time_init(uint64_t boot_tsc)
{
	tsc_khz = boot_info->tsc_khz;
	if (!tsc_khz)
		panic("the loader did not pass the TSC frequency (boot_info.tsc_khz = 0)");
	tsc_base = boot_tsc;
	realtime_base_ns = boot_info->boot_time_ns;
	ns_mult = (1000000ULL << 32) / tsc_khz;
	kprintf("time: TSC at %lu kHz\n", tsc_khz);
}

uint64_t time_tsc_khz(void)
{
	return tsc_khz;
}

uint64_t time_tsc_to_ns(uint64_t ticks)
{
	return (uint64_t)(((unsigned __int128)ticks * ns_mult) >> 32);
}

uint64_t time_monotonic_ns(void)
{
	return time_tsc_to_ns(rdtsc() - tsc_base);
}

uint64_t time_realtime_ns(void)
{
	return realtime_base_ns + time_monotonic_ns();
}

uint64_t time_ns_to_tsc(uint64_t ns)
{
	/* ns * khz / 1e6 without overflow for any sleep a program can ask for */
	return (ns / 1000000) * tsc_khz + (ns % 1000000) * tsc_khz / 1000000;
}

/* Blocks the calling thread (the CPU runs others or halts) until the deadline. */
void time_sleep_ns(uint64_t ns)
{
	uint64_t deadline = rdtsc() + time_ns_to_tsc(ns);
	while (rdtsc() < deadline) {
		unsigned long flags = arch_irq_save(); /* no preemption between the two */
		sched_prepare_block();
		sched_block(deadline);
		arch_irq_restore(flags);
	}
}
