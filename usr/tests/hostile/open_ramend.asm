; SPDX-License-Identifier: BSD-3-Clause
; Opens a path in the last 4 bytes of RAM, without a NUL before the end: expects -EFAULT (14).
%include "hostile.inc"
_start:
	mov rax, [rdi + BI_RAM_SIZE]
	sub rax, 4
	mov dword [rax], 0x61616161
	mov [op], rax
	HYPERCALL HC_OPEN, op
	EXIT_NEG_RET op.ret

section .data
align 8
op:	dq 0
	dd 0, 0
.ret:	dq 0
