/* SPDX-License-Identifier: BSD-3-Clause */
/* How the file calls (read, write, close, poll, fcntl, ioctl, fstat, dup) reach sockets.
 *
 * A socket descriptor is a slot of the one descriptor table the host keeps for the guest
 * (uhyve or the isle proxy): socket.c reserves it with a placeholder (a host /dev/null or a
 * duplicate of a standard stream), so socket and file descriptors come from the same
 * lowest-free numbering and can never collide. glue_fd_flags[fd] has GLUE_FD_SOCKET while the
 * slot belongs to an lwIP socket; the file calls then hand the descriptor to the functions
 * below, which live in socket.c (liblwip.a). They are declared weak: an image that never
 * calls socket() links no lwIP, and then no descriptor has GLUE_FD_SOCKET. */
#ifndef HERMIT_LIBC_SOCKET_HOOKS_H
#define HERMIT_LIBC_SOCKET_HOOKS_H

#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

#define GLUE_FD_SOCKET 0x4 /* in glue_fd_flags (glue.h): the fd is an lwIP socket */

extern unsigned char glue_fd_flags[1024];

static inline int glue_is_socket(int fd)
{
	return fd >= 0 && fd < 1024 && (glue_fd_flags[fd] & GLUE_FD_SOCKET);
}

/* Each returns what the file call returns (-1 with errno set on failure). */
__attribute__((weak)) ssize_t glue_sock_read(int fd, void *buf, size_t len);
__attribute__((weak)) ssize_t glue_sock_write(int fd, const void *buf, size_t len);
/* `iov` is a struct iovec array. */
__attribute__((weak)) ssize_t glue_sock_readv(int fd, const void *iov, int n);
__attribute__((weak)) ssize_t glue_sock_writev(int fd, const void *iov, int n);
/* Closes the lwIP socket and frees the descriptor's slot on the host. */
__attribute__((weak)) int glue_sock_close(int fd);
/* poll() over `fds` (struct pollfd, Linux's POLL* bits) when glue_poll_has_socket() says
 * one of them is a socket; host descriptors in the same set are polled too. */
__attribute__((weak)) int glue_sock_poll(void *fds, unsigned n, int timeout_ms);
/* O_NONBLOCK: set (1), clear (0) or query (-1); returns the state before or -1. */
__attribute__((weak)) int glue_sock_nonblock(int fd, int on);
/* ioctl with Linux's request numbers (FIONBIO, FIONREAD). */
__attribute__((weak)) int glue_sock_ioctl(int fd, unsigned long req, void *arg);
__attribute__((weak)) int glue_sock_fstat(int fd, struct stat *st);

static inline int glue_poll_has_socket(const void *fds, unsigned n)
{
	const struct {
		int fd;
		short events, revents;
	} *p = fds;

	for (unsigned i = 0; i < n; i++)
		if (glue_is_socket(p[i].fd))
			return 1;
	return 0;
}

#endif
