/* SPDX-License-Identifier: BSD-3-Clause */
/* Contract between the GDB remote protocol (uhyve_gdb.c) and its x86_64 side (uhyve_gdb_x86_64.c).
 */
#ifndef UHYVE_GDB_H
#define UHYVE_GDB_H

#include "uhyve.h"

/*
 * How the stub debugs a guest depends on the privilege model and on the KVM underneath, because
 * this host's KVM (PVM) emulates CPL0 and runs CPL3 natively, and the nested KVM in the QEMU test
 * guest runs on QEMU's TCG:
 *  - classic (all code at CPL0): KVM_SET_GUEST_DEBUG does the work. Single-step with
 *    KVM_GUESTDBG_SINGLESTEP; breakpoints with int3 and KVM_GUESTDBG_USE_SW_BP, except under
 *    PVM, whose CPL0 emulator does not know int3: there they take the debug registers
 *    (KVM_GUESTDBG_USE_HW_BP), four at most (dr_bps).
 *  - deprivileged (application and most of the kernel at CPL3): PVM ignores guest debugging
 *    at CPL3, so uhyve points the guest IDT's #DB and #BP gates at a two-instruction stub of
 *    its own (`out` to a debug port) and single-steps with RFLAGS.TF at CPL3 (KVM's step at
 *    CPL0). At a stop uhyve puts the interrupted state back from the exception frame, as if
 *    the exception never happened. Until the kernel has loaded its IDT (boot, at CPL0) uhyve
 *    single-steps with KVM and compares rip with the breakpoints instead (idt_stub).
 *  - classic under QEMU's TCG (tcg): its nested SVM delivers int3 to the guest without
 *    checking KVM's #BP intercept, and QEMU 7.2 does not arm the debug registers of a nested
 *    guest, so the classic model also uses the IDT stub (idt_stub), with KVM's single-step.
 *    Hardware breakpoints are refused there as in the deprivileged model.
 * Breakpoints are in guest memory only while the guest runs (armed before a resume, removed
 * at every stop), so gdb always reads the original bytes.
 */

#define UHYVE_GDB_MAX_BPS  64
#define UHYVE_GDB_REGS_LEN 536 /* i386:x86-64 'g' packet: GPRs, rip, eflags, segs, x87, SSE */

/* Debug stub in guest memory (below the argument area, above the page directories). */
#define UHYVE_GDB_STUB_ADDR 0xff000ULL
#define UHYVE_GDB_PORT_DB   0xe1 /* the #DB stub's `out` */
#define UHYVE_GDB_PORT_BP   0xe3 /* the #BP stub's `out` */

enum uhyve_gdb_bp_type {
	UHYVE_GDB_BP_SW = 0, /* Z0 */
	UHYVE_GDB_BP_HW = 1, /* Z1 */
};

struct uhyve_gdb_bp {
	uint64_t addr;
	unsigned type;
	bool in_memory; /* int3 written, saved holds the original byte */
	uint8_t saved;
};

enum uhyve_gdb_event {
	UHYVE_GDB_NONE,    /* not a debug event: the normal exit handling goes on */
	UHYVE_GDB_RESUME,  /* a debug event for uhyve alone: run on without stopping */
	UHYVE_GDB_REARM,   /* like RESUME, but arm again first (boot stepping, the guest IDT) */
	UHYVE_GDB_STEP,    /* single-step done */
	UHYVE_GDB_SWBREAK, /* breakpoint hit, rip is the breakpoint's address */
	UHYVE_GDB_HWBREAK,
	UHYVE_GDB_TRAP, /* some other debug trap (an int3 of the guest's own) */
};

/* x86_64 state of the stub; guarded by the stub's lock like the rest of it. */
struct uhyve_gdb_arch {
	bool idt_stub;      /* breakpoints and steps through uhyve's stub in the guest IDT */
	bool dr_bps;        /* classic model under PVM: every breakpoint in a debug register */
	bool tcg;           /* uhyve runs under QEMU's TCG (nested KVM in the test guest) */
	bool boot_stepping; /* idt_stub, no guest IDT yet: KVM single-steps, rip is compared */
	bool want_step;     /* gdb asked for a single step */
	bool tf_set;        /* uhyve set RFLAGS.TF for the step */
	uint64_t idt_base;  /* guest IDT whose #DB/#BP gates point at the stub, 0: none */
	uint64_t saved_gate[2][2]; /* the kernel's own gates 1 and 3 */
};

void uhyve_gdb_arch_init(struct uhyve_gdb_arch *a, const struct uhyve_vm *vm);
/* The 'g' layout; 0 or -errno. */
int uhyve_gdb_arch_read_regs(struct uhyve_vcpu *cpu, uint8_t buf[UHYVE_GDB_REGS_LEN]);
int uhyve_gdb_arch_write_regs(struct uhyve_vcpu *cpu, const uint8_t buf[UHYVE_GDB_REGS_LEN]);
int uhyve_gdb_arch_set_pc(struct uhyve_vcpu *cpu, uint64_t pc);
/* Whether one more breakpoint of this type can be armed; -errno if not. */
int uhyve_gdb_arch_bp_check(const struct uhyve_gdb_arch *a, const struct uhyve_gdb_bp *bps,
                            unsigned n, unsigned type);
/* Puts the breakpoints in place and arms a single step (step) before cpu resumes. */
int uhyve_gdb_arch_arm(struct uhyve_gdb_arch *a, struct uhyve_vcpu *cpu, struct uhyve_gdb_bp *bps,
                       unsigned n, bool step);
/* Takes the breakpoints out of guest memory again (at every stop). */
void uhyve_gdb_arch_disarm(struct uhyve_gdb_arch *a, struct uhyve_vm *vm, struct uhyve_gdb_bp *bps,
                           unsigned n);
/* Classifies the exit in cpu->run; for a debug event it restores the interrupted state. */
enum uhyve_gdb_event uhyve_gdb_arch_decode(struct uhyve_gdb_arch *a, struct uhyve_vcpu *cpu,
                                           const struct uhyve_gdb_bp *bps, unsigned n);
/* Gives the guest its own #DB/#BP gates back (detach). */
void uhyve_gdb_arch_unpatch(struct uhyve_gdb_arch *a, struct uhyve_vm *vm);

#endif
