/* SPDX-License-Identifier: BSD-3-Clause */
/* Faults on purpose (NULL write, stack overflow, invalid opcode) to test the crash report. */
#include <stdio.h>
#include <string.h>

static volatile int *volatile null_ptr;

#pragma GCC diagnostic ignored "-Winfinite-recursion"
static int recurse(int depth)
{
	volatile char pad[1024];
	pad[0] = (char)depth;
	return recurse(depth + 1) + pad[0];
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "null";

	printf("fault: %s\n", mode);
	fflush(stdout);
	if (!strcmp(mode, "null"))
		*null_ptr = 1;
	else if (!strcmp(mode, "overflow"))
		return recurse(0);
	else if (!strcmp(mode, "ud"))
		__builtin_trap();
	printf("fault: still alive\n");
	return 1;
}
