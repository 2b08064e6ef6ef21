/* SPDX-License-Identifier: GPL-2.0 */
/* Start code of an isle core: real mode (SIPI) -> long mode -> image entry. */
#include "hermit.h"

/*
 * Never executed in Linux: hermit_isle.c copies [hermit_tramp_start,
 * hermit_tramp_end) to the isle's slice at physical P (4 KiB aligned, below
 * 1 MiB) and fills the parameter block. The SIPI starts the core at
 * CS = P >> 4, IP = 0 with caches off (CR0.CD/NW) and paging off.
 * Position independence: real mode addresses the slice through CS/DS;
 * protected mode keeps P in %ebx; long mode runs at virtual P, which the isle
 * tables map identity, and uses RIP-relative addressing.
 */
#define TPOFF(x) (hermit_tramp_params - hermit_tramp_start + (x))

	.section .rodata.hermit_tramp, "a"
	.balign 4096
	.globl hermit_tramp_start
hermit_tramp_start:
	.code16
	cli
	cld
	movw	%cs, %ax
	movw	%ax, %ds
	xorl	%ebx, %ebx
	movw	%ax, %bx
	shll	$4, %ebx			/* %ebx = P */
	lgdtl	TPOFF(TP_GDTR)
	movl	%cr0, %eax
	orl	$1, %eax			/* PE */
	movl	%eax, %cr0
	ljmpl	*TPOFF(TP_FAR32)

	.code32
	.globl hermit_tramp_pm32
hermit_tramp_pm32:
	movl	$SEL_DATA, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%eax, %fs
	movl	%eax, %gs
	movl	$0x620, %eax			/* PAE | OSFXSR | OSXMMEXCPT */
	movl	%eax, %cr4
	leal	HERMIT_TP_PML4(%ebx), %eax	/* PML4 copy, below 4 GiB */
	movl	%eax, %cr3
	movl	$0xc0000080, %ecx		/* EFER */
	rdmsr
	orl	$0x900, %eax			/* LME | NXE */
	wrmsr
	/* PG | WP | NE | ET | MP | PE; CD and NW (set by INIT) cleared */
	movl	$0x80010033, %eax
	movl	%eax, %cr0
	ljmpl	*TPOFF(TP_FAR64)(%ebx)

	.code64
	.globl hermit_tramp_lm64
hermit_tramp_lm64:
	movl	$SEL_DATA, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%eax, %fs
	movl	%eax, %gs
	movq	.Lparams+TP_CR3(%rip), %rax
	movq	%rax, %cr3			/* the isle's own tables */
	/*
	 * Until the kernel loads its own IDT, an exception (a bad boot, the kernel's
	 * early traps) must not become a triple fault, which resets the whole machine
	 * and Linux with it: every vector goes to hermit_tramp_dead, on a stack at the
	 * top of the code page (shared by the isle's cores; the stub never returns).
	 */
	leaq	hermit_tramp_start+0x1000(%rip), %rsp
	lidt	.Lparams+TP_IDTR(%rip)
	/* INIT left the local APIC software-disabled: set SVR bit 8. */
	movq	.Lparams+TP_XAPIC(%rip), %rax
	movl	0xf0(%rax), %ecx
	orl	$0x100, %ecx
	movl	%ecx, 0xf0(%rax)
	movl	$1, %eax
	cpuid
	shrl	$24, %ebx			/* initial APIC id */
	leaq	.Lparams+TP_APIC(%rip), %rsi
	movl	.Lparams+TP_COUNT(%rip), %ecx
	xorl	%edx, %edx
1:	cmpl	%ecx, %edx
	jae	9f
	cmpl	(%rsi,%rdx,4), %ebx
	je	2f
	incl	%edx
	jmp	1b
2:	movq	.Lparams+TP_CHANCPU(%rip), %r8
	movq	%rdx, %rax
	shlq	$ISLE_CPU_SHIFT, %rax
	addq	%rax, %r8			/* &chan->cpu[index] */
	movl	$ISLE_CPU_PARKED, ISLE_CPU_STATE(%r8)
	testl	%edx, %edx
	jz	4f
3:	pause
	cmpl	$0, ISLE_CPU_START(%r8)
	je	3b
4:	movl	$ISLE_CPU_ENTERED, ISLE_CPU_STATE(%r8)
	movq	%rdx, %rsi
	movq	.Lparams+TP_BOOTINFO(%rip), %rdi
	jmpq	*.Lparams+TP_ENTRY(%rip)
9:	cli					/* APIC id not in the table */
	hlt
	jmp	9b

	/* An exception before the kernel's IDT: report the isle dead, halt. */
	.globl hermit_tramp_dead
hermit_tramp_dead:
	cli
	movq	.Lparams+TP_STATE(%rip), %rax
	movl	$ISLE_PANICKED, (%rax)
8:	hlt
	jmp	8b

	.balign 16
	.globl hermit_tramp_params
hermit_tramp_params:
.Lparams:
	.skip	TP_END
	.globl hermit_tramp_end
hermit_tramp_end:
	/*
	 * The early exception stack grows down from the end of page 0: the assembler
	 * refuses to move .org backwards if code and parameters leave it no room.
	 */
	.org	hermit_tramp_start + HERMIT_TP_PML4 - 0x200
