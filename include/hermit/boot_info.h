/* SPDX-License-Identifier: BSD-3-Clause */
/* Boot information: what a loader (uhyve, or the Linux isle module) hands the kernel at entry. */
#ifndef HERMIT_BOOT_INFO_H
#define HERMIT_BOOT_INFO_H

#ifdef __KERNEL__
#include <linux/types.h> /* the Linux isle module */
#else
#include <stdint.h>
#endif

/*
 * Entry contract (every loader, every CPU):
 *  - 64-bit long mode, paging on, CPL0, interrupts off (RFLAGS = 0x2);
 *  - rip = ELF entry point of the image; rdi = (virtual) address of struct hermit_boot_info;
 *    rsi = logical CPU index (0 = boot CPU); rsp is undefined: the kernel sets its own;
 *  - all of RAM [ram_start, ram_start + ram_size) is mapped with the U/S bit set (so that the
 *    deprivileged model can run kernel code at CPL3), rooted at page_table_root: virtual
 *    address V is physical address V + phys_offset (0 under uhyve: an identity map; an isle's
 *    RAM is a window of the host's physical memory seen from virtual address 0);
 *  - cr0 has PG|PE|WP|NE|MP|ET, cr4 has PAE|OSFXSR|OSXMMEXCPT, EFER has LME|LMA|NXE (0xD00).
 * Only the boot CPU is started by the loader; other CPUs start when the kernel asks the
 * platform (hypercall UHYVE_HC_CPU_START under uhyve, the channel's cpu[].start word on an
 * isle), with the same contract.
 *
 * Fields marked IN are written by the loader before entry; OUT fields by the kernel.
 */

#define HERMIT_BOOT_MAGIC   0x544f4f42544d5248ULL /* "HRMTBOOT" in memory order */
#define HERMIT_BOOT_VERSION 2
#define HERMIT_MAX_CPUS     64

/* boot_info.flags */
#define HERMIT_BOOT_RAM_ZERO       0x1 /* RAM from free_start to its end is zero-filled */
#define HERMIT_BOOT_PAGE0_UNMAPPED 0x2 /* virtual page 0 is not mapped (NULL faults) */

enum hermit_platform {
	HERMIT_PLATFORM_UHYVE = 1, /* hypercalls by port I/O, see abi_uhyve.h */
	HERMIT_PLATFORM_ISLE = 2,  /* next to Linux on taken cores, see abi_isle.h */
};

/* How the kernel uses the privilege levels; chosen by the loader, fixed for the run. */
enum hermit_priv_model {
	/* All code at CPL0, cli/sti, system calls are function calls (hardware KVM, isles). */
	HERMIT_PRIV_CLASSIC = 0,
	/* Application and most of the kernel at CPL3; CPL0 only in short entry stubs
	 * (interrupts, exceptions, idle) - for KVMs that emulate CPL0 code (PVM). */
	HERMIT_PRIV_DEPRIV = 1,
};

/*
 * Arguments and environment, packed by the loader at args_addr:
 *   struct hermit_args header, then argc NUL-terminated strings, then envc NUL-terminated
 *   strings, all inside strings_size bytes. The kernel validates counts against the size.
 */
struct hermit_args {
	uint32_t argc;
	uint32_t envc;
	uint64_t strings_size;
	char strings[];
};

struct hermit_boot_info {
	/* IN: identification */
	uint64_t magic;   /* HERMIT_BOOT_MAGIC */
	uint32_t version; /* HERMIT_BOOT_VERSION */
	uint32_t size;    /* sizeof(struct hermit_boot_info) as the loader knows it */

	/* IN: platform */
	uint32_t platform;   /* enum hermit_platform */
	uint32_t priv_model; /* enum hermit_priv_model */
	uint32_t numa_node;  /* host NUMA node the memory and CPUs come from */
	uint32_t cpu_count;  /* number of CPUs the kernel may start */
	uint32_t apic_id[HERMIT_MAX_CPUS];

	/* IN: memory, all virtual addresses (= physical under uhyve, see phys_offset) */
	uint64_t ram_start;       /* first byte of RAM */
	uint64_t ram_size;        /* bytes of RAM */
	uint64_t image_start;     /* lowest address of the loaded image */
	uint64_t image_end;       /* end of the loaded image including .bss */
	uint64_t free_start;      /* first byte the kernel may allocate (>= image_end) */
	uint64_t page_table_root; /* PML4 of the map of RAM (cr3 = this + phys_offset) */
	uint64_t args_addr;       /* struct hermit_args */
	uint64_t args_size;       /* bytes at args_addr */

	/* IN: time */
	uint64_t tsc_khz; /* TSC frequency, 0 if unknown (kernel calibrates) */
	uint64_t
	    boot_time_ns; /* host CLOCK_REALTIME in ns, taken just before the boot CPU starts */

	/* IN: platform specifics */
	uint16_t uhyve_port_base; /* first hypercall port (UHYVE_PORT_BASE) */
	uint16_t flags;           /* HERMIT_BOOT_* (0 from loaders that predate it) */
	uint16_t reserved0[2];

	/* OUT: written by the kernel so that the loader can show the log after a crash */
	uint64_t klog_addr; /* struct hermit_klog, 0 until the kernel has set it up */
	uint32_t cpus_online;
	uint32_t reserved1;

	/* IN (version 2): where RAM really is, and the isle platform; all 0 under uhyve */
	uint64_t phys_offset; /* physical address = virtual address + phys_offset */
	uint64_t xapic_addr;  /* virtual address of the local APIC's 4 KiB MMIO page, mapped
	                       * uncached; 0 if none is mapped (then the kernel needs x2APIC) */
	uint64_t isle_chan;   /* virtual address of struct hermit_isle_chan (abi_isle.h) */
	uint32_t isle;        /* isle number (= NUMA node) */
	/* IN: XCR0 in force at CPL3 when the guest cannot read it, 0 if unknown: uhyve on a
	 * software-assisted KVM, whose CPL3 code runs with the host's XCR0 (deprivileged only) */
	uint32_t user_xcr0;
};

/* The kernel log ring, readable by the loader (uhyve prints its tail after a panic). */
struct hermit_klog {
	uint64_t size; /* bytes in data[], a power of two */
	uint64_t head; /* total bytes ever written; data[(head - 1) % size] is the newest */
	char data[];
};

_Static_assert(sizeof(struct hermit_args) == 16, "hermit_args layout");
_Static_assert(sizeof(struct hermit_boot_info) == 424, "hermit_boot_info layout");

#endif
