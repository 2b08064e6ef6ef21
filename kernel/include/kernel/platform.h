/* SPDX-License-Identifier: BSD-3-Clause */
/* The platform the kernel runs on (uhyve, isles): host services as a table of calls. */
#ifndef KERNEL_PLATFORM_H
#define KERNEL_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct hermit_stat;

/*
 * Every call returns -errno (Linux numbering) on failure. Calls may block the CPU.
 * The host calls are uhyve's (abi_uhyve.h) on every platform: hcall.c packs each into its
 * argument struct once, and the platform's `call` only transports the struct to the host.
 */
struct platform_ops {
	const char *name;
	/* Delivers host call `nr` (enum uhyve_hypercall) with its argument struct of `size`
	 * bytes and returns when the host has written the answer into it; never returns for
	 * UHYVE_HC_EXIT and UHYVE_HC_PANIC. Safe at CPL0 and in interrupt context. */
	void (*call)(unsigned nr, void *args, size_t size);
	int64_t (*write)(int fd, const void *buf, size_t len);
	int64_t (*read)(int fd, void *buf, size_t len);
	int (*open)(const char *path, int flags, int mode);
	int (*close)(int fd);
	int64_t (*lseek)(int fd, int64_t offset, int whence);
	int (*fstat)(int fd, struct hermit_stat *st);
	int (*stat)(const char *path, struct hermit_stat *st);
	int (*unlink)(const char *path);
	int (*start_cpu)(unsigned cpu);
	__attribute__((noreturn)) void (*exit)(int status);
	__attribute__((noreturn)) void (*panic)(const char *msg);
	/* Time slices in the classic privilege model too (always on in the deprivileged one). */
	bool preempt_classic;
};

extern const struct platform_ops *platform;

/* Chooses the platform from the boot information; 0 or -EINVAL. */
int platform_init(void);

extern const struct platform_ops platform_uhyve;
extern const struct platform_ops platform_isle;

/* isle.c: checks the channel named by the boot information and marks the isle running. */
int isle_init(void);

/* hcall.c: the host calls, packed once for all platforms (through platform->call). */
int64_t hcall_write(int fd, const void *buf, size_t len);
int64_t hcall_read(int fd, void *buf, size_t len);
int hcall_open(const char *path, int flags, int mode);
int hcall_close(int fd);
int64_t hcall_lseek(int fd, int64_t offset, int whence);
int hcall_fstat(int fd, struct hermit_stat *st);
int hcall_stat(const char *path, struct hermit_stat *st);
int hcall_unlink(const char *path);
int hcall_cpu_start(unsigned cpu);
__attribute__((noreturn)) void hcall_exit(int status);
__attribute__((noreturn)) void hcall_panic(const char *msg);

#endif
