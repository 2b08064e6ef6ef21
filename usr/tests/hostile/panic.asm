; SPDX-License-Identifier: BSD-3-Clause
; Publishes a kernel log, then panics: uhyve prints the message and the log tail (exit 125).
%include "hostile.inc"
_start:
	mov qword [rdi + BI_KLOG_ADDR], klog
	HYPERCALL HC_PANIC, pa
	EXIT 1

section .data
align 8
pa:	dq msg
msg:	db "boom", 10, 0
align 8
klog:	dq 64			; size, a power of two
	dq log_len		; head
log:	db "klog line one", 10, "klog line two", 10
log_len equ $ - log
	times 64 - log_len db 0
