/* SPDX-License-Identifier: BSD-3-Clause */
/* Hypercall ABI between the HermitCore kernel (guest) and the uhyve monitor (host). */
#ifndef HERMIT_ABI_UHYVE_H
#define HERMIT_ABI_UHYVE_H

#include <stdint.h>

/*
 * Transport: the guest writes, with a 32-bit `out`, the guest physical address of the
 * call's argument struct to port UHYVE_PORT_BASE + call number. The struct must lie below
 * 4 GiB and be 8-byte aligned. The vCPU stops until uhyve has handled the call; uhyve
 * copies the struct, validates the copy, acts, and writes back only the OUT fields.
 *
 * Errors: a bad request (bad fd, bad flags, a buffer outside guest memory) gets a negative
 * errno in `ret`, errno values as on Linux x86_64 (HERMIT_E*). An argument struct that is
 * itself outside guest memory ends the VM with a clear message.
 */

#define UHYVE_ABI_VERSION 1
#define UHYVE_PORT_BASE   0x500

/* A guest physical address: an integer the host must translate (checked) before use. */
typedef struct {
	uint64_t addr;
} hermit_gpa_t;

enum uhyve_hypercall {
	UHYVE_HC_EXIT = 0,
	UHYVE_HC_WRITE = 1,
	UHYVE_HC_READ = 2,
	UHYVE_HC_OPEN = 3,
	UHYVE_HC_CLOSE = 4,
	UHYVE_HC_LSEEK = 5,
	UHYVE_HC_FSTAT = 6,
	UHYVE_HC_STAT = 7,
	UHYVE_HC_UNLINK = 8,
	UHYVE_HC_PANIC = 9,
	UHYVE_HC_CPU_START = 10,
	UHYVE_HC_MAX
};

/* Longest path or message uhyve reads from the guest, including the NUL. */
#define UHYVE_PATH_MAX 4096
#define UHYVE_MSG_MAX  4096

/* UHYVE_HC_EXIT: the application has ended; uhyve exits with `status` & 0xff. */
struct uhyve_exit {
	int32_t status; /* IN */
	uint32_t pad;
};

/* UHYVE_HC_WRITE / UHYVE_HC_READ on a guest file descriptor. */
struct uhyve_rw {
	int32_t fd;       /* IN */
	uint32_t pad;     /* IN, must be 0 */
	hermit_gpa_t buf; /* IN */
	uint64_t len;     /* IN */
	int64_t ret;      /* OUT: bytes transferred or -errno */
};

/* Open flags (Linux x86_64 values). Any other bit gives -EINVAL. */
#define HERMIT_O_RDONLY    0x0
#define HERMIT_O_WRONLY    0x1
#define HERMIT_O_RDWR      0x2
#define HERMIT_O_ACCMODE   0x3
#define HERMIT_O_CREAT     0x40
#define HERMIT_O_EXCL      0x80
#define HERMIT_O_TRUNC     0x200
#define HERMIT_O_APPEND    0x400
#define HERMIT_O_NONBLOCK  0x800
#define HERMIT_O_DIRECTORY 0x10000
#define HERMIT_O_NOFOLLOW  0x20000
#define HERMIT_O_CLOEXEC   0x80000

/* UHYVE_HC_OPEN: path is NUL-terminated, at most UHYVE_PATH_MAX bytes with the NUL. */
struct uhyve_open {
	hermit_gpa_t path; /* IN */
	int32_t flags;     /* IN: HERMIT_O_* */
	int32_t mode;      /* IN: permission bits, 07777 at most */
	int64_t ret;       /* OUT: guest fd or -errno */
};

/* UHYVE_HC_CLOSE */
struct uhyve_close {
	int32_t fd;  /* IN */
	int32_t ret; /* OUT: 0 or -errno */
};

/* UHYVE_HC_LSEEK: whence 0 = SET, 1 = CUR, 2 = END. */
struct uhyve_lseek {
	int32_t fd;     /* IN */
	int32_t whence; /* IN */
	int64_t offset; /* IN */
	int64_t ret;    /* OUT: new offset or -errno */
};

/* File status as the guest sees it; mode bits as on Linux (S_IFREG 0100000, ...). */
struct hermit_stat {
	uint64_t dev;
	uint64_t ino;
	uint32_t mode;
	uint32_t nlink;
	uint32_t uid;
	uint32_t gid;
	uint64_t rdev;
	int64_t size;
	int64_t blksize;
	int64_t blocks;
	int64_t atime_sec;
	int64_t atime_nsec;
	int64_t mtime_sec;
	int64_t mtime_nsec;
	int64_t ctime_sec;
	int64_t ctime_nsec;
};

/* UHYVE_HC_FSTAT */
struct uhyve_fstat {
	int32_t fd;            /* IN */
	int32_t ret;           /* OUT: 0 or -errno */
	struct hermit_stat st; /* OUT */
};

/* UHYVE_HC_STAT: follows symlinks, like stat(2). */
struct uhyve_stat {
	hermit_gpa_t path; /* IN */
	int32_t ret;       /* OUT: 0 or -errno */
	uint32_t pad;
	struct hermit_stat st; /* OUT */
};

/* UHYVE_HC_UNLINK */
struct uhyve_unlink {
	hermit_gpa_t path; /* IN */
	int32_t ret;       /* OUT: 0 or -errno */
	uint32_t pad;
};

/* UHYVE_HC_PANIC: the kernel has died; uhyve prints msg and the log tail, exits 125. */
struct uhyve_panic {
	hermit_gpa_t msg; /* IN: NUL-terminated, at most UHYVE_MSG_MAX bytes */
};

/* UHYVE_HC_CPU_START: start logical CPU `cpu` (1 .. cpu_count-1) at the image entry with
 * the boot contract of boot_info.h (rsi = cpu). */
struct uhyve_cpu_start {
	uint32_t cpu; /* IN */
	int32_t ret;  /* OUT: 0 or -errno (-EINVAL: no such CPU, -EBUSY: already started) */
};

/* errno values used in `ret` (Linux x86_64 numbering). Others may appear too. */
#define HERMIT_EPERM        1
#define HERMIT_ENOENT       2
#define HERMIT_EIO          5
#define HERMIT_EBADF        9
#define HERMIT_ENOMEM       12
#define HERMIT_EACCES       13
#define HERMIT_EFAULT       14
#define HERMIT_EBUSY        16
#define HERMIT_EEXIST       17
#define HERMIT_ENOTDIR      20
#define HERMIT_EISDIR       21
#define HERMIT_EINVAL       22
#define HERMIT_ENFILE       23
#define HERMIT_EMFILE       24
#define HERMIT_ENOTTY       25
#define HERMIT_EFBIG        27
#define HERMIT_ENOSPC       28
#define HERMIT_ESPIPE       29
#define HERMIT_EROFS        30
#define HERMIT_EPIPE        32
#define HERMIT_ERANGE       34
#define HERMIT_ENAMETOOLONG 36
#define HERMIT_ENOSYS       38
#define HERMIT_ENOTEMPTY    39
#define HERMIT_ELOOP        40
#define HERMIT_EOVERFLOW    75
#define HERMIT_ETIMEDOUT    110
#define HERMIT_EAGAIN       11
#define HERMIT_EINTR        4
#define HERMIT_ESRCH        3
#define HERMIT_EDEADLK      35

/* Exit status of uhyve when the guest did not exit normally (see uhyve --help). */
#define UHYVE_STATUS_PANIC 125

_Static_assert(sizeof(struct uhyve_rw) == 32, "uhyve_rw layout");
_Static_assert(sizeof(struct uhyve_open) == 24, "uhyve_open layout");
_Static_assert(sizeof(struct hermit_stat) == 112, "hermit_stat layout");
_Static_assert(sizeof(struct uhyve_fstat) == 120, "uhyve_fstat layout");
_Static_assert(sizeof(struct uhyve_stat) == 128, "uhyve_stat layout");
_Static_assert(sizeof(struct uhyve_lseek) == 24, "uhyve_lseek layout");

#endif
