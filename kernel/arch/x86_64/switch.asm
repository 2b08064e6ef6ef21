; SPDX-License-Identifier: BSD-3-Clause
; Leaving CPL0 for good (deprivileged model) and the privileged gates used afterwards.

bits 64
default rel

USER_CS equ 0x23
USER_DS equ 0x1b

section .text

; enter_cpl3(fn = rdi, arg = rsi, stack_top = rdx): iretq to fn(arg) at CPL3, interrupts on.
global enter_cpl3
enter_cpl3:
	push USER_DS
	push rdx
	push 0x202
	push USER_CS
	lea rax, [cpl3_trampoline]
	push rax
	mov rax, rdi
	mov rdi, rsi
	iretq
cpl3_trampoline:
	xor ebp, ebp
	call rax
	ud2

; call_on_stack(fn = rdi, arg = rsi, stack_top = rdx): same privilege, new stack.
global call_on_stack
call_on_stack:
	mov rsp, rdx
	xor ebp, ebp
	mov rax, rdi
	mov rdi, rsi
	call rax
	ud2

; Gates: `ud2` + op byte; the #UD handler recognises addresses in .text.gate.
section .text.gate progbits alloc exec nowrite align=16
global gate_call
; uint64_t gate_call(op = rdi, a = rsi, b = rdx): one `ud2; op` site per op (cpu.h enum gate_op).
gate_call:
	mov rax, rdi
	mov rdi, rsi
	mov rsi, rdx
	cmp rax, 1
	je .idle_until
	cmp rax, 2
	je .flush_tlb
	cmp rax, 3
	je .send_ipi
	cmp rax, 4
	je .arm_timer
	xor eax, eax
	not rax
	ret
.idle_until:
	ud2
	db 1                     ; GATE_IDLE_UNTIL
	ret
.flush_tlb:
	ud2
	db 2                     ; GATE_FLUSH_TLB
	ret
.send_ipi:
	ud2
	db 3                     ; GATE_SEND_IPI
	ret
.arm_timer:
	ud2
	db 4                     ; GATE_ARM_TIMER
	ret

section .note.GNU-stack noalloc noexec nowrite progbits
