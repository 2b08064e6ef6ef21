; SPDX-License-Identifier: BSD-3-Clause
; Writes "hello from guest" to stdout and exits with status 7.
%include "hostile.inc"
_start:
	HYPERCALL HC_WRITE, rw
	EXIT 7

section .data
align 8
rw:	dd 1, 0			; fd 1, pad
	dq msg, msg_len, 0	; buf, len, ret
msg:	db "hello from guest", 10
msg_len equ $ - msg
