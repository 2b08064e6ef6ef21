// SPDX-License-Identifier: GPL-2.0
/* Booting and stopping an isle: cores, ELF image, page tables, boot information, channel. */
#define pr_fmt(fmt) "hermit: " fmt

#include <linux/cpu.h>
#include <linux/delay.h>
#include <linux/elf.h>
#include <linux/kernel_read_file.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/vmalloc.h>
#include <asm/apic.h>
#include <asm/tsc.h>
#include "hermit.h"

#define HERMIT_MAX_SEGMENTS	16
#define PTE_P		0x001ULL
#define PTE_W		0x002ULL
#define PTE_U		0x004ULL
#define PTE_PWT		0x008ULL
#define PTE_PCD		0x010ULL
#define PTE_PS		0x080ULL
#define PTE_RAM		(PTE_P | PTE_W | PTE_U)

static_assert(ISLE_CPU_PARKED == HERMIT_ISLE_CPU_PARKED);
static_assert(ISLE_CPU_ENTERED == HERMIT_ISLE_CPU_ENTERED);
static_assert(offsetof(struct hermit_isle_cpu, start) == ISLE_CPU_START);
static_assert(offsetof(struct hermit_isle_cpu, state) == ISLE_CPU_STATE);
static_assert(sizeof(struct hermit_isle_cpu) == 1 << ISLE_CPU_SHIFT);

struct hermit_segment {
	u64 paddr, offset, filesz, memsz;
};

struct hermit_image {
	u64 entry, start, end;
	int nseg;
	struct hermit_segment seg[HERMIT_MAX_SEGMENTS];
};

/* Cores: pick or check the node's cores named by a `cpus` write. */
static int hermit_pick_count(struct hermit_isle *isle, unsigned int count,
			     struct cpumask *cpus)
{
	int cpu;

	if (count == 0 || count > HERMIT_MAX_CPUS) {
		pr_err("isle%d: core count %u out of range\n", isle->id, count);
		return -EINVAL;
	}
	cpumask_clear(cpus);
	for (cpu = nr_cpu_ids - 1; cpu > 0 && count; cpu--) {
		if (cpu_to_node(cpu) != isle->id || !cpu_online(cpu) ||
		    cpumask_test_cpu(cpu, &hermit_taken))
			continue;
		cpumask_set_cpu(cpu, cpus);
		count--;
	}
	if (count) {
		pr_err("isle%d: not enough free cores on node %d\n", isle->id,
		       isle->id);
		return -EBUSY;
	}
	return 0;
}

static int hermit_check_list(struct hermit_isle *isle, struct cpumask *cpus)
{
	int cpu;

	if (cpumask_empty(cpus) || cpumask_weight(cpus) > HERMIT_MAX_CPUS) {
		pr_err("isle%d: empty or too long core list\n", isle->id);
		return -EINVAL;
	}
	for_each_cpu(cpu, cpus) {
		if (cpu == 0) {
			pr_err("isle%d: core 0 cannot be taken\n", isle->id);
			return -EINVAL;
		}
		if (cpu_to_node(cpu) != isle->id) {
			pr_err("isle%d: core %d is not on node %d\n", isle->id,
			       cpu, isle->id);
			return -EINVAL;
		}
		if (!cpu_online(cpu) || cpumask_test_cpu(cpu, &hermit_taken)) {
			pr_err("isle%d: core %d is offline or taken\n",
			       isle->id, cpu);
			return -EBUSY;
		}
	}
	return 0;
}

/*
 * A single number is a count (the highest-numbered free cores of the node); a list needs
 * a ',' or a '-' ("3-3" or "3," names core 3 alone).
 */
int hermit_isle_parse_cpus(struct hermit_isle *isle, const char *buf,
			   struct cpumask *cpus)
{
	char tmp[64];
	unsigned int count;
	size_t len;

	len = strscpy(tmp, buf, sizeof(tmp)) < 0 ? 0 : strlen(tmp);
	while (len && (tmp[len - 1] == '\n' || tmp[len - 1] == ' '))
		tmp[--len] = '\0';
	if (!len) {
		pr_err("isle%d: empty or too long cpus value\n", isle->id);
		return -EINVAL;
	}
	if (!strpbrk(tmp, ",-")) {
		if (kstrtouint(tmp, 10, &count)) {
			pr_err("isle%d: cpus: '%s' is no count or list\n",
			       isle->id, tmp);
			return -EINVAL;
		}
		return hermit_pick_count(isle, count, cpus);
	}
	if (cpulist_parse(tmp, cpus)) {
		pr_err("isle%d: cpus: '%s' is no core list\n", isle->id, tmp);
		return -EINVAL;
	}
	return hermit_check_list(isle, cpus);
}

/* The image: an ELF64 x86_64 executable for HermitCore, loaded at its physical addresses. */
static int hermit_check_segment(struct hermit_isle *isle, const Elf64_Phdr *ph,
				size_t size)
{
	if (ph->p_filesz > ph->p_memsz ||
	    ph->p_offset > size || ph->p_filesz > size - ph->p_offset) {
		pr_err("isle%d: %s: segment beyond the file\n", isle->id,
		       isle->path);
		return -ENOEXEC;
	}
	if (ph->p_paddr < HERMIT_ISLE_IMAGE_MIN || ph->p_paddr > U64_MAX / 2 ||
	    ph->p_memsz > U64_MAX / 2) {
		pr_err("isle%d: %s: segment 0x%llx+0x%llx outside [2 MiB, 2^63)\n",
		       isle->id, isle->path, ph->p_paddr, ph->p_memsz);
		return -ENOEXEC;
	}
	/* A good image that needs more memory than the isle has: ENOMEM, as for exec. */
	if (ph->p_paddr + ph->p_memsz > isle->memsize) {
		pr_err("isle%d: %s: needs %llu MiB of memory, the isle has %llu MiB\n",
		       isle->id, isle->path,
		       (ph->p_paddr + ph->p_memsz + SZ_1M - 1) >> 20,
		       (u64)isle->memsize >> 20);
		return -ENOMEM;
	}
	return 0;
}

static int hermit_check_layout(struct hermit_isle *isle,
			       struct hermit_image *img)
{
	bool entry_ok = false;
	int i, j;

	if (!img->nseg) {
		pr_err("isle%d: %s: no loadable segment\n", isle->id,
		       isle->path);
		return -ENOEXEC;
	}
	img->start = U64_MAX;
	img->end = 0;
	for (i = 0; i < img->nseg; i++) {
		const struct hermit_segment *a = &img->seg[i];

		for (j = 0; j < i; j++) {
			const struct hermit_segment *b = &img->seg[j];

			if (a->paddr < b->paddr + b->memsz &&
			    b->paddr < a->paddr + a->memsz) {
				pr_err("isle%d: %s: segments overlap\n",
				       isle->id, isle->path);
				return -ENOEXEC;
			}
		}
		if (img->entry >= a->paddr && img->entry < a->paddr + a->memsz)
			entry_ok = true;
		img->start = min(img->start, a->paddr);
		img->end = max(img->end, a->paddr + a->memsz);
	}
	if (!entry_ok) {
		pr_err("isle%d: %s: entry outside the segments\n", isle->id,
		       isle->path);
		return -ENOEXEC;
	}
	return 0;
}

static int hermit_parse_elf(struct hermit_isle *isle, const void *buf,
			    size_t size, struct hermit_image *img)
{
	const Elf64_Ehdr *eh = buf;
	const Elf64_Phdr *ph;
	int i, ret;

	memset(img, 0, sizeof(*img));
	if (size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh->e_ident[EI_OSABI] != 0x42 || eh->e_machine != EM_X86_64 ||
	    eh->e_type != ET_EXEC) {
		pr_err("isle%d: %s: not a HermitCore image (ELF64, x86_64, OSABI 0x42)\n",
		       isle->id, isle->path);
		return -ENOEXEC;
	}
	if (eh->e_phentsize != sizeof(*ph) || eh->e_phoff > size ||
	    (u64)eh->e_phnum * sizeof(*ph) > size - eh->e_phoff) {
		pr_err("isle%d: %s: bad program headers\n", isle->id,
		       isle->path);
		return -ENOEXEC;
	}
	img->entry = eh->e_entry;
	ph = buf + eh->e_phoff;
	for (i = 0; i < eh->e_phnum; i++, ph++) {
		if (ph->p_type != PT_LOAD || !ph->p_memsz)
			continue;
		ret = hermit_check_segment(isle, ph, size);
		if (ret)
			return ret;
		if (img->nseg == HERMIT_MAX_SEGMENTS) {
			pr_err("isle%d: %s: too many segments\n", isle->id,
			       isle->path);
			return -ENOEXEC;
		}
		img->seg[img->nseg++] = (struct hermit_segment){
			.paddr = ph->p_paddr, .offset = ph->p_offset,
			.filesz = ph->p_filesz, .memsz = ph->p_memsz,
		};
	}
	return hermit_check_layout(isle, img);
}

static int hermit_load_image(struct hermit_isle *isle, struct hermit_image *img)
{
	void *buf = NULL;
	size_t file_size;
	ssize_t len;
	int i, ret;

	if (!isle->path[0]) {
		pr_err("isle%d: no image path set\n", isle->id);
		return -ENOENT;
	}
	len = kernel_read_file_from_path(isle->path, 0, &buf, isle->memsize,
					 &file_size, READING_UNKNOWN);
	if (len < 0) {
		pr_err("isle%d: cannot read %s (%zd)\n", isle->id, isle->path,
		       len);
		return len == -EFBIG ? -ENOMEM : len;
	}
	ret = hermit_parse_elf(isle, buf, len, img);
	if (ret)
		goto out_free;
	for (i = 0; i < img->nseg; i++) {
		const struct hermit_segment *s = &img->seg[i];

		memcpy(isle->mem + s->paddr, buf + s->offset, s->filesz);
		memset(isle->mem + s->paddr + s->filesz, 0,
		       s->memsz - s->filesz);
	}
out_free:
	vfree(buf);
	return ret;
}

/* Page tables: V -> base + V, 2 MiB pages; first 2 MiB in 4 KiB pages (see hermit.h). */
static u64 *hermit_table(struct hermit_isle *isle, u64 addr)
{
	return isle->mem + addr;
}

static void hermit_build_tables(struct hermit_isle *isle)
{
	u64 base = isle->base, flags = PTE_RAM;
	u64 *pml4 = hermit_table(isle, HERMIT_PT_PML4);
	u64 *pdpt = hermit_table(isle, HERMIT_PT_PDPT);
	u64 *low = hermit_table(isle, HERMIT_PT_LOW);
	u64 *pt, v, p;
	int i;

	memset(pml4, 0, HERMIT_PT_END(isle->memsize) - HERMIT_PT_PML4);
	pml4[0] = (base + HERMIT_PT_PDPT) | flags;
	for (v = 0; v < isle->memsize; v += SZ_1G)
		pdpt[v / SZ_1G] = (base + HERMIT_PT_PD + v / SZ_1G * 0x1000) |
				  flags;
	for (v = 0; v < isle->memsize; v += SZ_2M) {
		pt = hermit_table(isle, HERMIT_PT_PD + v / SZ_1G * 0x1000);
		pt[(v % SZ_1G) / SZ_2M] = (base + v) | flags | PTE_PS;
	}
	pt = hermit_table(isle, HERMIT_PT_PD);
	pt[0] = (base + HERMIT_PT_LOW) | flags;
	for (i = 1; i < 512; i++)	/* page 0 stays not present */
		low[i] = (base + i * 0x1000ULL) | flags;
	for (p = isle->tramp_phys; p < isle->tramp_phys + HERMIT_SLICE_SIZE;
	     p += 0x1000)
		low[p / 0x1000] = p | flags;	/* identity: the trampoline */

	pml4[HERMIT_XAPIC_VADDR >> 39] = (base + HERMIT_PT_APIC_PDPT) | flags;
	pt = hermit_table(isle, HERMIT_PT_APIC_PDPT);
	pt[(HERMIT_XAPIC_VADDR >> 30) & 511] = (base + HERMIT_PT_APIC_PD) | flags;
	pt = hermit_table(isle, HERMIT_PT_APIC_PD);
	pt[(HERMIT_XAPIC_VADDR >> 21) & 511] = (base + HERMIT_PT_APIC_PT) | flags;
	pt = hermit_table(isle, HERMIT_PT_APIC_PT);
	pt[(HERMIT_XAPIC_VADDR >> 12) & 511] = HERMIT_XAPIC_PHYS | flags |
						PTE_PCD | PTE_PWT;
}

static void hermit_build_bootinfo(struct hermit_isle *isle,
				  const struct hermit_image *img,
				  const struct cpumask *cpus, size_t args_size)
{
	struct hermit_boot_info *bi = hermit_bootinfo(isle);
	int cpu, i = 0;

	memset(bi, 0, sizeof(*bi));
	bi->magic = HERMIT_BOOT_MAGIC;
	bi->version = HERMIT_BOOT_VERSION;
	bi->size = sizeof(*bi);
	bi->platform = HERMIT_PLATFORM_ISLE;
	bi->priv_model = HERMIT_PRIV_CLASSIC;
	bi->numa_node = isle->id;
	for_each_cpu(cpu, cpus)
		bi->apic_id[i++] = per_cpu(x86_cpu_to_apicid, cpu);
	bi->cpu_count = i;
	bi->ram_start = 0;
	bi->ram_size = isle->memsize;
	bi->image_start = img->start;
	bi->image_end = img->end;
	bi->free_start = ALIGN(img->end, 4096);
	bi->page_table_root = HERMIT_PT_PML4;
	bi->args_addr = HERMIT_ISLE_ARGS_ADDR;
	bi->args_size = args_size;
	bi->tsc_khz = tsc_khz;
	bi->phys_offset = isle->base;
	bi->xapic_addr = HERMIT_XAPIC_VADDR;
	bi->isle_chan = HERMIT_ISLE_CHAN_ADDR;
	bi->isle = isle->id;
}

static void hermit_build_chan(struct hermit_isle *isle)
{
	struct hermit_isle_chan *chan = hermit_chan(isle);

	memset(chan, 0, sizeof(*chan));
	chan->magic = HERMIT_ISLE_CHAN_MAGIC;
	chan->version = HERMIT_ISLE_ABI_VERSION;
	chan->size = sizeof(*chan);
	chan->state = HERMIT_ISLE_BOOTING;
	hermit_dev_notify_setup(isle);
}

/* The ioctl's blob, else argv = { path } and no environment. Returns its size. */
static size_t hermit_build_args(struct hermit_isle *isle)
{
	struct hermit_args *args = isle->mem + HERMIT_ISLE_ARGS_ADDR;
	size_t len = strlen(isle->path) + 1;

	if (isle->args) {
		memcpy(args, isle->args, isle->args_size);
		return isle->args_size;
	}
	args->argc = 1;
	args->envc = 0;
	args->strings_size = len;
	memcpy(args->strings, isle->path, len);
	return sizeof(*args) + len;
}

/* A 64-bit interrupt gate (type 0xe, present, DPL 0) to `target` in SEL_CODE64. */
static void hermit_idt_gate(void *gate, u64 target)
{
	u64 *g = gate;

	g[0] = (target & 0xffff) | ((u64)SEL_CODE64 << 16) | (0x8eULL << 40) |
	       ((target & 0xffff0000ULL) << 32);
	g[1] = target >> 32;
}

static void hermit_build_tramp(struct hermit_isle *isle,
			       const struct hermit_image *img)
{
	size_t tp_off = hermit_tramp_params - hermit_tramp_start;
	u32 p = isle->tramp_phys;
	void *tp = isle->tramp + tp_off;
	u64 *gdt = tp + TP_GDT;
	u32 *apic = tp + TP_APIC;
	struct hermit_boot_info *bi = hermit_bootinfo(isle);
	u32 i;

	memset(isle->tramp, 0, HERMIT_SLICE_SIZE);
	memcpy(isle->tramp, hermit_tramp_start,
	       hermit_tramp_end - hermit_tramp_start);
	gdt[0] = 0;
	gdt[1] = 0x00af9a000000ffffULL;	/* 0x08: code, 64-bit, DPL 0 */
	gdt[2] = 0x00cf92000000ffffULL;	/* 0x10: data, writable, 4 GiB */
	gdt[3] = 0x00cf9a000000ffffULL;	/* 0x18: code, 32-bit, 4 GiB */
	*(u16 *)(tp + TP_GDTR) = 4 * 8 - 1;
	*(u32 *)(tp + TP_GDTR + 2) = p + tp_off + TP_GDT;
	*(u32 *)(tp + TP_FAR32) = p + (hermit_tramp_pm32 - hermit_tramp_start);
	*(u16 *)(tp + TP_FAR32 + 4) = SEL_CODE32;
	*(u32 *)(tp + TP_FAR64) = p + (hermit_tramp_lm64 - hermit_tramp_start);
	*(u16 *)(tp + TP_FAR64 + 4) = SEL_CODE64;
	*(u64 *)(tp + TP_CR3) = isle->base + HERMIT_PT_PML4;
	*(u64 *)(tp + TP_ENTRY) = img->entry;
	*(u64 *)(tp + TP_BOOTINFO) = HERMIT_ISLE_BOOTINFO_ADDR;
	*(u64 *)(tp + TP_CHANCPU) = HERMIT_ISLE_CHAN_ADDR +
				    offsetof(struct hermit_isle_chan, cpu);
	*(u64 *)(tp + TP_XAPIC) = HERMIT_XAPIC_VADDR;
	*(u32 *)(tp + TP_COUNT) = bi->cpu_count;
	for (i = 0; i < bi->cpu_count; i++)
		apic[i] = bi->apic_id[i];
	*(u64 *)(tp + TP_STATE) = HERMIT_ISLE_CHAN_ADDR +
				  offsetof(struct hermit_isle_chan, state);
	*(u16 *)(tp + TP_IDTR) = 16 * TP_IDT_VECS - 1;
	*(u64 *)(tp + TP_IDTR + 2) = p + tp_off + TP_IDT;
	for (i = 0; i < TP_IDT_VECS; i++)
		hermit_idt_gate(tp + TP_IDT + 16 * i,
				p + (hermit_tramp_dead - hermit_tramp_start));
	memcpy(isle->tramp + HERMIT_TP_PML4,
	       hermit_table(isle, HERMIT_PT_PML4), 4096);
}

/* INIT (assert, deassert) puts a core in wait-for-SIPI, whatever it was doing. */
static void hermit_send_init(u32 apicid)
{
	unsigned long flags;

	local_irq_save(flags);
	apic->icr_write(APIC_INT_LEVELTRIG | APIC_INT_ASSERT | APIC_DM_INIT,
			apicid);
	safe_apic_wait_icr_idle();
	apic->icr_write(APIC_INT_LEVELTRIG | APIC_DM_INIT, apicid);
	safe_apic_wait_icr_idle();
	local_irq_restore(flags);
}

static void hermit_send_sipi(u32 apicid, u32 vector)
{
	unsigned long flags;
	int i;

	local_irq_save(flags);
	for (i = 0; i < 2; i++) {
		apic->icr_write(APIC_DM_STARTUP | vector, apicid);
		safe_apic_wait_icr_idle();
		udelay(200);
	}
	local_irq_restore(flags);
}

/* Gives the isle's cores back to Linux; the hotplug veto is lifted first. */
static void hermit_release_cores(struct hermit_isle *isle)
{
	int i, cpu, ret;

	for (i = 0; i < isle->ncpus; i++) {
		cpu = isle->cpus[i];
		cpumask_clear_cpu(cpu, &hermit_taken);
		ret = add_cpu(cpu);
		if (ret)
			pr_err("isle%d: add_cpu(%d) failed (%d)\n", isle->id,
			       cpu, ret);
	}
	isle->ncpus = 0;
}

static int hermit_take_cores(struct hermit_isle *isle,
			     const struct cpumask *cpus)
{
	int cpu, ret;

	isle->ncpus = 0;
	for_each_cpu(cpu, cpus) {
		cpumask_set_cpu(cpu, &hermit_taken);
		ret = remove_cpu(cpu);
		if (ret) {
			cpumask_clear_cpu(cpu, &hermit_taken);
			pr_err("isle%d: remove_cpu(%d) failed (%d)\n",
			       isle->id, cpu, ret);
			hermit_release_cores(isle);
			return ret;
		}
		isle->cpus[isle->ncpus++] = cpu;
	}
	return 0;
}

/* Waits until every core has reached the trampoline's long-mode part. */
static int hermit_wait_parked(struct hermit_isle *isle)
{
	struct hermit_isle_chan *chan = hermit_chan(isle);
	unsigned long deadline = jiffies + 2 * HZ;
	int i;

	for (i = 0; i < isle->ncpus; i++) {
		while (READ_ONCE(chan->cpu[i].state) == HERMIT_ISLE_CPU_OFF) {
			if (time_after(jiffies, deadline)) {
				pr_err("isle%d: core %d did not start\n",
				       isle->id, isle->cpus[i]);
				return -EIO;
			}
			usleep_range(100, 200);
		}
	}
	return 0;
}

int hermit_isle_boot(struct hermit_isle *isle, const struct cpumask *cpus)
{
	struct hermit_image *img;
	size_t args_size;
	int i, ret;

	if (isle->running) {
		pr_err("isle%d: already running\n", isle->id);
		return -EBUSY;
	}
	img = kmalloc(sizeof(*img), GFP_KERNEL);
	if (!img)
		return -ENOMEM;
	memset(isle->mem, 0, HERMIT_PT_END(isle->memsize));
	ret = hermit_load_image(isle, img);
	if (ret)
		goto out_free;
	hermit_build_tables(isle);
	args_size = hermit_build_args(isle);
	hermit_build_bootinfo(isle, img, cpus, args_size);
	hermit_build_chan(isle);
	hermit_build_tramp(isle, img);

	ret = hermit_take_cores(isle, cpus);
	if (ret)
		goto out_free;
	isle->running = true;
	hermit_bootinfo(isle)->boot_time_ns = ktime_get_real_ns();
	wmb();	/* everything above is in memory before the first SIPI */
	for (i = 0; i < isle->ncpus; i++) {
		u32 apicid = per_cpu(x86_cpu_to_apicid, isle->cpus[i]);

		hermit_send_init(apicid);
		usleep_range(10000, 11000);
		hermit_send_sipi(apicid, isle->tramp_phys >> 12);
	}
	ret = hermit_wait_parked(isle);
	if (ret)
		hermit_isle_stop(isle);
	else
		pr_info("isle%d: booted %s on %*pbl\n", isle->id, isle->path,
			cpumask_pr_args(cpus));
out_free:
	kfree(img);
	return ret;
}

void hermit_isle_stop(struct hermit_isle *isle)
{
	int i;

	if (!isle->running)
		return;
	for (i = 0; i < isle->ncpus; i++)
		hermit_send_init(per_cpu(x86_cpu_to_apicid, isle->cpus[i]));
	hermit_release_cores(isle);
	WRITE_ONCE(isle->running, false);
	wake_up_all(&isle->wq);
	pr_info("isle%d: stopped\n", isle->id);
}

/* The kernel's log ring, oldest byte first; everything is checked against the window. */
ssize_t hermit_isle_read_log(struct hermit_isle *isle, char *buf, loff_t off,
			     size_t count)
{
	struct hermit_boot_info *bi = hermit_bootinfo(isle);
	struct hermit_klog *klog;
	u64 addr, size, head, valid, start, i;

	if (READ_ONCE(bi->magic) != HERMIT_BOOT_MAGIC)
		return 0;
	addr = READ_ONCE(bi->klog_addr);
	if (!addr || addr % 8 || addr >= isle->memsize ||
	    isle->memsize - addr < sizeof(*klog))
		return 0;
	klog = isle->mem + addr;
	size = READ_ONCE(klog->size);
	if (!size || !is_power_of_2(size) ||
	    size > isle->memsize - addr - sizeof(*klog))
		return 0;
	head = smp_load_acquire(&klog->head);
	valid = min(head, size);
	if (off < 0 || off >= valid)
		return 0;
	count = min_t(u64, count, valid - off);
	start = head - valid + off;
	for (i = 0; i < count; i++)
		buf[i] = READ_ONCE(klog->data[(start + i) & (size - 1)]);
	return count;
}
