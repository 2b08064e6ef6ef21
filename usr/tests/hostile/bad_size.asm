; SPDX-License-Identifier: BSD-3-Clause
; Uses a hypercall port with a 1-byte out: uhyve must end the VM (exit 126).
%include "hostile.inc"
_start:
	mov dx, PORT_BASE + HC_WRITE
	mov al, 0
	out dx, al
	EXIT 1
