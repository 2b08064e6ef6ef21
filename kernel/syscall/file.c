/* SPDX-License-Identifier: BSD-3-Clause */
/* File system calls: forwarded to the host by the platform. */
#include <hermit/abi_uhyve.h>
#include <hermit/syscall.h>
#include <kernel/kernel.h>
#include <kernel/platform.h>

#define S_IFMT  0170000
#define S_IFCHR 0020000

int64_t sys_write(int fd, const void *buf, size_t len)
{
	return hcall_write(fd, buf, len);
}

int64_t sys_read(int fd, void *buf, size_t len)
{
	return hcall_read(fd, buf, len);
}

int sys_open(const char *path, int flags, int mode)
{
	if (!path)
		return -HERMIT_EFAULT;
	return hcall_open(path, flags, mode);
}

int sys_close(int fd)
{
	return hcall_close(fd);
}

int64_t sys_lseek(int fd, int64_t offset, int whence)
{
	return hcall_lseek(fd, offset, whence);
}

int sys_fstat(int fd, struct hermit_stat *st)
{
	if (!st)
		return -HERMIT_EFAULT;
	return hcall_fstat(fd, st);
}

int sys_stat(const char *path, struct hermit_stat *st)
{
	if (!path || !st)
		return -HERMIT_EFAULT;
	return hcall_stat(path, st);
}

int sys_unlink(const char *path)
{
	if (!path)
		return -HERMIT_EFAULT;
	return hcall_unlink(path);
}

int sys_isatty(int fd)
{
	struct hermit_stat st;
	int ret = hcall_fstat(fd, &st);
	if (ret < 0)
		return ret;
	return (st.mode & S_IFMT) == S_IFCHR;
}
