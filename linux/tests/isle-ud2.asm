; SPDX-License-Identifier: GPL-2.0
; Isle test image that faults on its first instruction, before it has an IDT of its own.
;
; Without the trampoline's early IDT this #UD would become a triple fault, which resets the
; whole machine (Linux included); with it, the core halts and the isle is reported PANICKED.
; Built with `nasm -f bin`: a hand-written ELF64 header (EI_OSABI 0x42, one PT_LOAD at 2 MiB).

bits 64
org 0x200000

ehdr:
	db 0x7f, "ELF", 2, 1, 1, 0x42   ; ELF64, little endian, version 1, OSABI HermitCore
	times 8 db 0
	dw 2                            ; ET_EXEC
	dw 0x3e                         ; EM_X86_64
	dd 1
	dq _start
	dq phdr - ehdr                  ; e_phoff
	dq 0                            ; e_shoff
	dd 0                            ; e_flags
	dw 64, 56, 1, 0, 0, 0           ; ehsize, phentsize, phnum, shentsize, shnum, shstrndx
phdr:
	dd 1, 5                         ; PT_LOAD, R X
	dq 0                            ; p_offset
	dq 0x200000, 0x200000           ; p_vaddr, p_paddr
	dq file_end - ehdr              ; p_filesz
	dq file_end - ehdr              ; p_memsz
	dq 0x1000

_start:
	ud2

align 8, db 0
file_end:
