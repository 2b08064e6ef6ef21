; SPDX-License-Identifier: BSD-3-Clause
; Opens a path of 5000 bytes without a NUL: expects -ENAMETOOLONG (exit 36).
%include "hostile.inc"
_start:
	HYPERCALL HC_OPEN, op
	EXIT_NEG_RET op.ret

section .data
align 8
op:	dq path
	dd 0, 0
.ret:	dq 0
path:	times 5000 db 'a'
	db 'b'			; still no NUL: the next page is zero but far beyond 4096
