/* SPDX-License-Identifier: BSD-3-Clause */
/* Stays alive for a while so that host-side tests can inspect the running VM. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int seconds = argc > 1 ? atoi(argv[1]) : 5;

	printf("hold: ready\n");
	fflush(stdout);
	sleep(seconds);
	printf("hold: done\n");
	return 0;
}
