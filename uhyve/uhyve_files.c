/* SPDX-License-Identifier: BSD-3-Clause */
/* The guest's file descriptor table and the file hypercalls, optionally confined to a root. */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/openat2.h>

#include "uhyve_files.h"

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
	if (!root && !getcwd(f->cwd, sizeof(f->cwd)))
		snprintf(f->cwd, sizeof(f->cwd), "/");
	if (root) {
		snprintf(f->cwd, sizeof(f->cwd), "/");
		f->root_path = realpath(root, NULL);
		f->root_fd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (f->root_fd < 0 || !f->root_path) {
			if (f->root_fd >= 0)
				close(f->root_fd);
			snprintf(err, errlen, "HERMIT_ROOT: cannot open directory %s: %s", root,
			         strerror(errno));
			free(f->root_path);
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
	free(f->root_path);
	free(f);
}

int uhyve_files_get_fd(struct uhyve_files *f, int32_t gfd)
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

void uhyve_files_put_fd(int h)
{
	if (h > 2)
		close(h);
}

#define get_fd uhyve_files_get_fd
#define put_fd uhyve_files_put_fd

static int64_t neg_errno(void)
{
	return -(int64_t)errno;
}

/*
 * A read or write whose host call failed with EFAULT although the buffer lies in guest memory:
 * some file systems (9p, FUSE or NFS with direct I/O) pin the caller's pages, which fails on
 * memory mapped from a device, as an isle's is (VM_PFNMAP). Done again through a bounce
 * buffer, 1 MiB at a time, with the same result as one call: the bytes moved, or -errno if
 * the first piece failed. `offset` < 0: at the file position.
 */
static ssize_t rw_bounced(int h, void *buf, size_t len, off_t offset, bool write_to_host)
{
	size_t chunk = len < (1u << 20) ? len : (1u << 20), done = 0;
	char *bounce = malloc(chunk ? chunk : 1);

	if (!bounce)
		return -HERMIT_ENOMEM;
	while (done < len) {
		size_t want = len - done < chunk ? len - done : chunk;
		off_t at = offset < 0 ? -1 : offset + (off_t)done;
		ssize_t n;

		if (write_to_host) {
			memcpy(bounce, (char *)buf + done, want);
			n = at < 0 ? write(h, bounce, want) : pwrite(h, bounce, want, at);
		} else {
			n = at < 0 ? read(h, bounce, want) : pread(h, bounce, want, at);
			if (n > 0)
				memcpy((char *)buf + done, bounce, (size_t)n);
		}
		if (n < 0) {
			if (!done)
				done = (size_t)neg_errno();
			break;
		}
		done += (size_t)n;
		if ((size_t)n < want)
			break;
	}
	free(bounce);
	return (ssize_t)done;
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
		if (a.ret == -HERMIT_EFAULT)
			a.ret = rw_bounced(h, buf, a.len, -1, write_to_host);
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

/* openat2 below the root (or from "/") for a path already joined to the working directory. */
int uhyve_path_open(struct uhyve_files *f, const char *path, int flags, int mode)
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

int uhyve_files_install(struct uhyve_files *f, int h, int min)
{
	int gfd = -HERMIT_EMFILE;

	pthread_mutex_lock(&f->lock);
	for (int i = min < 0 ? 0 : min; i < GUEST_FD_MAX; i++) {
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
	} else if ((a.ret = uhyve_path_get(cpu->vm->files, cpu->vm, a.path.addr, path)) == 0) {
		h = uhyve_path_open(cpu->vm->files, path, flags, a.mode);
		a.ret = h < 0 ? h : uhyve_files_install(cpu->vm->files, h, 0);
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

void uhyve_convert_stat(const struct stat *s, struct hermit_stat *h)
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
			uhyve_convert_stat(&st, &a.st);
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
	if ((a.ret = uhyve_path_get(cpu->vm->files, cpu->vm, a.path.addr, path)) == 0) {
		/* O_PATH follows symlinks (inside the root) like stat(2) does. */
		h = uhyve_path_open(cpu->vm->files, path, O_PATH, 0);
		if (h < 0) {
			a.ret = h;
		} else {
			a.ret = fstat(h, &st) < 0 ? -errno : 0;
			if (!a.ret)
				uhyve_convert_stat(&st, &a.st);
			close(h);
		}
	}
	memcpy((char *)arg + offsetof(struct uhyve_stat, ret), &a.ret, sizeof(a.ret));
	memcpy((char *)arg + offsetof(struct uhyve_stat, st), &a.st, sizeof(a.st));
}

void uhyve_hc_unlink(struct uhyve_vcpu *cpu, void *arg)
{
	static __thread char path[UHYVE_PATH_MAX];
	struct uhyve_unlink a;

	memcpy(&a, arg, sizeof(a));
	if ((a.ret = uhyve_path_get(cpu->vm->files, cpu->vm, a.path.addr, path)) == 0)
		a.ret = uhyve_unlink_path(cpu->vm->files, path);
	memcpy((char *)arg + offsetof(struct uhyve_unlink, ret), &a.ret, sizeof(a.ret));
}

/* ---- ABI version 2: calls on open descriptors ------------------------------------------- */

void uhyve_hc_getdents(struct uhyve_vcpu *cpu, void *arg)
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
		unsigned count = a.len > INT32_MAX ? INT32_MAX : (unsigned)a.len;
		long n = syscall(SYS_getdents64, h, buf, count);

		a.ret = n < 0 ? neg_errno() : n;
		put_fd(h);
	}
	uhyve_put_ret64(arg, offsetof(struct uhyve_rw, ret), a.ret);
}

static void hc_prw(struct uhyve_vcpu *cpu, void *arg, bool write_to_host)
{
	struct uhyve_prw a;
	void *buf;
	int h;

	memcpy(&a, arg, sizeof(a));
	buf = uhyve_gpa_p(cpu->vm, a.buf.addr, a.len);
	if (a.pad || a.offset < 0) {
		a.ret = -HERMIT_EINVAL;
	} else if (!buf) {
		a.ret = -HERMIT_EFAULT;
	} else if ((h = get_fd(cpu->vm->files, a.fd)) < 0) {
		a.ret = h;
	} else {
		ssize_t n = write_to_host ? pwrite(h, buf, a.len, a.offset)
		                          : pread(h, buf, a.len, a.offset);

		a.ret = n < 0 ? neg_errno() : n;
		if (a.ret == -HERMIT_EFAULT)
			a.ret = rw_bounced(h, buf, a.len, a.offset, write_to_host);
		put_fd(h);
	}
	uhyve_put_ret64(arg, offsetof(struct uhyve_prw, ret), a.ret);
}

void uhyve_hc_pread(struct uhyve_vcpu *cpu, void *arg)
{
	hc_prw(cpu, arg, false);
}

void uhyve_hc_pwrite(struct uhyve_vcpu *cpu, void *arg)
{
	hc_prw(cpu, arg, true);
}

/* The calls of struct uhyve_fd_op that act on one host fd: h is valid, a is the copy. */
typedef int64_t (*fd_op_fn)(struct uhyve_vcpu *cpu, int h, const struct uhyve_fd_op *a);

static void hc_fd_op(struct uhyve_vcpu *cpu, void *arg, fd_op_fn fn)
{
	struct uhyve_fd_op a;
	int h;

	memcpy(&a, arg, sizeof(a));
	if ((h = get_fd(cpu->vm->files, a.fd)) < 0) {
		a.ret = h;
	} else {
		a.ret = fn(cpu, h, &a);
		put_fd(h);
	}
	uhyve_put_ret64(arg, offsetof(struct uhyve_fd_op, ret), a.ret);
}

static int64_t fd_fsync(struct uhyve_vcpu *cpu, int h, const struct uhyve_fd_op *a)
{
	(void)cpu;
	if (a->cmd != 0 && a->cmd != 1)
		return -HERMIT_EINVAL;
	return (a->cmd ? fdatasync(h) : fsync(h)) < 0 ? neg_errno() : 0;
}

static int64_t fd_ftruncate(struct uhyve_vcpu *cpu, int h, const struct uhyve_fd_op *a)
{
	(void)cpu;
	if (a->arg < 0)
		return -HERMIT_EINVAL;
	return ftruncate(h, a->arg) < 0 ? neg_errno() : 0;
}

static int64_t fd_fchmod(struct uhyve_vcpu *cpu, int h, const struct uhyve_fd_op *a)
{
	(void)cpu;
	if (a->arg & ~07777)
		return -HERMIT_EINVAL;
	return fchmod(h, (mode_t)a->arg) < 0 ? neg_errno() : 0;
}

static int64_t fd_fchdir(struct uhyve_vcpu *cpu, int h, const struct uhyve_fd_op *a)
{
	struct uhyve_files *f = cpu->vm->files;
	char path[UHYVE_PATH_MAX];
	struct stat st;
	int ret;

	(void)a;
	if (fstat(h, &st) < 0)
		return neg_errno();
	if (!S_ISDIR(st.st_mode))
		return -HERMIT_ENOTDIR;
	if ((ret = uhyve_path_of_fd(f, h, path, sizeof(path))) < 0)
		return ret;
	pthread_mutex_lock(&f->lock);
	memcpy(f->cwd, path, sizeof(path));
	pthread_mutex_unlock(&f->lock);
	return 0;
}

static int32_t flags_to_hermit(int host)
{
	int32_t h = (host & O_ACCMODE) == O_WRONLY ? HERMIT_O_WRONLY
	            : (host & O_ACCMODE) == O_RDWR ? HERMIT_O_RDWR
	                                           : HERMIT_O_RDONLY;

	for (size_t i = 2; i < sizeof(open_flags) / sizeof(open_flags[0]); i++)
		if (open_flags[i].host && (host & open_flags[i].host))
			h |= open_flags[i].hermit;
	return h & ~(HERMIT_O_CREAT | HERMIT_O_EXCL | HERMIT_O_TRUNC | HERMIT_O_NOFOLLOW);
}

static int64_t fd_getfl(struct uhyve_vcpu *cpu, int h, const struct uhyve_fd_op *a)
{
	int fl = fcntl(h, F_GETFL);

	(void)cpu;
	(void)a;
	return fl < 0 ? neg_errno() : flags_to_hermit(fl);
}

static int64_t fd_setfl(struct uhyve_vcpu *cpu, int h, const struct uhyve_fd_op *a)
{
	int fl = fcntl(h, F_GETFL);

	(void)cpu;
	if (fl < 0)
		return neg_errno();
	fl &= ~(O_APPEND | O_NONBLOCK);
	fl |= (a->arg & HERMIT_O_APPEND ? O_APPEND : 0) |
	      (a->arg & HERMIT_O_NONBLOCK ? O_NONBLOCK : 0);
	return fcntl(h, F_SETFL, fl) < 0 ? neg_errno() : 0;
}

void uhyve_hc_fsync(struct uhyve_vcpu *cpu, void *arg)
{
	hc_fd_op(cpu, arg, fd_fsync);
}

void uhyve_hc_ftruncate(struct uhyve_vcpu *cpu, void *arg)
{
	hc_fd_op(cpu, arg, fd_ftruncate);
}

void uhyve_hc_fchmod(struct uhyve_vcpu *cpu, void *arg)
{
	hc_fd_op(cpu, arg, fd_fchmod);
}

void uhyve_hc_fchdir(struct uhyve_vcpu *cpu, void *arg)
{
	hc_fd_op(cpu, arg, fd_fchdir);
}

void uhyve_hc_getfl(struct uhyve_vcpu *cpu, void *arg)
{
	hc_fd_op(cpu, arg, fd_getfl);
}

void uhyve_hc_setfl(struct uhyve_vcpu *cpu, void *arg)
{
	hc_fd_op(cpu, arg, fd_setfl);
}

/* dup/dup2/dup3/F_DUPFD: a second host fd for the same open file description. */
void uhyve_hc_dup(struct uhyve_vcpu *cpu, void *arg)
{
	struct uhyve_files *f = cpu->vm->files;
	struct uhyve_fd_op a;
	int h, old = -1, exact;

	memcpy(&a, arg, sizeof(a));
	exact = a.cmd & ~HERMIT_O_CLOEXEC;
	if (exact != 0 && exact != 1) {
		a.ret = -HERMIT_EINVAL;
	} else if (a.arg < 0 || a.arg >= GUEST_FD_MAX) {
		a.ret = exact ? -HERMIT_EBADF : -HERMIT_EINVAL;
	} else if ((h = get_fd(f, a.fd)) < 0) {
		a.ret = h;
	} else if (exact && a.arg == a.fd) {
		put_fd(h);
		a.ret = a.arg;
	} else if (h <= 2 && (h = fcntl(h, F_DUPFD_CLOEXEC, 3)) < 0) {
		a.ret = neg_errno();
	} else if (!exact) {
		a.ret = uhyve_files_install(f, h, (int)a.arg);
	} else {
		/* dup2: replace whatever the guest had at arg (as one step, like Linux). */
		pthread_mutex_lock(&f->lock);
		old = f->host[a.arg];
		f->host[a.arg] = h;
		pthread_mutex_unlock(&f->lock);
		if (old > 2)
			close(old);
		a.ret = a.arg;
	}
	uhyve_put_ret64(arg, offsetof(struct uhyve_fd_op, ret), a.ret);
}

void uhyve_hc_ttyname(struct uhyve_vcpu *cpu, void *arg)
{
	char name[256];
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
		int e = ttyname_r(h, name, sizeof(name));

		put_fd(h);
		if (e)
			a.ret = -e;
		else if (strlen(name) + 1 > a.len)
			a.ret = -HERMIT_ERANGE;
		else
			memcpy(buf, name, (a.ret = (int64_t)strlen(name) + 1));
	}
	uhyve_put_ret64(arg, offsetof(struct uhyve_rw, ret), a.ret);
}

/* Record locks as open-file-description locks: closing the call's duplicate of the host fd
 * (put_fd) must not drop them, which it would for POSIX locks. */
void uhyve_hc_lock(struct uhyve_vcpu *cpu, void *arg)
{
	static const short types[] = {F_RDLCK, F_WRLCK, F_UNLCK};
	struct uhyve_lock a;
	struct flock fl;
	int h;

	memcpy(&a, arg, sizeof(a));
	if ((a.cmd != 0 && a.cmd != 1) || a.type < 0 || a.type > 2 || a.whence < 0 ||
	    a.whence > 2) {
		a.ret = -HERMIT_EINVAL;
	} else if ((h = get_fd(cpu->vm->files, a.fd)) < 0) {
		a.ret = h;
	} else {
		fl = (struct flock){.l_type = types[a.type],
		                    .l_whence = a.whence,
		                    .l_start = a.start,
		                    .l_len = a.len};
		a.ret = fcntl(h, a.cmd ? F_OFD_SETLK : F_OFD_GETLK, &fl) < 0 ? -errno : 0;
		if (a.ret == -EACCES)
			a.ret = -HERMIT_EAGAIN;
		if (!a.ret && !a.cmd) {
			a.type = fl.l_type == F_RDLCK   ? HERMIT_F_RDLCK
			         : fl.l_type == F_WRLCK ? HERMIT_F_WRLCK
			                                : HERMIT_F_UNLCK;
			a.whence = (int16_t)fl.l_whence;
			a.start = fl.l_start;
			a.len = fl.l_len;
		}
		put_fd(h);
	}
	memcpy((char *)arg + offsetof(struct uhyve_lock, type), &a.type, sizeof(a.type));
	memcpy((char *)arg + offsetof(struct uhyve_lock, whence), &a.whence, sizeof(a.whence));
	memcpy((char *)arg + offsetof(struct uhyve_lock, start), &a.start, 16);
	uhyve_put_ret32(arg, offsetof(struct uhyve_lock, ret), a.ret);
}
