/* SPDX-License-Identifier: BSD-3-Clause */
/* Forwarded file I/O on host files in the directory argv[1]: data, metadata and errors. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_pattern.h"

#define BIG_SIZE        (4L << 20) /* the multi-MB file */
#define DEFAULT_THREADS 4
#define MAX_THREADS     16
#define THREAD_SIZE     (256L << 10)
#define PATH_LEN        512

static const char *dir;
static int failures;

#define FAIL(...)                                                                                  \
	do {                                                                                       \
		printf("files: FAIL: " __VA_ARGS__);                                               \
		printf("\n");                                                                      \
		failures++;                                                                        \
	} while (0)

static void path_of(char *buf, const char *name)
{
	snprintf(buf, PATH_LEN, "%s/%s", dir, name);
}

/* Writes buf in uneven chunks, as programs do; 0 or -1. */
static int write_chunks(int fd, const unsigned char *buf, long len, const char *what)
{
	static const long chunks[] = {1, 4095, 65536, 8, 1 << 20, 777};
	long done = 0, n;
	int i = 0;

	while (done < len) {
		n = chunks[i++ % 6];
		if (n > len - done)
			n = len - done;
		if (write(fd, buf + done, (size_t)n) != n) {
			FAIL("write %s at %ld: %s", what, done, strerror(errno));
			return -1;
		}
		done += n;
	}
	return 0;
}

/* Reads len bytes with as few read calls as the system allows; 0 or -1. */
static int read_all(int fd, unsigned char *buf, long len, const char *what)
{
	long done = 0;
	ssize_t n;

	while (done < len) {
		n = read(fd, buf + done, (size_t)(len - done));
		if (n <= 0) {
			FAIL("read %s at %ld: %s", what, done, n ? strerror(errno) : "early EOF");
			return -1;
		}
		done += n;
	}
	return 0;
}

/* Seeks and partial reads and an overwrite in the middle of the big file. */
static void check_seek(const char *path, const unsigned char *data)
{
	unsigned char buf[4096];
	off_t at = 1048576 + 4093;
	int fd = open(path, O_RDWR);

	if (fd < 0) {
		FAIL("open %s O_RDWR: %s", path, strerror(errno));
		return;
	}
	if (lseek(fd, 0, SEEK_END) != BIG_SIZE)
		FAIL("lseek SEEK_END: expected %ld", BIG_SIZE);
	if (lseek(fd, at, SEEK_SET) != at || read(fd, buf, 100) != 100 ||
	    memcmp(buf, data + at, 100))
		FAIL("lseek SEEK_SET %ld + read 100: wrong data", (long)at);
	if (lseek(fd, -50, SEEK_CUR) != at + 50)
		FAIL("lseek SEEK_CUR -50: expected %ld", (long)(at + 50));
	memset(buf, 'x', sizeof(buf));
	if (write(fd, buf, sizeof(buf)) != sizeof(buf))
		FAIL("overwrite 4096 bytes at %ld: %s", (long)(at + 50), strerror(errno));
	if (lseek(fd, at, SEEK_SET) != at || read(fd, buf, 200) != 200 ||
	    memcmp(buf, data + at, 50) || buf[50] != 'x' || buf[199] != 'x')
		FAIL("read back around the overwrite: wrong data");
	if (lseek(fd, BIG_SIZE - 10, SEEK_SET) != BIG_SIZE - 10 || read(fd, buf, 100) != 10 ||
	    read(fd, buf, 100) != 0)
		FAIL("read at the end: expected 10 bytes, then 0 (EOF)");
	close(fd);
}

/* Creates the big file, checks it with stat/fstat and one big read, then seeks in it. */
static void check_big_file(void)
{
	char path[PATH_LEN];
	unsigned char *data = malloc(BIG_SIZE), *back = malloc(BIG_SIZE);
	struct stat st;
	int fd;

	path_of(path, "big.dat");
	if (!data || !back) {
		FAIL("malloc of 2 x %ld bytes", BIG_SIZE);
		goto out_free;
	}
	pattern_fill(data, BIG_SIZE, 42);
	fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	if (fd < 0) {
		FAIL("open %s O_CREAT: %s", path, strerror(errno));
		goto out_free;
	}
	write_chunks(fd, data, BIG_SIZE, path);
	if (fstat(fd, &st) || st.st_size != BIG_SIZE || !S_ISREG(st.st_mode))
		FAIL("fstat %s: expected a regular file of %ld bytes", path, BIG_SIZE);
	if (close(fd))
		FAIL("close %s: %s", path, strerror(errno));
	if (stat(path, &st) || st.st_size != BIG_SIZE || !S_ISREG(st.st_mode))
		FAIL("stat %s: expected a regular file of %ld bytes", path, BIG_SIZE);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		FAIL("open %s O_RDONLY: %s", path, strerror(errno));
		goto out_free;
	}
	if (!read_all(fd, back, BIG_SIZE, path) && memcmp(data, back, BIG_SIZE))
		FAIL("%s: read back %ld bytes differing from those written", path, BIG_SIZE);
	close(fd);
	check_seek(path, data);
	if (unlink(path))
		FAIL("unlink %s: %s", path, strerror(errno));
	if (stat(path, &st) == 0 || errno != ENOENT)
		FAIL("stat %s after unlink: expected ENOENT", path);
out_free:
	free(back);
	free(data);
}

/* The call must fail with -1 and this errno. */
static void expect_error(const char *what, long ret, int want)
{
	if (ret != -1 || errno != want)
		FAIL("%s: expected -1 with %s, got %ld with %s", what, strerror(want), ret,
		     strerror(errno));
}

static void check_errors(void)
{
	char missing[PATH_LEN], exists[PATH_LEN], buf[16];
	struct stat st;
	int fd;

	path_of(missing, "no-such-file");
	path_of(exists, "exists.txt");
	errno = 0;
	expect_error("open missing file", open(missing, O_RDONLY), ENOENT);
	expect_error("stat missing file", stat(missing, &st), ENOENT);
	expect_error("unlink missing file", unlink(missing), ENOENT);
	expect_error("read on fd 99", read(99, buf, sizeof(buf)), EBADF);
	expect_error("read on fd -1", read(-1, buf, sizeof(buf)), EBADF);
	expect_error("write on fd 99", write(99, buf, sizeof(buf)), EBADF);
	expect_error("close fd 99", close(99), EBADF);
	expect_error("fstat fd 99", fstat(99, &st), EBADF);
	fd = open(exists, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	if (fd < 0) {
		FAIL("open %s O_CREAT: %s", exists, strerror(errno));
		return;
	}
	expect_error("read on a write-only fd", read(fd, buf, sizeof(buf)), EBADF);
	close(fd);
	expect_error("read on a closed fd", read(fd, buf, sizeof(buf)), EBADF);
	expect_error("open O_CREAT|O_EXCL of an existing file",
	             open(exists, O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);
	unlink(exists);
}

/* stdio on top of the forwarded calls: fprintf, fgets, append mode. */
static void check_stdio(void)
{
	char path[PATH_LEN], line[64];
	FILE *f;

	path_of(path, "stdio.txt");
	f = fopen(path, "w");
	if (!f || fprintf(f, "line one\n") != 9 || fclose(f)) {
		FAIL("fopen/fprintf/fclose %s: %s", path, strerror(errno));
		return;
	}
	f = fopen(path, "a");
	if (!f || fputs("line two\n", f) < 0 || fclose(f)) {
		FAIL("append to %s: %s", path, strerror(errno));
		return;
	}
	f = fopen(path, "r");
	if (!f || !fgets(line, sizeof(line), f) || strcmp(line, "line one\n") ||
	    !fgets(line, sizeof(line), f) || strcmp(line, "line two\n") ||
	    fgets(line, sizeof(line), f))
		FAIL("%s: expected the two lines written, got something else", path);
	if (f)
		fclose(f);
	unlink(path);
}

struct writer {
	pthread_t id;
	int index;
	int failed;
};

static void *write_own_file(void *arg)
{
	struct writer *w = arg;
	char path[PATH_LEN], name[32];
	unsigned char *data = malloc(THREAD_SIZE);
	int fd;

	w->failed = 1;
	snprintf(name, sizeof(name), "thread-%d.dat", w->index);
	path_of(path, name);
	if (!data)
		return NULL;
	pattern_fill(data, THREAD_SIZE, (uint64_t)w->index + 1000);
	fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	if (fd >= 0) {
		w->failed = write_chunks(fd, data, THREAD_SIZE, path) != 0;
		w->failed |= close(fd) != 0;
	}
	free(data);
	return NULL;
}

static void check_thread_file(int index)
{
	char path[PATH_LEN], name[32];
	unsigned char *back = malloc(THREAD_SIZE + 1);
	int fd;

	snprintf(name, sizeof(name), "thread-%d.dat", index);
	path_of(path, name);
	fd = open(path, O_RDONLY);
	if (fd < 0 || !back) {
		FAIL("open %s: %s", path, strerror(errno));
		free(back);
		return;
	}
	if (!read_all(fd, back, THREAD_SIZE, path) &&
	    (pattern_check(back, THREAD_SIZE, (uint64_t)index + 1000) != THREAD_SIZE ||
	     read(fd, back, 1) != 0))
		FAIL("%s: expected the %ld bytes thread %d wrote, got others", path, THREAD_SIZE,
		     index);
	close(fd);
	unlink(path);
	free(back);
}

static void check_threads(int threads)
{
	struct writer w[MAX_THREADS];
	int i, e;

	for (i = 0; i < threads; i++) {
		w[i].index = i;
		e = pthread_create(&w[i].id, NULL, write_own_file, &w[i]);
		if (e) {
			FAIL("pthread_create %d: %s", i, strerror(e));
			threads = i;
			break;
		}
	}
	for (i = 0; i < threads; i++) {
		pthread_join(w[i].id, NULL);
		if (w[i].failed)
			FAIL("thread %d could not write its file", i);
		check_thread_file(i);
	}
}

int main(int argc, char **argv)
{
	int threads = argc > 2 ? atoi(argv[2]) : DEFAULT_THREADS;
	struct stat st;

	if (argc < 2 || threads < 1 || threads > MAX_THREADS) {
		printf("usage: files DIR [threads 1..%d]\n", MAX_THREADS);
		return 2;
	}
	dir = argv[1];
	if (stat(dir, &st) || !S_ISDIR(st.st_mode)) {
		printf("files: FAIL: %s is not a directory\n", dir);
		return 1;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	check_big_file();
	printf("files: big file done\n");
	check_errors();
	printf("files: errors done\n");
	check_stdio();
	printf("files: stdio done\n");
	check_threads(threads);
	printf("files: %d threads done\n", threads);
	if (failures)
		return 1;
	printf("files: ok\n");
	return 0;
}
