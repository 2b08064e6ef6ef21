/* SPDX-License-Identifier: BSD-3-Clause */
/* The interrupt descriptor table, shared by all CPUs; every gate switches to an IST stack. */
#include <stdbool.h>
#include "cpu.h"

struct idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist;
	uint8_t type; /* 0x8e: present, DPL0, 64-bit interrupt gate (IF cleared on entry) */
	uint16_t offset_mid;
	uint32_t offset_high;
	uint32_t reserved;
} __attribute__((packed));

static struct idt_gate idt[256] __attribute__((aligned(16)));

/* isr.asm: stubs for vectors 0-32, then 240, 241 and 255. */
extern const uint64_t isr_table[36];

static void idt_set(unsigned vector, uint64_t handler, unsigned ist)
{
	idt[vector] = (struct idt_gate){
	    .offset_low = handler & 0xffff,
	    .selector = KERNEL_CS,
	    .ist = ist,
	    .type = 0x8e,
	    .offset_mid = (handler >> 16) & 0xffff,
	    .offset_high = handler >> 32,
	};
}

static void idt_set_exception(unsigned v)
{
	bool severe = v == 2 || v == 8 || v == 18; /* NMI, double fault, machine check */
	idt_set(v, isr_table[v], severe ? IST_DOUBLE : IST_EXC);
}

/*
 * The debug gates (#DB, #BP), before the IDT is loaded: uhyve's gdb stub (deprivileged
 * model) redirects them as soon as it sees a loaded IDT, keeping what was there to restore.
 */
void idt_setup_debug(void)
{
	idt_set_exception(1);
	idt_set_exception(3);
}

/* Every other gate. */
void idt_setup(void)
{
	for (unsigned v = 0; v < 32; v++)
		if (v != 1 && v != 3)
			idt_set_exception(v);
	idt_set(VEC_TIMER, isr_table[32], IST_IRQ);
	idt_set(VEC_WAKEUP, isr_table[33], IST_IRQ);
	idt_set(VEC_NET, isr_table[34], IST_IRQ);
	idt_set(VEC_SPURIOUS, isr_table[35], IST_IRQ);
}

void idt_load(void)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) idtr = {sizeof(idt) - 1, (uintptr_t)idt};
	__asm__ volatile("lidt %0" : : "m"(idtr));
}
