; SPDX-License-Identifier: BSD-3-Clause
; Writes with a length that wraps around the address space: expects -EFAULT (exit 14).
%include "hostile.inc"
_start:
	HYPERCALL HC_WRITE, rw
	EXIT_NEG_RET rw.ret

section .data
align 8
rw:	dd 1, 0
	dq 0x200000, 0xffffffffffffff00
.ret:	dq 0
