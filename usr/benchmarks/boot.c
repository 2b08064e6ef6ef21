/* SPDX-License-Identifier: BSD-3-Clause */
/* The smallest program: one line from main, then exit. The harness (launch) times it from
 * the launcher's start to this line and to the exit. */
#include <stdio.h>

int main(void)
{
	puts("boot_main_reached");
	fflush(stdout); /* a pipe: without this Linux would send the line at exit */
	return 0;
}
