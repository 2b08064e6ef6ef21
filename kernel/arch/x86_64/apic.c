/* SPDX-License-Identifier: BSD-3-Clause */
/* Local APIC: x2APIC by MSRs where the CPU has it, else xAPIC by MMIO; timer, IPIs, EOI. */
#include <kernel/arch.h>
#include <kernel/kernel.h>
#include <kernel/platform.h>
#include <kernel/time.h>
#include "cpu.h"

/*
 * Registers by their xAPIC MMIO offset. In x2APIC mode the same register is MSR
 * 0x800 + offset / 16, 64 bits wide only for the ICR (destination in bits 32-63, one write).
 */
#define APIC_TPR         0x080
#define APIC_EOI         0x0b0
#define APIC_SVR         0x0f0
#define APIC_ICR_LOW     0x300
#define APIC_ICR_HIGH    0x310 /* xAPIC only: destination APIC id in bits 24-31 */
#define APIC_LVT_TIMER   0x320
#define APIC_TMR_INIT    0x380
#define APIC_TMR_CUR     0x390
#define APIC_TMR_DIV     0x3e0
#define X2APIC_MSR(r)    (0x800 + ((r) >> 4))

#define APIC_BASE_EXTD   (1u << 10)
#define APIC_BASE_ENABLE (1u << 11)
#define SVR_ENABLE       (1u << 8)  /* software enable; clear after INIT */
#define ICR_BUSY         (1u << 12) /* xAPIC delivery status: the last IPI is still pending */
#define ICR_ASSERT       (1u << 14) /* level = assert, required for all but INIT de-assert */
#define LVT_TSC_DEADLINE (2u << 17)
#define CPUID1_X2APIC    (1u << 21)
#define CPUID1_TSCDEADL  (1u << 24)

/* KVM's paravirtual interface (Linux's Documentation/virt/kvm/x86/cpuid.rst, msr.rst) */
#define KVM_CPUID_SIGNATURE 0x40000000u /* ebx, ecx, edx: "KVMKVMKVM\0\0\0" */
#define KVM_CPUID_FEATURES  0x40000001u
#define KVM_FEATURE_PV_EOI  (1u << 6)
#define MSR_KVM_PV_EOI_EN   0x4b564d04u

/* The xAPIC page (boot_info->xapic_addr, mapped uncached by the loader); NULL: x2APIC. */
static volatile uint32_t *xapic;
static bool use_tsc_deadline;
static bool use_pv_eoi;
static uint64_t apic_per_ms; /* LAPIC timer counts per millisecond (one-shot mode only) */

static uint32_t apic_read(unsigned reg)
{
	if (xapic)
		return xapic[reg / 4];
	return (uint32_t)rdmsr(X2APIC_MSR(reg));
}

static void apic_write(unsigned reg, uint32_t v)
{
	if (xapic)
		xapic[reg / 4] = v;
	else
		wrmsr(X2APIC_MSR(reg), v);
}

/* One-shot mode needs the LAPIC timer rate: count down for one millisecond of TSC. */
static void apic_calibrate(void)
{
	uint64_t start = rdtsc(), ms = time_tsc_khz();

	apic_write(APIC_TMR_DIV, 0xb); /* divide by 1 */
	apic_write(APIC_TMR_INIT, 0xffffffff);
	while (rdtsc() - start < ms)
		cpu_relax();
	apic_per_ms = 0xffffffffULL - apic_read(APIC_TMR_CUR);
	if (apic_per_ms == 0)
		apic_per_ms = 1;
}

/*
 * x2APIC if CPUID offers it (uhyve's KVM; and once Linux put a core in x2APIC mode, INIT
 * leaves it there, so xAPIC would not even be reachable). Otherwise (QEMU's TCG) the xAPIC
 * page that the loader mapped.
 */
static void apic_choose_mode(uint32_t cpuid1_ecx)
{
	uint64_t base = rdmsr(MSR_APIC_BASE);

	if (cpuid1_ecx & CPUID1_X2APIC) {
		xapic = NULL;
		wrmsr(MSR_APIC_BASE, base | APIC_BASE_EXTD | APIC_BASE_ENABLE);
		return;
	}
	if (!boot_info->xapic_addr)
		panic("this CPU has no x2APIC and the loader mapped no xAPIC page "
		      "(boot_info.xapic_addr = 0)");
	xapic = (volatile uint32_t *)boot_info->xapic_addr;
	wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
}

/*
 * KVM's paravirtual EOI: when KVM delivers an interrupt whose EOI it need not see (edge
 * triggered, nothing else waiting on it), it sets bit 0 of this CPU's word, and apic_eoi
 * just clears it instead of writing the EOI register. That write is an exit, ~30 us on a
 * PVM host, once per interrupt (timer, wake-up IPI, network). Only where the platform allows
 * it and the CPUID (KVM's signature and feature leaf) offers it; the word's address is
 * guest-physical, as the kernel's image is identity-mapped.
 */
static void apic_pv_eoi_init(void)
{
	struct cpu *c = this_cpu();
	uint32_t r[4];

	if (!platform->pv_eoi)
		return;
	cpuid(KVM_CPUID_SIGNATURE, 0, r);
	if (r[0] < KVM_CPUID_FEATURES || r[1] != 0x4b4d564bu || r[2] != 0x564b4d56u ||
	    r[3] != 0x4du)
		return;
	cpuid(KVM_CPUID_FEATURES, 0, r);
	if (!(r[0] & KVM_FEATURE_PV_EOI))
		return;
	c->pv_eoi = 0;
	wrmsr(MSR_KVM_PV_EOI_EN, (uintptr_t)&c->pv_eoi | 1);
	use_pv_eoi = true;
}

/* Enables this CPU's LAPIC; runs at CPL0 on every CPU. */
void apic_init(void)
{
	uint32_t r[4];

	cpuid(1, 0, r);
	use_tsc_deadline = r[2] & CPUID1_TSCDEADL;
	apic_choose_mode(r[2]);

	apic_write(APIC_SVR, SVR_ENABLE | VEC_SPURIOUS);
	apic_write(APIC_TPR, 0);
	apic_pv_eoi_init();
	if (use_tsc_deadline) {
		apic_write(APIC_LVT_TIMER, VEC_TIMER | LVT_TSC_DEADLINE);
	} else {
		apic_write(APIC_LVT_TIMER, VEC_TIMER); /* one-shot */
		if (!apic_per_ms)
			apic_calibrate();
	}
}

/* Arms the one-shot timer for TSC value `deadline` (interrupts VEC_TIMER). CPL0 only. */
void apic_arm_deadline(uint64_t deadline)
{
	if (use_tsc_deadline) {
		wrmsr(MSR_TSC_DEADLINE, deadline); /* an MSR in xAPIC mode too */
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
	apic_write(APIC_TMR_INIT, count);
}

/*
 * xAPIC: the ICR is two registers and the write of the low half sends. Interrupts stay off
 * across the pair so that no handler on this CPU can send in between.
 */
static void xapic_send_ipi(uint32_t apic_id, uint8_t vector)
{
	unsigned long flags;

	__asm__ volatile("pushfq; popq %0; cli" : "=r"(flags)::"memory");
	while (apic_read(APIC_ICR_LOW) & ICR_BUSY)
		cpu_relax();
	apic_write(APIC_ICR_HIGH, apic_id << 24);
	apic_write(APIC_ICR_LOW, ICR_ASSERT | vector);
	__asm__ volatile("pushq %0; popfq" : : "r"(flags) : "memory", "cc");
}

/* Fixed delivery, physical destination. CPL0 only. */
void apic_send_ipi(uint32_t apic_id, uint8_t vector)
{
	if (xapic)
		xapic_send_ipi(apic_id, vector);
	else
		wrmsr(X2APIC_MSR(APIC_ICR_LOW), ((uint64_t)apic_id << 32) | vector);
}

void apic_eoi(void)
{
	if (use_pv_eoi && (__atomic_fetch_and(&this_cpu()->pv_eoi, ~1u, __ATOMIC_RELAXED) & 1))
		return;
	apic_write(APIC_EOI, 0);
}
