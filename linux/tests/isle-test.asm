; SPDX-License-Identifier: GPL-2.0
; Minimal isle test image: publishes a klog ring, starts the other cores, marks the isle RUNNING.
;
; Built with `nasm -f bin`: the ELF64 header is written by hand (EI_OSABI 0x42, one PT_LOAD
; at 2 MiB, like a HermitCore image). Entry contract as in boot_info.h: rdi = boot info,
; rsi = logical CPU index. The boot core writes "isle test image up" to its log, sets
; chan->cpu[i].start for every other core, waits until all have entered (each increments
; `entered`), logs "all cores entered", sets chan->state = RUNNING. Then it waits until Linux
; sleeps in HERMIT_ISLE_IOC_WAIT (linux_waiting), publishes one ring entry and sends the
; notification IPI (xAPIC, physical destination), logs "notified" and spins with pause.

bits 64
org 0x200000

BI_CPU_COUNT  equ 28            ; struct hermit_boot_info
BI_KLOG_ADDR  equ 376
BI_XAPIC      equ 400
BI_ISLE_CHAN  equ 408
CHAN_NOTIFY_APIC equ 16         ; struct hermit_isle_chan
CHAN_NOTIFY_VEC  equ 20
CHAN_WAITING  equ 24
CHAN_STATE    equ 28
CHAN_HEAD     equ 64
CHAN_RING     equ 192 + 64 * 64
APIC_ICR_LOW  equ 0x300
APIC_ICR_HIGH equ 0x310
CHAN_CPU      equ 192
CPU_START     equ 8
ISLE_RUNNING  equ 1
KLOG_SIZE     equ 4096

%include "isle-elf.inc"
ISLE_ELF_HEADER 7, image_end              ; R W X

_start:
	test rsi, rsi
	jnz .ap
	lea rsp, [stack_top]            ; the loader leaves rsp undefined
	mov rbx, rdi                    ; boot info
	lea rax, [klog]
	mov qword [rax], KLOG_SIZE
	mov qword [rax + 8], 0
	mov [rbx + BI_KLOG_ADDR], rax
	lea rsi, [msg_up]
	mov rcx, msg_up_len
	call klog_write
	mov r12, [rbx + BI_ISLE_CHAN]
	mov ecx, [rbx + BI_CPU_COUNT]
	mov edx, 1
.start_next:
	cmp edx, ecx
	jae .wait
	mov rax, rdx
	shl rax, 6
	mov dword [r12 + CHAN_CPU + rax + CPU_START], 1
	inc edx
	jmp .start_next
.wait:
	dec ecx                         ; cores other than this one
.wait_loop:
	pause
	cmp [entered], ecx
	jb .wait_loop
	lea rsi, [msg_all]
	mov rcx, msg_all_len
	call klog_write
	mov dword [r12 + CHAN_STATE], ISLE_RUNNING
.wait_linux:
	pause
	cmp dword [r12 + CHAN_WAITING], 0
	je .wait_linux
	mov qword [r12 + CHAN_RING + 8], 0      ; nr 0, cpu 0
	mov qword [r12 + CHAN_RING + 16], 0     ; arg
	mov qword [r12 + CHAN_HEAD], 1
	mov qword [r12 + CHAN_RING], 1          ; seq = index + 1, stored last
	mfence
	mov eax, [r12 + CHAN_NOTIFY_VEC]
	test eax, eax
	jz .spin
	mov rdi, [rbx + BI_XAPIC]
	mov edx, [r12 + CHAN_NOTIFY_APIC]
	shl edx, 24
	mov [rdi + APIC_ICR_HIGH], edx
	mov [rdi + APIC_ICR_LOW], eax           ; fixed, physical, edge
	lea rsi, [msg_notified]
	mov rcx, msg_notified_len
	call klog_write
.spin:
	pause
	jmp .spin
.ap:
	lock inc dword [entered]
	jmp .spin

; klog_write(rsi = text, rcx = length): appends to the ring (boot core only).
klog_write:
	lea rdi, [klog]
	mov rax, [rdi + 8]
.next:
	test rcx, rcx
	jz .done
	mov r8, rax
	and r8, KLOG_SIZE - 1
	mov r9b, [rsi]
	mov [rdi + 16 + r8], r9b
	inc rax
	inc rsi
	dec rcx
	jmp .next
.done:
	mov [rdi + 8], rax              ; publish the new head
	ret

msg_up:  db "isle test image up", 10
msg_up_len equ $ - msg_up
msg_all: db "all cores entered", 10
msg_all_len equ $ - msg_all
msg_notified: db "notified", 10
msg_notified_len equ $ - msg_notified

align 8, db 0
file_end:

absolute file_end                       ; .bss: not in the file, zeroed by the loader
entered: resd 2
klog:    resb 16 + KLOG_SIZE
	alignb 16
stack:   resb 4096
stack_top:
image_end:
