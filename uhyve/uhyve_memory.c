/* SPDX-License-Identifier: BSD-3-Clause */
/* Guest RAM (allocation, huge pages, prefault) and the boot layout uhyve writes into it. */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "uhyve.h"

#ifndef MAP_HUGE_2MB
#define MAP_HUGE_2MB (21 << 26)
#endif
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

#define PTE_P  0x1ULL
#define PTE_W  0x2ULL
#define PTE_U  0x4ULL /* set everywhere: the deprivileged kernel runs at CPL3 */
#define PTE_PS 0x80ULL

static void *map_hugetlb(uint64_t size)
{
	/* Without MAP_NORESERVE the pool is reserved now: mmap fails if it is too small. */
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
	               MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB | MAP_HUGE_2MB, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

int uhyve_mem_alloc(struct uhyve_vm *vm)
{
	void *p = NULL;

	if (vm->opt->hugepages) {
		p = map_hugetlb(vm->mem_size);
		if (!p)
			warnx("warning: hugetlbfs pool has no room for %llu MiB (see "
			      "/proc/sys/vm/nr_hugepages), using normal pages",
			      (unsigned long long)(vm->mem_size >> 20));
		vm->mem_hugetlb = p != NULL;
	}
	if (!p) {
		p = mmap(NULL, vm->mem_size, PROT_READ | PROT_WRITE,
		         MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (p == MAP_FAILED)
			return -errno;
		/* Transparent huge pages: first touch costs ~35 ms instead of ~1.6 s per 256M. */
		madvise(p, vm->mem_size, MADV_HUGEPAGE);
	}
	vm->mem = p;
	return 0;
}

/* Touches all of RAM now, after the NUMA binding, so the guest never waits for faults. */
static void mem_prefault(struct uhyve_vm *vm)
{
	if (madvise(vm->mem, vm->mem_size, MADV_POPULATE_WRITE) == 0)
		return;
	for (uint64_t off = 0; off < vm->mem_size; off += 4096)
		vm->mem[off] = 0;
}

void uhyve_mem_free(struct uhyve_vm *vm)
{
	if (vm->mem)
		munmap(vm->mem, vm->mem_size);
	vm->mem = NULL;
}

static void write_gdt(struct uhyve_vm *vm)
{
	uint64_t *gdt = uhyve_gpa_p(vm, UHYVE_GDT_ADDR, 3 * sizeof(uint64_t));

	gdt[0] = 0;
	gdt[1] = 0x00AF9A000000FFFFULL; /* 0x08: code, 64-bit (L), DPL 0, present */
	gdt[2] = 0x00CF92000000FFFFULL; /* 0x10: data, writable, DPL 0, present */
}

/*
 * Identity map of all RAM: PML4[0] -> PDPT -> one PD per GiB, 2 MiB pages but for the first,
 * whose 4 KiB table leaves page 0 out so that NULL pointers fault. The kernel would otherwise
 * split that page itself and reload cr3, which a software-assisted KVM answers by dropping
 * its shadow page tables: ~0.27 ms of every start on PVM.
 */
static void write_page_tables(struct uhyve_vm *vm)
{
	uint64_t gib = (vm->mem_size + (1ULL << 30) - 1) >> 30;
	uint64_t *pml4 = uhyve_gpa_p(vm, UHYVE_PML4_ADDR, 4096);
	uint64_t *pdpt = uhyve_gpa_p(vm, UHYVE_PDPT_ADDR, 4096);
	uint64_t *pd = uhyve_gpa_p(vm, UHYVE_PD_ADDR, gib * 4096);
	uint64_t *pt0 = uhyve_gpa_p(vm, UHYVE_PT0_ADDR, 4096);

	pml4[0] = UHYVE_PDPT_ADDR | PTE_P | PTE_W | PTE_U;
	for (uint64_t g = 0; g < gib; g++)
		pdpt[g] = (UHYVE_PD_ADDR + g * 4096) | PTE_P | PTE_W | PTE_U;
	for (uint64_t a = 0; a < vm->mem_size; a += 2ULL << 20)
		pd[a >> 21] = a | PTE_P | PTE_W | PTE_U | PTE_PS;
	pt0[0] = 0;
	for (uint64_t i = 1; i < 512; i++)
		pt0[i] = (i << 12) | PTE_P | PTE_W | PTE_U;
	pd[0] = UHYVE_PT0_ADDR | PTE_P | PTE_W | PTE_U;
}

static int append_strings(char *dst, uint64_t room, uint64_t *used, int n, char **s)
{
	for (int i = 0; i < n; i++) {
		size_t len = strlen(s[i]) + 1;

		if (len > room - *used)
			return -1;
		memcpy(dst + *used, s[i], len);
		*used += len;
	}
	return 0;
}

static int write_args(struct uhyve_vm *vm, char **envp, uint64_t *size)
{
	struct hermit_args *a = uhyve_gpa_p(vm, UHYVE_ARGS_ADDR, UHYVE_ARGS_MAX);
	uint64_t room = UHYVE_ARGS_MAX - sizeof(*a), used = 0;
	int envc = 0;

	while (envp && envp[envc])
		envc++;
	if (append_strings(a->strings, room, &used, vm->opt->guest_argc, vm->opt->guest_argv) ||
	    append_strings(a->strings, room, &used, envc, envp)) {
		warnx("arguments and environment do not fit into the 1 MiB argument area");
		return -1;
	}
	a->argc = (uint32_t)vm->opt->guest_argc;
	a->envc = (uint32_t)envc;
	a->strings_size = used;
	*size = sizeof(*a) + used;
	return 0;
}

static void write_boot_info(struct uhyve_vm *vm, const struct uhyve_image *img, uint64_t args_size)
{
	struct hermit_boot_info *bi = uhyve_gpa_p(vm, UHYVE_BOOTINFO_ADDR, sizeof(*bi));

	memset(bi, 0, sizeof(*bi));
	bi->magic = HERMIT_BOOT_MAGIC;
	bi->version = HERMIT_BOOT_VERSION;
	bi->size = sizeof(*bi);
	bi->platform = HERMIT_PLATFORM_UHYVE;
	bi->priv_model = vm->priv_model;
	bi->numa_node = vm->node < 0 ? 0 : (uint32_t)vm->node;
	bi->cpu_count = vm->ncpus;
	for (unsigned i = 0; i < vm->ncpus; i++)
		bi->apic_id[i] = i;
	bi->ram_start = 0;
	bi->ram_size = vm->mem_size;
	bi->image_start = img->start;
	bi->image_end = img->end;
	bi->free_start = (img->end + 4095) & ~4095ULL;
	bi->page_table_root = UHYVE_PML4_ADDR;
	bi->args_addr = UHYVE_ARGS_ADDR;
	bi->args_size = args_size;
	bi->uhyve_port_base = UHYVE_PORT_BASE;
	bi->user_xcr0 = vm->user_xcr0;
	/* Fresh anonymous memory, nothing written above free_start before the guest runs;
	 * write_page_tables leaves page 0 out. */
	bi->flags = HERMIT_BOOT_RAM_ZERO | HERMIT_BOOT_PAGE0_UNMAPPED;
	/* tsc_khz and boot_time_ns are written by the boot vCPU thread just before its first
	 * KVM_RUN. */
	vm->boot_info = bi;
}

int uhyve_mem_layout(struct uhyve_vm *vm, const struct uhyve_image *img, char **envp)
{
	uint64_t args_size;

	if (vm->opt->prefault)
		mem_prefault(vm);
	write_gdt(vm);
	write_page_tables(vm);
	if (write_args(vm, envp, &args_size))
		return -1;
	write_boot_info(vm, img, args_size);
	return 0;
}
