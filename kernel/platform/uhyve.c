/* SPDX-License-Identifier: BSD-3-Clause */
/* Host services under uhyve: each call is one `out` of its argument struct's address. */
#include <hermit/abi_uhyve.h>
#include <kernel/arch.h>
#include <kernel/kernel.h>
#include <kernel/platform.h>
#include "../arch/x86_64/cpu.h"

static inline hermit_gpa_t gpa(const void *p)
{
	return (hermit_gpa_t){(uintptr_t)p}; /* RAM is identity mapped */
}

/*
 * The struct is copied to this CPU's bounce buffer (inside the image, so below 4 GiB as
 * the 32-bit port value requires), with interrupts masked so the thread stays on this CPU.
 */
static void hypercall(unsigned nr, void *args, size_t size)
{
	unsigned long flags = arch_irq_save();
	struct cpu *c = this_cpu();
	uint16_t port = boot_info->uhyve_port_base + nr;

	kmemcpy(c->hc_bounce, args, size);
	__asm__ volatile("outl %0, %1"
	                 :
	                 : "a"((uint32_t)(uintptr_t)c->hc_bounce), "Nd"(port)
	                 : "memory");
	kmemcpy(args, c->hc_bounce, size);
	arch_irq_restore(flags);
}

_Static_assert(sizeof(struct uhyve_stat) <= sizeof(((struct cpu *)0)->hc_bounce), "bounce");

static int64_t uhyve_write(int fd, const void *buf, size_t len)
{
	struct uhyve_rw a = {.fd = fd, .buf = gpa(buf), .len = len};
	hypercall(UHYVE_HC_WRITE, &a, sizeof(a));
	return a.ret;
}

static int64_t uhyve_read(int fd, void *buf, size_t len)
{
	struct uhyve_rw a = {.fd = fd, .buf = gpa(buf), .len = len};
	hypercall(UHYVE_HC_READ, &a, sizeof(a));
	return a.ret;
}

static int uhyve_open(const char *path, int flags, int mode)
{
	struct uhyve_open a = {.path = gpa(path), .flags = flags, .mode = mode};
	hypercall(UHYVE_HC_OPEN, &a, sizeof(a));
	return (int)a.ret;
}

static int uhyve_close(int fd)
{
	struct uhyve_close a = {.fd = fd};
	hypercall(UHYVE_HC_CLOSE, &a, sizeof(a));
	return a.ret;
}

static int64_t uhyve_lseek(int fd, int64_t offset, int whence)
{
	struct uhyve_lseek a = {.fd = fd, .whence = whence, .offset = offset};
	hypercall(UHYVE_HC_LSEEK, &a, sizeof(a));
	return a.ret;
}

static int uhyve_fstat(int fd, struct hermit_stat *st)
{
	struct uhyve_fstat a = {.fd = fd};
	hypercall(UHYVE_HC_FSTAT, &a, sizeof(a));
	if (a.ret == 0)
		*st = a.st;
	return a.ret;
}

static int uhyve_stat(const char *path, struct hermit_stat *st)
{
	struct uhyve_stat a = {.path = gpa(path)};
	hypercall(UHYVE_HC_STAT, &a, sizeof(a));
	if (a.ret == 0)
		*st = a.st;
	return a.ret;
}

static int uhyve_unlink(const char *path)
{
	struct uhyve_unlink a = {.path = gpa(path)};
	hypercall(UHYVE_HC_UNLINK, &a, sizeof(a));
	return a.ret;
}

static int uhyve_start_cpu(unsigned cpu)
{
	struct uhyve_cpu_start a = {.cpu = cpu};
	hypercall(UHYVE_HC_CPU_START, &a, sizeof(a));
	return a.ret;
}

static __noreturn void uhyve_exit(int status)
{
	struct uhyve_exit a = {.status = status};
	for (;;)
		hypercall(UHYVE_HC_EXIT, &a, sizeof(a));
}

static __noreturn void uhyve_panic(const char *msg)
{
	struct uhyve_panic a = {.msg = gpa(msg)};
	for (;;)
		hypercall(UHYVE_HC_PANIC, &a, sizeof(a));
}

const struct platform_ops platform_uhyve = {
    .name = "uhyve",
    .write = uhyve_write,
    .read = uhyve_read,
    .open = uhyve_open,
    .close = uhyve_close,
    .lseek = uhyve_lseek,
    .fstat = uhyve_fstat,
    .stat = uhyve_stat,
    .unlink = uhyve_unlink,
    .start_cpu = uhyve_start_cpu,
    .exit = uhyve_exit,
    .panic = uhyve_panic,
};
