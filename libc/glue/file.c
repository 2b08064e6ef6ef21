/* SPDX-License-Identifier: BSD-3-Clause */
/* File system calls newlib expects (open, read, write, ...), on top of the kernel's sys_*. */
#include <fcntl.h>
#include <stdarg.h>
#include <unistd.h>

#include "glue.h"

int open(const char *path, int flags, ...)
{
	int hermit_flags = glue_open_flags(flags);
	int mode = 0;
	va_list ap;

	if (hermit_flags < 0)
		return glue_fail(EINVAL);
	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = va_arg(ap, int) & 07777;
		va_end(ap);
	}
	return (int)glue_result(sys_open(path, hermit_flags, mode));
}

int close(int fd)
{
	return (int)glue_result(sys_close(fd));
}

ssize_t read(int fd, void *buf, size_t len)
{
	return glue_result(sys_read(fd, buf, len));
}

ssize_t write(int fd, const void *buf, size_t len)
{
	return glue_result(sys_write(fd, buf, len));
}

off_t lseek(int fd, off_t offset, int whence)
{
	return glue_result(sys_lseek(fd, offset, whence));
}

int fstat(int fd, struct stat *st)
{
	struct hermit_stat hst;
	int ret = sys_fstat(fd, &hst);

	if (ret < 0)
		return (int)glue_result(ret);
	glue_stat_from_hermit(st, &hst);
	return 0;
}

int stat(const char *path, struct stat *st)
{
	struct hermit_stat hst;
	int ret = sys_stat(path, &hst);

	if (ret < 0)
		return (int)glue_result(ret);
	glue_stat_from_hermit(st, &hst);
	return 0;
}

int isatty(int fd)
{
	int ret = sys_isatty(fd);

	if (ret == 1)
		return 1;
	errno = ret < 0 ? glue_errno_from_linux(-ret) : ENOTTY;
	return 0;
}

int unlink(const char *path)
{
	return (int)glue_result(sys_unlink(path));
}

/* The host interface has no hard links and no directories to create (newlib's rename()
 * is built on link(), so it fails with ENOSYS too). */
int link(const char *old, const char *new)
{
	(void)old;
	(void)new;
	return glue_fail(ENOSYS);
}

int mkdir(const char *path, mode_t mode)
{
	(void)path;
	(void)mode;
	return glue_fail(ENOSYS);
}

/* No exec, so close-on-exec is trivially honoured; file status flags are not tracked. */
int fcntl(int fd, int cmd, ...)
{
	(void)fd;
	switch (cmd) {
	case F_GETFD:
	case F_SETFD:
		return 0;
	default:
		return glue_fail(ENOSYS);
	}
}
