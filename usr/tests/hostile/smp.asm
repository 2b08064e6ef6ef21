; SPDX-License-Identifier: BSD-3-Clause
; CPU 0 starts CPU 1 (after a bad request for CPU 9) and halts; CPU 1 writes and exits 3.
%include "hostile.inc"
_start:
	test rsi, rsi
	jnz .ap
	HYPERCALL HC_CPU_START, bad
	cmp dword [bad + 4], -22
	jne .fail
	HYPERCALL HC_CPU_START, good
	cmp dword [good + 4], 0
	jne .fail
	HYPERCALL HC_CPU_START, good	; again: -EBUSY
	cmp dword [good + 4], -16
	jne .fail
.halt:	hlt
	jmp .halt
.fail:	EXIT 1
.ap:	cmp rsi, 1
	jne .fail
	HYPERCALL HC_WRITE, rw
	EXIT 3

section .data
align 8
bad:	dd 9, 0
good:	dd 1, 0
rw:	dd 1, 0
	dq msg, msg_len, 0
msg:	db "cpu 1 up", 10
msg_len equ $ - msg
