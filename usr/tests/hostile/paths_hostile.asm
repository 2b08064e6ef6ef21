; SPDX-License-Identifier: BSD-3-Clause
; Bad pointers, wrapping and huge lengths, bad flags for the calls of ABI version 2: each
; must answer with the right -errno (the VM goes on); exit 0, else the failing step.
%include "hostile.inc"

; TRY step, call, struct, offset of ret, ret size (4/8), expected value
%macro TRY 6
	HYPERCALL %2, %3
%if %5 == 4
	cmp dword [%3 + %4], %6
%else
	cmp qword [%3 + %4], %6
%endif
	jne .f%1
%endmacro

_start:
	TRY 1, HC_GETDENTS, gd, 24, 8, -14	; buffer wraps the address space
	TRY 2, HC_GETCWD, cwd_out, 24, 8, -14	; buffer outside RAM
	TRY 3, HC_GETCWD, cwd_zero, 24, 8, -22	; length 0
	TRY 4, HC_READLINK, rl_path, 24, 8, -14	; path outside RAM
	TRY 5, HC_PREAD, pr, 32, 8, -14		; huge length
	TRY 6, HC_DUP, dup2_big, 16, 8, -9	; dup2 to an fd far out of range
	TRY 7, HC_RENAME, ren, 16, 4, -14	; new path outside RAM
	TRY 8, HC_UTIMENS, ut, 48, 4, -22	; nsec out of range
	TRY 9, HC_LOCK, lk, 12, 4, -22		; lock type 7
	TRY 10, HC_REALPATH, rp, 24, 8, -14	; result buffer wraps
	TRY 11, HC_SYMLINK, sl, 16, 4, -2	; empty target
	TRY 12, HC_MKDIR, mk, 16, 4, -22	; mode bits beyond 07777
	TRY 13, HC_PREAD, pr_neg, 32, 8, -22	; negative offset
	TRY 14, HC_TTYNAME, tty, 24, 8, -14	; buffer outside RAM
	TRY 15, HC_STATVFS, sv, 12, 4, -9	; bad fd
	TRY 16, HC_ACCESS, acc, 16, 4, -22	; mode bits beyond 7
	TRY 17, HC_LSTAT, lst, 8, 4, -36	; path without a NUL in 4096 bytes
	TRY 18, HC_DUP, dup_bad, 16, 8, -22	; unknown dup command
	EXIT 0
%assign i 1
%rep 18
.f %+ i: EXIT i
%assign i i + 1
%endrep

section .data
align 8
gd:	dd 1, 0				; fd 1, pad
	dq 0x200000, 0xffffffffffffff00	; buf, len
	dq 0
cwd_out: dq 0, 0xfffff000, 4096, 0	; path, buf, len, ret
cwd_zero: dq 0, 0x200000, 0, 0
rl_path: dq 0xfffffff0, 0x200000, 64, 0
pr:	dd 0, 0
	dq 0x200000, 0x7fffffffffffffff, 0, 0	; buf, len, offset, ret
pr_neg:	dd 0, 0
	dq 0x200000, 16, -5, 0
dup2_big: dd 1, 1			; fd 1, exactly
	dq 1 << 40, 0
dup_bad: dd 1, 7
	dq 3, 0
ren:	dq dot, 0xfffffff0
	dd 0, 0
ut:	dq dot
	dd 0, 0
	dq 0, 1000000000, 0, 0
	dd 0, 0
lk:	dd 1, 1
	dw 7, 0
	dd 0
	dq 0, 0
rp:	dq dot, 0x200000, 0xffffffffffffff00, 0
sl:	dq empty, newname
	dd 0, 0
mk:	dq newname, 0o10777
	dd 0, 0
tty:	dd 1, 0
	dq 0xfffff000, 64, 0
sv:	dq 0
	dd 77, 0
	times 11 dq 0
acc:	dq dot, 8
	dd 0, 0
lst:	dq long_path
	dd 0, 0
	times 14 dq 0
dot:	db ".", 0
empty:	db 0
newname: db "hostile-new", 0
long_path: times 4200 db "a"
	db 0
