/* SPDX-License-Identifier: BSD-3-Clause */
/* x86_64 internals: per-CPU data, descriptor tables, trap frames, privileged gates. */
#ifndef ARCH_X86_64_CPU_H
#define ARCH_X86_64_CPU_H

#include <stdint.h>
#include <hermit/abi_uhyve.h>
#include <hermit/boot_info.h>

#define KERNEL_CS   0x08
#define KERNEL_DS   0x10
#define USER_DS     (0x18 | 3)
#define USER_CS     (0x20 | 3)
#define TSS_SEL     0x28

#define KSTACK_SIZE 16384 /* must match entry.asm */
#define IST_SIZE    8192

/* IST slots (1-based as in the IDT): every vector switches stacks, so code at CPL0 may use
 * the red zone (libgcc and newlib are built with it) in the classic model. */
#define IST_IRQ    1
#define IST_EXC    2
#define IST_DOUBLE 3

/* Ports an unprivileged kernel may use: the hypercall window of uhyve. */
#define IOMAP_PORTS 0x540
#define IOMAP_BYTES (IOMAP_PORTS / 8)

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
	uint8_t iomap[IOMAP_BYTES + 1]; /* one extra all-ones byte, as the SDM requires */
} __attribute__((packed));

struct cpu {
	struct cpu *self; /* %gs:0 */
	uint32_t id;
	uint32_t apic_id;
	volatile uint32_t irq_masked;  /* deprivileged model: software interrupt mask */
	volatile uint32_t irq_pending; /* an interrupt came while masked */
	uint64_t ticks;
	uintptr_t ist_top[3]; /* IST_IRQ, IST_EXC, IST_DOUBLE stack tops */
	uint64_t gdt[7];
	uint64_t hc_bounce[32]; /* hypercall argument copy, below 4 GiB (image is low) */
	struct tss tss __attribute__((aligned(16)));
	/* KVM's paravirtual EOI flag (apic.c), written by KVM: bit 0 = no EOI write needed */
	volatile uint32_t pv_eoi;
} __attribute__((aligned(64)));

/* What the common interrupt stub pushes, lowest address first. */
struct trap_frame {
	uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp, r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss; /* pushed by the CPU */
};

#define VEC_TIMER    0x20
#define VEC_WAKEUP   0xf0 /* IPI that only ends a halt */
#define VEC_NET      0xf1 /* network link notification (ARCH_NET_VECTOR) */
#define VEC_SPURIOUS 0xff

/*
 * Privileged gates (deprivileged model): `ud2` followed by one op byte, placed only in the
 * .text.gate section. The #UD handler checks the address, does the op at CPL0 with the
 * arguments in rdi/rsi, puts the result in rax and resumes after the op byte.
 */
enum gate_op {
	GATE_IDLE_UNTIL = 1, /* rdi = TSC deadline (0: none), rsi = wake flag (or NULL) */
	GATE_FLUSH_TLB = 2,
	GATE_SEND_IPI = 3,  /* rdi = APIC id, rsi = vector */
	GATE_ARM_TIMER = 4, /* rdi = TSC deadline */
	GATE_MAX
};

extern struct cpu cpus[HERMIT_MAX_CPUS];

void gdt_setup(struct cpu *c);
void idt_setup_debug(void);
void idt_setup(void);
void idt_load(void);
void apic_init(void);
void apic_eoi(void);
void apic_arm_deadline(uint64_t tsc_deadline);
void trap_dispatch(struct trap_frame *f);
void trap_print_frame(const struct trap_frame *f);
void idle_until_privileged(uint64_t tsc_deadline, const volatile int *wake);
void apic_send_ipi(uint32_t apic_id, uint8_t vector);
void flush_tlb_privileged(void);
void fpu_enable_privileged(void);
uint64_t gate_call(enum gate_op op, uint64_t a, uint64_t b);
extern uintptr_t ap_stack_top[HERMIT_MAX_CPUS];

static inline void wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" ::"c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

/*
 * CPUID leaves 0, 1, 7 and 0xd (subleaf 0) as the boot CPU read them at CPL0 once its
 * features were set up (boot.c): code at CPL3 reads these instead, since under PVM every
 * cpuid there is a trap (~30 us; five of them were ~0.15 ms of every start). Leaf 7 is zero
 * when the CPU has no such leaf.
 */
struct cpuid_boot {
	uint32_t l0[4], l1[4], l7[4], ld[4];
};
extern struct cpuid_boot cpuid_boot;

static inline void cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	__asm__ volatile("cpuid"
	                 : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
	                 : "a"(leaf), "c"(sub));
}

#define MSR_APIC_BASE    0x1b
#define MSR_TSC_DEADLINE 0x6e0
#define MSR_FS_BASE      0xc0000100
#define MSR_GS_BASE      0xc0000101
#define MSR_KGS_BASE     0xc0000102

#endif
