/* SPDX-License-Identifier: BSD-3-Clause */
/* File system calls newlib expects (open, read, write, ...), on top of the kernel's sys_*. */
#include <fcntl.h>
#include <stdarg.h>
#include <unistd.h>

#include "glue.h"
#include "socket_hooks.h"

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
	if (glue_is_socket(fd))
		return glue_sock_close(fd);
	/* The flags go before the host frees the number: after that, another thread's socket(),
	 * accept() or pipe() may get it and set its own, which a late clear would wipe (a
	 * socket then read as a file). */
	if (fd >= 0 && fd < 1024)
		__atomic_store_n(&glue_fd_flags[fd], 0, __ATOMIC_RELEASE);
	return (int)glue_result(sys_close(fd));
}

/* A pipe the application did not make non-blocking: wait until it can move data. */
static int must_wait(int fd, int64_t ret)
{
	return ret == -HERMIT_EAGAIN && fd >= 0 && fd < 1024 &&
	       (glue_fd_flags[fd] & (GLUE_FD_PIPE | GLUE_FD_NONBLOCK)) == GLUE_FD_PIPE;
}

ssize_t read(int fd, void *buf, size_t len)
{
	int64_t ret;

	if (glue_is_socket(fd))
		return glue_sock_read(fd, buf, len);
	while (must_wait(fd, ret = sys_read(fd, buf, len)))
		if ((ret = glue_wait_fd(fd, 0x1 /* POLLIN */)) < 0)
			break;
	return glue_result(ret);
}

ssize_t write(int fd, const void *buf, size_t len)
{
	int64_t ret;

	if (glue_is_socket(fd))
		return glue_sock_write(fd, buf, len);
	while (must_wait(fd, ret = sys_write(fd, buf, len)))
		if ((ret = glue_wait_fd(fd, 0x4 /* POLLOUT */)) < 0)
			break;
	return glue_result(ret);
}

off_t lseek(int fd, off_t offset, int whence)
{
	return glue_result(sys_lseek(fd, offset, whence));
}

int fstat(int fd, struct stat *st)
{
	struct hermit_stat hst;
	int ret;

	if (glue_is_socket(fd))
		return glue_sock_fstat(fd, st);
	ret = sys_fstat(fd, &hst);

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
