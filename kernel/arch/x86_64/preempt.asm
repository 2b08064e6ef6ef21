; SPDX-License-Identifier: BSD-3-Clause
; Preemption: where an interrupted thread resumes when the timer says its slice is over.
;
; The interrupt entry (trap.c, inject_preempt) has pushed the interrupted rip 128 bytes below
; the thread's stack pointer (past the red zone), then rflags and all general registers below
; that, and made the thread "return" here with interrupts masked. We save the extended state
; (xsave skips components in their initial state, so threads that never touched AVX cost
; little), let the scheduler run other threads, and return exactly to the interrupted point.

bits 64
default rel

%include "regs.inc"

extern sched_preempt
extern arch_preempt_return
extern fpu_save_size
extern fpu_use_xsave
extern fpu_xsave_mask

section .text

global preempt_trampoline
preempt_trampoline:
	mov rbp, rsp                    ; the interrupted rbp is in the frame
	sub rsp, [fpu_save_size]
	and rsp, -64
	mov eax, [fpu_xsave_mask]
	mov edx, [fpu_xsave_mask + 4]
	cmp byte [fpu_use_xsave], 0
	je .fxsave
	; xsave writes only XSTATE_BV of the 64-byte header at offset 512; xrstor wants the rest
	; (XCOMP_BV: standard format, reserved bytes) zero, and the stack holds garbage there.
	xor ecx, ecx
%assign off 512
%rep 8
	mov [rsp + off], rcx
%assign off off + 8
%endrep
	xsave [rsp]
	jmp .saved
.fxsave:
	fxsave [rsp]
.saved:
	call sched_preempt              ; may run other threads; returns on this CPU
	call arch_preempt_return        ; lifts the mask (deferred events may switch again)
	mov eax, [fpu_xsave_mask]
	mov edx, [fpu_xsave_mask + 4]
	cmp byte [fpu_use_xsave], 0
	je .fxrstor
	xrstor [rsp]
	jmp .restored
.fxrstor:
	fxrstor [rsp]
.restored:
	mov rsp, rbp
	POP_GPRS
	popfq
	ret 128                         ; to the interrupted rip, rsp as it was

section .note.GNU-stack noalloc noexec nowrite progbits
