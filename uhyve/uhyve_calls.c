/* SPDX-License-Identifier: BSD-3-Clause */
/* The calls uhyve and the isle proxy serve alike (files, directories, pipes, eventfds), by
 * number. */
#include "uhyve.h"
#include "uhyve_files.h"

/* EXIT, PANIC and CPU_START concern the VM or the isle itself: each server has its own. */
const struct uhyve_call uhyve_file_calls[UHYVE_HC_MAX] = {
    [UHYVE_HC_WRITE] = {uhyve_hc_write, sizeof(struct uhyve_rw), "write"},
    [UHYVE_HC_READ] = {uhyve_hc_read, sizeof(struct uhyve_rw), "read"},
    [UHYVE_HC_OPEN] = {uhyve_hc_open, sizeof(struct uhyve_open), "open"},
    [UHYVE_HC_CLOSE] = {uhyve_hc_close, sizeof(struct uhyve_close), "close"},
    [UHYVE_HC_LSEEK] = {uhyve_hc_lseek, sizeof(struct uhyve_lseek), "lseek"},
    [UHYVE_HC_FSTAT] = {uhyve_hc_fstat, sizeof(struct uhyve_fstat), "fstat"},
    [UHYVE_HC_STAT] = {uhyve_hc_stat, sizeof(struct uhyve_stat), "stat"},
    [UHYVE_HC_UNLINK] = {uhyve_hc_unlink, sizeof(struct uhyve_unlink), "unlink"},
    [UHYVE_HC_LSTAT] = {uhyve_hc_lstat, sizeof(struct uhyve_stat), "lstat"},
    [UHYVE_HC_ACCESS] = {uhyve_hc_access, sizeof(struct uhyve_path_op), "access"},
    [UHYVE_HC_MKDIR] = {uhyve_hc_mkdir, sizeof(struct uhyve_path_op), "mkdir"},
    [UHYVE_HC_RMDIR] = {uhyve_hc_rmdir, sizeof(struct uhyve_path_op), "rmdir"},
    [UHYVE_HC_CHMOD] = {uhyve_hc_chmod, sizeof(struct uhyve_path_op), "chmod"},
    [UHYVE_HC_TRUNCATE] = {uhyve_hc_truncate, sizeof(struct uhyve_path_op), "truncate"},
    [UHYVE_HC_CHDIR] = {uhyve_hc_chdir, sizeof(struct uhyve_path_op), "chdir"},
    [UHYVE_HC_RENAME] = {uhyve_hc_rename, sizeof(struct uhyve_path2), "rename"},
    [UHYVE_HC_LINK] = {uhyve_hc_link, sizeof(struct uhyve_path2), "link"},
    [UHYVE_HC_SYMLINK] = {uhyve_hc_symlink, sizeof(struct uhyve_path2), "symlink"},
    [UHYVE_HC_READLINK] = {uhyve_hc_readlink, sizeof(struct uhyve_path_buf), "readlink"},
    [UHYVE_HC_REALPATH] = {uhyve_hc_realpath, sizeof(struct uhyve_path_buf), "realpath"},
    [UHYVE_HC_GETCWD] = {uhyve_hc_getcwd, sizeof(struct uhyve_path_buf), "getcwd"},
    [UHYVE_HC_GETDENTS] = {uhyve_hc_getdents, sizeof(struct uhyve_rw), "getdents"},
    [UHYVE_HC_PREAD] = {uhyve_hc_pread, sizeof(struct uhyve_prw), "pread"},
    [UHYVE_HC_PWRITE] = {uhyve_hc_pwrite, sizeof(struct uhyve_prw), "pwrite"},
    [UHYVE_HC_FSYNC] = {uhyve_hc_fsync, sizeof(struct uhyve_fd_op), "fsync"},
    [UHYVE_HC_FTRUNCATE] = {uhyve_hc_ftruncate, sizeof(struct uhyve_fd_op), "ftruncate"},
    [UHYVE_HC_FCHMOD] = {uhyve_hc_fchmod, sizeof(struct uhyve_fd_op), "fchmod"},
    [UHYVE_HC_FCHDIR] = {uhyve_hc_fchdir, sizeof(struct uhyve_fd_op), "fchdir"},
    [UHYVE_HC_DUP] = {uhyve_hc_dup, sizeof(struct uhyve_fd_op), "dup"},
    [UHYVE_HC_GETFL] = {uhyve_hc_getfl, sizeof(struct uhyve_fd_op), "getfl"},
    [UHYVE_HC_SETFL] = {uhyve_hc_setfl, sizeof(struct uhyve_fd_op), "setfl"},
    [UHYVE_HC_TTYNAME] = {uhyve_hc_ttyname, sizeof(struct uhyve_rw), "ttyname"},
    [UHYVE_HC_UTIMENS] = {uhyve_hc_utimens, sizeof(struct uhyve_utimens), "utimens"},
    [UHYVE_HC_STATVFS] = {uhyve_hc_statvfs, sizeof(struct uhyve_statvfs), "statvfs"},
    [UHYVE_HC_LOCK] = {uhyve_hc_lock, sizeof(struct uhyve_lock), "lock"},
    [UHYVE_HC_SYNC] = {uhyve_hc_sync, sizeof(struct uhyve_fd_op), "sync"},
    [UHYVE_HC_PIPE] = {uhyve_hc_pipe, sizeof(struct uhyve_pipe), "pipe"},
    [UHYVE_HC_POLL] = {uhyve_hc_poll, sizeof(struct uhyve_poll), "poll"},
    [UHYVE_HC_FDPATH] = {uhyve_hc_fdpath, sizeof(struct uhyve_rw), "fdpath"},
    [UHYVE_HC_EVENTFD] = {uhyve_hc_eventfd, sizeof(struct uhyve_eventfd), "eventfd"},
};
