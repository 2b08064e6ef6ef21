; SPDX-License-Identifier: BSD-3-Clause
; Thread switch: saves the callee-saved state of the System V ABI and swaps stacks.
;
; Switches are always function calls (never from an interrupt), so the caller-saved
; registers (including all vector registers) need no saving: only rbx, rbp, r12-r15,
; MXCSR control bits and the x87 control word. Runs at CPL3 in the deprivileged model,
; where ldmxcsr/stmxcsr execute natively.

bits 64
default rel

section .text

; void arch_switch(uintptr_t *save_rsp = rdi, uintptr_t next_rsp = rsi)
global arch_switch
arch_switch:
	push rbp
	push rbx
	push r12
	push r13
	push r14
	push r15
	sub rsp, 8
	stmxcsr [rsp]
	fnstcw [rsp + 4]
	mov [rdi], rsp
	mov rsp, rsi
	ldmxcsr [rsp]
	fldcw [rsp + 4]
	add rsp, 8
	pop r15
	pop r14
	pop r13
	pop r12
	pop rbx
	pop rbp
	ret

; First "return" of a new task lands here (see arch_init_stack): rbx = C entry.
global task_trampoline
task_trampoline:
	xor ebp, ebp
	call rbx
	ud2

section .note.GNU-stack noalloc noexec nowrite progbits
