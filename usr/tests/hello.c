/* SPDX-License-Identifier: BSD-3-Clause */
/* The demo and first test program: prints its arguments and environment, writes a file. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * The file text: FILE_LINES lines made by FILE_LINE_FMT from the line number 1..FILE_LINES.
 * usr/tests/run.sh makes the same text with printf to check the file on the host side.
 */
#define FILE_LINES    64
#define FILE_LINE_FMT "%03d: HermitCore file test, the quick brown fox jumps over the lazy dog\n"
#define FILE_MAX      8192

static size_t make_text(char *buf, size_t size)
{
	size_t len = 0;
	int i;

	for (i = 1; i <= FILE_LINES; i++)
		len += (size_t)snprintf(buf + len, size - len, FILE_LINE_FMT, i);
	return len;
}

static int write_text(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "w");

	if (!f) {
		printf("hello: fopen %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (fwrite(text, 1, len, f) != len) {
		printf("hello: fwrite %s: %s\n", path, strerror(errno));
		fclose(f);
		return -1;
	}
	if (fclose(f)) {
		printf("hello: fclose %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* Reads the whole file (at most size bytes) with open/read; returns its length or -1. */
static long read_back(const char *path, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0) {
		printf("hello: open %s: %s\n", path, strerror(errno));
		return -1;
	}
	while (len < size && (n = read(fd, buf + len, size - len)) != 0) {
		if (n < 0) {
			printf("hello: read %s: %s\n", path, strerror(errno));
			close(fd);
			return -1;
		}
		len += (size_t)n;
	}
	close(fd);
	return (long)len;
}

static int file_test(const char *path)
{
	static char text[FILE_MAX], back[FILE_MAX];
	size_t len = make_text(text, sizeof(text));
	long got;

	if (write_text(path, text, len))
		return 1;
	got = read_back(path, back, sizeof(back));
	if (got < 0)
		return 1;
	if ((size_t)got != len || memcmp(text, back, len)) {
		printf("hello: %s: read back %ld bytes differing from the %zu written\n", path, got,
		       len);
		return 1;
	}
	printf("file ok\n");
	return 0;
}

int main(int argc, char **argv)
{
	const char *env = getenv("HERMIT_TEST_ENV");
	const char *file = NULL;
	int status = 0;
	int i;

	printf("Hello World!!!\n");
	printf("argc = %d\n", argc);
	for (i = 0; i < argc; i++)
		printf("argv[%d] = %s\n", i, argv[i]);
	printf("HERMIT_TEST_ENV = %s\n", env ? env : "(unset)");

	for (i = 1; i + 1 < argc; i++) {
		if (!strcmp(argv[i], "--file"))
			file = argv[++i];
		else if (!strcmp(argv[i], "--exit"))
			status = atoi(argv[++i]);
	}
	if (file && file_test(file))
		return 1;
	return status;
}
