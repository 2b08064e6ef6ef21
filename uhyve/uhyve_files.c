/* SPDX-License-Identifier: BSD-3-Clause */
/* The guest's file descriptor table and the file hypercalls, optionally confined to a root. */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/openat2.h>

#include "uhyve.h"

#define GUEST_FD_MAX 1024

/*
 * Guest fd -> host fd. The guest can only name host fds that this table holds, never
 * uhyve's own (KVM, vCPU, root). Host fds 0-2 are shared with uhyve and never closed;
 * any other host fd is duplicated for the duration of a call, so that a concurrent close
 * on another vCPU cannot make the call act on a reused descriptor.
 */
struct uhyve_files {
	pthread_mutex_t lock; /* guards host[] */
	int root_fd;          /* AT_FDCWD without HERMIT_ROOT */
	uint64_t resolve;     /* openat2 RESOLVE_* flags */
	int host[GUEST_FD_MAX];
};

static const struct {
	int32_t hermit;
	int host;
} open_flags[] = {
    {HERMIT_O_WRONLY, O_WRONLY},     {HERMIT_O_RDWR, O_RDWR},
    {HERMIT_O_CREAT, O_CREAT},       {HERMIT_O_EXCL, O_EXCL},
    {HERMIT_O_TRUNC, O_TRUNC},       {HERMIT_O_APPEND, O_APPEND},
    {HERMIT_O_NONBLOCK, O_NONBLOCK}, {HERMIT_O_DIRECTORY, O_DIRECTORY},
    {HERMIT_O_NOFOLLOW, O_NOFOLLOW}, {HERMIT_O_CLOEXEC, 0},
};

struct uhyve_files *uhyve_files_new(const char *root, char *err, size_t errlen)
{
	struct uhyve_files *f = calloc(1, sizeof(*f));

	if (!f) {
		snprintf(err, errlen, "calloc: %s", strerror(errno));
		return NULL;
	}
	pthread_mutex_init(&f->lock, NULL);
	for (int i = 0; i < GUEST_FD_MAX; i++)
		f->host[i] = i <= 2 ? i : -1;
	f->root_fd = AT_FDCWD;
	if (root) {
		f->root_fd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (f->root_fd < 0) {
			snprintf(err, errlen, "HERMIT_ROOT: cannot open directory %s: %s", root,
			         strerror(errno));
			free(f);
			return NULL;
		}
		f->resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
	}
	return f;
}

void uhyve_files_free(struct uhyve_files *f)
{
	if (!f)
		return;
	for (int i = 3; i < GUEST_FD_MAX; i++)
		if (f->host[i] > 2)
			close(f->host[i]);
	if (f->root_fd >= 0)
		close(f->root_fd);
	free(f);
}

/* A host fd for a guest fd, to be released with put_fd; -HERMIT_EBADF if it is not open. */
static int get_fd(struct uhyve_files *f, int32_t gfd)
{
	int h;

	if (gfd < 0 || gfd >= GUEST_FD_MAX)
		return -HERMIT_EBADF;
	pthread_mutex_lock(&f->lock);
	h = f->host[gfd];
	if (h > 2 && (h = fcntl(h, F_DUPFD_CLOEXEC, 3)) < 0)
		h = -errno;
	else if (h < 0)
		h = -HERMIT_EBADF;
	pthread_mutex_unlock(&f->lock);
	return h;
}

static void put_fd(int h)
{
	if (h > 2)
		close(h);
}

static int64_t neg_errno(void)
{
	return -(int64_t)errno;
}

static void hc_rw(struct uhyve_vcpu *cpu, void *arg, bool write_to_host)
{
	struct uhyve_rw a;
	void *buf;
	int h;

	memcpy(&a, arg, sizeof(a));
	buf = uhyve_gpa_p(cpu->vm, a.buf.addr, a.len);
	if (a.pad) {
		a.ret = -HERMIT_EINVAL;
	} else if (!buf) {
		a.ret = -HERMIT_EFAULT;
	} else if ((h = get_fd(cpu->vm->files, a.fd)) < 0) {
		a.ret = h;
	} else {
		ssize_t n = write_to_host ? write(h, buf, a.len) : read(h, buf, a.len);

		a.ret = n < 0 ? neg_errno() : n;
		put_fd(h);
	}
	memcpy((char *)arg + offsetof(struct uhyve_rw, ret), &a.ret, sizeof(a.ret));
}

void uhyve_hc_write(struct uhyve_vcpu *cpu, void *arg)
{
	hc_rw(cpu, arg, true);
}

void uhyve_hc_read(struct uhyve_vcpu *cpu, void *arg)
{
	hc_rw(cpu, arg, false);
}

static int convert_flags(int32_t hermit, int *host)
{
	int32_t known = HERMIT_O_ACCMODE;

	*host = 0;
	if ((hermit & HERMIT_O_ACCMODE) == HERMIT_O_ACCMODE)
		return -HERMIT_EINVAL;
	for (size_t i = 0; i < sizeof(open_flags) / sizeof(open_flags[0]); i++) {
		known |= open_flags[i].hermit;
		if ((hermit & open_flags[i].hermit) == open_flags[i].hermit)
			*host |= open_flags[i].host;
	}
	return hermit & ~known ? -HERMIT_EINVAL : 0;
}

/* openat2 below the root (or the working directory) for a path already copied to the host. */
static int open_path(struct uhyve_files *f, const char *path, int flags, int mode)
{
	struct open_how how = {
	    .flags = (uint64_t)(flags | O_CLOEXEC),
	    .mode = (flags & O_CREAT) ? (uint64_t)mode : 0,
	    .resolve = f->resolve,
	};
	long fd = syscall(SYS_openat2, f->root_fd, path, &how, sizeof(how));

	/* Without a root nothing needs RESOLVE_*: fall back where openat2 is unknown (kernels
	 * before 5.6, valgrind). With a root there is no safe fallback: the guest gets ENOSYS. */
	if (fd < 0 && errno == ENOSYS && !f->resolve)
		fd = openat(f->root_fd, path, (int)how.flags, (mode_t)how.mode);
	return fd < 0 ? -errno : (int)fd;
}

static int install_fd(struct uhyve_files *f, int h)
{
	int gfd = -HERMIT_EMFILE;

	pthread_mutex_lock(&f->lock);
	for (int i = 0; i < GUEST_FD_MAX; i++) {
		if (f->host[i] < 0) {
			f->host[i] = h;
			gfd = i;
			break;
		}
	}
	pthread_mutex_unlock(&f->lock);
	if (gfd < 0)
		close(h);
	return gfd;
}

void uhyve_hc_open(struct uhyve_vcpu *cpu, void *arg)
{
	static __thread char path[UHYVE_PATH_MAX];
	struct uhyve_open a;
	int flags, h;

	memcpy(&a, arg, sizeof(a));
	if (convert_flags(a.flags, &flags) || (a.mode & ~07777)) {
		a.ret = -HERMIT_EINVAL;
	} else if ((a.ret = uhyve_gpa_string(cpu->vm, a.path.addr, path, sizeof(path))) == 0) {
		h = open_path(cpu->vm->files, path, flags, a.mode);
		a.ret = h < 0 ? h : install_fd(cpu->vm->files, h);
	}
	memcpy((char *)arg + offsetof(struct uhyve_open, ret), &a.ret, sizeof(a.ret));
}

void uhyve_hc_close(struct uhyve_vcpu *cpu, void *arg)
{
	struct uhyve_files *f = cpu->vm->files;
	struct uhyve_close a;
	int h = -1;

	memcpy(&a, arg, sizeof(a));
	a.ret = -HERMIT_EBADF;
	if (a.fd >= 0 && a.fd < GUEST_FD_MAX) {
		pthread_mutex_lock(&f->lock);
		h = f->host[a.fd];
		f->host[a.fd] = -1;
		pthread_mutex_unlock(&f->lock);
	}
	if (h >= 0)
		a.ret = (h > 2 && close(h) < 0) ? -errno : 0;
	memcpy((char *)arg + offsetof(struct uhyve_close, ret), &a.ret, sizeof(a.ret));
}

void uhyve_hc_lseek(struct uhyve_vcpu *cpu, void *arg)
{
	struct uhyve_lseek a;
	off_t off;
	int h;

	memcpy(&a, arg, sizeof(a));
	if (a.whence < 0 || a.whence > 2) {
		a.ret = -HERMIT_EINVAL;
	} else if ((h = get_fd(cpu->vm->files, a.fd)) < 0) {
		a.ret = h;
	} else {
		off = lseek(h, a.offset,
		            a.whence == 0   ? SEEK_SET
		            : a.whence == 1 ? SEEK_CUR
		                            : SEEK_END);
		a.ret = off < 0 ? neg_errno() : off;
		put_fd(h);
	}
	memcpy((char *)arg + offsetof(struct uhyve_lseek, ret), &a.ret, sizeof(a.ret));
}

static void convert_stat(const struct stat *s, struct hermit_stat *h)
{
	*h = (struct hermit_stat){
	    .dev = s->st_dev,
	    .ino = s->st_ino,
	    .mode = s->st_mode,
	    .nlink = (uint32_t)s->st_nlink,
	    .uid = s->st_uid,
	    .gid = s->st_gid,
	    .rdev = s->st_rdev,
	    .size = s->st_size,
	    .blksize = s->st_blksize,
	    .blocks = s->st_blocks,
	    .atime_sec = s->st_atim.tv_sec,
	    .atime_nsec = s->st_atim.tv_nsec,
	    .mtime_sec = s->st_mtim.tv_sec,
	    .mtime_nsec = s->st_mtim.tv_nsec,
	    .ctime_sec = s->st_ctim.tv_sec,
	    .ctime_nsec = s->st_ctim.tv_nsec,
	};
}

void uhyve_hc_fstat(struct uhyve_vcpu *cpu, void *arg)
{
	struct uhyve_fstat a;
	struct stat st;
	int h;

	memcpy(&a, arg, sizeof(a));
	memset(&a.st, 0, sizeof(a.st));
	if ((h = get_fd(cpu->vm->files, a.fd)) < 0) {
		a.ret = h;
	} else {
		a.ret = fstat(h, &st) < 0 ? -errno : 0;
		if (!a.ret)
			convert_stat(&st, &a.st);
		put_fd(h);
	}
	memcpy((char *)arg + offsetof(struct uhyve_fstat, ret), &a.ret, sizeof(a.ret));
	memcpy((char *)arg + offsetof(struct uhyve_fstat, st), &a.st, sizeof(a.st));
}

void uhyve_hc_stat(struct uhyve_vcpu *cpu, void *arg)
{
	static __thread char path[UHYVE_PATH_MAX];
	struct uhyve_stat a;
	struct stat st;
	int h;

	memcpy(&a, arg, sizeof(a));
	memset(&a.st, 0, sizeof(a.st));
	if ((a.ret = uhyve_gpa_string(cpu->vm, a.path.addr, path, sizeof(path))) == 0) {
		/* O_PATH follows symlinks (inside the root) like stat(2) does. */
		h = open_path(cpu->vm->files, path, O_PATH, 0);
		if (h < 0) {
			a.ret = h;
		} else {
			a.ret = fstat(h, &st) < 0 ? -errno : 0;
			if (!a.ret)
				convert_stat(&st, &a.st);
			close(h);
		}
	}
	memcpy((char *)arg + offsetof(struct uhyve_stat, ret), &a.ret, sizeof(a.ret));
	memcpy((char *)arg + offsetof(struct uhyve_stat, st), &a.st, sizeof(a.st));
}

/* unlink below the root: resolve the parent directory inside the root, then unlinkat. */
static int unlink_path(struct uhyve_files *f, char *path)
{
	char *slash = strrchr(path, '/');
	const char *dir = ".", *base = path;
	int dfd, ret;

	if (f->root_fd == AT_FDCWD)
		return unlink(path) < 0 ? -errno : 0;
	if (slash) {
		*slash = '\0';
		dir = slash == path ? "/" : path;
		base = slash + 1;
	}
	if (!*base || !strcmp(base, ".") || !strcmp(base, ".."))
		return -HERMIT_EISDIR;
	dfd = open_path(f, dir, O_PATH | O_DIRECTORY, 0);
	if (dfd < 0)
		return dfd;
	ret = unlinkat(dfd, base, 0) < 0 ? -errno : 0;
	close(dfd);
	return ret;
}

void uhyve_hc_unlink(struct uhyve_vcpu *cpu, void *arg)
{
	static __thread char path[UHYVE_PATH_MAX];
	struct uhyve_unlink a;

	memcpy(&a, arg, sizeof(a));
	if ((a.ret = uhyve_gpa_string(cpu->vm, a.path.addr, path, sizeof(path))) == 0)
		a.ret = unlink_path(cpu->vm->files, path);
	memcpy((char *)arg + offsetof(struct uhyve_unlink, ret), &a.ret, sizeof(a.ret));
}
