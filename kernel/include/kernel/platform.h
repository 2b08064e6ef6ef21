/* SPDX-License-Identifier: BSD-3-Clause */
/* The platform the kernel runs on (uhyve, isles): host services as a table of calls. */
#ifndef KERNEL_PLATFORM_H
#define KERNEL_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct hermit_stat;
struct hermit_statvfs;
struct hermit_flock;
struct platform_net;

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
	int (*start_cpu)(unsigned cpu);
	__attribute__((noreturn)) void (*exit)(int status);
	__attribute__((noreturn)) void (*panic)(const char *msg);
	/* Time slices in the classic privilege model too (always on in the deprivileged one). */
	bool preempt_classic;
	/* The network link (kernel/include/kernel/net.h), NULL: none. */
	const struct platform_net *net;
	/* KVM's paravirtual EOI where the CPUID offers it (apic.c): the VM is ours (uhyve); an
	 * isle's core stays under Linux's (or its hypervisor's) settings. */
	bool pv_eoi;
};

extern const struct platform_ops *platform;

/* Chooses the platform from the boot information; 0 or -EINVAL. */
int platform_init(void);

extern const struct platform_ops platform_uhyve;
extern const struct platform_ops platform_isle;

/* isle.c: checks the channel named by the boot information and marks the isle running. */
int isle_init(void);
/* isle.c: the channel, and an unconditional notification IPI to Linux (none if the module
 * has no interrupt for the isle: it polls then). */
struct hermit_isle_chan *isle_channel(void);
void isle_kick_host(void);

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
int hcall_lstat(const char *path, struct hermit_stat *st);
int hcall_access(const char *path, int mode);
int hcall_mkdir(const char *path, int mode);
int hcall_rmdir(const char *path);
int hcall_chmod(const char *path, int mode);
int hcall_truncate(const char *path, int64_t len);
int hcall_chdir(const char *path);
int hcall_rename(const char *old, const char *new);
int hcall_link(const char *old, const char *new);
int hcall_symlink(const char *target, const char *path);
int64_t hcall_readlink(const char *path, char *buf, size_t len);
int64_t hcall_realpath(const char *path, char *buf, size_t len);
int64_t hcall_getcwd(char *buf, size_t len);
int64_t hcall_getdents(int fd, void *buf, size_t len);
int64_t hcall_ttyname(int fd, char *buf, size_t len);
int64_t hcall_pread(int fd, void *buf, size_t len, int64_t off);
int64_t hcall_pwrite(int fd, const void *buf, size_t len, int64_t off);
int hcall_fsync(int fd, int datasync);
int hcall_ftruncate(int fd, int64_t len);
int hcall_fchmod(int fd, int mode);
int hcall_fchdir(int fd);
int hcall_dup(int fd, int newfd, int cmd);
int hcall_getfl(int fd);
int hcall_setfl(int fd, int flags);
void hcall_sync(void);
int hcall_utimens(const char *path, int fd, const int64_t times[4], int flags);
int hcall_statvfs(const char *path, int fd, struct hermit_statvfs *st);
int hcall_lock(int fd, int cmd, struct hermit_flock *fl);
int hcall_pipe(int fds[2], int flags);
int64_t hcall_poll(void *fds, size_t nfds);
int64_t hcall_fdpath(int fd, char *buf, size_t len);
int hcall_eventfd(unsigned initval, int flags);
__attribute__((noreturn)) void hcall_exit(int status);
__attribute__((noreturn)) void hcall_panic(const char *msg);

#endif
