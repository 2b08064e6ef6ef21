/* SPDX-License-Identifier: BSD-3-Clause */
/* The privilege-model hooks of arch.h: interrupt masking, idle, leaving the boot level. */
#include <kernel/arch.h>
#include <kernel/kernel.h>
#include <kernel/platform.h>
#include <kernel/sched.h>
#include "cpu.h"

enum hermit_priv_model priv_model;

void enter_cpl3(void (*fn)(void *), void *arg, uintptr_t stack_top);

#define RFLAGS_IF (1UL << 9)

unsigned arch_cpu_id(void)
{
	return this_cpu()->id;
}

unsigned long arch_irq_save(void)
{
	if (priv_model == HERMIT_PRIV_CLASSIC) {
		unsigned long flags;
		__asm__ volatile("pushfq; popq %0; cli" : "=r"(flags)::"memory");
		return flags & RFLAGS_IF;
	}
	struct cpu *c = this_cpu();
	unsigned long was_masked = c->irq_masked;
	c->irq_masked = 1;
	__asm__ volatile("" ::: "memory");
	return was_masked ? 0 : RFLAGS_IF;
}

void arch_irq_enable(void)
{
	arch_irq_restore(RFLAGS_IF);
}

void arch_irq_restore(unsigned long flags)
{
	if (!(flags & RFLAGS_IF))
		return;
	if (priv_model == HERMIT_PRIV_CLASSIC) {
		__asm__ volatile("sti" ::: "memory");
		return;
	}
	struct cpu *c = this_cpu();
	__asm__ volatile("" ::: "memory");
	c->irq_masked = 0;
	if (c->irq_pending) {
		c->irq_pending = 0;
		sched_resched(); /* what the interrupt could not do while masked */
	}
}

/* CPL0, interrupts off: sleep until an interrupt, the deadline, or *wake is set. */
void idle_until_privileged(uint64_t deadline, const volatile int *wake)
{
	if (wake && *wake)
		return;
	if (deadline) {
		if (rdtsc() >= deadline)
			return;
		apic_arm_deadline(deadline);
	}
	/* sti takes effect after hlt starts, so a pending interrupt still wakes us. */
	__asm__ volatile("sti; hlt; cli" ::: "memory");
}

void arch_idle_until(uint64_t deadline, const volatile int *wake)
{
	if (priv_model == HERMIT_PRIV_DEPRIV) {
		gate_call(GATE_IDLE_UNTIL, deadline, (uintptr_t)wake);
		return;
	}
	unsigned long flags;
	__asm__ volatile("pushfq; popq %0; cli" : "=r"(flags)::"memory");
	idle_until_privileged(deadline, wake);
	if (flags & RFLAGS_IF)
		__asm__ volatile("sti" ::: "memory");
}

void arch_run_unprivileged(void (*fn)(void *), void *arg, uintptr_t stack_top)
{
	if (priv_model == HERMIT_PRIV_DEPRIV)
		enter_cpl3(fn, arg, stack_top);
	__asm__ volatile("sti" ::: "memory");
	call_on_stack(fn, arg, stack_top);
	__builtin_unreachable();
}

/*
 * Preemption is on in the deprivileged model, and in the classic model only where the
 * platform asks for it (isles): under QEMU's nested SVM (where uhyve's classic model was
 * tested) interrupts were seen delivered with IF clear on the first instruction of another
 * interrupt's entry, and guests that spin while being preempted locked the host kernel up.
 * Without it, threads switch when they block, yield, sleep or exit.
 */
bool arch_preemption(void)
{
	return priv_model == HERMIT_PRIV_DEPRIV || platform->preempt_classic;
}

/* preempt.asm: after the scheduler let the thread run again (interrupts still masked). */
void arch_preempt_return(void)
{
	if (priv_model == HERMIT_PRIV_DEPRIV)
		arch_irq_enable(); /* classic: the trampoline's popfq restores IF */
}

void arch_arm_timer(uint64_t deadline)
{
	if (priv_model == HERMIT_PRIV_DEPRIV) {
		gate_call(GATE_ARM_TIMER, deadline, 0);
		return;
	}
	unsigned long flags;
	__asm__ volatile("pushfq; popq %0; cli" : "=r"(flags)::"memory");
	apic_arm_deadline(deadline);
	if (flags & RFLAGS_IF)
		__asm__ volatile("sti" ::: "memory");
}

void arch_send_wakeup(unsigned cpu)
{
	uint32_t apic_id = cpus[cpu].apic_id;
	if (priv_model == HERMIT_PRIV_DEPRIV)
		gate_call(GATE_SEND_IPI, apic_id, VEC_WAKEUP);
	else
		apic_send_ipi(apic_id, VEC_WAKEUP);
}

void arch_send_host_ipi(uint32_t apic_id, uint8_t vector)
{
	if (priv_model == HERMIT_PRIV_DEPRIV)
		gate_call(GATE_SEND_IPI, apic_id, vector);
	else
		apic_send_ipi(apic_id, vector);
}

void arch_halt(void)
{
	for (;;) {
		if (priv_model == HERMIT_PRIV_DEPRIV)
			gate_call(GATE_IDLE_UNTIL, 0, 0);
		else
			__asm__ volatile("cli; hlt");
	}
}

extern const char __image_start[], __text_end[];

/*
 * Prints rip, then walks the frame-pointer chain while it stays inside RAM and its return
 * addresses inside the image's code; code built without frame pointers ends the walk.
 */
void arch_backtrace(uintptr_t rip, uintptr_t rbp)
{
	uintptr_t lo = boot_info->ram_start, hi = lo + boot_info->ram_size;
	if (lo < PAGE_SIZE)
		lo = PAGE_SIZE; /* page 0 is not mapped (paging_guard_null) */

	kprintf("  backtrace (addr2line -e IMAGE ADDRESS):\n    #0 %#lx\n", rip);
	for (int depth = 1; depth < 16; depth++) {
		if (rbp < lo || rbp + 16 > hi || rbp % 8)
			break;
		const uintptr_t *frame = (const uintptr_t *)rbp;
		if (frame[1] < (uintptr_t)__image_start || frame[1] >= (uintptr_t)__text_end)
			break;
		kprintf("    #%d %#lx\n", depth, frame[1]);
		if (frame[0] <= rbp)
			break;
		rbp = frame[0];
	}
}
