/* SPDX-License-Identifier: BSD-3-Clause */
/* eventfd, as on Linux: a 64-bit counter behind a file descriptor (glue/pipe.c). */
#ifndef _SYS_EVENTFD_H
#define _SYS_EVENTFD_H

#include <fcntl.h>
#include <stdint.h>
#include <sys/cdefs.h>

typedef uint64_t eventfd_t;

#define EFD_SEMAPHORE 0x1
#define EFD_CLOEXEC   O_CLOEXEC
#define EFD_NONBLOCK  O_NONBLOCK

__BEGIN_DECLS
int eventfd(unsigned int, int);
int eventfd_read(int, eventfd_t *);
int eventfd_write(int, eventfd_t);
__END_DECLS

#endif
