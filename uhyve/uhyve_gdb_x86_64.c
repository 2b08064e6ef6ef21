/* SPDX-License-Identifier: BSD-3-Clause */
/* x86_64 side of the GDB stub: register layout, breakpoints, single-step, debug exits. */
#include <cpuid.h>
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/kvm.h>

#include "uhyve_gdb.h"

#define RFLAGS_TF  (1ULL << 8)
#define DR6_BS     (1ULL << 14)
#define DR7_GE     (1ULL << 9)
#define INT3       0xcc
#define VEC_DB     1
#define VEC_BP     3
#define NUM_HW_BPS 4
#define GATE_DPL3  0x60 /* type byte: DPL 3, so that int3 at CPL3 may use the gate */

/* 'g' packet offsets (gdb's amd64 core + SSE description). */
#define G_RIP    128
#define G_EFLAGS 136
#define G_SEGS   140
#define G_ST0    164
#define G_FCTRL  244
#define G_XMM0   276
#define G_MXCSR  532

/* The stub: `out imm8, al` changes no register; hlt is never reached (uhyve rewinds). */
static const uint8_t stub_code[2][4] = {
    {0xe6, UHYVE_GDB_PORT_DB, 0xf4, 0xcc},
    {0xe6, UHYVE_GDB_PORT_BP, 0xf4, 0xcc},
};

/* Whether uhyve itself runs under QEMU's TCG (hypervisor leaf signature "TCGTCGTCGTCG"). */
static bool under_qemu_tcg(void)
{
	unsigned int eax, sig[3];

	__cpuid(0x40000000, eax, sig[0], sig[1], sig[2]);
	(void)eax;
	return memcmp(sig, "TCGTCGTCGTCG", sizeof(sig)) == 0;
}

void uhyve_gdb_arch_init(struct uhyve_gdb_arch *a, const struct uhyve_vm *vm)
{
	memset(a, 0, sizeof(*a));
	a->tcg = under_qemu_tcg();
	a->idt_stub = vm->priv_model == HERMIT_PRIV_DEPRIV || a->tcg;
	a->dr_bps = !a->idt_stub && access("/sys/module/kvm_pvm", F_OK) == 0;
}

int uhyve_gdb_arch_read_regs(struct uhyve_vcpu *cpu, uint8_t buf[UHYVE_GDB_REGS_LEN])
{
	struct kvm_regs r;
	struct kvm_sregs s;
	struct kvm_fpu f;
	uint32_t seg[6], fpu_ctl[8], eflags;

	if (ioctl(cpu->fd, KVM_GET_REGS, &r) < 0 || ioctl(cpu->fd, KVM_GET_SREGS, &s) < 0 ||
	    ioctl(cpu->fd, KVM_GET_FPU, &f) < 0)
		return -errno;
	const uint64_t g[17] = {r.rax, r.rbx, r.rcx, r.rdx, r.rsi, r.rdi, r.rbp, r.rsp, r.r8,
	                        r.r9,  r.r10, r.r11, r.r12, r.r13, r.r14, r.r15, r.rip};
	memset(buf, 0, UHYVE_GDB_REGS_LEN);
	memcpy(buf, g, sizeof(g));
	eflags = (uint32_t)r.rflags;
	memcpy(buf + G_EFLAGS, &eflags, 4);
	seg[0] = s.cs.selector;
	seg[1] = s.ss.selector;
	seg[2] = s.ds.selector;
	seg[3] = s.es.selector;
	seg[4] = s.fs.selector;
	seg[5] = s.gs.selector;
	memcpy(buf + G_SEGS, seg, sizeof(seg));
	for (int i = 0; i < 8; i++)
		memcpy(buf + G_ST0 + i * 10, f.fpr[i], 10);
	/* KVM keeps the abridged tag byte: a set bit is a valid register (tag 0), else empty. */
	fpu_ctl[0] = f.fcw;
	fpu_ctl[1] = f.fsw;
	fpu_ctl[2] = 0;
	for (int i = 0; i < 8; i++)
		if (!(f.ftwx & (1U << i)))
			fpu_ctl[2] |= 3U << (2 * i);
	fpu_ctl[3] = 0;
	fpu_ctl[4] = (uint32_t)f.last_ip;
	fpu_ctl[5] = 0;
	fpu_ctl[6] = (uint32_t)f.last_dp;
	fpu_ctl[7] = f.last_opcode;
	memcpy(buf + G_FCTRL, fpu_ctl, sizeof(fpu_ctl));
	memcpy(buf + G_XMM0, f.xmm, sizeof(f.xmm));
	memcpy(buf + G_MXCSR, &f.mxcsr, 4);
	return 0;
}

/* Segment registers are not written: their hidden parts come from the guest's GDT. */
int uhyve_gdb_arch_write_regs(struct uhyve_vcpu *cpu, const uint8_t buf[UHYVE_GDB_REGS_LEN])
{
	struct kvm_regs r;
	struct kvm_fpu f;
	uint64_t g[17];
	uint32_t eflags, fcw_fsw[2];

	if (ioctl(cpu->fd, KVM_GET_REGS, &r) < 0 || ioctl(cpu->fd, KVM_GET_FPU, &f) < 0)
		return -errno;
	memcpy(g, buf, sizeof(g));
	memcpy(&eflags, buf + G_EFLAGS, 4);
	r = (struct kvm_regs){
	    .rax = g[0],
	    .rbx = g[1],
	    .rcx = g[2],
	    .rdx = g[3],
	    .rsi = g[4],
	    .rdi = g[5],
	    .rbp = g[6],
	    .rsp = g[7],
	    .r8 = g[8],
	    .r9 = g[9],
	    .r10 = g[10],
	    .r11 = g[11],
	    .r12 = g[12],
	    .r13 = g[13],
	    .r14 = g[14],
	    .r15 = g[15],
	    .rip = g[16],
	    .rflags = (r.rflags & ~0xffffffffULL) | eflags,
	};
	for (int i = 0; i < 8; i++)
		memcpy(f.fpr[i], buf + G_ST0 + i * 10, 10);
	memcpy(fcw_fsw, buf + G_FCTRL, sizeof(fcw_fsw));
	f.fcw = (uint16_t)fcw_fsw[0];
	f.fsw = (uint16_t)fcw_fsw[1];
	memcpy(f.xmm, buf + G_XMM0, sizeof(f.xmm));
	memcpy(&f.mxcsr, buf + G_MXCSR, 4);
	if (ioctl(cpu->fd, KVM_SET_REGS, &r) < 0 || ioctl(cpu->fd, KVM_SET_FPU, &f) < 0)
		return -errno;
	return 0;
}

int uhyve_gdb_arch_set_pc(struct uhyve_vcpu *cpu, uint64_t pc)
{
	struct kvm_regs r;

	if (ioctl(cpu->fd, KVM_GET_REGS, &r) < 0)
		return -errno;
	r.rip = pc;
	return ioctl(cpu->fd, KVM_SET_REGS, &r) < 0 ? -errno : 0;
}

/* Breakpoints that live in debug registers: hardware ones, and all of them in the classic
 * model under PVM (dr_bps). */
static bool in_debugreg(const struct uhyve_gdb_arch *a, const struct uhyve_gdb_bp *bp)
{
	return bp->type == UHYVE_GDB_BP_HW || a->dr_bps;
}

int uhyve_gdb_arch_bp_check(const struct uhyve_gdb_arch *a, const struct uhyve_gdb_bp *bps,
                            unsigned n, unsigned type)
{
	const struct uhyve_gdb_bp want = {.type = type};
	unsigned used = 0;

	/* PVM ignores the debug registers at CPL3; QEMU's TCG does not arm a nested guest's. */
	if (a->idt_stub && type == UHYVE_GDB_BP_HW)
		return -ENOTSUP;
	if (!in_debugreg(a, &want))
		return 0;
	for (unsigned i = 0; i < n; i++)
		used += in_debugreg(a, &bps[i]);
	return used < NUM_HW_BPS ? 0 : -ENOSPC;
}

static void write_int3s(struct uhyve_gdb_arch *a, struct uhyve_vm *vm, struct uhyve_gdb_bp *bps,
                        unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		uint8_t *p = uhyve_gpa_p(vm, bps[i].addr, 1);

		if (!p || bps[i].in_memory || in_debugreg(a, &bps[i]))
			continue;
		bps[i].saved = *p;
		bps[i].in_memory = true;
		*p = INT3;
	}
}

void uhyve_gdb_arch_disarm(struct uhyve_gdb_arch *a, struct uhyve_vm *vm, struct uhyve_gdb_bp *bps,
                           unsigned n)
{
	(void)a;
	/* Backwards, so that the oldest saved byte wins if an address appears twice. */
	for (unsigned i = n; i-- > 0;) {
		uint8_t *p = uhyve_gpa_p(vm, bps[i].addr, 1);

		if (p && bps[i].in_memory)
			*p = bps[i].saved;
		bps[i].in_memory = false;
	}
}

/* Points gates 1 and 3 of the guest IDT at the stub (keeping selector and IST). */
static void patch_idt(struct uhyve_gdb_arch *a, struct uhyve_vm *vm, uint64_t idt_base)
{
	static const unsigned vec[2] = {VEC_DB, VEC_BP};
	uint8_t *stub = uhyve_gpa_p(vm, UHYVE_GDB_STUB_ADDR, 32);

	if (!stub)
		return;
	memcpy(stub, stub_code[0], sizeof(stub_code[0]));
	memcpy(stub + 16, stub_code[1], sizeof(stub_code[1]));
	for (int i = 0; i < 2; i++) {
		uint64_t *gate = uhyve_gpa_p(vm, idt_base + vec[i] * 16, 16);
		uint64_t h = UHYVE_GDB_STUB_ADDR + 16 * (uint64_t)i;

		if (!gate)
			return;
		if (a->idt_base != idt_base)
			memcpy(a->saved_gate[i], gate, 16);
		/* offset 15:0, selector, IST, type 0x8e (+DPL3), offset 31:16; offset 63:32 */
		gate[0] = (h & 0xffff) | (gate[0] & 0x000000ffffff0000ULL) | (0x8eULL << 40) |
		          ((h >> 16 & 0xffff) << 48);
		if (i == 1)
			gate[0] |= (uint64_t)GATE_DPL3 << 40;
		gate[1] = h >> 32;
	}
	a->idt_base = idt_base;
}

void uhyve_gdb_arch_unpatch(struct uhyve_gdb_arch *a, struct uhyve_vm *vm)
{
	for (int i = 0; i < 2 && a->idt_base; i++) {
		uint64_t *gate = uhyve_gpa_p(vm, a->idt_base + (i ? VEC_BP : VEC_DB) * 16, 16);

		if (gate)
			memcpy(gate, a->saved_gate[i], 16);
	}
	a->idt_base = 0;
}

static int set_guest_debug(struct uhyve_vcpu *cpu, uint32_t control, const uint64_t *dr7_addr,
                           unsigned ndr)
{
	struct kvm_guest_debug d = {.control = control};

	for (unsigned i = 0; i < ndr; i++) {
		d.arch.debugreg[i] = dr7_addr[i];
		d.arch.debugreg[7] |= 1ULL << (2 * i); /* local enable, execute, length 1 */
	}
	if (ndr) {
		d.control |= KVM_GUESTDBG_USE_HW_BP;
		d.arch.debugreg[7] |= DR7_GE;
	}
	if (d.control)
		d.control |= KVM_GUESTDBG_ENABLE;
	return ioctl(cpu->fd, KVM_SET_GUEST_DEBUG, &d) < 0 ? -errno : 0;
}

static int arm_classic(struct uhyve_gdb_arch *a, struct uhyve_vcpu *cpu, struct uhyve_gdb_bp *bps,
                       unsigned n, bool step)
{
	uint64_t dr[NUM_HW_BPS];
	unsigned ndr = 0;
	uint32_t control = step ? KVM_GUESTDBG_SINGLESTEP : 0;

	for (unsigned i = 0; i < n; i++) {
		if (in_debugreg(a, &bps[i]) && ndr < NUM_HW_BPS)
			dr[ndr++] = bps[i].addr;
		else if (!in_debugreg(a, &bps[i]))
			control |= KVM_GUESTDBG_USE_SW_BP;
	}
	write_int3s(a, cpu->vm, bps, n);
	return set_guest_debug(cpu, control, dr, ndr);
}

static int set_tf(struct uhyve_vcpu *cpu)
{
	struct kvm_regs r;

	if (ioctl(cpu->fd, KVM_GET_REGS, &r) < 0)
		return -errno;
	r.rflags |= RFLAGS_TF;
	return ioctl(cpu->fd, KVM_SET_REGS, &r) < 0 ? -errno : 0;
}

static int arm_idt_stub(struct uhyve_gdb_arch *a, struct uhyve_vcpu *cpu, struct uhyve_gdb_bp *bps,
                        unsigned n, bool step)
{
	struct kvm_sregs s;
	bool cpl0;
	int ret;

	if (ioctl(cpu->fd, KVM_GET_SREGS, &s) < 0)
		return -errno;
	cpl0 = (s.cs.selector & 3) == 0;
	a->boot_stepping = s.idt.limit == 0;
	if (a->boot_stepping)
		return set_guest_debug(cpu, n || step ? KVM_GUESTDBG_SINGLESTEP : 0, NULL, 0);
	patch_idt(a, cpu->vm, s.idt.base);
	write_int3s(a, cpu->vm, bps, n);
	/* The CPL0 emulator honours KVM's single-step; at CPL3 only the guest's own TF works. */
	ret = set_guest_debug(cpu, step && cpl0 ? KVM_GUESTDBG_SINGLESTEP : 0, NULL, 0);
	if (ret || !step || cpl0)
		return ret;
	a->tf_set = true;
	return set_tf(cpu);
}

int uhyve_gdb_arch_arm(struct uhyve_gdb_arch *a, struct uhyve_vcpu *cpu, struct uhyve_gdb_bp *bps,
                       unsigned n, bool step)
{
	a->want_step = step;
	if (a->idt_stub)
		return arm_idt_stub(a, cpu, bps, n, step);
	return arm_classic(a, cpu, bps, n, step);
}

static bool is_bp(const struct uhyve_gdb_bp *bps, unsigned n, uint64_t addr)
{
	for (unsigned i = 0; i < n; i++)
		if (bps[i].addr == addr)
			return true;
	return false;
}

/* KVM's own debug exit: a step or a debug-register hit (classic), or boot stepping. */
static enum uhyve_gdb_event decode_kvm_debug(struct uhyve_gdb_arch *a, struct uhyve_vcpu *cpu,
                                             const struct uhyve_gdb_bp *bps, unsigned n)
{
	const struct kvm_debug_exit_arch *d = &cpu->run->debug.arch;

	if (a->boot_stepping) {
		if (is_bp(bps, n, d->pc))
			return UHYVE_GDB_SWBREAK;
		if (a->want_step)
			return UHYVE_GDB_STEP;
		/* Renew the step after every instruction: KVM on AMD (seen nested under QEMU) lost
		 * it after an instruction that it emulated itself (mov to cr4), and then the boot
		 * ran on to the end unseen. Arming also notices the guest IDT once it appears. */
		return UHYVE_GDB_REARM;
	}
	if (d->exception == VEC_BP)
		return is_bp(bps, n, d->pc) ? UHYVE_GDB_SWBREAK : UHYVE_GDB_TRAP;
	if (d->dr6 & 0xf)
		return UHYVE_GDB_HWBREAK;
	return a->want_step ? UHYVE_GDB_STEP : UHYVE_GDB_TRAP;
}

/* A flat 64-bit code or data segment for selector sel (null: an unusable SS, as after an
 * interrupt from CPL3 in long mode). */
static void flat_seg(struct kvm_segment *s, uint64_t sel, bool code)
{
	s->selector = (uint16_t)sel;
	s->dpl = sel & 3;
	s->type = code ? 0xb : 0x3;
	s->l = code;
	s->db = !code;
	s->s = s->g = 1;
	s->unusable = !code && (sel & ~3ULL) == 0;
	s->present = !s->unusable;
	s->base = 0;
	s->limit = 0xffffffff;
}

/* Completes the stub's `out` inside KVM, then puts back the state the exception interrupted
 * from its frame (rip, cs, rflags, rsp, ss), as an iretq would. */
static int unwind_stub(struct uhyve_gdb_arch *a, struct uhyve_vcpu *cpu, uint64_t *rip)
{
	struct kvm_regs r;
	struct kvm_sregs s;
	const uint64_t *frame;

	cpu->run->immediate_exit = 1;
	ioctl(cpu->fd, KVM_RUN, 0); /* EINTR: only the pending I/O is completed */
	cpu->run->immediate_exit = 0;
	if (ioctl(cpu->fd, KVM_GET_REGS, &r) < 0 || ioctl(cpu->fd, KVM_GET_SREGS, &s) < 0)
		return -errno;
	frame = uhyve_gpa_p(cpu->vm, r.rsp, 5 * sizeof(uint64_t));
	if (!frame)
		return -EFAULT;
	r.rip = frame[0];
	r.rflags = frame[2];
	r.rsp = frame[3];
	if (a->tf_set)
		r.rflags &= ~RFLAGS_TF;
	a->tf_set = false;
	flat_seg(&s.cs, frame[1], true);
	flat_seg(&s.ss, frame[4], false);
	/* KVM on AMD reports TR as busy (type 11); QEMU's TCG caches the available type 9 at ltr
	 * and refuses every I/O bitmap lookup (#GP on `out` at CPL3) once it gets 11 back. */
	if (a->tcg && s.tr.type == 11)
		s.tr.type = 9;
	if (ioctl(cpu->fd, KVM_SET_SREGS, &s) < 0 || ioctl(cpu->fd, KVM_SET_REGS, &r) < 0)
		return -errno;
	*rip = r.rip;
	return 0;
}

static enum uhyve_gdb_event decode_stub(struct uhyve_gdb_arch *a, struct uhyve_vcpu *cpu,
                                        const struct uhyve_gdb_bp *bps, unsigned n)
{
	unsigned port = cpu->run->io.port;
	const uint8_t *at;
	uint64_t rip;

	if (unwind_stub(a, cpu, &rip)) {
		uhyve_vm_end(cpu->vm, cpu, UHYVE_END_REGS, UHYVE_EXIT_CRASH,
		             "gdb: cpu %u: exception frame of the debug stub outside guest memory",
		             cpu->id);
		return UHYVE_GDB_RESUME;
	}
	if (port == UHYVE_GDB_PORT_DB)
		return a->want_step ? UHYVE_GDB_STEP : UHYVE_GDB_TRAP;
	/* #BP: rip is past the int3. Ours: back to it. Removed meanwhile: run the original. */
	at = uhyve_gpa_p(cpu->vm, rip - 1, 1);
	if (is_bp(bps, n, rip - 1) || (at && *at != INT3)) {
		uhyve_gdb_arch_set_pc(cpu, rip - 1);
		return is_bp(bps, n, rip - 1) ? UHYVE_GDB_SWBREAK : UHYVE_GDB_RESUME;
	}
	return UHYVE_GDB_TRAP;
}

enum uhyve_gdb_event uhyve_gdb_arch_decode(struct uhyve_gdb_arch *a, struct uhyve_vcpu *cpu,
                                           const struct uhyve_gdb_bp *bps, unsigned n)
{
	const struct kvm_run *run = cpu->run;

	if (run->exit_reason == KVM_EXIT_DEBUG)
		return decode_kvm_debug(a, cpu, bps, n);
	if (run->exit_reason == KVM_EXIT_IO && a->idt_base && run->io.size == 1 &&
	    run->io.direction == KVM_EXIT_IO_OUT &&
	    (run->io.port == UHYVE_GDB_PORT_DB || run->io.port == UHYVE_GDB_PORT_BP))
		return decode_stub(a, cpu, bps, n);
	return UHYVE_GDB_NONE;
}
