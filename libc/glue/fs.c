/* SPDX-License-Identifier: BSD-3-Clause */
/* Files and directories beyond newlib's minimum: paths, the working directory, descriptors
 * (dup, fcntl, locks), positioned and vectored I/O, times, statvfs; all through the host. */
#include <fcntl.h>
#include <limits.h>
#include <reent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include "glue.h"
#include "socket_hooks.h"

#ifndef SSIZE_MAX
#define SSIZE_MAX LONG_MAX
#endif

#define CALL(expr) ((int)glue_result(expr))

int lstat(const char *path, struct stat *st)
{
	struct hermit_stat hst;
	int ret = sys_lstat(path, &hst);

	if (ret < 0)
		return CALL(ret);
	glue_stat_from_hermit(st, &hst);
	return 0;
}

int access(const char *path, int mode)
{
	return CALL(sys_access(path, mode));
}

int mkdir(const char *path, mode_t mode)
{
	return CALL(sys_mkdir(path, mode & 07777));
}

int rmdir(const char *path)
{
	return CALL(sys_rmdir(path));
}

int chmod(const char *path, mode_t mode)
{
	return CALL(sys_chmod(path, mode & 07777));
}

int fchmod(int fd, mode_t mode)
{
	return CALL(sys_fchmod(fd, mode & 07777));
}

int truncate(const char *path, off_t len)
{
	return CALL(sys_truncate(path, len));
}

int ftruncate(int fd, off_t len)
{
	return CALL(sys_ftruncate(fd, len));
}

int chdir(const char *path)
{
	return CALL(sys_chdir(path));
}

int fchdir(int fd)
{
	return CALL(sys_fchdir(fd));
}

char *getcwd(char *buf, size_t size)
{
	char tmp[PATH_MAX];
	int64_t n;

	if (buf && !size) {
		errno = EINVAL;
		return NULL;
	}
	n = sys_getcwd(tmp, sizeof(tmp));
	if (n < 0) {
		glue_result(n);
		return NULL;
	}
	if (!buf) { /* glibc's extension: allocate (size bytes, or as many as needed) */
		buf = malloc(size > (size_t)n ? size : (size_t)n);
		if (!buf)
			return NULL;
	} else if ((size_t)n > size) {
		errno = ERANGE;
		return NULL;
	}
	memcpy(buf, tmp, (size_t)n);
	return buf;
}

char *get_current_dir_name(void)
{
	return getcwd(NULL, 0);
}

/* newlib's rename() calls _rename_r (its own, built on link and unlink, is removed from the
 * installed libc.a, see NEWLIB_HOOKS in the Makefile). */
int _rename_r(struct _reent *r, const char *old, const char *new)
{
	int ret = sys_rename(old, new);

	if (ret < 0) {
		r->_errno = glue_errno_from_linux(-ret);
		return -1;
	}
	return 0;
}

/* remove() of a directory removes it, as C and POSIX say (newlib's calls unlink only; its
 * object is removed from the installed libc.a, see NEWLIB_HOOKS in the Makefile). The host's
 * unlink answers EISDIR for a directory, as Linux's does. */
int _remove_r(struct _reent *r, const char *path)
{
	int ret = sys_unlink(path);

	if (ret == -HERMIT_EISDIR)
		ret = sys_rmdir(path);
	if (ret < 0) {
		r->_errno = glue_errno_from_linux(-ret);
		return -1;
	}
	return 0;
}

int remove(const char *path)
{
	return _remove_r(_REENT, path);
}

int link(const char *old, const char *new)
{
	return CALL(sys_link(old, new));
}

int symlink(const char *target, const char *path)
{
	return CALL(sys_symlink(target, path));
}

ssize_t readlink(const char *restrict path, char *restrict buf, size_t len)
{
	return glue_result(sys_readlink(path, buf, len));
}

char *realpath(const char *restrict path, char *restrict resolved)
{
	char tmp[PATH_MAX];
	int64_t n;

	if (!path) {
		errno = EINVAL;
		return NULL;
	}
	n = sys_realpath(path, tmp, sizeof(tmp));
	if (n < 0) {
		glue_result(n);
		return NULL;
	}
	if (!resolved && !(resolved = malloc((size_t)n)))
		return NULL;
	memcpy(resolved, tmp, (size_t)n);
	return resolved;
}

int fsync(int fd)
{
	return CALL(sys_fsync(fd, 0));
}

int fdatasync(int fd)
{
	return CALL(sys_fsync(fd, 1));
}

void sync(void)
{
	sys_sync();
}

ssize_t pread(int fd, void *buf, size_t len, off_t off)
{
	return glue_result(sys_pread(fd, buf, len, off));
}

ssize_t pwrite(int fd, const void *buf, size_t len, off_t off)
{
	return glue_result(sys_pwrite(fd, buf, len, off));
}

/* Vectored I/O through one bounce buffer, so that a writev is one write on the host (atomic
 * for pipes and O_APPEND as on Linux); piecewise when the buffer cannot be had. */
static ssize_t iov_total(const struct iovec *iov, int n)
{
	size_t total = 0;

	if (n < 0 || n > IOV_MAX)
		return glue_fail(EINVAL);
	for (int i = 0; i < n; i++) {
		if (iov[i].iov_len > SSIZE_MAX - total)
			return glue_fail(EINVAL);
		total += iov[i].iov_len;
	}
	return (ssize_t)total;
}

static ssize_t write_fd(int fd, const void *buf, size_t len)
{
	return write(fd, buf, len);
}

static ssize_t read_fd(int fd, void *buf, size_t len)
{
	return read(fd, buf, len);
}

static ssize_t vio(int fd, const struct iovec *iov, int n, off_t off, int write)
{
	ssize_t total = iov_total(iov, n), done;
	char *bounce, *p;

	if (total < 0)
		return -1;
	bounce = malloc(total ? (size_t)total : 1);
	if (!bounce) { /* one element at a time */
		ssize_t sum = 0, r;

		for (int i = 0; i < n; i++) {
			if (write)
				r = off < 0 ? sys_write(fd, iov[i].iov_base, iov[i].iov_len)
				            : sys_pwrite(fd, iov[i].iov_base, iov[i].iov_len,
				                         off + sum);
			else
				r = off < 0
				        ? sys_read(fd, iov[i].iov_base, iov[i].iov_len)
				        : sys_pread(fd, iov[i].iov_base, iov[i].iov_len, off + sum);
			if (r < 0)
				return sum ? sum : glue_result(r);
			sum += r;
			if ((size_t)r < iov[i].iov_len)
				break;
		}
		return sum;
	}
	p = bounce;
	if (write)
		for (int i = 0; i < n; p += iov[i].iov_len, i++)
			memcpy(p, iov[i].iov_base, iov[i].iov_len);
	/* read/write wait for pipes as the plain calls do */
	if (write)
		done = off < 0 ? write_fd(fd, bounce, total)
		               : glue_result(sys_pwrite(fd, bounce, total, off));
	else
		done = off < 0 ? read_fd(fd, bounce, total)
		               : glue_result(sys_pread(fd, bounce, total, off));
	if (!write && done > 0) {
		size_t left = (size_t)done;

		p = bounce;
		for (int i = 0; i < n && left; i++) {
			size_t k = iov[i].iov_len < left ? iov[i].iov_len : left;

			memcpy(iov[i].iov_base, p, k);
			p += k;
			left -= k;
		}
	}
	free(bounce);
	return done;
}

ssize_t readv(int fd, const struct iovec *iov, int n)
{
	if (glue_is_socket(fd))
		return glue_sock_readv(fd, iov, n);
	return vio(fd, iov, n, -1, 0);
}

ssize_t writev(int fd, const struct iovec *iov, int n)
{
	if (glue_is_socket(fd))
		return glue_sock_writev(fd, iov, n);
	return vio(fd, iov, n, -1, 1);
}

ssize_t preadv(int fd, const struct iovec *iov, int n, off_t off)
{
	return off < 0 ? glue_fail(EINVAL) : vio(fd, iov, n, off, 0);
}

ssize_t pwritev(int fd, const struct iovec *iov, int n, off_t off)
{
	return off < 0 ? glue_fail(EINVAL) : vio(fd, iov, n, off, 1);
}

/* Close-on-exec is remembered only (there is no exec). */
static unsigned char cloexec[1024];

/* A new descriptor shares the file's flags; its close-on-exec flag starts clear. */
static int dup_flags(int fd, int ret)
{
	if (ret >= 0 && ret < 1024 && fd >= 0 && fd < 1024 && ret != fd) {
		glue_fd_flags[ret] = glue_fd_flags[fd] & GLUE_FD_PIPE; /* O_NONBLOCK is shared */
		cloexec[ret] = 0;
	}
	return ret;
}

/* A socket is not duplicated (lwIP has one descriptor per socket); dup2 onto a socket
 * closes the socket first. */
int dup(int fd)
{
	if (glue_is_socket(fd))
		return glue_fail(EOPNOTSUPP);
	return dup_flags(fd, CALL(sys_dup(fd, 0, 0)));
}

int dup2(int fd, int newfd)
{
	if (glue_is_socket(fd))
		return fd == newfd ? fd : glue_fail(EOPNOTSUPP);
	if (glue_is_socket(newfd) && fd != newfd && glue_sock_close(newfd) < 0)
		return -1;
	return dup_flags(fd, CALL(sys_dup(fd, newfd, 1)));
}

int dup3(int fd, int newfd, int flags)
{
	int ret;

	if (fd == newfd || (flags & ~O_CLOEXEC))
		return glue_fail(EINVAL);
	ret = dup2(fd, newfd);
	if (ret >= 0 && ret < 1024)
		cloexec[ret] = (flags & O_CLOEXEC) != 0;
	return ret;
}

char *ttyname(int fd)
{
	static char name[64];

	return ttyname_r(fd, name, sizeof(name)) ? NULL : name;
}

int ttyname_r(int fd, char *buf, size_t len)
{
	int64_t n = sys_ttyname(fd, buf, len);

	return n < 0 ? glue_errno_from_linux((int)-n) : 0;
}

/* times[4]: atime sec, nsec, mtime sec, nsec; NULL = now. */
int glue_utimens(const char *path, int fd, const struct timespec *ts, int flags)
{
	int64_t t[4] = {0, HERMIT_UTIME_NOW, 0, HERMIT_UTIME_NOW};

	if (ts) {
		t[0] = ts[0].tv_sec;
		t[1] = ts[0].tv_nsec;
		t[2] = ts[1].tv_sec;
		t[3] = ts[1].tv_nsec;
	}
	return CALL(sys_utimens(path, fd, t, flags));
}

int futimens(int fd, const struct timespec *ts)
{
	return glue_utimens(NULL, fd, ts, 0);
}

int utimes(const char *path, const struct timeval *tv)
{
	struct timespec ts[2];

	if (!tv)
		return glue_utimens(path, -1, NULL, 0);
	for (int i = 0; i < 2; i++) {
		if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000)
			return glue_fail(EINVAL);
		ts[i] = (struct timespec){tv[i].tv_sec, tv[i].tv_usec * 1000};
	}
	return glue_utimens(path, -1, ts, 0);
}

int utime(const char *path, const struct utimbuf *t)
{
	struct timespec ts[2];

	if (!t)
		return glue_utimens(path, -1, NULL, 0);
	ts[0] = (struct timespec){t->actime, 0};
	ts[1] = (struct timespec){t->modtime, 0};
	return glue_utimens(path, -1, ts, 0);
}

static int do_statvfs(const char *path, int fd, struct statvfs *out)
{
	struct hermit_statvfs s;
	int ret = sys_statvfs(path, fd, &s);

	if (ret < 0)
		return CALL(ret);
	*out = (struct statvfs){.f_bsize = s.bsize,
	                        .f_frsize = s.frsize,
	                        .f_blocks = s.blocks,
	                        .f_bfree = s.bfree,
	                        .f_bavail = s.bavail,
	                        .f_files = s.files,
	                        .f_ffree = s.ffree,
	                        .f_favail = s.favail,
	                        .f_fsid = s.fsid,
	                        .f_flag = s.flag,
	                        .f_namemax = s.namemax};
	return 0;
}

int statvfs(const char *restrict path, struct statvfs *restrict out)
{
	if (!path)
		return glue_fail(EFAULT);
	return do_statvfs(path, -1, out);
}

int fstatvfs(int fd, struct statvfs *out)
{
	return do_statvfs(NULL, fd, out);
}

int posix_fadvise(int fd, off_t off, off_t len, int advice)
{
	struct stat st;

	(void)off;
	if (len < 0 || advice < 0 || advice > 5)
		return EINVAL;
	if (fstat(fd, &st) < 0)
		return errno;
	return S_ISFIFO(st.st_mode) ? ESPIPE : 0; /* advice only: nothing to do */
}

/* The large-file names many packages use: off_t is already 64 bits. */
off_t lseek64(int fd, off_t off, int whence)
{
	return lseek(fd, off, whence);
}

int open64(const char *path, int flags, ...)
{
	va_list ap;
	int mode = 0;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = va_arg(ap, int);
		va_end(ap);
	}
	return open(path, flags, mode);
}

int ftruncate64(int fd, off_t len)
{
	return ftruncate(fd, len);
}

ssize_t pread64(int fd, void *buf, size_t len, off_t off)
{
	return pread(fd, buf, len, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t len, off_t off)
{
	return pwrite(fd, buf, len, off);
}

FILE *fopen64(const char *restrict path, const char *restrict mode)
{
	return fopen(path, mode);
}

int fseeko64(FILE *f, off_t off, int whence)
{
	return fseeko(f, off, whence);
}

off_t ftello64(FILE *f)
{
	return ftello(f);
}

int truncate64(const char *path, off_t len)
{
	return truncate(path, len);
}

FILE *tmpfile64(void)
{
	return tmpfile();
}

FILE *freopen64(const char *restrict path, const char *restrict mode, FILE *restrict f)
{
	return freopen(path, mode, f);
}

int fgetpos64(FILE *restrict f, fpos_t *restrict pos)
{
	return fgetpos(f, pos);
}

int fsetpos64(FILE *f, const fpos_t *pos)
{
	return fsetpos(f, pos);
}

/* The file grows to off + len if it is shorter (the host may keep it sparse). */
int posix_fallocate(int fd, off_t off, off_t len)
{
	struct stat st;

	if (off < 0 || len <= 0 || off > INT64_MAX - len)
		return off < 0 || len <= 0 ? EINVAL : EFBIG;
	if (fstat(fd, &st) < 0)
		return errno;
	if (S_ISFIFO(st.st_mode))
		return ESPIPE;
	if (!S_ISREG(st.st_mode))
		return ENODEV;
	if (st.st_size < off + len && ftruncate(fd, off + len) < 0)
		return errno;
	return 0;
}

/* ---- fcntl ------------------------------------------------------------------------------- */

static int lock(int fd, int cmd, struct flock *fl)
{
	static const int16_t to_hermit[] = {
	    [F_RDLCK] = HERMIT_F_RDLCK, [F_WRLCK] = HERMIT_F_WRLCK, [F_UNLCK] = HERMIT_F_UNLCK};
	static const short from_hermit[] = {F_RDLCK, F_WRLCK, F_UNLCK};
	struct hermit_flock h;
	int ret;

	if (!fl)
		return glue_fail(EFAULT);
	if (fl->l_type < F_RDLCK || fl->l_type > F_UNLCK)
		return glue_fail(EINVAL);
	for (;;) {
		h = (struct hermit_flock){.type = to_hermit[fl->l_type],
		                          .whence = fl->l_whence,
		                          .start = fl->l_start,
		                          .len = fl->l_len};
		ret = sys_lock(fd, cmd == F_GETLK ? 0 : 1, &h);
		/* F_SETLKW: the host never blocks a CPU on a lock; poll it every millisecond. */
		if (ret != -HERMIT_EAGAIN || cmd != F_SETLKW)
			break;
		usleep(1000);
	}
	if (ret < 0)
		return CALL(ret);
	if (cmd == F_GETLK) {
		fl->l_type = from_hermit[h.type < 3 ? h.type : 2];
		fl->l_whence = h.whence;
		fl->l_start = h.start;
		fl->l_len = h.len;
		fl->l_pid = fl->l_type == F_UNLCK ? 0 : -1;
	}
	return 0;
}

static int getfl(int fd)
{
	int h = sys_getfl(fd), fl;

	if (h < 0)
		return CALL(h);
	fl = (h & HERMIT_O_ACCMODE) == HERMIT_O_WRONLY ? O_WRONLY
	     : (h & HERMIT_O_ACCMODE) == HERMIT_O_RDWR ? O_RDWR
	                                               : O_RDONLY;
	if (h & HERMIT_O_APPEND)
		fl |= O_APPEND;
	if (fd >= 0 && fd < 1024 && (glue_fd_flags[fd] & GLUE_FD_PIPE))
		h = (h & ~HERMIT_O_NONBLOCK) |
		    (glue_fd_flags[fd] & GLUE_FD_NONBLOCK ? HERMIT_O_NONBLOCK : 0);
	if (h & HERMIT_O_NONBLOCK)
		fl |= O_NONBLOCK;
	if (h & HERMIT_O_DIRECTORY)
		fl |= O_DIRECTORY;
	return fl;
}

int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	long arg;
	int ret;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	if (glue_is_socket(fd)) {
		switch (cmd) {
		case F_GETFL:
			ret = glue_sock_nonblock(fd, -1);
			return ret < 0 ? ret : O_RDWR | (ret ? O_NONBLOCK : 0);
		case F_SETFL:
			return glue_sock_nonblock(fd, (arg & O_NONBLOCK) != 0) < 0 ? -1 : 0;
		case F_GETFD:
			return fd < 1024 && cloexec[fd] ? FD_CLOEXEC : 0;
		case F_SETFD:
			cloexec[fd] = (arg & FD_CLOEXEC) != 0;
			return 0;
		case F_DUPFD:
		case F_DUPFD_CLOEXEC:
			return glue_fail(EOPNOTSUPP);
		default:
			return glue_fail(EINVAL);
		}
	}
	switch (cmd) {
	case F_GETFD:
		ret = getfl(fd);
		return ret < 0 ? ret : (fd < 1024 && cloexec[fd]) ? FD_CLOEXEC : 0;
	case F_SETFD:
		if ((ret = getfl(fd)) < 0)
			return ret;
		if (fd < 1024)
			cloexec[fd] = (arg & FD_CLOEXEC) != 0;
		return 0;
	case F_GETFL:
		return getfl(fd);
	case F_SETFL:
		if (fd >= 0 && fd < 1024 && (glue_fd_flags[fd] & GLUE_FD_PIPE)) {
			/* the host end stays non-blocking; the library decides whether to wait */
			glue_fd_flags[fd] =
			    GLUE_FD_PIPE | (arg & O_NONBLOCK ? GLUE_FD_NONBLOCK : 0);
			arg |= O_NONBLOCK;
		}
		return CALL(sys_setfl(fd, (arg & O_APPEND ? HERMIT_O_APPEND : 0) |
		                              (arg & O_NONBLOCK ? HERMIT_O_NONBLOCK : 0)));
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg < 0)
			return glue_fail(EINVAL);
		ret = dup_flags(fd, CALL(sys_dup(fd, (int)arg, 0)));
		if (ret >= 0 && ret < 1024)
			cloexec[ret] = cmd == F_DUPFD_CLOEXEC;
		return ret;
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
		return lock(fd, cmd, (struct flock *)arg);
	default:
		return glue_fail(EINVAL);
	}
}

/* BSD whole-file locks on the same host record locks as fcntl's (open-file-description
 * locks: they conflict between two opens of one file, as flock's do). */
int flock(int fd, int op)
{
	struct flock fl = {.l_whence = SEEK_SET};
	int type = op & ~LOCK_NB;

	if (type != LOCK_SH && type != LOCK_EX && type != LOCK_UN)
		return glue_fail(EINVAL);
	fl.l_type = type == LOCK_SH ? F_RDLCK : type == LOCK_EX ? F_WRLCK : F_UNLCK;
	if (lock(fd, op & LOCK_NB ? F_SETLK : F_SETLKW, &fl) < 0)
		return errno == EACCES ? glue_fail(EWOULDBLOCK) : -1;
	return 0;
}

/* lockf: len bytes from the current offset (0: to the end and beyond), exclusive. */
int lockf(int fd, int cmd, off_t len)
{
	struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_CUR, .l_len = len};

	switch (cmd) {
	case F_ULOCK:
		fl.l_type = F_UNLCK;
		return lock(fd, F_SETLK, &fl);
	case F_LOCK:
		return lock(fd, F_SETLKW, &fl);
	case F_TLOCK:
		return lock(fd, F_SETLK, &fl);
	case F_TEST:
		if (lock(fd, F_GETLK, &fl) < 0)
			return -1;
		return fl.l_type == F_UNLCK ? 0 : glue_fail(EACCES);
	default:
		return glue_fail(EINVAL);
	}
}
