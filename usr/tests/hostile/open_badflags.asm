; SPDX-License-Identifier: BSD-3-Clause
; Opens with an unknown flag bit: expects -EINVAL (exit 22).
%include "hostile.inc"
_start:
	HYPERCALL HC_OPEN, op
	EXIT_NEG_RET op.ret

section .data
align 8
op:	dq path
	dd 0x40000000, 0
.ret:	dq 0
path:	db "x", 0
