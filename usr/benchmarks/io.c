/* SPDX-License-Identifier: BSD-3-Clause */
/* I/O costs: a 1-byte write(2) to /dev/null (under HermitCore one forwarded request to the
 * host), and file write/read throughput with read(2)/write(2) by chunk size.
 * usage: io [file] [file_mib] [writes]; prints "name value unit" lines. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench_tsc.h"

static const size_t chunks[] = {1024, 16384, 262144, 1 << 20};

static int bench_write_1byte(long n)
{
	int fd = open("/dev/null", O_WRONLY);
	uint64_t t0;
	long i;

	if (fd < 0) {
		perror("io: open /dev/null");
		return -1;
	}
	t0 = monotonic_ns();
	for (i = 0; i < n; i++)
		if (write(fd, "x", 1) != 1) {
			perror("io: write /dev/null");
			return -1;
		}
	result("write_1byte_devnull", (double)(monotonic_ns() - t0) / (double)n, "ns");
	close(fd);
	return 0;
}

/* Writes then reads `total` bytes of `path` in `chunk`-sized calls. */
static int bench_file(const char *path, size_t total, size_t chunk, char *buf)
{
	char name[40];
	uint64_t t0;
	ssize_t got;
	size_t done;
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0) {
		perror("io: open for writing");
		return -1;
	}
	t0 = monotonic_ns();
	for (done = 0; done < total; done += chunk)
		if (write(fd, buf, chunk) != (ssize_t)chunk) {
			perror("io: write");
			close(fd);
			return -1;
		}
	close(fd);
	snprintf(name, sizeof(name), "file_write_%zuk", chunk / 1024);
	result(name, (double)total / (double)(monotonic_ns() - t0) * 1e3, "MB/s");

	fd = open(path, O_RDONLY);
	if (fd < 0) {
		perror("io: open for reading");
		return -1;
	}
	t0 = monotonic_ns();
	done = 0;
	while ((got = read(fd, buf, chunk)) > 0)
		done += (size_t)got;
	close(fd);
	if (got < 0 || done != total) {
		fprintf(stderr, "io: read %zu of %zu bytes\n", done, total);
		return -1;
	}
	snprintf(name, sizeof(name), "file_read_%zuk", chunk / 1024);
	result(name, (double)total / (double)(monotonic_ns() - t0) * 1e3, "MB/s");
	return 0;
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "/tmp/hermit-bench-io.dat";
	size_t total = (argc > 2 ? strtoul(argv[2], NULL, 0) : 16) << 20;
	long writes = argc > 3 ? atol(argv[3]) : 20000;
	char *buf = malloc(chunks[sizeof(chunks) / sizeof(chunks[0]) - 1]);
	unsigned i;
	int ret = 0;

	if (!buf || total < (1 << 20) || writes < 1) {
		fprintf(stderr, "usage: io [file] [file_mib >= 1] [writes >= 1]\n");
		return 2;
	}
	memset(buf, 'x', chunks[sizeof(chunks) / sizeof(chunks[0]) - 1]);
	if (bench_write_1byte(writes))
		ret = 1;
	for (i = 0; i < sizeof(chunks) / sizeof(chunks[0]); i++)
		if (bench_file(path, total, chunks[i], buf))
			ret = 1;
	unlink(path);
	return ret;
}
