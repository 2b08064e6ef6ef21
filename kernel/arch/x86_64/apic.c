/* SPDX-License-Identifier: BSD-3-Clause */
/* Local APIC in x2APIC mode (MSRs only, no MMIO mapping): one-shot timer, EOI. */
#include <kernel/arch.h>
#include <kernel/kernel.h>
#include <kernel/time.h>
#include "cpu.h"

#define X2APIC_TPR       0x808
#define X2APIC_EOI       0x80b
#define X2APIC_SVR       0x80f
#define X2APIC_LVT_TIMER 0x832
#define X2APIC_TMR_INIT  0x838
#define X2APIC_TMR_CUR   0x839
#define X2APIC_TMR_DIV   0x83e
#define X2APIC_ICR       0x830

#define APIC_BASE_EXTD   (1u << 10)
#define APIC_BASE_ENABLE (1u << 11)
#define LVT_TSC_DEADLINE (2u << 17)
#define CPUID1_X2APIC    (1u << 21)
#define CPUID1_TSCDEADL  (1u << 24)

static bool use_tsc_deadline;
static uint64_t apic_per_ms; /* LAPIC timer counts per millisecond (one-shot mode only) */

/* One-shot mode needs the LAPIC timer rate: count down for one millisecond of TSC. */
static void apic_calibrate(void)
{
	uint64_t start = rdtsc(), ms = time_tsc_khz();

	wrmsr(X2APIC_TMR_DIV, 0xb); /* divide by 1 */
	wrmsr(X2APIC_TMR_INIT, 0xffffffff);
	while (rdtsc() - start < ms)
		cpu_relax();
	apic_per_ms = 0xffffffffULL - rdmsr(X2APIC_TMR_CUR);
	if (apic_per_ms == 0)
		apic_per_ms = 1;
}

/* Enables this CPU's LAPIC; runs at CPL0 on every CPU. */
void apic_init(void)
{
	uint32_t r[4];

	cpuid(1, 0, r);
	if (!(r[2] & CPUID1_X2APIC))
		panic("this CPU has no x2APIC; HermitCore needs one");
	use_tsc_deadline = r[2] & CPUID1_TSCDEADL;

	wrmsr(MSR_APIC_BASE, rdmsr(MSR_APIC_BASE) | APIC_BASE_EXTD | APIC_BASE_ENABLE);
	wrmsr(X2APIC_SVR, 0x100 | VEC_SPURIOUS);
	wrmsr(X2APIC_TPR, 0);
	if (use_tsc_deadline) {
		wrmsr(X2APIC_LVT_TIMER, VEC_TIMER | LVT_TSC_DEADLINE);
	} else {
		wrmsr(X2APIC_LVT_TIMER, VEC_TIMER); /* one-shot */
		if (!apic_per_ms)
			apic_calibrate();
	}
}

/* Arms the one-shot timer for TSC value `deadline` (interrupts VEC_TIMER). CPL0 only. */
void apic_arm_deadline(uint64_t deadline)
{
	if (use_tsc_deadline) {
		wrmsr(MSR_TSC_DEADLINE, deadline);
		return;
	}
	uint64_t now = rdtsc();
	uint64_t delta = deadline > now ? deadline - now : 1;
	uint64_t khz = time_tsc_khz();
	uint64_t ms = delta / khz;
	uint64_t count = ms > 0xffffffffU ? 0xffffffffU : ms * apic_per_ms;
	count += (delta % khz) * apic_per_ms / khz;
	if (count == 0)
		count = 1;
	if (count > 0xffffffffU)
		count = 0xffffffffU;
	wrmsr(X2APIC_TMR_INIT, count);
}

/* Fixed delivery, physical destination. */
void apic_send_ipi(uint32_t apic_id, uint8_t vector)
{
	wrmsr(X2APIC_ICR, ((uint64_t)apic_id << 32) | vector);
}

void apic_eoi(void)
{
	wrmsr(X2APIC_EOI, 0);
}
