/* SPDX-License-Identifier: BSD-3-Clause */
/* The heap break (sbrk) and the page size; malloc itself is malloc/malloc.c. */
#include <unistd.h>

#include "glue.h"

#define GLUE_PAGE_SIZE 4096

void *sbrk(ptrdiff_t increment)
{
	int err = 0;
	void *old = sys_sbrk(increment, &err);

	if (old == (void *)-1)
		errno = glue_errno_from_linux(err < 0 ? -err : HERMIT_ENOMEM);
	return old;
}

int getpagesize(void)
{
	return GLUE_PAGE_SIZE;
}
