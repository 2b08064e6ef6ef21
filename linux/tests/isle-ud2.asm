; SPDX-License-Identifier: GPL-2.0
; Isle test image that faults on its first instruction, before it has an IDT of its own.
;
; Without the trampoline's early IDT this #UD would become a triple fault, which resets the
; whole machine (Linux included); with it, the core halts and the isle is reported PANICKED.
; Built with `nasm -f bin`: a hand-written ELF64 header (EI_OSABI 0x42, one PT_LOAD at 2 MiB).

bits 64
org 0x200000

%include "isle-elf.inc"
ISLE_ELF_HEADER 5, file_end              ; R X

_start:
	ud2

align 8, db 0
file_end:
