/* SPDX-License-Identifier: BSD-3-Clause */
/* Memory calls newlib expects: the heap break for malloc, and posix_memalign. */
#include <malloc.h>
#include <stdlib.h>
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

/* newlib 3.3 has memalign() but builds posix_memalign() only for POSIX targets. */
int posix_memalign(void **out, size_t alignment, size_t size)
{
	void *p;

	if (alignment < sizeof(void *) || (alignment & (alignment - 1)))
		return EINVAL;
	p = memalign(alignment, size);
	if (!p && size)
		return ENOMEM;
	*out = p;
	return 0;
}
