/* SPDX-License-Identifier: BSD-3-Clause */
/* The platform the kernel runs on (uhyve, later isles): host services as a table of calls. */
#ifndef KERNEL_PLATFORM_H
#define KERNEL_PLATFORM_H

#include <stddef.h>
#include <stdint.h>

struct hermit_stat;

/* Every call returns -errno (Linux numbering) on failure. Calls may block the CPU. */
struct platform_ops {
	const char *name;
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
};

extern const struct platform_ops *platform;

/* Chooses the platform from the boot information; 0 or -EINVAL. */
int platform_init(void);

extern const struct platform_ops platform_uhyve;

#endif
