; SPDX-License-Identifier: BSD-3-Clause
; Loads an empty IDT and executes ud2: #UD, #DF, triple fault (exit 126).
%include "hostile.inc"
_start:
	lidt [idtr]
	ud2

section .data
align 8
idtr:	dw 0
	dq 0
