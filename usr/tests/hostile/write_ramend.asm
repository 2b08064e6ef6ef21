; SPDX-License-Identifier: BSD-3-Clause
; Writes 16 bytes starting 8 bytes before the end of RAM: expects -EFAULT (exit 14).
%include "hostile.inc"
_start:
	mov rax, [rdi + BI_RAM_SIZE]
	sub rax, 8
	mov [rw + 8], rax
	HYPERCALL HC_WRITE, rw
	EXIT_NEG_RET rw.ret

section .data
align 8
rw:	dd 1, 0
	dq 0, 16
.ret:	dq 0
