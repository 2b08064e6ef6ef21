; SPDX-License-Identifier: BSD-3-Clause
; Passes a hypercall argument struct outside guest RAM: uhyve must end the VM (exit 126).
%include "hostile.inc"
_start:
	HYPERCALL HC_WRITE, 0xfffffff8
	EXIT 1
