/* SPDX-License-Identifier: BSD-3-Clause */
/* The *at calls (openat, fstatat, unlinkat, ...): paths relative to an open directory fd. */
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "glue.h"

/*
 * A relative path is joined to the directory's path as the host sees it now
 * (UHYVE_HC_FDPATH: where the directory is at the time of the call, also after a rename),
 * and the joined path goes through the same host call as the plain function: resolution,
 * symlinks and HERMIT_ROOT confinement stay the host's. An absolute path ignores dirfd, and
 * AT_FDCWD is the working directory, as on Linux. The one difference from Linux: between
 * the two host calls a concurrent rename of the directory could redirect the call.
 */
struct at_buf {
	char path[UHYVE_PATH_MAX];
};

/* The path to use for (dirfd, path), or NULL with errno set. */
static const char *at_path(int dirfd, const char *path, struct at_buf *b)
{
	size_t len, plen;
	int64_t n;

	if (!path) {
		errno = EFAULT;
		return NULL;
	}
	if (path[0] == '/' || dirfd == AT_FDCWD)
		return path;
	if (!path[0]) {
		errno = ENOENT;
		return NULL;
	}
	if (dirfd < 0) {
		errno = EBADF;
		return NULL;
	}
	n = sys_fdpath(dirfd, b->path, sizeof(b->path));
	if (n < 0) {
		glue_result(n);
		return NULL;
	}
	len = (size_t)n - 1;
	plen = strlen(path);
	if (len + 1 + plen + 1 > sizeof(b->path)) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	if (!len || b->path[len - 1] != '/')
		b->path[len++] = '/';
	memcpy(b->path + len, path, plen + 1);
	return b->path;
}

int openat(int dirfd, const char *path, int flags, ...)
{
	struct at_buf b;
	const char *p = at_path(dirfd, path, &b);
	va_list ap;
	int mode = 0;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = va_arg(ap, int);
		va_end(ap);
	}
	return p ? open(p, flags, mode) : -1;
}

int openat64(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	int mode = 0;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = va_arg(ap, int);
		va_end(ap);
	}
	return openat(dirfd, path, flags, mode);
}

int fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	struct at_buf b;
	const char *p;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return glue_fail(EINVAL);
	if ((flags & AT_EMPTY_PATH) && path && !path[0])
		return dirfd == AT_FDCWD ? stat(".", st) : fstat(dirfd, st);
	if (!(p = at_path(dirfd, path, &b)))
		return -1;
	return flags & AT_SYMLINK_NOFOLLOW ? lstat(p, st) : stat(p, st);
}

int faccessat(int dirfd, const char *path, int mode, int flags)
{
	struct at_buf b;
	const char *p;

	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW))
		return glue_fail(EINVAL);
	p = at_path(dirfd, path, &b);
	return p ? access(p, mode) : -1;
}

int mkdirat(int dirfd, const char *path, mode_t mode)
{
	struct at_buf b;
	const char *p = at_path(dirfd, path, &b);

	return p ? mkdir(p, mode) : -1;
}

int unlinkat(int dirfd, const char *path, int flags)
{
	struct at_buf b;
	const char *p;

	if (flags & ~AT_REMOVEDIR)
		return glue_fail(EINVAL);
	if (!(p = at_path(dirfd, path, &b)))
		return -1;
	return flags & AT_REMOVEDIR ? rmdir(p) : unlink(p);
}

int fchmodat(int dirfd, const char *path, mode_t mode, int flags)
{
	struct at_buf b;
	const char *p;

	if (flags & AT_SYMLINK_NOFOLLOW)
		return glue_fail(ENOTSUP); /* as on Linux */
	if (flags)
		return glue_fail(EINVAL);
	p = at_path(dirfd, path, &b);
	return p ? chmod(p, mode) : -1;
}

int renameat(int olddirfd, const char *old, int newdirfd, const char *new)
{
	struct at_buf b1, b2;
	const char *o = at_path(olddirfd, old, &b1), *n = o ? at_path(newdirfd, new, &b2) : NULL;

	return n ? rename(o, n) : -1;
}

int linkat(int olddirfd, const char *old, int newdirfd, const char *new, int flags)
{
	struct at_buf b1, b2;
	char target[UHYVE_PATH_MAX];
	const char *o, *n;

	if (flags & ~AT_SYMLINK_FOLLOW)
		return glue_fail(EINVAL);
	o = at_path(olddirfd, old, &b1);
	/* link() does not follow a final symlink; AT_SYMLINK_FOLLOW links its target. */
	if (o && (flags & AT_SYMLINK_FOLLOW) && !(o = realpath(o, target)))
		return -1;
	n = o ? at_path(newdirfd, new, &b2) : NULL;
	return n ? link(o, n) : -1;
}

int symlinkat(const char *target, int dirfd, const char *path)
{
	struct at_buf b;
	const char *p = at_path(dirfd, path, &b);

	return p ? symlink(target, p) : -1;
}

ssize_t readlinkat(int dirfd, const char *restrict path, char *restrict buf, size_t len)
{
	struct at_buf b;
	const char *p = at_path(dirfd, path, &b);

	return p ? readlink(p, buf, len) : -1;
}

int utimensat(int dirfd, const char *path, const struct timespec *ts, int flags)
{
	struct at_buf b;
	const char *p;

	if (flags & ~AT_SYMLINK_NOFOLLOW)
		return glue_fail(EINVAL);
	if (!path)
		return futimens(dirfd, ts);
	if (!(p = at_path(dirfd, path, &b)))
		return -1;
	return glue_utimens(p, -1, ts,
	                    flags & AT_SYMLINK_NOFOLLOW ? HERMIT_AT_SYMLINK_NOFOLLOW : 0);
}

/*
 * Ownership: the guest runs as uid/gid 0 but the files are the host user's, who may not
 * give them away: a change to the owner and group a file already has (or -1) succeeds,
 * any other is EPERM.
 */
static int same_owner(const struct stat *st, uid_t uid, gid_t gid)
{
	if ((uid != (uid_t)-1 && uid != st->st_uid) || (gid != (gid_t)-1 && gid != st->st_gid))
		return glue_fail(EPERM);
	return 0;
}

int fchownat(int dirfd, const char *path, uid_t uid, gid_t gid, int flags)
{
	struct stat st;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return glue_fail(EINVAL);
	if (fstatat(dirfd, path, &st, flags) < 0)
		return -1;
	return same_owner(&st, uid, gid);
}

int chown(const char *path, uid_t uid, gid_t gid)
{
	return fchownat(AT_FDCWD, path, uid, gid, 0);
}

int lchown(const char *path, uid_t uid, gid_t gid)
{
	return fchownat(AT_FDCWD, path, uid, gid, AT_SYMLINK_NOFOLLOW);
}

int fchown(int fd, uid_t uid, gid_t gid)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -1;
	return same_owner(&st, uid, gid);
}
