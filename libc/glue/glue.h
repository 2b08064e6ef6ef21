/* SPDX-License-Identifier: BSD-3-Clause */
/* Internal contracts of the C library glue: conversions between the kernel's Linux-style
 * ABI (syscall.h, abi_uhyve.h) and newlib's numbering, and the errno helper. */
#ifndef HERMIT_LIBC_GLUE_H
#define HERMIT_LIBC_GLUE_H

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>

#include <hermit/abi_uhyve.h>
#include <hermit/syscall.h>

/* The conversions are pure functions (no errno, no kernel call): tests/ runs them on the
 * host, compiled against newlib's headers. */

/* newlib errno value for a Linux x86_64 errno (positive); EIO for one newlib lacks. */
int glue_errno_from_linux(int linux_errno);

/* HERMIT_O_* flags for newlib O_* flags, or -1 when a flag has no HermitCore meaning. */
int glue_open_flags(int newlib_flags);

/* Fills newlib's struct stat from the kernel's; fields newlib lacks are dropped. */
void glue_stat_from_hermit(struct stat *out, const struct hermit_stat *in);

/* HERMIT_CLOCK_* for a newlib clockid_t, or -1 for a clock HermitCore does not have. */
int glue_clock_from_newlib(clockid_t clock);

/* Sets errno from a kernel result: negative values are -errno (Linux numbering).
 * Returns -1 for those, the result itself otherwise. */
static inline int64_t glue_result(int64_t ret)
{
	if (ret < 0) {
		errno = glue_errno_from_linux((int)-ret);
		return -1;
	}
	return ret;
}

/* pipe.c: fds whose host end never blocks (pipes), and whether the application asked for
 * O_NONBLOCK on them; glue_wait_fd polls until fd has one of `events` (0 or -errno). */
#define GLUE_FD_PIPE     0x1
#define GLUE_FD_NONBLOCK 0x2
extern unsigned char glue_fd_flags[1024];
int glue_wait_fd(int fd, short events);

/* signal.c: delivers sig now (in the caller) or, while it is blocked, makes it pending;
 * glue_signal_seq is bumped after each delivery (pause, sigsuspend wait on it). */
void glue_signal_deliver(int sig, siginfo_t *info);
extern volatile int32_t glue_signal_seq;

/* fs.c: utimensat's work; ts NULL = now, flags HERMIT_AT_SYMLINK_NOFOLLOW. */
int glue_utimens(const char *path, int fd, const struct timespec *ts, int flags);

/* Sets errno (newlib numbering) and returns -1. */
static inline int glue_fail(int newlib_errno)
{
	errno = newlib_errno;
	return -1;
}

#endif
