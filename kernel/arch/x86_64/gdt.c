/* SPDX-License-Identifier: BSD-3-Clause */
/* Per-CPU GDT and TSS: kernel and user segments, IST stacks, the hypercall I/O window. */
#include <stddef.h>
#include "cpu.h"

/* Every CPU's TSS allows exactly the ports UHYVE_PORT_BASE .. IOMAP_PORTS-1 from CPL3. */
#define IOMAP_DENY_ALL_BELOW_HC [0 ...(UHYVE_PORT_BASE / 8) - 1] = 0xff
#define IOMAP_INIT                                                                                 \
	{                                                                                          \
		IOMAP_DENY_ALL_BELOW_HC, [IOMAP_BYTES] = 0xff                                      \
	}

struct cpu cpus[HERMIT_MAX_CPUS] = {
    [0 ... HERMIT_MAX_CPUS -
     1] = {.tss = {.iomap_base = offsetof(struct tss, iomap), .iomap = IOMAP_INIT}},
};

_Static_assert(UHYVE_PORT_BASE % 8 == 0, "hypercall ports start on a bitmap byte");
_Static_assert(UHYVE_PORT_BASE + UHYVE_HC_MAX <= IOMAP_PORTS, "hypercall ports fit the bitmap");

static uint64_t tss_desc_low(uintptr_t base, uint32_t limit)
{
	return (limit & 0xffffULL) | ((base & 0xffffffULL) << 16) | (0x89ULL << 40) |
	       ((uint64_t)((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xffULL) << 56);
}

/* Loads c's GDT and TSS on this CPU; CS/SS become the kernel's, DS/ES/FS/GS null. */
void gdt_setup(struct cpu *c)
{
	uintptr_t tss = (uintptr_t)&c->tss;
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) gdtr = {sizeof(c->gdt) - 1, (uintptr_t)c->gdt};

	c->gdt[0] = 0;
	c->gdt[1] = 0x00af9a000000ffffULL; /* kernel code, 64-bit, DPL0 */
	c->gdt[2] = 0x00cf92000000ffffULL; /* kernel data */
	c->gdt[3] = 0x00cff2000000ffffULL; /* user data, DPL3 */
	c->gdt[4] = 0x00affa000000ffffULL; /* user code, 64-bit, DPL3 */
	c->gdt[5] = tss_desc_low(tss, sizeof(c->tss) - 1);
	c->gdt[6] = tss >> 32;

	for (int i = 0; i < 3; i++)
		c->tss.ist[i] = c->ist_top[i];
	c->tss.rsp[0] = c->ist_top[IST_EXC - 1];

	__asm__ volatile("lgdt %0\n\t"
	                 "pushq %1\n\t"
	                 "leaq 1f(%%rip), %%rax\n\t"
	                 "pushq %%rax\n\t"
	                 "lretq\n"
	                 "1:\n\t"
	                 "movw %w2, %%ss\n\t"
	                 "xorl %%eax, %%eax\n\t"
	                 "movw %%ax, %%ds\n\t"
	                 "movw %%ax, %%es\n\t"
	                 "movw %%ax, %%fs\n\t"
	                 "movw %%ax, %%gs\n\t"
	                 "ltr %w3"
	                 :
	                 : "m"(gdtr), "i"(KERNEL_CS), "r"(KERNEL_DS), "r"(TSS_SEL)
	                 : "rax", "memory");
}
