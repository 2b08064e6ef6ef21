/* SPDX-License-Identifier: BSD-3-Clause */
/* sysconf() and the CPU count, which newlib leaves to the system. */
#include <time.h>
#include <unistd.h>

#include "glue.h"

long sysconf(int name)
{
	switch (name) {
	case _SC_NPROCESSORS_ONLN:
	case _SC_NPROCESSORS_CONF:
		return (long)sys_ncpus();
	case _SC_PAGESIZE:
		return getpagesize();
	case _SC_CLK_TCK:
		return CLOCKS_PER_SEC;
	default:
		return glue_fail(EINVAL);
	}
}
