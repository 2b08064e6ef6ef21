/* SPDX-License-Identifier: BSD-3-Clause */
/* <sys/poll.h> is <poll.h>. */
#include <poll.h>
