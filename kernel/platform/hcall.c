/* SPDX-License-Identifier: BSD-3-Clause */
/* The host calls of every platform, each packed into its uhyve argument struct (abi_uhyve.h). */
#include <hermit/abi_uhyve.h>
#include <kernel/kernel.h>
#include <kernel/platform.h>

/*
 * The address the host uses for a kernel pointer: the guest physical address under uhyve
 * (identity mapped), the isle address in an isle (the proxy maps the window from 0). Both
 * are the kernel's virtual address.
 */
static inline hermit_gpa_t gpa(const void *p)
{
	return (hermit_gpa_t){(uintptr_t)p};
}

int64_t hcall_write(int fd, const void *buf, size_t len)
{
	struct uhyve_rw a = {.fd = fd, .buf = gpa(buf), .len = len};
	platform->call(UHYVE_HC_WRITE, &a, sizeof(a));
	return a.ret;
}

int64_t hcall_read(int fd, void *buf, size_t len)
{
	struct uhyve_rw a = {.fd = fd, .buf = gpa(buf), .len = len};
	platform->call(UHYVE_HC_READ, &a, sizeof(a));
	return a.ret;
}

int hcall_open(const char *path, int flags, int mode)
{
	struct uhyve_open a = {.path = gpa(path), .flags = flags, .mode = mode};
	platform->call(UHYVE_HC_OPEN, &a, sizeof(a));
	return (int)a.ret;
}

int hcall_close(int fd)
{
	struct uhyve_close a = {.fd = fd};
	platform->call(UHYVE_HC_CLOSE, &a, sizeof(a));
	return a.ret;
}

int64_t hcall_lseek(int fd, int64_t offset, int whence)
{
	struct uhyve_lseek a = {.fd = fd, .whence = whence, .offset = offset};
	platform->call(UHYVE_HC_LSEEK, &a, sizeof(a));
	return a.ret;
}

int hcall_fstat(int fd, struct hermit_stat *st)
{
	struct uhyve_fstat a = {.fd = fd};
	platform->call(UHYVE_HC_FSTAT, &a, sizeof(a));
	if (a.ret == 0)
		*st = a.st;
	return a.ret;
}

int hcall_stat(const char *path, struct hermit_stat *st)
{
	struct uhyve_stat a = {.path = gpa(path)};
	platform->call(UHYVE_HC_STAT, &a, sizeof(a));
	if (a.ret == 0)
		*st = a.st;
	return a.ret;
}

int hcall_unlink(const char *path)
{
	struct uhyve_unlink a = {.path = gpa(path)};
	platform->call(UHYVE_HC_UNLINK, &a, sizeof(a));
	return a.ret;
}

int hcall_cpu_start(unsigned cpu)
{
	struct uhyve_cpu_start a = {.cpu = cpu};
	platform->call(UHYVE_HC_CPU_START, &a, sizeof(a));
	return a.ret;
}

__noreturn void hcall_exit(int status)
{
	struct uhyve_exit a = {.status = status};
	for (;;)
		platform->call(UHYVE_HC_EXIT, &a, sizeof(a));
}

__noreturn void hcall_panic(const char *msg)
{
	struct uhyve_panic a = {.msg = gpa(msg)};
	for (;;)
		platform->call(UHYVE_HC_PANIC, &a, sizeof(a));
}
