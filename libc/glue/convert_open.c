/* SPDX-License-Identifier: BSD-3-Clause */
/* Converts newlib's open(2) flags to the kernel's HERMIT_O_* (Linux) values. */
#include <fcntl.h>

#include "glue.h"

static const struct {
	int newlib;
	int hermit;
} open_flags[] = {
    {O_CREAT, HERMIT_O_CREAT},       {O_EXCL, HERMIT_O_EXCL},
    {O_TRUNC, HERMIT_O_TRUNC},       {O_APPEND, HERMIT_O_APPEND},
    {O_NONBLOCK, HERMIT_O_NONBLOCK}, {O_DIRECTORY, HERMIT_O_DIRECTORY},
    {O_NOFOLLOW, HERMIT_O_NOFOLLOW}, {O_CLOEXEC, HERMIT_O_CLOEXEC},
};

/* Flags that mean nothing without terminals or exec: accepted and dropped. */
#define OPEN_FLAGS_IGNORED O_NOCTTY

int glue_open_flags(int newlib_flags)
{
	int rest = newlib_flags & ~(O_ACCMODE | OPEN_FLAGS_IGNORED);
	int hermit;
	size_t i;

	switch (newlib_flags & O_ACCMODE) {
	case O_RDONLY:
		hermit = HERMIT_O_RDONLY;
		break;
	case O_WRONLY:
		hermit = HERMIT_O_WRONLY;
		break;
	case O_RDWR:
		hermit = HERMIT_O_RDWR;
		break;
	default:
		return -1;
	}
	for (i = 0; i < sizeof(open_flags) / sizeof(open_flags[0]); i++) {
		if (rest & open_flags[i].newlib) {
			hermit |= open_flags[i].hermit;
			rest &= ~open_flags[i].newlib;
		}
	}
	/* O_SYNC, O_EXEC, O_DIRECT, ...: the host cannot honour them, so say so. */
	return rest ? -1 : hermit;
}
