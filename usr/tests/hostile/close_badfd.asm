; SPDX-License-Identifier: BSD-3-Clause
; Closes fd 5 and then reads from fd 1023, neither open: expects -EBADF twice (exit 9).
%include "hostile.inc"
_start:
	HYPERCALL HC_CLOSE, clo
	cmp dword [clo + 4], -9
	jne .bad
	HYPERCALL HC_READ, rw
	EXIT_NEG_RET rw.ret
.bad:	EXIT 1

section .data
align 8
clo:	dd 5, 0
rw:	dd 1023, 0
	dq buf, 4
.ret:	dq 0
buf:	dq 0
