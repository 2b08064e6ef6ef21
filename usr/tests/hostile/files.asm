; SPDX-License-Identifier: BSD-3-Clause
; open(O_CREAT) + write + fstat + lseek + close + stat + unlink of a file; exit 0 when every
; step returns what it should, else the number of the failing step.
%include "hostile.inc"
_start:
	HYPERCALL HC_OPEN, op
	mov rax, [op.ret]
	cmp rax, 3
	jl .f1
	mov [rw], eax
	mov [fst], eax
	mov [lsk], eax
	mov [clo], eax
	HYPERCALL HC_WRITE, rw
	cmp qword [rw.ret], 5
	jne .f2
	HYPERCALL HC_FSTAT, fst
	cmp dword [fst + 4], 0
	jne .f3
	cmp qword [fst + 8 + 40], 5		; st.size
	jne .f3
	HYPERCALL HC_LSEEK, lsk
	cmp qword [lsk.ret], 1
	jne .f4
	HYPERCALL HC_CLOSE, clo
	cmp dword [clo + 4], 0
	jne .f5
	HYPERCALL HC_STAT, st
	cmp dword [st + 8], 0
	jne .f6
	cmp qword [st + 16 + 40], 5
	jne .f6
	HYPERCALL HC_UNLINK, ul
	cmp dword [ul + 8], 0
	jne .f7
	HYPERCALL HC_STAT, st
	cmp dword [st + 8], -2
	jne .f8
	EXIT 0
.f1:	EXIT 101
.f2:	EXIT 102
.f3:	EXIT 103
.f4:	EXIT 104
.f5:	EXIT 105
.f6:	EXIT 106
.f7:	EXIT 107
.f8:	EXIT 108

section .data
align 8
op:	dq path
	dd 0x241, 0644o			; O_WRONLY | O_CREAT | O_TRUNC
.ret:	dq 0
rw:	dd 0, 0
	dq data, 5
.ret:	dq 0
fst:	dd 0, 0
	times 112 db 0
lsk:	dd 0, 0				; fd, whence SET
	dq 1
.ret:	dq 0
clo:	dd 0, 0
st:	dq path
	dd 0, 0
	times 112 db 0
ul:	dq path
	dd 0, 0
path:	db "sub/file.txt", 0
data:	db "data", 10
