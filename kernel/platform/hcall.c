/* SPDX-License-Identifier: BSD-3-Clause */
/* The host calls of every platform, each packed into its uhyve argument struct (abi_uhyve.h). */
#include <hermit/abi_uhyve.h>
#include <hermit/syscall.h>
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

/* ---- ABI version 2: files and directories ------------------------------------------------ */

static int path_op(unsigned nr, const char *path, int64_t arg)
{
	struct uhyve_path_op a = {.path = gpa(path), .arg = arg};
	platform->call(nr, &a, sizeof(a));
	return a.ret;
}

static int path2(unsigned nr, const char *old, const char *new)
{
	struct uhyve_path2 a = {.old = gpa(old), .new = gpa(new)};
	platform->call(nr, &a, sizeof(a));
	return a.ret;
}

static int64_t path_buf(unsigned nr, const char *path, char *buf, size_t len)
{
	struct uhyve_path_buf a = {
	    .path = {path ? (uintptr_t)path : 0}, .buf = gpa(buf), .len = len};
	platform->call(nr, &a, sizeof(a));
	return a.ret;
}

static int64_t fd_op(unsigned nr, int fd, int cmd, int64_t arg)
{
	struct uhyve_fd_op a = {.fd = fd, .cmd = cmd, .arg = arg};
	platform->call(nr, &a, sizeof(a));
	return a.ret;
}

int hcall_lstat(const char *path, struct hermit_stat *st)
{
	struct uhyve_stat a = {.path = gpa(path)};
	platform->call(UHYVE_HC_LSTAT, &a, sizeof(a));
	if (a.ret == 0)
		*st = a.st;
	return a.ret;
}

int hcall_access(const char *path, int mode)
{
	return path_op(UHYVE_HC_ACCESS, path, mode);
}
int hcall_mkdir(const char *path, int mode)
{
	return path_op(UHYVE_HC_MKDIR, path, mode);
}
int hcall_rmdir(const char *path)
{
	return path_op(UHYVE_HC_RMDIR, path, 0);
}
int hcall_chmod(const char *path, int mode)
{
	return path_op(UHYVE_HC_CHMOD, path, mode);
}
int hcall_truncate(const char *path, int64_t len)
{
	return path_op(UHYVE_HC_TRUNCATE, path, len);
}
int hcall_chdir(const char *path)
{
	return path_op(UHYVE_HC_CHDIR, path, 0);
}
int hcall_rename(const char *old, const char *new)
{
	return path2(UHYVE_HC_RENAME, old, new);
}
int hcall_link(const char *old, const char *new)
{
	return path2(UHYVE_HC_LINK, old, new);
}
int hcall_symlink(const char *target, const char *path)
{
	return path2(UHYVE_HC_SYMLINK, target, path);
}

int64_t hcall_readlink(const char *path, char *buf, size_t len)
{
	return path_buf(UHYVE_HC_READLINK, path, buf, len);
}

int64_t hcall_realpath(const char *path, char *buf, size_t len)
{
	return path_buf(UHYVE_HC_REALPATH, path, buf, len);
}

int64_t hcall_getcwd(char *buf, size_t len)
{
	return path_buf(UHYVE_HC_GETCWD, NULL, buf, len);
}

int64_t hcall_getdents(int fd, void *buf, size_t len)
{
	struct uhyve_rw a = {.fd = fd, .buf = gpa(buf), .len = len};
	platform->call(UHYVE_HC_GETDENTS, &a, sizeof(a));
	return a.ret;
}

int64_t hcall_ttyname(int fd, char *buf, size_t len)
{
	struct uhyve_rw a = {.fd = fd, .buf = gpa(buf), .len = len};
	platform->call(UHYVE_HC_TTYNAME, &a, sizeof(a));
	return a.ret;
}

int64_t hcall_pread(int fd, void *buf, size_t len, int64_t off)
{
	struct uhyve_prw a = {.fd = fd, .buf = gpa(buf), .len = len, .offset = off};
	platform->call(UHYVE_HC_PREAD, &a, sizeof(a));
	return a.ret;
}

int64_t hcall_pwrite(int fd, const void *buf, size_t len, int64_t off)
{
	struct uhyve_prw a = {.fd = fd, .buf = gpa(buf), .len = len, .offset = off};
	platform->call(UHYVE_HC_PWRITE, &a, sizeof(a));
	return a.ret;
}

int hcall_fsync(int fd, int datasync)
{
	return (int)fd_op(UHYVE_HC_FSYNC, fd, datasync, 0);
}
int hcall_ftruncate(int fd, int64_t len)
{
	return (int)fd_op(UHYVE_HC_FTRUNCATE, fd, 0, len);
}
int hcall_fchmod(int fd, int mode)
{
	return (int)fd_op(UHYVE_HC_FCHMOD, fd, 0, mode);
}
int hcall_fchdir(int fd)
{
	return (int)fd_op(UHYVE_HC_FCHDIR, fd, 0, 0);
}
int hcall_dup(int fd, int newfd, int cmd)
{
	return (int)fd_op(UHYVE_HC_DUP, fd, cmd, newfd);
}
int hcall_getfl(int fd)
{
	return (int)fd_op(UHYVE_HC_GETFL, fd, 0, 0);
}
int hcall_setfl(int fd, int flags)
{
	return (int)fd_op(UHYVE_HC_SETFL, fd, 0, flags);
}
void hcall_sync(void)
{
	fd_op(UHYVE_HC_SYNC, -1, 0, 0);
}

int hcall_utimens(const char *path, int fd, const int64_t times[4], int flags)
{
	struct uhyve_utimens a = {.path = {path ? (uintptr_t)path : 0}, .fd = fd, .flags = flags};
	for (int i = 0; i < 4; i++)
		a.times[i] = times[i];
	platform->call(UHYVE_HC_UTIMENS, &a, sizeof(a));
	return a.ret;
}

int hcall_statvfs(const char *path, int fd, struct hermit_statvfs *st)
{
	struct uhyve_statvfs a = {.path = {path ? (uintptr_t)path : 0}, .fd = fd};
	platform->call(UHYVE_HC_STATVFS, &a, sizeof(a));
	if (a.ret == 0)
		*st = a.st;
	return a.ret;
}

int hcall_lock(int fd, int cmd, struct hermit_flock *fl)
{
	struct uhyve_lock a = {.fd = fd,
	                       .cmd = cmd,
	                       .type = fl->type,
	                       .whence = fl->whence,
	                       .start = fl->start,
	                       .len = fl->len};
	platform->call(UHYVE_HC_LOCK, &a, sizeof(a));
	if (a.ret == 0) {
		fl->type = a.type;
		fl->whence = a.whence;
		fl->start = a.start;
		fl->len = a.len;
	}
	return a.ret;
}

int hcall_pipe(int fds[2], int flags)
{
	struct uhyve_pipe a = {.flags = flags};
	platform->call(UHYVE_HC_PIPE, &a, sizeof(a));
	fds[0] = a.fds[0];
	fds[1] = a.fds[1];
	return a.ret;
}

int64_t hcall_poll(void *fds, size_t nfds)
{
	struct uhyve_poll a = {.fds = gpa(fds), .nfds = nfds};
	platform->call(UHYVE_HC_POLL, &a, sizeof(a));
	return a.ret;
}

/* ---- ABI version 3 ----------------------------------------------------------------------- */

int64_t hcall_fdpath(int fd, char *buf, size_t len)
{
	struct uhyve_rw a = {.fd = fd, .buf = gpa(buf), .len = len};
	platform->call(UHYVE_HC_FDPATH, &a, sizeof(a));
	return a.ret;
}

int hcall_eventfd(unsigned initval, int flags)
{
	struct uhyve_eventfd a = {.initval = initval, .flags = flags};
	platform->call(UHYVE_HC_EVENTFD, &a, sizeof(a));
	return a.ret;
}
