/* SPDX-License-Identifier: BSD-3-Clause */
/* File and directory system calls of host ABI version 2: argument checks, then the host. */
#include <hermit/abi_uhyve.h>
#include <hermit/syscall.h>
#include <kernel/kernel.h>
#include <kernel/platform.h>

#define NEED(p)                                                                                    \
	do {                                                                                       \
		if (!(p))                                                                          \
			return -HERMIT_EFAULT;                                                     \
	} while (0)

int sys_lstat(const char *path, struct hermit_stat *st)
{
	NEED(path && st);
	return hcall_lstat(path, st);
}
int sys_access(const char *path, int mode)
{
	NEED(path);
	return hcall_access(path, mode);
}
int sys_mkdir(const char *path, int mode)
{
	NEED(path);
	return hcall_mkdir(path, mode);
}
int sys_rmdir(const char *path)
{
	NEED(path);
	return hcall_rmdir(path);
}
int sys_chmod(const char *path, int mode)
{
	NEED(path);
	return hcall_chmod(path, mode);
}
int sys_truncate(const char *path, int64_t len)
{
	NEED(path);
	return hcall_truncate(path, len);
}
int sys_chdir(const char *path)
{
	NEED(path);
	return hcall_chdir(path);
}
int sys_rename(const char *old, const char *new)
{
	NEED(old && new);
	return hcall_rename(old, new);
}
int sys_link(const char *old, const char *new)
{
	NEED(old && new);
	return hcall_link(old, new);
}
int sys_symlink(const char *target, const char *path)
{
	NEED(target && path);
	return hcall_symlink(target, path);
}

int64_t sys_readlink(const char *path, char *buf, size_t len)
{
	NEED(path && buf);
	return hcall_readlink(path, buf, len);
}

int64_t sys_realpath(const char *path, char *buf, size_t len)
{
	NEED(path && buf);
	return hcall_realpath(path, buf, len);
}

int64_t sys_getcwd(char *buf, size_t len)
{
	NEED(buf);
	return hcall_getcwd(buf, len);
}
int64_t sys_getdents(int fd, void *buf, size_t len)
{
	NEED(buf);
	return hcall_getdents(fd, buf, len);
}
int64_t sys_ttyname(int fd, char *buf, size_t len)
{
	NEED(buf);
	return hcall_ttyname(fd, buf, len);
}

int64_t sys_pread(int fd, void *buf, size_t len, int64_t off)
{
	return hcall_pread(fd, buf, len, off);
}

int64_t sys_pwrite(int fd, const void *buf, size_t len, int64_t off)
{
	return hcall_pwrite(fd, buf, len, off);
}

int sys_fsync(int fd, int datasync)
{
	return hcall_fsync(fd, datasync);
}
int sys_ftruncate(int fd, int64_t len)
{
	return hcall_ftruncate(fd, len);
}
int sys_fchmod(int fd, int mode)
{
	return hcall_fchmod(fd, mode);
}
int sys_fchdir(int fd)
{
	return hcall_fchdir(fd);
}
int sys_dup(int fd, int newfd, int cmd)
{
	return hcall_dup(fd, newfd, cmd);
}
int sys_getfl(int fd)
{
	return hcall_getfl(fd);
}
int sys_setfl(int fd, int flags)
{
	return hcall_setfl(fd, flags);
}
void sys_sync(void)
{
	hcall_sync();
}

int sys_utimens(const char *path, int fd, const int64_t times[4], int flags)
{
	NEED(times);
	return hcall_utimens(path, fd, times, flags);
}

int sys_statvfs(const char *path, int fd, struct hermit_statvfs *st)
{
	NEED(st);
	return hcall_statvfs(path, fd, st);
}

int sys_lock(int fd, int cmd, struct hermit_flock *fl)
{
	NEED(fl);
	return hcall_lock(fd, cmd, fl);
}

int sys_pipe(int fds[2], int flags)
{
	NEED(fds);
	return hcall_pipe(fds, flags);
}

int64_t sys_poll(void *fds, size_t nfds)
{
	if (nfds && !fds)
		return -HERMIT_EFAULT;
	return hcall_poll(fds, nfds);
}

int64_t sys_fdpath(int fd, char *buf, size_t len)
{
	NEED(buf);
	return hcall_fdpath(fd, buf, len);
}

int sys_eventfd(unsigned initval, int flags)
{
	return hcall_eventfd(initval, flags);
}
