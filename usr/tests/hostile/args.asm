; SPDX-License-Identifier: BSD-3-Clause
; Writes the argument and environment strings (NUL-separated) to stdout, exits 0.
%include "hostile.inc"
_start:
	mov rax, [rdi + BI_ARGS_ADDR]
	mov rcx, [rax + 8]		; strings_size
	add rax, 16			; strings
	mov [rw + 8], rax
	mov [rw + 16], rcx
	HYPERCALL HC_WRITE, rw
	cmp qword [rw.ret], 0
	jle .fail
	EXIT 0
.fail:	EXIT 1

section .data
align 8
rw:	dd 1, 0
	dq 0, 0
.ret:	dq 0
