/* SPDX-License-Identifier: BSD-3-Clause */
/* Host unit tests of the glue's pure conversions (errno, open flags, stat, clocks),
 * compiled against newlib's headers and linked with the host's C library. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>

#include "glue.h"

static int passed, failed;

static void check(const char *what, long got, long want)
{
	if (got == want) {
		passed++;
		return;
	}
	failed++;
	printf("FAIL %s: got %ld (0x%lx), want %ld (0x%lx)\n", what, got, got, want, want);
}

#define CHECK(expr, want) check(#expr, (long)(expr), (long)(want))

static void test_errno(void)
{
	int e;

	/* The headers really are newlib's: its numbers differ from Linux above 34. */
	CHECK(ENOSYS, 88);
	CHECK(EOVERFLOW, 139);
	for (e = 1; e <= 34; e++)
		check("errno 1..34 are the same", glue_errno_from_linux(e), e);
	CHECK(glue_errno_from_linux(HERMIT_ENOENT), ENOENT);
	CHECK(glue_errno_from_linux(HERMIT_ERANGE), ERANGE);
	CHECK(glue_errno_from_linux(HERMIT_ENAMETOOLONG), ENAMETOOLONG);
	CHECK(glue_errno_from_linux(HERMIT_ENOSYS), ENOSYS);
	CHECK(glue_errno_from_linux(HERMIT_ENOTEMPTY), ENOTEMPTY);
	CHECK(glue_errno_from_linux(HERMIT_ELOOP), ELOOP);
	CHECK(glue_errno_from_linux(HERMIT_EOVERFLOW), EOVERFLOW);
	CHECK(glue_errno_from_linux(35), EDEADLK);
	CHECK(glue_errno_from_linux(84), EILSEQ);
	CHECK(glue_errno_from_linux(95), EOPNOTSUPP);
	CHECK(glue_errno_from_linux(110), ETIMEDOUT);
	CHECK(glue_errno_from_linux(111), ECONNREFUSED);
	CHECK(glue_errno_from_linux(125), ECANCELED);
	CHECK(glue_errno_from_linux(131), ENOTRECOVERABLE);
	/* Unknown to newlib, or not an errno at all. */
	CHECK(glue_errno_from_linux(117), EIO); /* EUCLEAN */
	CHECK(glue_errno_from_linux(133), EIO); /* EHWPOISON */
	CHECK(glue_errno_from_linux(0), EIO);
	CHECK(glue_errno_from_linux(-5), EIO);
	CHECK(glue_errno_from_linux(4096), EIO);
}

static void test_open_flags(void)
{
	CHECK(glue_open_flags(O_RDONLY), HERMIT_O_RDONLY);
	CHECK(glue_open_flags(O_WRONLY | O_CREAT | O_TRUNC), 0x241);
	CHECK(glue_open_flags(O_RDWR | O_CREAT | O_EXCL | O_APPEND), 0x4c2);
	CHECK(glue_open_flags(O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC), 0xb0000);
	CHECK(glue_open_flags(O_RDONLY | O_NONBLOCK), HERMIT_O_NONBLOCK);
	CHECK(glue_open_flags(O_WRONLY | O_NOCTTY), HERMIT_O_WRONLY);
	CHECK(glue_open_flags(O_WRONLY | O_SYNC), -1);
	CHECK(glue_open_flags(O_RDONLY | O_EXEC), -1);
	CHECK(glue_open_flags(O_ACCMODE), -1);
	CHECK(glue_open_flags(0x40000000), -1);
}

static void test_stat(void)
{
	struct hermit_stat in = {
	    .dev = 0x803,
	    .ino = 1234567,
	    .mode = 0100644,
	    .nlink = 3,
	    .uid = 1000,
	    .gid = 100,
	    .rdev = 0,
	    .size = 1LL << 40,
	    .blksize = 4096,
	    .blocks = 8,
	    .atime_sec = 1700000000,
	    .atime_nsec = 1,
	    .mtime_sec = 1700000001,
	    .mtime_nsec = 2,
	    .ctime_sec = 1700000002,
	    .ctime_nsec = 999999999,
	};
	struct stat out;

	memset(&out, 0xa5, sizeof(out));
	glue_stat_from_hermit(&out, &in);
	CHECK(S_ISREG(out.st_mode), 1);
	CHECK(out.st_mode & 07777, 0644);
	CHECK(out.st_ino, 1234567);
	CHECK(out.st_nlink, 3);
	CHECK(out.st_uid, 1000);
	CHECK(out.st_gid, 100);
	CHECK(out.st_size, 1LL << 40);
	CHECK(out.st_blksize, 64 * 1024); /* forwarded regular files: stdio's buffer size */
	CHECK(out.st_blocks, 8);
	CHECK(out.st_atime, 1700000000);
	CHECK(out.st_atim.tv_nsec, 1);
	CHECK(out.st_mtime, 1700000001);
	CHECK(out.st_mtim.tv_nsec, 2);
	CHECK(out.st_ctime, 1700000002);
	CHECK(out.st_ctim.tv_nsec, 999999999);
	CHECK(out.st_spare4[0], 0);

	in.mode = 040755;
	glue_stat_from_hermit(&out, &in);
	CHECK(S_ISDIR(out.st_mode), 1);
	CHECK(out.st_mode & 07777, 0755);
	in.mode = 0120777;
	glue_stat_from_hermit(&out, &in);
	CHECK(S_ISLNK(out.st_mode), 1);
	in.mode = 020620;
	glue_stat_from_hermit(&out, &in);
	CHECK(S_ISCHR(out.st_mode), 1);
	CHECK(out.st_blksize, 4096); /* a terminal keeps the host's */
	in.mode = 0100644;
	in.blksize = 1 << 20;
	glue_stat_from_hermit(&out, &in);
	CHECK(out.st_blksize, 1 << 20); /* larger host values stay */
	in.blksize = 4096;
	in.mode = 04755 | 0100000;
	glue_stat_from_hermit(&out, &in);
	CHECK(out.st_mode, S_IFREG | S_ISUID | 0755);
}

static void test_clocks(void)
{
	CHECK(CLOCK_MONOTONIC, 4);
	CHECK(glue_clock_from_newlib(CLOCK_REALTIME), HERMIT_CLOCK_REALTIME);
	CHECK(glue_clock_from_newlib(CLOCK_MONOTONIC), HERMIT_CLOCK_MONOTONIC);
	CHECK(glue_clock_from_newlib(CLOCK_MONOTONIC_RAW), HERMIT_CLOCK_MONOTONIC);
	CHECK(glue_clock_from_newlib(CLOCK_PROCESS_CPUTIME_ID), HERMIT_CLOCK_PROCESS_CPUTIME_ID);
	CHECK(glue_clock_from_newlib(CLOCK_THREAD_CPUTIME_ID), HERMIT_CLOCK_THREAD_CPUTIME_ID);
	CHECK(glue_clock_from_newlib((clockid_t)42), -1);
}

int main(void)
{
	test_errno();
	test_open_flags();
	test_stat();
	test_clocks();
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
