; SPDX-License-Identifier: BSD-3-Clause
; Image entry point (installed as crt0.o): every CPU arrives here from its loader.
;
; Contract (boot_info.h): long mode, CPL0, interrupts off, rdi = boot information,
; rsi = logical CPU index. The boot CPU uses boot_stack; every other CPU the stack that the
; boot CPU put in ap_stack_top[cpu] before starting it, so CPUs never share a stack.

bits 64
default rel

KSTACK_SIZE equ 16384           ; cpu.h
MAX_CPUS    equ 64              ; HERMIT_MAX_CPUS

extern kernel_entry

section .text.boot progbits alloc exec nowrite align=16
global _start
_start:
	cmp rsi, MAX_CPUS
	jae .stop
	lea rsp, [boot_stack + KSTACK_SIZE]
	test rsi, rsi
	jz .go
	lea rax, [ap_stack_top]      ; other CPUs: stack prepared by the boot CPU
	mov rsp, [rax + rsi * 8]
	test rsp, rsp
	jz .stop
.go:
	xor ebp, ebp
	call kernel_entry            ; (boot_info, cpu), does not return
.stop:
	ud2                          ; no IDT yet: the loader sees a triple fault

section .bss nobits alloc noexec write align=4096
global boot_stack
boot_stack:
	resb KSTACK_SIZE
global ap_stack_top
ap_stack_top:
	resq MAX_CPUS

section .note.GNU-stack noalloc noexec nowrite progbits
