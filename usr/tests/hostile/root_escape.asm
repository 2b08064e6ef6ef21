; SPDX-License-Identifier: BSD-3-Clause
; Under HERMIT_ROOT, tries to reach /etc/passwd three ways; exit 0 if all give -ENOENT,
; else the number of the attempt that did not.
%include "hostile.inc"
%macro TRY 2
	mov qword [op], %1
	HYPERCALL HC_OPEN, op
	cmp qword [op.ret], -2
	jne .fail%2
%endmacro
_start:
	TRY p1, 1
	TRY p2, 2
	TRY p3, 3
	EXIT 0
.fail1:	EXIT 1
.fail2:	EXIT 2
.fail3:	EXIT 3

section .data
align 8
op:	dq 0
	dd 0, 0
.ret:	dq 0
p1:	db "../../../../../etc/passwd", 0
p2:	db "/etc/passwd", 0
p3:	db "link/passwd", 0		; run.sh makes link -> /etc
