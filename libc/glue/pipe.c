/* SPDX-License-Identifier: BSD-3-Clause */
/* Pipes, eventfds, poll and select. Host pipes and eventfds never block (a blocked host call
 * would stop a CPU or a whole isle): the library waits for them, yielding and then sleeping
 * between polls. */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "glue.h"
#include "socket_hooks.h"

#define FD_MAX 1024

/* Per guest fd: GLUE_FD_PIPE when the host end is non-blocking because of us, and
 * GLUE_FD_NONBLOCK when the application asked for O_NONBLOCK on it. */
unsigned char glue_fd_flags[FD_MAX];

int pipe2(int fds[2], int flags)
{
	int ret;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return glue_fail(EINVAL);
	ret = sys_pipe(fds, flags & O_CLOEXEC ? HERMIT_O_CLOEXEC : 0);
	if (ret < 0)
		return (int)glue_result(ret);
	for (int i = 0; i < 2; i++)
		if (fds[i] >= 0 && fds[i] < FD_MAX)
			glue_fd_flags[fds[i]] =
			    GLUE_FD_PIPE | (flags & O_NONBLOCK ? GLUE_FD_NONBLOCK : 0);
	return 0;
}

int pipe(int fds[2])
{
	return pipe2(fds, 0);
}

/* An eventfd is a host one (its counter in the host kernel, so that poll and select see it
 * with pipes and files); reads and writes of 8 bytes go through read/write, which wait as
 * for a pipe unless EFD_NONBLOCK. */
int eventfd(unsigned int initval, int flags)
{
	int fd;

	if (flags & ~(EFD_CLOEXEC | EFD_NONBLOCK | EFD_SEMAPHORE))
		return glue_fail(EINVAL);
	fd = sys_eventfd(initval, (flags & EFD_SEMAPHORE ? HERMIT_EFD_SEMAPHORE : 0) |
	                              (flags & EFD_CLOEXEC ? HERMIT_O_CLOEXEC : 0));
	if (fd < 0)
		return (int)glue_result(fd);
	if (fd < FD_MAX)
		glue_fd_flags[fd] = GLUE_FD_PIPE | (flags & EFD_NONBLOCK ? GLUE_FD_NONBLOCK : 0);
	return fd;
}

int eventfd_read(int fd, eventfd_t *value)
{
	return read(fd, value, sizeof(*value)) == sizeof(*value) ? 0 : -1;
}

int eventfd_write(int fd, eventfd_t value)
{
	return write(fd, &value, sizeof(value)) == sizeof(value) ? 0 : -1;
}

/* Waits between polls: yields first (the peer may be a thread on this CPU), then sleeps
 * 1 ms at a time. `round` counts the waits so far. */
static void backoff(unsigned round)
{
	struct hermit_timespec ts = {0, 1000000};

	if (round < 16)
		sys_yield();
	else
		sys_nanosleep(&ts);
}

int glue_wait_fd(int fd, short events)
{
	struct pollfd p = {.fd = fd, .events = events};

	for (unsigned round = 0;; round++) {
		int64_t n = sys_poll(&p, 1);

		if (n < 0)
			return (int)n;
		if (n > 0)
			return 0;
		backoff(round);
	}
}

static int64_t now_ms(void)
{
	struct hermit_timespec ts;

	sys_clock_gettime(HERMIT_CLOCK_MONOTONIC, &ts);
	return ts.sec * 1000 + ts.nsec / 1000000;
}

/* newlib's POLL* values are Linux's (poll.h here), so the array goes to the host as is. */
int poll(struct pollfd *fds, nfds_t n, int timeout)
{
	int64_t deadline = timeout > 0 ? now_ms() + timeout : 0;

	if (glue_poll_has_socket(fds, n))
		return glue_sock_poll(fds, n, timeout);
	if (n > UHYVE_POLL_MAX)
		return glue_fail(EINVAL);
	for (unsigned round = 0;; round++) {
		int64_t r = sys_poll(fds, n);

		if (r != 0 || timeout == 0 || (timeout > 0 && now_ms() >= deadline))
			return (int)glue_result(r);
		backoff(round);
	}
}

int ppoll(struct pollfd *fds, nfds_t n, const struct timespec *ts, const sigset_t *mask)
{
	(void)mask; /* no asynchronous signals to mask */
	if (ts && (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000))
		return glue_fail(EINVAL);
	return poll(fds, n, ts ? (int)(ts->tv_sec * 1000 + (ts->tv_nsec + 999999) / 1000000) : -1);
}

/* select on poll: one pollfd per fd named in any set. */
int select(int nfds, fd_set *r, fd_set *w, fd_set *e, struct timeval *tv)
{
	struct pollfd p[FD_SETSIZE];
	int n = 0, timeout, ret, count = 0;

	if (nfds < 0 || nfds > FD_SETSIZE ||
	    (tv && (tv->tv_sec < 0 || tv->tv_usec < 0 || tv->tv_usec >= 1000000)))
		return glue_fail(EINVAL);
	for (int fd = 0; fd < nfds; fd++) {
		short ev = (r && FD_ISSET(fd, r) ? POLLIN : 0) |
		           (w && FD_ISSET(fd, w) ? POLLOUT : 0) |
		           (e && FD_ISSET(fd, e) ? POLLPRI : 0);
		if (ev)
			p[n++] = (struct pollfd){.fd = fd, .events = ev};
	}
	timeout = tv ? (int)(tv->tv_sec * 1000 + (tv->tv_usec + 999) / 1000) : -1;
	ret = poll(p, n, timeout);
	if (ret < 0)
		return ret;
	for (int i = 0; i < n; i++)
		if (p[i].revents & POLLNVAL)
			return glue_fail(EBADF);
	if (r)
		FD_ZERO(r);
	if (w)
		FD_ZERO(w);
	if (e)
		FD_ZERO(e);
	for (int i = 0; i < n; i++) {
		short rv = p[i].revents;

		if (r && (rv & (POLLIN | POLLHUP | POLLERR)) && (p[i].events & POLLIN)) {
			FD_SET(p[i].fd, r);
			count++;
		}
		if (w && (rv & (POLLOUT | POLLERR)) && (p[i].events & POLLOUT)) {
			FD_SET(p[i].fd, w);
			count++;
		}
		if (e && (rv & POLLPRI)) {
			FD_SET(p[i].fd, e);
			count++;
		}
	}
	if (tv)
		*tv = (struct timeval){0, 0};
	return count;
}

int pselect(int nfds, fd_set *r, fd_set *w, fd_set *e, const struct timespec *ts,
            const sigset_t *mask)
{
	struct timeval tv;

	(void)mask;
	if (ts)
		tv = (struct timeval){ts->tv_sec, ts->tv_nsec / 1000};
	return select(nfds, r, w, e, ts ? &tv : NULL);
}
