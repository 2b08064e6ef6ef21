; SPDX-License-Identifier: BSD-3-Clause
; Spins forever: run with HERMIT_TIMEOUT=2 (exit 124).
%include "hostile.inc"
_start:
	jmp _start
