/* SPDX-License-Identifier: BSD-3-Clause */
/* Runs the proxy's unit tests and prints the "N passed, N failed" summary line. */
#include "check.h"

unsigned checks_passed, checks_failed;

int main(void)
{
	test_args();
	test_elf();
	test_embed();
	test_chan();
	test_uhyve();
	printf("%u passed, %u failed\n", checks_passed, checks_failed);
	return checks_failed ? 1 : 0;
}
