/* SPDX-License-Identifier: BSD-3-Clause */
/* Isle ABI: the isle's memory layout, the shared-memory system-call channel between an isle
 * kernel and the Linux proxy, and the character device of the Linux module (linux/). */
#ifndef HERMIT_ABI_ISLE_H
#define HERMIT_ABI_ISLE_H

#ifdef __KERNEL__
#include <linux/types.h> /* the Linux module */
#else
#include <stdint.h>
#endif
#include <hermit/boot_info.h>

/*
 * An isle is a HermitCore kernel running on cores and memory that the Linux module took from
 * one NUMA node. Its RAM is one physically contiguous window [base, base + memsize) of the
 * host; the kernel sees it from virtual address 0 (boot_info.phys_offset = base), and so does
 * the proxy, which maps the window through /dev/hermit-isleN. "Isle address" below means such
 * a virtual address, the same thing a guest physical address is under uhyve: the proxy
 * translates it with the same checked function and serves the same calls (abi_uhyve.h).
 *
 * Fixed isle addresses (the module builds everything below HERMIT_ISLE_IMAGE_MIN):
 */
#define HERMIT_ISLE_BOOTINFO_ADDR 0x1000ULL  /* struct hermit_boot_info */
#define HERMIT_ISLE_CHAN_ADDR     0x10000ULL /* struct hermit_isle_chan */
#define HERMIT_ISLE_CHAN_MAXSIZE  0x10000ULL
#define HERMIT_ISLE_ARGS_ADDR     0x100000ULL /* struct hermit_args, packed by the proxy */
#define HERMIT_ISLE_ARGS_MAX      0x100000ULL
#define HERMIT_ISLE_IMAGE_MIN     0x200000ULL /* images are linked at 2 MiB (hermit.ld) */
/* [0x20000, 0x100000): the module's page tables and descriptor tables, and the identity
 * mapped window of the start trampoline below 1 MiB (module parameter, see linux/README.md).
 * Isle address 0 is not mapped (NULL pointers fault). */

#define HERMIT_ISLE_ABI_VERSION 1
#define HERMIT_ISLE_CHAN_MAGIC  0x4e414843454c5349ULL /* "ISLECHAN" in memory order */
#define HERMIT_ISLE_RING        128 /* entries; a power of two > HERMIT_MAX_CPUS */

/*
 * One request. A CPU of the isle has at most one request outstanding (it waits for the answer
 * with interrupts masked), so the ring cannot overflow: head - tail <= cpu_count.
 * Protocol, isle side: idx = atomic fetch-add(head, 1); fill nr, cpu, arg of ring[idx % RING];
 * store-release seq = idx + 1; full barrier; if linux_waiting, send the notification IPI;
 * then wait until cpu[c].done == idx + 1 (load-acquire).
 * Proxy side: while ring[tail % RING].seq == tail + 1 (load-acquire): copy the entry, serve it
 * exactly like the uhyve hypercall `nr` whose argument struct is at isle address `arg`
 * (copy, validate, act, write back only OUT fields), store-release cpu[c].done = tail + 1,
 * tail++. An entry with a bad nr, cpu or arg ends the isle (the proxy prints why, exit 126).
 */
struct hermit_isle_req {
	uint64_t seq; /* IN: ring index + 1, stored last */
	uint32_t nr;  /* IN: enum uhyve_hypercall */
	uint32_t cpu; /* IN: logical CPU that waits for the answer */
	uint64_t arg; /* IN: isle address of the argument struct, 8-byte aligned */
	uint64_t reserved;
};

/* Per logical CPU, one cache line. */
struct hermit_isle_cpu {
	uint64_t done;  /* proxy: seq of the last request answered for this CPU */
	uint32_t start; /* kernel: 1 = the parked core may enter the kernel (rsi = its index) */
	uint32_t state; /* trampoline/kernel: HERMIT_ISLE_CPU_* */
	uint64_t reserved[6];
};

enum hermit_isle_cpu_state {
	HERMIT_ISLE_CPU_OFF = 0,
	HERMIT_ISLE_CPU_PARKED = 1,  /* in the trampoline, polling `start` (pause loop) */
	HERMIT_ISLE_CPU_ENTERED = 2, /* jumped to the image entry */
};

enum hermit_isle_state {
	HERMIT_ISLE_BOOTING = 0, /* module: set before the first core starts */
	HERMIT_ISLE_RUNNING = 1, /* kernel: platform initialised */
	HERMIT_ISLE_EXITED = 2,  /* kernel: the application called exit (exit_status valid) */
	HERMIT_ISLE_PANICKED = 3 /* kernel: panic or fatal exception, see the log */
};

struct hermit_isle_chan {
	/* IN, written by the module before boot */
	uint64_t magic;   /* HERMIT_ISLE_CHAN_MAGIC */
	uint32_t version; /* HERMIT_ISLE_ABI_VERSION */
	uint32_t size;    /* sizeof(struct hermit_isle_chan) */
	/* Notification isle -> Linux: a fixed-delivery IPI in physical destination mode to this
	 * APIC id with this vector (a Linux CPU and an interrupt the module owns); vector 0 means
	 * none (Linux polls). The module may change both while the isle runs. */
	uint32_t notify_apic_id;
	uint32_t notify_vector;
	/* module: 1 while the proxy sleeps in HERMIT_ISLE_IOC_WAIT (notify only then) */
	uint32_t linux_waiting;
	/* kernel: enum hermit_isle_state; exit_status is valid with HERMIT_ISLE_EXITED */
	uint32_t state;
	int32_t exit_status;
	uint32_t reserved0;
	/* kernel: isle address of its struct hermit_mmnif (abi_mmnif.h), 0 until the
	 * application attached the network link */
	uint64_t mmnif_addr;
	uint64_t reserved1[2];

	uint64_t head __attribute__((aligned(64))); /* isle CPUs: next ring index to fill */
	uint64_t reserved2[7];
	uint64_t tail; /* proxy: next ring index to serve */
	uint64_t reserved3[7];

	struct hermit_isle_cpu cpu[HERMIT_MAX_CPUS];
	struct hermit_isle_req ring[HERMIT_ISLE_RING];
};

_Static_assert(sizeof(struct hermit_isle_req) == 32, "hermit_isle_req layout");
_Static_assert(sizeof(struct hermit_isle_cpu) == 64, "hermit_isle_cpu layout");
_Static_assert(sizeof(struct hermit_isle_chan) == 192 + 64 * 64 + 32 * 128, "isle chan layout");
_Static_assert(sizeof(struct hermit_isle_chan) <= HERMIT_ISLE_CHAN_MAXSIZE, "isle chan size");
_Static_assert(HERMIT_ISLE_RING > HERMIT_MAX_CPUS, "ring must hold one request per CPU");

/*
 * The module's interface to the proxy.
 *
 * /sys/hermit/memsize (read): bytes of isle memory reserved in all.
 * /sys/hermit/isleN/ (N = NUMA node), each file one value and a newline:
 *   path     (rw) absolute path of the image to boot
 *   memsize  (rw) bytes of the node's reservation the isle uses (multiple of 2 MiB)
 *   base     (r)  physical address of the isle's RAM
 *   cpus     (rw) write a count ("2") or a list ("3", "2-3", "2,3") of the node's cores to
 *                 boot the isle, "-1" to stop it; reads the cores in use, "-1" when stopped
 *                 or after a failed boot
 *   log      (r)  the isle kernel's log ring (boot_info.klog_addr), oldest byte first
 * Errors are -errno from write(2): -EINVAL (garbage, bad list, core 0, core not on the node,
 * not a HermitCore image), -EBUSY (isle running, core taken), -ENOMEM (memsize too large),
 * -ENOENT (path missing), with one line in the kernel log naming the cause.
 *
 * /dev/hermit-isleN: one opener at a time (-EBUSY otherwise). Closing it while the isle runs
 * stops the isle (so a proxy killed by any signal frees its cores).
 *   ioctl HERMIT_ISLE_IOC_SET_ARGS (before boot): copies the struct hermit_args blob at
 *     user address `addr`, `size` bytes (<= HERMIT_ISLE_ARGS_MAX), to HERMIT_ISLE_ARGS_ADDR
 *     at the next boot. Without it the isle gets argv = { path } and no environment.
 *   ioctl HERMIT_ISLE_IOC_WAIT, argument = timeout in microseconds: returns 0 as soon as the
 *     ring holds an unserved entry or the isle's state is no longer RUNNING/BOOTING;
 *     -ETIMEDOUT after the timeout, -EINTR on a signal, -ESRCH if the isle is not running.
 *   mmap offset 0, length <= memsize, MAP_SHARED: the isle's RAM (isle address 0 = offset 0),
 *     the mapping stays valid after the isle stops (the memory stays reserved; the next
 *     boot reuses it).
 */
struct hermit_isle_args_req {
	uint64_t addr; /* user address of the struct hermit_args blob */
	uint64_t size; /* bytes */
};

#define HERMIT_ISLE_DEV_PREFIX "/dev/hermit-isle"

#ifdef _IOW
#define HERMIT_ISLE_IOC_SET_ARGS _IOW('h', 1, struct hermit_isle_args_req)
#define HERMIT_ISLE_IOC_WAIT     _IO('h', 2)
#endif

#endif
