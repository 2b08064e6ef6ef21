/* SPDX-License-Identifier: BSD-3-Clause */
/* HermitCore benchmark guest: N one-byte writes to the host's /dev/null, one hypercall each. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 10000;
	long long t0, t1;
	int fd = open("/dev/null", O_WRONLY);

	if (fd < 0 || n <= 0) {
		perror("open /dev/null");
		return 1;
	}
	t0 = now_ns();
	for (long i = 0; i < n; i++)
		if (write(fd, "x", 1) != 1) {
			perror("write /dev/null");
			return 1;
		}
	t1 = now_ns();
	close(fd);
	printf("hc_write_1byte_ns %.1f\n", (double)(t1 - t0) / (double)n);
	return 0;
}
