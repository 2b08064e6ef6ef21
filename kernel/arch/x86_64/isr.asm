; SPDX-License-Identifier: BSD-3-Clause
; Interrupt and exception entry stubs: save registers, call trap_dispatch, return.

bits 64
default rel

%include "regs.inc"

extern trap_dispatch

%macro ISR_NOERR 1
global isr_%1
isr_%1:
	push 0
	push %1
	jmp isr_common
%endmacro

%macro ISR_ERR 1
global isr_%1
isr_%1:
	push %1
	jmp isr_common
%endmacro

section .text

; Exceptions that push an error code: 8, 10-14, 17, 21, 29, 30.
ISR_NOERR 0
ISR_NOERR 1
ISR_NOERR 2
ISR_NOERR 3
ISR_NOERR 4
ISR_NOERR 5
ISR_NOERR 6
ISR_NOERR 7
ISR_ERR   8
ISR_NOERR 9
ISR_ERR   10
ISR_ERR   11
ISR_ERR   12
ISR_ERR   13
ISR_ERR   14
ISR_NOERR 15
ISR_NOERR 16
ISR_ERR   17
ISR_NOERR 18
ISR_NOERR 19
ISR_NOERR 20
ISR_ERR   21
ISR_NOERR 22
ISR_NOERR 23
ISR_NOERR 24
ISR_NOERR 25
ISR_NOERR 26
ISR_NOERR 27
ISR_NOERR 28
ISR_ERR   29
ISR_ERR   30
ISR_NOERR 31
ISR_NOERR 32                    ; timer
ISR_NOERR 240                   ; wake-up IPI
ISR_NOERR 241                   ; network link notification
ISR_NOERR 255                   ; spurious

; The CPU aligned the IST stack and pushed 5 words; with vector, error and 15 registers the
; frame is 176 bytes, so rsp stays 16-byte aligned for the C call.
isr_common:
	PUSH_GPRS
	cld
	mov rdi, rsp
	call trap_dispatch
	POP_GPRS
	add rsp, 16
	iretq

section .rodata
; Table of stub addresses for idt.c: vectors 0-32, then 240, 241 and 255.
global isr_table
isr_table:
%assign i 0
%rep 33
	dq isr_ %+ i
%assign i i+1
%endrep
	dq isr_240
	dq isr_241
	dq isr_255

section .note.GNU-stack noalloc noexec nowrite progbits
