/* SPDX-License-Identifier: BSD-3-Clause */
/* The one checked translation from guest physical addresses to host pointers. */
#include <string.h>

#include "uhyve.h"

void *uhyve_gpa_p(const struct uhyve_vm *vm, uint64_t gpa, uint64_t len)
{
	/* Written so that no sum can wrap: gpa <= size first, then len <= size - gpa. */
	if (gpa > vm->mem_size || len > vm->mem_size - gpa)
		return NULL;
	return vm->mem + gpa;
}

int uhyve_gpa_string(const struct uhyve_vm *vm, uint64_t gpa, char *buf, size_t max)
{
	uint64_t avail;
	const char *src, *nul;

	if (gpa >= vm->mem_size)
		return -HERMIT_EFAULT;
	avail = vm->mem_size - gpa;
	if (avail > max)
		avail = max;
	src = uhyve_gpa_p(vm, gpa, avail);
	if (!src)
		return -HERMIT_EFAULT;
	/* Another vCPU may change the string while we look: copy first, then check the copy. */
	memcpy(buf, src, avail);
	nul = memchr(buf, '\0', avail);
	if (!nul)
		return avail == max ? -HERMIT_ENAMETOOLONG : -HERMIT_EFAULT;
	return 0;
}
