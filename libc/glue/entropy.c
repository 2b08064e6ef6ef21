/* SPDX-License-Identifier: BSD-3-Clause */
/* getentropy() for arc4random(), from the CPU's RDRAND generator. */
#include <cpuid.h>
#include <string.h>
#include <unistd.h>

#include "glue.h"

#define GETENTROPY_MAX  256 /* as on Linux and OpenBSD */
#define CPUID1_RDRAND   (1u << 30)
#define RDRAND_ATTEMPTS 10 /* Intel's advice for a transient underflow */

/* 0: not asked yet, 1: present, -1: absent. cpuid traps to the hypervisor, so ask once. */
static int rdrand_state;

static int have_rdrand(void)
{
	unsigned eax, ebx, ecx, edx;

	if (rdrand_state == 0) {
		rdrand_state = -1;
		if (__get_cpuid(1, &eax, &ebx, &ecx, &edx) && (ecx & CPUID1_RDRAND))
			rdrand_state = 1;
	}
	return rdrand_state > 0;
}

static int rdrand64(uint64_t *out)
{
	unsigned char ok;
	int i;

	for (i = 0; i < RDRAND_ATTEMPTS; i++) {
		__asm__ volatile("rdrand %0; setc %1" : "=r"(*out), "=qm"(ok) : : "cc");
		if (ok)
			return 0;
	}
	return -1;
}

int getentropy(void *buf, size_t len)
{
	unsigned char *p = buf;
	uint64_t word;
	size_t n;

	if (len > GETENTROPY_MAX)
		return glue_fail(EIO);
	if (!have_rdrand())
		return glue_fail(ENOSYS);
	while (len > 0) {
		if (rdrand64(&word) < 0)
			return glue_fail(EIO);
		n = len < sizeof(word) ? len : sizeof(word);
		memcpy(p, &word, n);
		p += n;
		len -= n;
	}
	return 0;
}
