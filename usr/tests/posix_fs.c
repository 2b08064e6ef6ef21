/* SPDX-License-Identifier: BSD-3-Clause */
/* POSIX files and directories, printed so that a Linux build and a HermitCore image must
 * print the same lines: run both in an empty scratch directory (HERMIT_ROOT for the image).
 * "posix_fs confined" instead checks that nothing escapes HERMIT_ROOT (HermitCore only). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <unistd.h>
#include <utime.h>

static const char *ename(int e)
{
	static const struct {
		int e;
		const char *name;
	} names[] = {
	    {EPERM, "EPERM"},   {ENOENT, "ENOENT"},       {EBADF, "EBADF"},
	    {EACCES, "EACCES"}, {EEXIST, "EEXIST"},       {ENOTDIR, "ENOTDIR"},
	    {EISDIR, "EISDIR"}, {EINVAL, "EINVAL"},       {ENOTTY, "ENOTTY"},
	    {ESPIPE, "ESPIPE"}, {ERANGE, "ERANGE"},       {ENAMETOOLONG, "ENAMETOOLONG"},
	    {ENOSYS, "ENOSYS"}, {ENOTEMPTY, "ENOTEMPTY"}, {ELOOP, "ELOOP"},
	    {EAGAIN, "EAGAIN"}, {EFAULT, "EFAULT"},       {EXDEV, "EXDEV"},
	    {EBUSY, "EBUSY"},
	};
	static char other[32];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].e == e)
			return names[i].name;
	snprintf(other, sizeof(other), "errno %d", e);
	return other;
}

static int failures;

/* Prints "what: RESULT" where RESULT is the value, or "-1 ENAME". */
static long show(const char *what, long ret)
{
	if (ret < 0)
		printf("%s: -1 %s\n", what, ename(errno));
	else
		printf("%s: %ld\n", what, ret);
	errno = 0;
	return ret;
}

#define SHOW(expr) show(#expr, (long)(expr))

static void put(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text) || close(fd)) {
		printf("put %s failed: %s\n", path, ename(errno));
		failures++;
	}
}

static const char *type_name(unsigned char t)
{
	return t == DT_DIR ? "dir" : t == DT_REG ? "reg" : t == DT_LNK ? "lnk" : "other";
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entries of path without "." and "..", sorted, with their types. */
static void list(const char *path)
{
	char *names[64];
	int n = 0;
	struct dirent *e;
	DIR *d = opendir(path);

	if (!d) {
		printf("opendir %s: -1 %s\n", path, ename(errno));
		return;
	}
	while ((e = readdir(d)) && n < 64) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		names[n] = malloc(strlen(e->d_name) + 8);
		sprintf(names[n++], "%s(%s)", e->d_name, type_name(e->d_type));
	}
	qsort(names, n, sizeof(names[0]), by_name);
	printf("list %s:", path);
	for (int i = 0; i < n; i++) {
		printf(" %s", names[i]);
		free(names[i]);
	}
	printf("\n");
	closedir(d);
}

static void files(void)
{
	char buf[64] = {0};
	struct stat st;
	int fd, fd2;

	printf("== files\n");
	fd = SHOW(open("a.txt", O_RDWR | O_CREAT | O_EXCL, 0644));
	SHOW(open("a.txt", O_RDWR | O_CREAT | O_EXCL, 0644));
	SHOW(write(fd, "hello world\n", 12));
	SHOW(pwrite(fd, "HELLO", 5, 0));
	SHOW(pread(fd, buf, 5, 6));
	printf("pread text: %s\n", buf);
	SHOW(lseek(fd, 0, SEEK_CUR));
	{
		struct iovec iov[3] = {{"ab", 2}, {"", 0}, {"cde\n", 4}};
		char x[3] = {0}, y[8] = {0};
		struct iovec in[2] = {{x, 2}, {y, 7}};

		SHOW(writev(fd, iov, 3));
		SHOW(preadv(fd, in, 2, 0));
		printf("preadv text: %s|%s", x, y);
		printf("\n");
	}
	SHOW(fsync(fd));
	SHOW(fdatasync(fd));
	SHOW(ftruncate(fd, 4));
	SHOW(fstat(fd, &st));
	printf("size %ld regular %d\n", (long)st.st_size, S_ISREG(st.st_mode));
	SHOW(truncate("a.txt", 100));
	SHOW(stat("a.txt", &st));
	printf("size %ld\n", (long)st.st_size);
	SHOW(truncate("nonexistent", 1));
	SHOW(ftruncate(fd, -1));

	printf("== descriptors\n");
	fd2 = SHOW(dup(fd));
	SHOW(fd2 > fd);
	SHOW(lseek(fd2, 2, SEEK_SET));
	SHOW(lseek(fd, 0, SEEK_CUR)); /* shared offset */
	SHOW(dup2(fd, fd2) == fd2);
	SHOW(dup2(fd, fd) == fd);
	SHOW(dup3(fd, fd, 0));
	SHOW(dup2(fd, -1));
	SHOW(dup(-1));
	SHOW(fcntl(fd, F_GETFL) & (O_ACCMODE | O_APPEND));
	SHOW(fcntl(fd, F_SETFL, O_APPEND));
	SHOW((fcntl(fd, F_GETFL) & O_APPEND) != 0);
	SHOW(write(fd, "Z", 1));
	SHOW(lseek(fd, 0, SEEK_CUR));
	SHOW(fcntl(fd, F_GETFD));
	SHOW(fcntl(fd, F_SETFD, FD_CLOEXEC));
	SHOW(fcntl(fd, F_GETFD));
	SHOW(fcntl(fd, F_DUPFD, 20) >= 20);
	SHOW(fcntl(-1, F_GETFL));
	{
		struct flock fl = {
		    .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 10};

		SHOW(fcntl(fd, F_SETLK, &fl));
		fl.l_type = F_WRLCK;
		SHOW(fcntl(fd, F_GETLK, &fl));
		SHOW(fl.l_type == F_UNLCK);
		fl.l_type = F_UNLCK;
		SHOW(fcntl(fd, F_SETLKW, &fl));
	}
	SHOW(close(fd2));
	SHOW(close(fd2));
	SHOW(close(fd));
	SHOW(isatty(fd));
	fd = SHOW(open("a.txt", O_RDONLY));
	SHOW(isatty(fd));
	SHOW(ttyname(fd) == NULL);
	SHOW(close(fd));
	SHOW(read(-5, buf, 1));
	SHOW(write(999, buf, 1));
	SHOW(open("nodir/x", O_RDONLY));
	SHOW(open("", O_RDONLY));
}

static void dirs(void)
{
	struct stat st;
	DIR *d;
	struct dirent **names, *e;
	int n;
	long pos;

	printf("== directories\n");
	SHOW(mkdir("d", 0755));
	SHOW(mkdir("d", 0755));
	SHOW(mkdir("nodir/d", 0755));
	SHOW(mkdir("d/sub", 0700));
	SHOW(mkdir("d/sub/", 0700));
	put("d/f1", "1");
	put("d/f2", "22");
	SHOW(stat("d/sub", &st));
	printf("dir %d mode %o\n", S_ISDIR(st.st_mode), (unsigned)(st.st_mode & 0777));
	list("d");
	SHOW(rmdir("d"));
	SHOW(rmdir("d/f1"));
	SHOW(rmdir("nonexistent"));
	SHOW(unlink("d/sub"));
	SHOW(opendir("d/f1") == NULL);
	printf("opendir errno %s\n", ename(ENOTDIR));
	SHOW(opendir("missing") == NULL);
	n = SHOW(scandir("d", &names, NULL, alphasort));
	for (int i = 0; i < n; i++) {
		printf(" %s", names[i]->d_name);
		free(names[i]);
	}
	printf("\n");
	if (n >= 0)
		free(names);
	d = opendir("d");
	n = 0;
	while ((e = readdir(d)))
		n++;
	printf("entries %d\n", n);
	rewinddir(d);
	n = 0;
	while (readdir(d))
		n++;
	printf("after rewind %d\n", n);
	rewinddir(d);
	readdir(d);
	pos = telldir(d);
	e = readdir(d);
	{
		char second[256];

		snprintf(second, sizeof(second), "%s", e ? e->d_name : "(none)");
		seekdir(d, pos);
		e = readdir(d);
		printf("seekdir same entry %d\n", e && !strcmp(e->d_name, second));
	}
	SHOW(dirfd(d) >= 0);
	SHOW(closedir(d));
}

static void links(void)
{
	char buf[PATH_MAX], *p;
	struct stat st;

	printf("== links\n");
	SHOW(symlink("d/f2", "ln"));
	SHOW(symlink("d/f2", "ln"));
	SHOW(symlink("missing-target", "dangling"));
	memset(buf, 0, sizeof(buf));
	SHOW(readlink("ln", buf, sizeof(buf)));
	printf("readlink text %s\n", buf);
	SHOW(readlink("ln", buf, 2));
	SHOW(readlink("d/f1", buf, sizeof(buf)));
	SHOW(readlink("nothing", buf, sizeof(buf)));
	SHOW(lstat("ln", &st));
	printf("lstat link %d\n", S_ISLNK(st.st_mode));
	SHOW(stat("ln", &st));
	printf("stat size %ld\n", (long)st.st_size);
	SHOW(stat("dangling", &st));
	SHOW(lstat("dangling", &st));
	SHOW(link("d/f1", "hard"));
	SHOW(stat("hard", &st));
	printf("nlink %ld\n", (long)st.st_nlink);
	SHOW(link("d/f1", "hard"));
	SHOW(link("missing", "hard2"));
	SHOW(rename("hard", "renamed"));
	SHOW(rename("renamed", "d/f2")); /* replaces */
	SHOW(stat("d/f2", &st));
	printf("size %ld\n", (long)st.st_size);
	SHOW(rename("missing", "x"));
	SHOW(mkdir("e", 0755));
	SHOW(rename("e", "e2"));
	SHOW(rename("e2", "d")); /* non-empty target */
	SHOW(rmdir("e2"));
	p = realpath("d/../d/sub/.", buf);
	printf("realpath tail %s\n", p ? strrchr(p, '/') : ename(errno));
	p = realpath("ln", NULL);
	printf("realpath link tail %s\n", p ? p + strlen(p) - 5 : ename(errno));
	free(p);
	SHOW(realpath("missing/x", buf) == NULL);
	printf("realpath errno %s\n", ename(ENOENT));
	SHOW(unlink("dangling"));
	SHOW(unlink("dangling"));
	SHOW(unlink("d"));
}

static void cwd(void)
{
	char top[PATH_MAX], buf[PATH_MAX], small[2];
	struct stat st;
	int fd;

	printf("== working directory\n");
	SHOW(getcwd(top, sizeof(top)) != NULL);
	SHOW(chdir("d/sub"));
	SHOW(getcwd(buf, sizeof(buf)) != NULL);
	printf("cwd ends in /d/sub %d\n", !strcmp(buf + strlen(buf) - 6, "/d/sub"));
	put("inner", "abc");
	SHOW(stat("../../d/sub/inner", &st));
	printf("size %ld\n", (long)st.st_size);
	SHOW(chdir(".."));
	SHOW(stat("sub/inner", &st));
	SHOW(getcwd(small, sizeof(small)) == NULL);
	printf("getcwd small errno %s\n", ename(ERANGE));
	{
		char *dyn = getcwd(NULL, 0);

		printf("getcwd NULL ends in /d %d\n", dyn && !strcmp(dyn + strlen(dyn) - 2, "/d"));
		free(dyn);
	}
	SHOW(chdir("f1"));
	SHOW(chdir("nothing"));
	fd = SHOW(open(top, O_RDONLY | O_DIRECTORY));
	SHOW(fchdir(fd));
	SHOW(close(fd));
	SHOW(getcwd(buf, sizeof(buf)) != NULL);
	printf("back at the start %d\n", !strcmp(buf, top));
	fd = SHOW(open("a.txt", O_RDONLY));
	SHOW(fchdir(fd));
	SHOW(close(fd));
	SHOW(unlink("d/sub/inner"));
}

static void meta(void)
{
	struct stat st;
	struct statvfs sv;
	struct timeval tv[2] = {{1000000000, 500000}, {1100000000, 250000}};
	struct utimbuf ub = {1200000000, 1300000000};
	int fd;

	printf("== access, modes, times\n");
	SHOW(access("a.txt", F_OK));
	SHOW(access("a.txt", R_OK | W_OK));
	SHOW(access("missing", F_OK));
	SHOW(access("a.txt", 0x40));
	SHOW(chmod("a.txt", 0600));
	SHOW(stat("a.txt", &st));
	printf("mode %o\n", (unsigned)(st.st_mode & 07777));
	fd = open("a.txt", O_RDONLY);
	SHOW(fchmod(fd, 0644));
	SHOW(fstat(fd, &st));
	printf("mode %o\n", (unsigned)(st.st_mode & 07777));
	SHOW(chmod("missing", 0600));
	SHOW(utimes("a.txt", tv));
	SHOW(stat("a.txt", &st));
	printf("atime %ld mtime %ld\n", (long)st.st_atime, (long)st.st_mtime);
	SHOW(utime("a.txt", &ub));
	SHOW(stat("a.txt", &st));
	printf("atime %ld mtime %ld\n", (long)st.st_atime, (long)st.st_mtime);
	{
		struct timespec ts[2] = {{5, 0}, {6, 0}};

		SHOW(futimens(fd, ts));
		SHOW(fstat(fd, &st));
		printf("atime %ld mtime %ld\n", (long)st.st_atime, (long)st.st_mtime);
		SHOW(utimensat(AT_FDCWD, "a.txt", ts, 0));
	}
	SHOW(utimes("missing", tv));
	SHOW(statvfs(".", &sv));
	printf("statvfs sane %d\n", sv.f_bsize > 0 && sv.f_namemax >= 255);
	SHOW(fstatvfs(fd, &sv));
	SHOW(statvfs("missing", &sv));
	SHOW(close(fd));
	SHOW(fstatat(AT_FDCWD, "ln", &st, AT_SYMLINK_NOFOLLOW));
	printf("fstatat link %d\n", S_ISLNK(st.st_mode));
	SHOW(faccessat(AT_FDCWD, "a.txt", R_OK, 0));
	SHOW(unlinkat(AT_FDCWD, "d/sub", AT_REMOVEDIR));
	SHOW(mkdirat(AT_FDCWD, "d/sub", 0755));
	sync();
	printf("sync done\n");
}

static void cleanup(void)
{
	printf("== cleanup\n");
	SHOW(unlink("ln"));
	SHOW(unlink("d/f1"));
	SHOW(unlink("d/f2"));
	SHOW(rmdir("d/sub"));
	SHOW(rmdir("d"));
	SHOW(unlink("a.txt"));
	list(".");
}

/* HermitCore with HERMIT_ROOT=scratch only: every way out resolves inside the root. */
static void confined(void)
{
	char buf[PATH_MAX];
	struct stat st;

	printf("== confined\n");
	SHOW(getcwd(buf, sizeof(buf)) != NULL);
	printf("cwd %s\n", buf);
	SHOW(open("/etc/passwd", O_RDONLY));
	SHOW(open("../../../../../../etc/passwd", O_RDONLY));
	SHOW(stat("/..", &st) == 0 && stat("/", &st) == 0);
	SHOW(chdir("../.."));
	SHOW(getcwd(buf, sizeof(buf)) != NULL);
	printf("cwd %s\n", buf);
	SHOW(symlink("/etc", "abs"));
	SHOW(open("abs/passwd", O_RDONLY));
	SHOW(symlink("../../../../../..", "up"));
	SHOW(stat("up/etc/passwd", &st));
	SHOW(realpath("up", buf) != NULL);
	printf("realpath up %s\n", buf);
	SHOW(mkdir("up/made", 0755));
	SHOW(stat("/made", &st));
	SHOW(rmdir("/made"));
	SHOW(chdir("up"));
	SHOW(getcwd(buf, sizeof(buf)) != NULL);
	printf("cwd %s\n", buf);
	SHOW(access("/etc/passwd", F_OK));
	SHOW(readlink("abs", buf, sizeof(buf)));
	SHOW(unlink("abs"));
	SHOW(unlink("up"));
	SHOW(opendir("/proc") == NULL);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1 && !strcmp(argv[1], "confined")) {
		confined();
	} else {
		files();
		dirs();
		links();
		cwd();
		meta();
		cleanup();
	}
	printf("posix_fs: %s\n", failures ? "FAILED" : "done");
	return failures != 0;
}
