/* SPDX-License-Identifier: BSD-3-Clause */
/* Runs uhyve's host-side unit tests (ELF loader, option parser) and prints the totals. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "unit.h"

static unsigned passed, failed;

void unit_result(const char *name, bool ok, const char *fmt, ...)
{
	va_list ap;

	if (ok) {
		passed++;
		printf("PASS %s\n", name);
		return;
	}
	failed++;
	printf("FAIL %s: ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

void unit_str(const char *name, const char *got, const char *want)
{
	bool ok = (!got && !want) || (got && want && !strcmp(got, want));

	unit_result(name, ok, "got '%s', expected '%s'", got ? got : "(null)",
	            want ? want : "(null)");
}

void unit_u64(const char *name, unsigned long long got, unsigned long long want)
{
	unit_result(name, got == want, "got 0x%llx, expected 0x%llx", got, want);
}

int main(void)
{
	test_elf();
	test_options();
	test_net_gso();
	test_net_csum();
	printf("%u passed, %u failed\n", passed, failed);
	return failed != 0;
}
