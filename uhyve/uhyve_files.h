/* SPDX-License-Identifier: BSD-3-Clause */
/* Internal contract between uhyve_files.c (fd table, fd calls) and uhyve_paths.c (paths). */
#ifndef UHYVE_FILES_H
#define UHYVE_FILES_H

#include <pthread.h>
#include <stdint.h>
#include <sys/stat.h>

#include "uhyve.h"

#define GUEST_FD_MAX 1024

/*
 * Guest fd -> host fd. The guest can only name host fds that this table holds, never
 * uhyve's own (KVM, vCPU, root). Host fds 0-2 are shared with uhyve and never closed;
 * any other host fd is duplicated for the duration of a call, so that a concurrent close
 * on another vCPU cannot make the call act on a reused descriptor.
 *
 * The guest's working directory is a path as the guest sees it (absolute: below the root
 * with HERMIT_ROOT, a host path without); every relative guest path is joined to it and
 * the result resolved below root_fd (RESOLVE_IN_ROOT) or from "/" without a root.
 */
struct uhyve_files {
	pthread_mutex_t lock; /* guards host[] and cwd */
	int root_fd;          /* AT_FDCWD without HERMIT_ROOT */
	uint64_t resolve;     /* openat2 RESOLVE_* flags */
	char *root_path;      /* canonical host path of the root, NULL without one */
	char cwd[UHYVE_PATH_MAX];
	int host[GUEST_FD_MAX];
};

/* A host fd for a guest fd, to be released with put_fd; -HERMIT_EBADF if it is not open. */
int uhyve_files_get_fd(struct uhyve_files *f, int32_t gfd);
void uhyve_files_put_fd(int h);
/* Installs host fd h at the lowest free guest fd >= min; closes h on failure. */
int uhyve_files_install(struct uhyve_files *f, int h, int min);

/* Copies the guest path at gpa and joins it to the working directory into out (which
 * holds UHYVE_PATH_MAX bytes): 0, -HERMIT_EFAULT, -HERMIT_ENAMETOOLONG or -HERMIT_ENOENT
 * (an empty path). */
int uhyve_path_get(struct uhyve_files *f, const struct uhyve_vm *vm, uint64_t gpa, char *out);
/* openat2 of a joined path below the root: a host fd or -errno. */
int uhyve_path_open(struct uhyve_files *f, const char *path, int flags, int mode);
/* The guest's name for an open host fd (for realpath, getcwd): 0 or -errno. */
int uhyve_path_of_fd(struct uhyve_files *f, int h, char *out, size_t len);

void uhyve_convert_stat(const struct stat *s, struct hermit_stat *h);

static inline void uhyve_put_ret32(void *arg, size_t off, int64_t ret)
{
	int32_t r = (int32_t)ret;
	__builtin_memcpy((char *)arg + off, &r, sizeof(r));
}

static inline void uhyve_put_ret64(void *arg, size_t off, int64_t ret)
{
	__builtin_memcpy((char *)arg + off, &ret, sizeof(ret));
}

/* uhyve_paths.c */
void uhyve_hc_lstat(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_access(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_mkdir(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_rmdir(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_chmod(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_truncate(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_chdir(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_rename(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_link(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_symlink(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_readlink(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_realpath(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_getcwd(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_utimens(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_statvfs(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_sync(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_fdpath(struct uhyve_vcpu *cpu, void *arg);
int uhyve_unlink_path(struct uhyve_files *f, char *path);

/* uhyve_files.c (fd calls) */
void uhyve_hc_getdents(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_pread(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_pwrite(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_fsync(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_ftruncate(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_fchmod(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_fchdir(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_dup(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_getfl(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_setfl(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_ttyname(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_lock(struct uhyve_vcpu *cpu, void *arg);

/* uhyve_ipc.c */
void uhyve_hc_pipe(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_poll(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_eventfd(struct uhyve_vcpu *cpu, void *arg);

#endif
