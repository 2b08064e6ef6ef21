/* SPDX-License-Identifier: BSD-3-Clause */
/* Contracts of the isle channel server: the proxy's side of the ring of abi_isle.h. */
#ifndef PROXY_CHAN_H
#define PROXY_CHAN_H

#include <stdbool.h>
#include <stdint.h>

#include <hermit/abi_isle.h>

#include "uhyve.h"

/*
 * The server knows the isle only through its RAM window (isle address 0 = mem) and these
 * operations, so that unit tests can run it against a fake isle made of threads.
 */
struct proxy_chan_ops {
	/* Sleeps until the ring may hold an entry or the isle's state changed, at most
	 * timeout_us: 0, -ETIMEDOUT, -EINTR, -ESRCH (the isle is not running) or another -errno
	 * (the server then ends with PROXY_EX_OSERR). */
	int (*wait)(void *ctx, uint64_t timeout_us);
	/* Asked after every wait: 0 to go on, else the status to end with now (a signal, the
	 * timeout); it prints its own message. */
	int (*check_end)(void *ctx);
	void *ctx;
};

/*
 * One isle being served. vm.mem/vm.mem_size are the window, vm.files the guest's fd table;
 * the window is shared with an untrusted isle: the server reads each entry once into a local,
 * checks it, answers through uhyve's handlers and keeps its own copy of `tail`.
 */
struct proxy_chan {
	struct uhyve_vm vm;
	struct uhyve_vcpu vcpu; /* the CPU of the entry being served (vcpu.id) */
	struct hermit_isle_chan *chan;
	unsigned cpu_count; /* boot_info.cpu_count when serving began, at most HERMIT_MAX_CPUS */
	uint64_t tail;
	struct proxy_chan_ops ops;
	uint64_t first_request_ns; /* proxy_now_ns() at the first entry, 0 before */
	int end_status;            /* -1 while running; set by exit and panic */
};

#define PROXY_CHAN_WAIT_US 100000
/* How long a request may trail the isle state that announces it (see drain_late). */
#define PROXY_CHAN_LATE_NS (200ULL * 1000 * 1000)
#define PROXY_LOG_TAIL     40

/* Exit statuses of isle mode beyond proxy.h's (the same numbers as uhyve's). */
#define PROXY_EX_TIMEOUT 124
#define PROXY_EX_PANIC   125
#define PROXY_EX_CRASH   126 /* a bad ring entry: the isle broke the protocol */

/* Monotonic clock in ns, for the verbose timings. */
uint64_t proxy_now_ns(void);

/* Prepares c for a window of mem_size bytes at mem whose channel and boot information the
 * module has written; files is the guest's fd table (owned by the caller). Returns 0, or
 * -EINVAL with a message in err if the window is too small or the channel is not one of
 * HERMIT_ISLE_ABI_VERSION. */
int proxy_chan_init(struct proxy_chan *c, uint8_t *mem, uint64_t mem_size,
                    struct uhyve_files *files, const struct proxy_chan_ops *ops, char *err,
                    size_t errlen);

/* Serves entries already posted; returns the status to end with, or -1 to go on. */
int proxy_chan_drain(struct proxy_chan *c);

/* Serves the isle until it exits (its status & 0xff), panics (125), breaks the protocol
 * (126), stops underneath (125), or ops.check_end ends it. Prints one line for every end but
 * exit, and the kernel log tail for panics. */
int proxy_chan_serve(struct proxy_chan *c);

#endif
