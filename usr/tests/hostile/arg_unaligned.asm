; SPDX-License-Identifier: BSD-3-Clause
; Passes a misaligned hypercall argument struct: uhyve must end the VM (exit 126).
%include "hostile.inc"
_start:
	HYPERCALL HC_WRITE, 0x200004
	EXIT 1
