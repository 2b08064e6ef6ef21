/* SPDX-License-Identifier: BSD-3-Clause */
/* Test-only entry point: starts a HermitCore-linked program as a Linux process, so that
 * the C library and its glue can run on the host without the real kernel. */
	.text
	.globl	_start
	.type	_start, @function
_start:
	xorl	%ebp, %ebp
	movq	(%rsp), %rdi		/* argc */
	leaq	8(%rsp), %rsi		/* argv */
	leaq	16(%rsp,%rdi,8), %rdx	/* envp, after argv's NULL */
	andq	$-16, %rsp
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%rdi			/* keeps the stack 16-byte aligned */
	call	stub_init_tcb		/* FS base: the main thread's TCB */
	popq	%rdi
	popq	%rdi
	popq	%rsi
	popq	%rdx
	call	hermit_libc_start
	hlt
	.size	_start, . - _start
	.section .note.GNU-stack, "", @progbits
