/* SPDX-License-Identifier: BSD-3-Clause */
/* A HermitCore application for gdb-test.sh: known values at known lines, a call to step into. */
#include <stdio.h>

volatile int poked; /* gdb writes it; the program prints it */

static int square(int x)
{
	int y = x * x;

	return y;
}

int main(void)
{
	int var = 6;

	var = square(var) + 1;
	printf("var=%d poked=%d\n", var, poked);
	return var == 37 ? 0 : 1;
}
