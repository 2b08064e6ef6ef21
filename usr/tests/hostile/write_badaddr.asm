; SPDX-License-Identifier: BSD-3-Clause
; Writes from a buffer far outside guest RAM: expects -EFAULT (exit 14).
%include "hostile.inc"
_start:
	HYPERCALL HC_WRITE, rw
	EXIT_NEG_RET rw.ret

section .data
align 8
rw:	dd 1, 0
	dq 0x7fffffffffff0000, 16
.ret:	dq 0
