/* SPDX-License-Identifier: GPL-2.0 */
/* Internal contracts of hermit.ko: isle state, layout, trampoline parameters. */
#ifndef HERMIT_MODULE_H
#define HERMIT_MODULE_H

/*
 * The trampoline slice: 8 KiB per isle in the boot-time reservation below 1 MiB
 * (module parameter lowmem). Page 0 holds the start code and the parameters the
 * module fills before the SIPI (hermit_tramp_params); page 1 holds a copy of the
 * isle's PML4, the page-table root used while the core is still in 32-bit mode
 * (CR3 must lie below 4 GiB there).
 */
#define HERMIT_LOWMEM_SIZE	0x8000
#define HERMIT_SLICE_SIZE	0x2000
#define HERMIT_MAX_ISLES	(HERMIT_LOWMEM_SIZE / HERMIT_SLICE_SIZE)
#define HERMIT_TP_PML4		0x1000	/* PML4 copy, offset in the slice */

/* Offsets inside the parameter block (shared with hermit_trampoline.S). */
#define TP_GDT		0x00	/* 4 descriptors: null, 64-bit code, data, 32-bit code */
#define TP_GDTR		0x28	/* u16 limit, u32 linear base */
#define TP_FAR32	0x30	/* u32 offset, u16 selector: protected-mode entry */
#define TP_FAR64	0x38	/* u32 offset, u16 selector: long-mode entry */
#define TP_CR3		0x40	/* u64: physical address of the isle PML4 */
#define TP_ENTRY	0x48	/* u64: image entry (isle address) */
#define TP_BOOTINFO	0x50	/* u64: isle address of struct hermit_boot_info */
#define TP_CHANCPU	0x58	/* u64: isle address of chan->cpu[0] */
#define TP_XAPIC	0x60	/* u64: isle address of the local APIC page */
#define TP_COUNT	0x68	/* u32: entries in TP_APIC */
#define TP_APIC		0x70	/* u32[HERMIT_MAX_CPUS]: APIC id per logical index */
#define TP_IDTR		0x170	/* u16 limit, u64 base: the early IDT below */
#define TP_STATE	0x180	/* u64: isle address of chan->state */
#define TP_IDT		0x200	/* 32 interrupt gates, all to hermit_tramp_dead */
#define TP_IDT_VECS	32
#define TP_END		(TP_IDT + 16 * TP_IDT_VECS)
#define ISLE_PANICKED	3	/* HERMIT_ISLE_PANICKED */

#define SEL_CODE64	0x08
#define SEL_DATA	0x10
#define SEL_CODE32	0x18

/* struct hermit_isle_cpu: offsets of start and state (abi_isle.h) */
#define ISLE_CPU_START	8
#define ISLE_CPU_STATE	12
#define ISLE_CPU_SHIFT	6
#define ISLE_CPU_PARKED	1	/* HERMIT_ISLE_CPU_PARKED */
#define ISLE_CPU_ENTERED 2	/* HERMIT_ISLE_CPU_ENTERED */

#ifndef __ASSEMBLY__
#include <linux/types.h>
#include <linux/kobject.h>
#include <linux/mutex.h>
#include <linux/wait.h>
#include <linux/cpumask.h>
#include <linux/miscdevice.h>
#include <hermit/abi_isle.h>

/*
 * Isle-address layout below HERMIT_ISLE_IMAGE_MIN that the module builds
 * (abi_isle.h has the fixed part): page tables from HERMIT_PT_BASE, one page
 * each, in this order. Virtual 512 GiB (PML4 slot 1) maps the local APIC page
 * uncached.
 */
#define HERMIT_PT_BASE		0x20000ULL
#define HERMIT_PT_PML4		(HERMIT_PT_BASE + 0x0000)
#define HERMIT_PT_PDPT		(HERMIT_PT_BASE + 0x1000) /* [0, 512 GiB) */
#define HERMIT_PT_LOW		(HERMIT_PT_BASE + 0x2000) /* 4 KiB pages of [0, 2 MiB) */
#define HERMIT_PT_APIC_PDPT	(HERMIT_PT_BASE + 0x3000)
#define HERMIT_PT_APIC_PD	(HERMIT_PT_BASE + 0x4000)
#define HERMIT_PT_APIC_PT	(HERMIT_PT_BASE + 0x5000)
#define HERMIT_PT_PD		(HERMIT_PT_BASE + 0x6000) /* one PD per GiB of RAM */
#define HERMIT_PT_END(memsize) \
	(HERMIT_PT_PD + DIV_ROUND_UP((memsize), SZ_1G) * 0x1000)
#define HERMIT_XAPIC_VADDR	0x8000000000ULL
#define HERMIT_XAPIC_PHYS	0xfee00000ULL
#define HERMIT_MEMSIZE_MIN	(4ULL << 20)

/* One isle per configured NUMA node. */
struct hermit_isle {
	int id;			/* isle number = NUMA node */
	int slot;		/* index of the trampoline slice */
	phys_addr_t base;	/* physical start of the reservation */
	u64 size;		/* bytes reserved */
	void *mem;		/* memremap of [base, base + size) */
	phys_addr_t tramp_phys;	/* the isle's 8 KiB slice below 1 MiB */
	void *tramp;		/* memremap of the slice */
	struct kobject kobj;	/* /sys/hermit/isleN */

	/* Guarded by hermit_lock. */
	u64 memsize;		/* bytes the isle uses */
	char path[256];		/* image to boot, "" until set */
	bool running;		/* cores taken; read locklessly by WAIT */
	int ncpus;
	int cpus[HERMIT_MAX_CPUS];	/* Linux CPU per logical index */
	void *args;		/* blob from HERMIT_ISLE_IOC_SET_ARGS, or NULL */
	size_t args_size;

	/* The device. */
	char devname[24];
	struct miscdevice misc;
	bool misc_registered;
	unsigned long opened;	/* bit 0: single opener */
	wait_queue_head_t wq;	/* WAIT sleeps here; IRQ and stop wake it */
	int irq;		/* notification IRQ, 0 = polling */
	int irq_cpu;		/* Linux CPU the IRQ is pinned to */
};

extern struct mutex hermit_lock;	/* every boot, stop, and isle setting */
extern struct cpumask hermit_taken;	/* cores held by isles (hotplug veto) */
extern struct hermit_isle *hermit_isles[MAX_NUMNODES];

static inline struct hermit_isle_chan *hermit_chan(struct hermit_isle *isle)
{
	return isle->mem + HERMIT_ISLE_CHAN_ADDR;
}

static inline struct hermit_boot_info *hermit_bootinfo(struct hermit_isle *isle)
{
	return isle->mem + HERMIT_ISLE_BOOTINFO_ADDR;
}

/* hermit_isle.c, all with hermit_lock held */
int hermit_isle_boot(struct hermit_isle *isle, const struct cpumask *cpus);
void hermit_isle_stop(struct hermit_isle *isle);
int hermit_isle_parse_cpus(struct hermit_isle *isle, const char *buf,
			   struct cpumask *cpus);
ssize_t hermit_isle_read_log(struct hermit_isle *isle, char *buf, loff_t off,
			     size_t count);

/* hermit_dev.c */
int hermit_dev_init(struct hermit_isle *isle);
void hermit_dev_exit(struct hermit_isle *isle);
void hermit_dev_notify_setup(struct hermit_isle *isle);

/* hermit_net.c: the mmnif net_device */
int hermit_net_init(void);
void hermit_net_exit(void);
void hermit_net_notify(void);

/* hermit_trampoline.S: the start code, copied to the slice */
extern const u8 hermit_tramp_start[];
extern const u8 hermit_tramp_end[];
extern const u8 hermit_tramp_pm32[];
extern const u8 hermit_tramp_lm64[];
extern const u8 hermit_tramp_dead[];
extern const u8 hermit_tramp_params[];

#endif /* __ASSEMBLY__ */
#endif
