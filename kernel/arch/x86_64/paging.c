/* SPDX-License-Identifier: BSD-3-Clause */
/* Edits of the loader's identity map: no page 0 (NULL faults), guard pages below stacks. */
#include <kernel/arch.h>
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <kernel/spinlock.h>
#include "cpu.h"

#define PTE_P    0x1ULL
#define PTE_W    0x2ULL
#define PTE_U    0x4ULL
#define PTE_PS   0x80ULL
#define PTE_ADDR 0x000ffffffffff000ULL
#define PTE_2M   0x000fffffffe00000ULL

static uint64_t low_pt[512] __attribute__((aligned(4096)));

/* Reloads cr3 (CPL0 only). */
void flush_tlb_privileged(void)
{
	uint64_t cr3;
	__asm__ volatile("mov %%cr3, %0; mov %0, %%cr3" : "=r"(cr3) : : "memory");
}

static void flush_tlb(void)
{
	if (priv_model == HERMIT_PRIV_DEPRIV)
		gate_call(GATE_FLUSH_TLB, 0, 0);
	else
		flush_tlb_privileged();
}

/*
 * Splits the 2 MiB page at address 0 into 4 KiB pages and leaves page 0 out. Runs at the
 * application privilege level: the tables are mapped (user, writable) like all of RAM.
 */
void paging_guard_null(void)
{
	uint64_t *pml4 = (uint64_t *)boot_info->page_table_root;
	if (!(pml4[0] & PTE_P))
		return;
	uint64_t *pdpt = (uint64_t *)(pml4[0] & PTE_ADDR);
	if (!(pdpt[0] & PTE_P) || (pdpt[0] & PTE_PS))
		return;
	uint64_t *pd = (uint64_t *)(pdpt[0] & PTE_ADDR);
	uint64_t big = pd[0];
	if (!(big & PTE_P) || !(big & PTE_PS))
		return;

	uint64_t flags = big & (PTE_P | PTE_W | PTE_U);
	for (unsigned i = 0; i < 512; i++)
		low_pt[i] = ((big & PTE_2M) + i * PAGE_SIZE) | flags;
	low_pt[0] = 0;
	pd[0] = (uintptr_t)low_pt | PTE_P | PTE_W | PTE_U;
	flush_tlb();
}

static spinlock_t pt_lock = SPINLOCK_INIT; /* guards edits of the page tables */

/* The 4 KiB PTE of `addr`, splitting its 2 MiB page first if needed; NULL if impossible. */
static uint64_t *pte_of(uintptr_t addr)
{
	uint64_t *pml4 = (uint64_t *)boot_info->page_table_root;
	uint64_t e = pml4[(addr >> 39) & 511];
	if (!(e & PTE_P))
		return NULL;
	uint64_t *pdpt = (uint64_t *)(e & PTE_ADDR);
	e = pdpt[(addr >> 30) & 511];
	if (!(e & PTE_P) || (e & PTE_PS))
		return NULL;
	uint64_t *pd = (uint64_t *)(e & PTE_ADDR);
	uint64_t *pde = &pd[(addr >> 21) & 511];
	if (!(*pde & PTE_P))
		return NULL;
	if (*pde & PTE_PS) {
		uint64_t *pt = page_alloc(1);
		if (!pt)
			return NULL;
		uint64_t flags = *pde & (PTE_P | PTE_W | PTE_U);
		for (unsigned i = 0; i < 512; i++)
			pt[i] = ((*pde & PTE_2M) + i * PAGE_SIZE) | flags;
		__atomic_store_n(pde, (uintptr_t)pt | PTE_P | PTE_W | PTE_U, __ATOMIC_RELEASE);
	}
	uint64_t *pt = (uint64_t *)(*pde & PTE_ADDR);
	return &pt[(addr >> 12) & 511];
}

int arch_set_guard(void *page, bool guard)
{
	uintptr_t a = (uintptr_t)page;
	unsigned long flags = arch_irq_save();
	spin_lock(&pt_lock);
	uint64_t *pte = pte_of(a);
	if (pte) {
		uint64_t v = guard ? 0 : (a | PTE_P | PTE_W | PTE_U);
		__atomic_store_n(pte, v, __ATOMIC_RELEASE);
	}
	spin_unlock(&pt_lock);
	arch_irq_restore(flags);
	if (!pte)
		return -1;
	flush_tlb();
	return 0;
}
