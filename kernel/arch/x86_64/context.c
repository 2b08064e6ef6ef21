/* SPDX-License-Identifier: BSD-3-Clause */
/* Thread contexts: initial stack frames for arch_switch and the TLS (FS base) register. */
#include <kernel/arch.h>
#include <kernel/kernel.h>
#include "cpu.h"

void task_trampoline(void);

/* Frame popped by arch_switch: mxcsr+fcw, r15, r14, r13, r12, rbx, rbp, return address. */
uintptr_t arch_init_stack(uintptr_t top, void (*entry)(void))
{
	uint64_t *sp = (uint64_t *)ALIGN_DOWN(top, 16);

	/* After the 64-byte frame is popped rsp == top, so `call rbx` enters with rsp % 16 == 8 */
	*--sp = (uintptr_t)task_trampoline;
	*--sp = 0;                 /* rbp */
	*--sp = (uintptr_t)entry;  /* rbx */
	*--sp = 0;                 /* r12 */
	*--sp = 0;                 /* r13 */
	*--sp = 0;                 /* r14 */
	*--sp = 0;                 /* r15 */
	*--sp = 0x037f00001f80ULL; /* MXCSR default, x87 control word default */
	return (uintptr_t)sp;
}

static bool have_fsgsbase_insn;

void arch_tls_init(void)
{
	/* Deprivileged: CPL3 wrfsbase works under PVM even with CR4.FSGSBASE clear (FACTS);
	 * classic: only if boot set CR4.FSGSBASE, which cpu_enable_features() does. */
	have_fsgsbase_insn = priv_model == HERMIT_PRIV_DEPRIV || (cpuid_boot.l7[1] & 1);
}

void arch_set_tcb(void *tcb)
{
	if (have_fsgsbase_insn)
		__asm__ volatile("wrfsbase %0" : : "r"(tcb) : "memory");
	else
		wrmsr(MSR_FS_BASE, (uintptr_t)tcb);
}
