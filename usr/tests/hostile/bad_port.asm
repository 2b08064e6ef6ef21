; SPDX-License-Identifier: BSD-3-Clause
; Writes to an I/O port that is no hypercall: uhyve must end the VM (exit 126).
%include "hostile.inc"
_start:
	mov dx, 0x600
	mov eax, exit_arg
	out dx, eax
	EXIT 1
