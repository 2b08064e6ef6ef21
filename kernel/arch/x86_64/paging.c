/* SPDX-License-Identifier: BSD-3-Clause */
/* Edits of the loader's page tables: no page 0 (NULL faults), guard pages below stacks. */
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

/*
 * Table entries hold physical addresses; RAM is mapped at virtual = physical - phys_offset
 * (0 under uhyve, the window's base in an isle), and so are the loader's tables, which lie
 * in RAM. The two helpers below are the only places that convert.
 */
static uint64_t *table_of(uint64_t entry)
{
	return (uint64_t *)((entry & PTE_ADDR) - boot_info->phys_offset);
}

static uint64_t phys_of(const void *virt)
{
	return (uintptr_t)virt + boot_info->phys_offset;
}

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

/* The page-directory entry of `addr` (present or not); NULL if no PD covers it (a missing
 * table, or a 1 GiB page). The root is a virtual address like every boot_info address. */
static uint64_t *pde_of(uintptr_t addr)
{
	uint64_t *pml4 = (uint64_t *)boot_info->page_table_root;
	uint64_t e = pml4[(addr >> 39) & 511];
	if (!(e & PTE_P))
		return NULL;
	e = table_of(e)[(addr >> 30) & 511];
	if (!(e & PTE_P) || (e & PTE_PS))
		return NULL;
	return &table_of(e)[(addr >> 21) & 511];
}

/* Replaces the 2 MiB page of *pde by the 4 KiB table `pt` mapping the same memory. */
static void split_2m(uint64_t *pde, uint64_t *pt)
{
	uint64_t big = *pde, flags = big & (PTE_P | PTE_W | PTE_U);

	for (unsigned i = 0; i < 512; i++)
		pt[i] = ((big & PTE_2M) + i * PAGE_SIZE) | flags;
	__atomic_store_n(pde, phys_of(pt) | PTE_P | PTE_W | PTE_U, __ATOMIC_RELEASE);
}

/*
 * Leaves page 0 out of the mapping so that NULL pointers fault, splitting the 2 MiB page at
 * address 0 if needed (uhyve); an isle's loader has already left it out of its 4 KiB table.
 * Runs before the page allocator exists, at the application privilege level: the tables are
 * mapped (user, writable) like all of RAM.
 */
void paging_guard_null(void)
{
	uint64_t *pde = pde_of(0);
	if (!pde || !(*pde & PTE_P))
		return;
	if (*pde & PTE_PS)
		split_2m(pde, low_pt);
	uint64_t *pt = table_of(*pde);
	if (pt[0] & PTE_P) {
		__atomic_store_n(&pt[0], 0, __ATOMIC_RELEASE);
		flush_tlb();
	}
}

static spinlock_t pt_lock = SPINLOCK_INIT; /* guards edits of the page tables */

/* The 4 KiB PTE of `addr`, splitting its 2 MiB page first if needed; NULL if impossible. */
static uint64_t *pte_of(uintptr_t addr)
{
	uint64_t *pde = pde_of(addr);
	if (!pde || !(*pde & PTE_P))
		return NULL;
	if (*pde & PTE_PS) {
		uint64_t *pt = page_alloc(1);
		if (!pt)
			return NULL;
		split_2m(pde, pt);
	}
	return &table_of(*pde)[(addr >> 12) & 511];
}

int arch_set_guard(void *page, bool guard)
{
	uintptr_t a = (uintptr_t)page;
	unsigned long flags = arch_irq_save();
	spin_lock(&pt_lock);
	uint64_t *pte = pte_of(a);
	if (pte) {
		uint64_t v = guard ? 0 : (phys_of(page) | PTE_P | PTE_W | PTE_U);
		__atomic_store_n(pte, v, __ATOMIC_RELEASE);
	}
	spin_unlock(&pt_lock);
	arch_irq_restore(flags);
	if (!pte)
		return -1;
	flush_tlb();
	return 0;
}
