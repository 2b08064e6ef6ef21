/* SPDX-License-Identifier: BSD-3-Clause */
/* Path hypercalls (ABI version 2): the guest's working directory and every call that names
 * a file, each resolved below HERMIT_ROOT when it is set. */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "uhyve_files.h"

#define FD_LINK_MAX 40 /* "/proc/self/fd/" and an int */

/*
 * Safety: the host never resolves a guest path itself. Calls that follow the final
 * component open it with openat2 (RESOLVE_IN_ROOT) and act on the fd, through
 * /proc/self/fd/N where Linux has no fd form (chmod, access, utimens); calls that must not
 * follow it open the parent the same way and use the *at form with the last component,
 * which never follows a symlink (mkdirat, unlinkat, renameat, linkat, symlinkat).
 */

int uhyve_path_get(struct uhyve_files *f, const struct uhyve_vm *vm, uint64_t gpa, char *out)
{
	char path[UHYVE_PATH_MAX];
	size_t cwd_len, len;
	int ret = uhyve_gpa_string(vm, gpa, path, sizeof(path));

	if (ret)
		return ret;
	if (!path[0])
		return -HERMIT_ENOENT;
	if (path[0] == '/') {
		memcpy(out, path, strlen(path) + 1);
		return 0;
	}
	len = strlen(path);
	pthread_mutex_lock(&f->lock);
	cwd_len = strlen(f->cwd);
	if (cwd_len + 1 + len + 1 > UHYVE_PATH_MAX) {
		ret = -HERMIT_ENAMETOOLONG;
	} else {
		memcpy(out, f->cwd, cwd_len);
		if (cwd_len && out[cwd_len - 1] != '/')
			out[cwd_len++] = '/';
		memcpy(out + cwd_len, path, len + 1);
	}
	pthread_mutex_unlock(&f->lock);
	return ret;
}

static void fd_link(int h, char *buf)
{
	snprintf(buf, FD_LINK_MAX, "/proc/self/fd/%d", h);
}

int uhyve_path_of_fd(struct uhyve_files *f, int h, char *out, size_t len)
{
	char link[FD_LINK_MAX], host[UHYVE_PATH_MAX];
	const char *guest = host;
	ssize_t n;

	fd_link(h, link);
	n = readlink(link, host, sizeof(host) - 1);
	if (n < 0)
		return -errno;
	host[n] = '\0';
	if (host[0] != '/')
		return -HERMIT_ENOENT; /* deleted, or not a file system object */
	if (f->root_path && strcmp(f->root_path, "/")) {
		size_t rl = strlen(f->root_path);

		if (strncmp(host, f->root_path, rl) || (host[rl] && host[rl] != '/'))
			return -HERMIT_ENOENT; /* moved out of the root by someone on the host */
		guest = host[rl] ? host + rl : "/";
	}
	if (strlen(guest) + 1 > len)
		return -HERMIT_ENAMETOOLONG;
	memcpy(out, guest, strlen(guest) + 1);
	return 0;
}

/*
 * Splits the joined path into its parent, opened below the root into *dfd, and its last
 * component in *base (trailing slashes dropped). Returns 0, -errno, or 1 when the last
 * component is "/", "." or ".." (nothing is opened; the caller picks Linux's errno).
 */
static int open_parent(struct uhyve_files *f, char *path, int *dfd, const char **base)
{
	size_t len = strlen(path);
	char *slash;

	while (len > 1 && path[len - 1] == '/')
		path[--len] = '\0';
	slash = strrchr(path, '/');
	if (!slash)
		return -HERMIT_ENOENT;
	*base = slash + 1;
	if (!**base || !strcmp(*base, ".") || !strcmp(*base, ".."))
		return 1;
	if (slash == path) {
		*dfd = uhyve_path_open(f, "/", O_PATH | O_DIRECTORY, 0);
	} else {
		*slash = '\0';
		*dfd = uhyve_path_open(f, path, O_PATH | O_DIRECTORY, 0);
		*slash = '/';
	}
	return *dfd < 0 ? *dfd : 0;
}

int uhyve_unlink_path(struct uhyve_files *f, char *path)
{
	const char *base;
	int dfd, ret = open_parent(f, path, &dfd, &base);

	if (ret)
		return ret == 1 ? -HERMIT_EISDIR : ret;
	ret = unlinkat(dfd, base, 0) < 0 ? -errno : 0;
	close(dfd);
	return ret;
}

/* ---- struct uhyve_path_op ---------------------------------------------------------------- */

typedef int (*path_op_fn)(struct uhyve_files *f, char *path, int64_t arg);

static void hc_path_op(struct uhyve_vcpu *cpu, void *arg, path_op_fn fn)
{
	struct uhyve_files *f = cpu->vm->files;
	char path[UHYVE_PATH_MAX];
	struct uhyve_path_op a;

	memcpy(&a, arg, sizeof(a));
	if ((a.ret = uhyve_path_get(f, cpu->vm, a.path.addr, path)) == 0)
		a.ret = fn(f, path, a.arg);
	uhyve_put_ret32(arg, offsetof(struct uhyve_path_op, ret), a.ret);
}

/* Opens path (following symlinks below the root) and runs op on /proc/self/fd/N. */
static int via_fd_link(struct uhyve_files *f, const char *path, int flags,
                       int (*op)(const char *link, int64_t arg), int64_t arg)
{
	char link[FD_LINK_MAX];
	int h = uhyve_path_open(f, path, flags, 0), ret;

	if (h < 0)
		return h;
	fd_link(h, link);
	ret = op(link, arg);
	close(h);
	return ret;
}

static int link_access(const char *link, int64_t mode)
{
	return access(link, (int)mode) < 0 ? -errno : 0;
}

static int link_chmod(const char *link, int64_t mode)
{
	return chmod(link, (mode_t)mode) < 0 ? -errno : 0;
}

static int path_access(struct uhyve_files *f, char *path, int64_t mode)
{
	if (mode & ~(int64_t)7)
		return -HERMIT_EINVAL;
	return via_fd_link(f, path, O_PATH, link_access, mode);
}

static int path_chmod(struct uhyve_files *f, char *path, int64_t mode)
{
	if (mode & ~(int64_t)07777)
		return -HERMIT_EINVAL;
	return via_fd_link(f, path, O_PATH, link_chmod, mode);
}

static int path_mkdir(struct uhyve_files *f, char *path, int64_t mode)
{
	const char *base;
	int dfd, ret;

	if (mode & ~(int64_t)07777)
		return -HERMIT_EINVAL;
	if ((ret = open_parent(f, path, &dfd, &base)))
		return ret == 1 ? -HERMIT_EEXIST : ret;
	ret = mkdirat(dfd, base, (mode_t)mode) < 0 ? -errno : 0;
	close(dfd);
	return ret;
}

static int path_rmdir(struct uhyve_files *f, char *path, int64_t unused)
{
	const char *base;
	int dfd, ret = open_parent(f, path, &dfd, &base);

	(void)unused;
	if (ret == 1)
		return !strcmp(base, ".") ? -HERMIT_EINVAL
		       : !*base           ? -HERMIT_EBUSY
		                          : -HERMIT_ENOTEMPTY;
	if (ret)
		return ret;
	ret = unlinkat(dfd, base, AT_REMOVEDIR) < 0 ? -errno : 0;
	close(dfd);
	return ret;
}

static int path_truncate(struct uhyve_files *f, char *path, int64_t length)
{
	int h, ret;

	if (length < 0)
		return -HERMIT_EINVAL;
	h = uhyve_path_open(f, path, O_WRONLY | O_NONBLOCK, 0);
	if (h < 0)
		return h;
	ret = ftruncate(h, length) < 0 ? -errno : 0;
	close(h);
	return ret;
}

static int path_chdir(struct uhyve_files *f, char *path, int64_t unused)
{
	char link[FD_LINK_MAX], guest[UHYVE_PATH_MAX];
	int h = uhyve_path_open(f, path, O_PATH | O_DIRECTORY, 0), ret;

	(void)unused;
	if (h < 0)
		return h;
	fd_link(h, link);
	ret = access(link, X_OK) < 0 ? -errno : uhyve_path_of_fd(f, h, guest, sizeof(guest));
	close(h);
	if (ret)
		return ret;
	pthread_mutex_lock(&f->lock);
	memcpy(f->cwd, guest, sizeof(guest));
	pthread_mutex_unlock(&f->lock);
	return 0;
}

void uhyve_hc_access(struct uhyve_vcpu *cpu, void *arg)
{
	hc_path_op(cpu, arg, path_access);
}

void uhyve_hc_mkdir(struct uhyve_vcpu *cpu, void *arg)
{
	hc_path_op(cpu, arg, path_mkdir);
}

void uhyve_hc_rmdir(struct uhyve_vcpu *cpu, void *arg)
{
	hc_path_op(cpu, arg, path_rmdir);
}

void uhyve_hc_chmod(struct uhyve_vcpu *cpu, void *arg)
{
	hc_path_op(cpu, arg, path_chmod);
}

void uhyve_hc_truncate(struct uhyve_vcpu *cpu, void *arg)
{
	hc_path_op(cpu, arg, path_truncate);
}

void uhyve_hc_chdir(struct uhyve_vcpu *cpu, void *arg)
{
	hc_path_op(cpu, arg, path_chdir);
}

/* ---- struct uhyve_path2 ------------------------------------------------------------------ */

enum path2_op { P2_RENAME, P2_LINK, P2_SYMLINK };

static int path2(struct uhyve_files *f, char *old, char *new, enum path2_op op)
{
	const char *ob = NULL, *nb;
	int od = -1, nd, ret;

	if (op != P2_SYMLINK && (ret = open_parent(f, old, &od, &ob)))
		return ret != 1 ? ret : op == P2_RENAME ? -HERMIT_EBUSY : -HERMIT_EPERM;
	if ((ret = open_parent(f, new, &nd, &nb))) {
		if (od >= 0)
			close(od);
		return ret != 1 ? ret : op == P2_RENAME ? -HERMIT_EBUSY : -HERMIT_EEXIST;
	}
	if (op == P2_RENAME)
		ret = renameat(od, ob, nd, nb);
	else if (op == P2_LINK)
		ret = linkat(od, ob, nd, nb, 0);
	else
		ret = symlinkat(old, nd, nb);
	ret = ret < 0 ? -errno : 0;
	if (od >= 0)
		close(od);
	close(nd);
	return ret;
}

static void hc_path2(struct uhyve_vcpu *cpu, void *arg, enum path2_op op)
{
	struct uhyve_files *f = cpu->vm->files;
	char old[UHYVE_PATH_MAX], new[UHYVE_PATH_MAX];
	struct uhyve_path2 a;

	memcpy(&a, arg, sizeof(a));
	/* A symlink's target is stored as the guest wrote it, never joined to the cwd. */
	if (op == P2_SYMLINK) {
		a.ret = uhyve_gpa_string(cpu->vm, a.old.addr, old, sizeof(old));
		if (!a.ret && !old[0])
			a.ret = -HERMIT_ENOENT;
	} else {
		a.ret = uhyve_path_get(f, cpu->vm, a.old.addr, old);
	}
	if (!a.ret)
		a.ret = uhyve_path_get(f, cpu->vm, a.new.addr, new);
	if (!a.ret)
		a.ret = path2(f, old, new, op);
	uhyve_put_ret32(arg, offsetof(struct uhyve_path2, ret), a.ret);
}

void uhyve_hc_rename(struct uhyve_vcpu *cpu, void *arg)
{
	hc_path2(cpu, arg, P2_RENAME);
}

void uhyve_hc_link(struct uhyve_vcpu *cpu, void *arg)
{
	hc_path2(cpu, arg, P2_LINK);
}

void uhyve_hc_symlink(struct uhyve_vcpu *cpu, void *arg)
{
	hc_path2(cpu, arg, P2_SYMLINK);
}

/* ---- the rest ---------------------------------------------------------------------------- */

void uhyve_hc_lstat(struct uhyve_vcpu *cpu, void *arg)
{
	char path[UHYVE_PATH_MAX];
	struct uhyve_stat a;
	struct stat st;
	int h;

	memcpy(&a, arg, sizeof(a));
	memset(&a.st, 0, sizeof(a.st));
	if ((a.ret = uhyve_path_get(cpu->vm->files, cpu->vm, a.path.addr, path)) == 0) {
		/* O_PATH | O_NOFOLLOW opens a final symlink itself. */
		h = uhyve_path_open(cpu->vm->files, path, O_PATH | O_NOFOLLOW, 0);
		if (h < 0) {
			a.ret = h;
		} else {
			a.ret = fstat(h, &st) < 0 ? -errno : 0;
			if (!a.ret)
				uhyve_convert_stat(&st, &a.st);
			close(h);
		}
	}
	uhyve_put_ret32(arg, offsetof(struct uhyve_stat, ret), a.ret);
	memcpy((char *)arg + offsetof(struct uhyve_stat, st), &a.st, sizeof(a.st));
}

/* READLINK, REALPATH, GETCWD: the answer goes to a host buffer first, then to the guest. */
enum path_buf_op { PB_READLINK, PB_REALPATH, PB_GETCWD };

static int64_t path_buf(struct uhyve_files *f, const char *path, char *out, enum path_buf_op op)
{
	struct stat st;
	int64_t ret;
	int h;

	if (op == PB_GETCWD) {
		pthread_mutex_lock(&f->lock);
		memcpy(out, f->cwd, UHYVE_PATH_MAX);
		pthread_mutex_unlock(&f->lock);
		return (int64_t)strlen(out) + 1;
	}
	h = uhyve_path_open(f, path, op == PB_READLINK ? O_PATH | O_NOFOLLOW : O_PATH, 0);
	if (h < 0)
		return h;
	if (op == PB_REALPATH) {
		ret = uhyve_path_of_fd(f, h, out, UHYVE_PATH_MAX);
		ret = ret ? ret : (int64_t)strlen(out) + 1;
	} else if (fstat(h, &st) < 0) {
		ret = -errno;
	} else if (!S_ISLNK(st.st_mode)) {
		ret = -HERMIT_EINVAL;
	} else {
		ssize_t n = readlinkat(h, "", out, UHYVE_PATH_MAX);

		ret = n < 0 ? -errno : n;
	}
	close(h);
	return ret;
}

static void hc_path_buf(struct uhyve_vcpu *cpu, void *arg, enum path_buf_op op)
{
	struct uhyve_files *f = cpu->vm->files;
	char path[UHYVE_PATH_MAX], out[UHYVE_PATH_MAX];
	struct uhyve_path_buf a;
	void *buf;

	memcpy(&a, arg, sizeof(a));
	buf = uhyve_gpa_p(cpu->vm, a.buf.addr, a.len);
	if (!a.len || (op == PB_GETCWD && a.path.addr)) {
		a.ret = -HERMIT_EINVAL;
	} else if (!buf) {
		a.ret = -HERMIT_EFAULT;
	} else if (op == PB_GETCWD || !(a.ret = uhyve_path_get(f, cpu->vm, a.path.addr, path))) {
		a.ret = path_buf(f, path, out, op);
		if (a.ret > 0 && op == PB_READLINK && (uint64_t)a.ret > a.len)
			a.ret = (int64_t)a.len; /* readlink truncates silently */
		else if (a.ret > 0 && (uint64_t)a.ret > a.len)
			a.ret = op == PB_GETCWD ? -HERMIT_ERANGE : -HERMIT_ENAMETOOLONG;
		if (a.ret > 0)
			memcpy(buf, out, (size_t)a.ret);
	}
	uhyve_put_ret64(arg, offsetof(struct uhyve_path_buf, ret), a.ret);
}

void uhyve_hc_readlink(struct uhyve_vcpu *cpu, void *arg)
{
	hc_path_buf(cpu, arg, PB_READLINK);
}

void uhyve_hc_realpath(struct uhyve_vcpu *cpu, void *arg)
{
	hc_path_buf(cpu, arg, PB_REALPATH);
}

void uhyve_hc_getcwd(struct uhyve_vcpu *cpu, void *arg)
{
	hc_path_buf(cpu, arg, PB_GETCWD);
}

static bool valid_nsec(int64_t ns)
{
	return (ns >= 0 && ns < 1000000000) || ns == HERMIT_UTIME_NOW || ns == HERMIT_UTIME_OMIT;
}

static int utimens_path(struct uhyve_files *f, char *path, const struct timespec ts[2],
                        int32_t flags)
{
	char link[FD_LINK_MAX];
	const char *base;
	int h, ret;

	if (flags & HERMIT_AT_SYMLINK_NOFOLLOW) {
		if ((ret = open_parent(f, path, &h, &base)) == 1)
			ret = -HERMIT_EINVAL;
		if (ret)
			return ret;
		ret = utimensat(h, base, ts, AT_SYMLINK_NOFOLLOW) < 0 ? -errno : 0;
	} else {
		if ((h = uhyve_path_open(f, path, O_PATH, 0)) < 0)
			return h;
		fd_link(h, link);
		ret = utimensat(AT_FDCWD, link, ts, 0) < 0 ? -errno : 0;
	}
	close(h);
	return ret;
}

void uhyve_hc_utimens(struct uhyve_vcpu *cpu, void *arg)
{
	struct uhyve_files *f = cpu->vm->files;
	char path[UHYVE_PATH_MAX];
	struct uhyve_utimens a;
	struct timespec ts[2];
	int h;

	memcpy(&a, arg, sizeof(a));
	ts[0] = (struct timespec){.tv_sec = a.times[0], .tv_nsec = a.times[1]};
	ts[1] = (struct timespec){.tv_sec = a.times[2], .tv_nsec = a.times[3]};
	if ((a.flags & ~HERMIT_AT_SYMLINK_NOFOLLOW) || !valid_nsec(a.times[1]) ||
	    !valid_nsec(a.times[3])) {
		a.ret = -HERMIT_EINVAL;
	} else if (!a.path.addr) {
		if ((h = uhyve_files_get_fd(f, a.fd)) < 0) {
			a.ret = h;
		} else {
			a.ret = futimens(h, ts) < 0 ? -errno : 0;
			uhyve_files_put_fd(h);
		}
	} else if (!(a.ret = uhyve_path_get(f, cpu->vm, a.path.addr, path))) {
		a.ret = utimens_path(f, path, ts, a.flags);
	}
	uhyve_put_ret32(arg, offsetof(struct uhyve_utimens, ret), a.ret);
}

void uhyve_hc_statvfs(struct uhyve_vcpu *cpu, void *arg)
{
	struct uhyve_files *f = cpu->vm->files;
	char path[UHYVE_PATH_MAX];
	struct uhyve_statvfs a;
	struct statvfs sv;
	int h = -1;

	memcpy(&a, arg, sizeof(a));
	memset(&a.st, 0, sizeof(a.st));
	if (!a.path.addr)
		a.ret = h = uhyve_files_get_fd(f, a.fd);
	else if (!(a.ret = uhyve_path_get(f, cpu->vm, a.path.addr, path)))
		a.ret = h = uhyve_path_open(f, path, O_PATH, 0);
	if (h >= 0) {
		a.ret = fstatvfs(h, &sv) < 0 ? -errno : 0;
		if (!a.ret)
			a.st = (struct hermit_statvfs){.bsize = sv.f_bsize,
			                               .frsize = sv.f_frsize,
			                               .blocks = sv.f_blocks,
			                               .bfree = sv.f_bfree,
			                               .bavail = sv.f_bavail,
			                               .files = sv.f_files,
			                               .ffree = sv.f_ffree,
			                               .favail = sv.f_favail,
			                               .fsid = sv.f_fsid,
			                               .flag = sv.f_flag,
			                               .namemax = sv.f_namemax};
		if (a.path.addr)
			close(h);
		else
			uhyve_files_put_fd(h);
	}
	uhyve_put_ret32(arg, offsetof(struct uhyve_statvfs, ret), a.ret);
	memcpy((char *)arg + offsetof(struct uhyve_statvfs, st), &a.st, sizeof(a.st));
}

void uhyve_hc_sync(struct uhyve_vcpu *cpu, void *arg)
{
	struct uhyve_files *f = cpu->vm->files;
	int h;

	/* Below a root: only its file system (also keeps a fuzzer from syncing the host). */
	if (f->root_path && (h = uhyve_path_open(f, "/", O_RDONLY | O_DIRECTORY, 0)) >= 0) {
		syncfs(h);
		close(h);
	} else {
		sync();
	}
	uhyve_put_ret64(arg, offsetof(struct uhyve_fd_op, ret), 0);
}

/* The guest's path of a directory fd, for the *at calls (ABI 3). */
void uhyve_hc_fdpath(struct uhyve_vcpu *cpu, void *arg)
{
	char path[UHYVE_PATH_MAX];
	struct uhyve_rw a;
	struct stat st;
	void *buf;
	int h;

	memcpy(&a, arg, sizeof(a));
	buf = uhyve_gpa_p(cpu->vm, a.buf.addr, a.len);
	if (a.pad) {
		a.ret = -HERMIT_EINVAL;
	} else if (!buf) {
		a.ret = -HERMIT_EFAULT;
	} else if ((a.ret = h = uhyve_files_get_fd(cpu->vm->files, a.fd)) >= 0) {
		if (fstat(h, &st) < 0)
			a.ret = -errno;
		else if (!S_ISDIR(st.st_mode))
			a.ret = -HERMIT_ENOTDIR;
		else
			a.ret = uhyve_path_of_fd(cpu->vm->files, h, path, sizeof(path));
		uhyve_files_put_fd(h);
		if (a.ret == 0 && strlen(path) + 1 > a.len)
			a.ret = -HERMIT_ERANGE;
		else if (a.ret == 0)
			memcpy(buf, path, (size_t)(a.ret = (int64_t)strlen(path) + 1));
	}
	uhyve_put_ret64(arg, offsetof(struct uhyve_rw, ret), a.ret);
}
