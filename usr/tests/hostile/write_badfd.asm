; SPDX-License-Identifier: BSD-3-Clause
; Writes to fd 3, which the guest never opened (in uhyve it is the KVM fd): expects -EBADF (9).
%include "hostile.inc"
_start:
	HYPERCALL HC_WRITE, rw
	EXIT_NEG_RET rw.ret

section .data
align 8
rw:	dd 3, 0
	dq msg, 4
.ret:	dq 0
msg:	db "bad", 10
