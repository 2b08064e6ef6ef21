/* SPDX-License-Identifier: BSD-3-Clause */
/* poll(2), with Linux's event bits. */
#ifndef _POLL_H
#define _POLL_H

#include <sys/cdefs.h>
#include <sys/_sigset.h>
#include <sys/_timespec.h>

struct pollfd {
	int fd;
	short events;
	short revents;
};

typedef unsigned int nfds_t;

#define POLLIN     0x001
#define POLLPRI    0x002
#define POLLOUT    0x004
#define POLLERR    0x008
#define POLLHUP    0x010
#define POLLNVAL   0x020
#define POLLRDNORM 0x040
#define POLLRDBAND 0x080
#define POLLWRNORM 0x100
#define POLLWRBAND 0x200

__BEGIN_DECLS
int poll(struct pollfd *, nfds_t, int);
int ppoll(struct pollfd *, nfds_t, const struct timespec *, const __sigset_t *);
__END_DECLS

#endif
