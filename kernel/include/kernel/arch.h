/* SPDX-License-Identifier: BSD-3-Clause */
/* Hooks the architecture provides to the generic kernel: CPUs, privilege model, time, idle. */
#ifndef KERNEL_ARCH_H
#define KERNEL_ARCH_H

#include <stdbool.h>
#include <stdint.h>
#include <hermit/boot_info.h>

/*
 * Privilege models (see boot_info.h). The model is fixed at boot; the generic kernel never
 * looks at privilege levels and only uses the hooks below:
 *  - arch_irq_save/arch_irq_restore mask interrupts on this CPU (cli/sti in the classic
 *    model, a per-CPU software flag checked by the interrupt entry in the deprivileged one);
 *  - arch_idle_until() halts the CPU until an interrupt or the TSC deadline;
 *  - arch_run_unprivileged() continues boot at the level applications run at.
 */
extern enum hermit_priv_model priv_model;
extern struct hermit_boot_info *boot_info;

struct cpu;

/* Per-CPU data, reached through the GS base (%gs:0 is the struct's own address). */
static inline struct cpu *this_cpu(void)
{
	struct cpu *c;
	__asm__ volatile("mov %%gs:0, %0" : "=r"(c));
	return c;
}
unsigned arch_cpu_id(void);

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static inline void cpu_relax(void)
{
	__builtin_ia32_pause();
}

unsigned long arch_irq_save(void);
void arch_irq_restore(unsigned long flags);
void arch_irq_enable(void);

/* Halts until an interrupt arrives or rdtsc() >= deadline (0: no deadline); returns at
 * once if *wake (may be NULL) is set, checked with interrupts off right before halting. */
void arch_idle_until(uint64_t tsc_deadline, const volatile int *wake);

/* Interrupts `cpu` so that it leaves arch_idle_until(). */
void arch_send_wakeup(unsigned cpu);
/* Sends interrupt `vector` (fixed delivery, physical destination) to a CPU outside the
 * kernel by its APIC id: an isle notifies Linux this way. */
void arch_send_host_ipi(uint32_t apic_id, uint8_t vector);

/* The interrupt vector of a network link's notification (kernel/net/net.c: net_irq). */
#define ARCH_NET_VECTOR 0xf1

/* Starts secondary CPU `cpu`; it enters sched_start_cpu(). 0 or -errno. */
int arch_start_cpu(unsigned cpu);

/* Thread contexts (thread_switch.asm / context.c). */
void arch_switch(uintptr_t *save_rsp, uintptr_t next_rsp);
uintptr_t arch_init_stack(uintptr_t top, void (*entry)(void));
void arch_tls_init(void);
void arch_set_tcb(void *tcb);
/* First call on the boot CPU at application privilege: trap tables not filled at boot. */
void arch_traps_init(void);

/* Switches to `stack_top` and calls fn(arg) at the application privilege level. */
__attribute__((noreturn)) void arch_run_unprivileged(void (*fn)(void *), void *arg,
                                                     uintptr_t stack_top);

/* Switches to `stack_top` and calls fn(arg) at the current privilege level. */
__attribute__((noreturn)) void call_on_stack(void (*fn)(void *), void *arg, uintptr_t stack_top);

/* Arms this CPU's timer for TSC value `deadline` (from thread level). */
void arch_arm_timer(uint64_t deadline);
/* Whether threads may be preempted (time slices, wake-up preemption): always in the
 * deprivileged model, in the classic one where the platform says so. */
bool arch_preemption(void);
/* Chooses how preemptions save the FPU/SSE/AVX state (once, after boot). */
void arch_fpu_init(void);
/* HERMIT_FEAT_* (syscall.h) applications may use, as arch_fpu_init found them. */
uint64_t arch_cpu_features(void);

/* Stops this CPU for good (after exit or panic). */
__attribute__((noreturn)) void arch_halt(void);

/* Unmaps page 0 so that NULL pointer accesses fault. */
void paging_guard_null(void);
/* Unmaps (guard) or maps back one 4 KiB page of RAM; 0, or -1 if the tables cannot be
 * changed. Only this CPU's TLB is flushed: another CPU that still caches the old mapping
 * misses the guard until its next flush (no corruption, just no fault). */
int arch_set_guard(void *page, bool guard);

/* Prints a backtrace from rip and frame pointer rbp into the kernel log. */
void arch_backtrace(uintptr_t rip, uintptr_t rbp);

#endif
