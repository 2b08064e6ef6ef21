/* SPDX-License-Identifier: BSD-3-Clause */
/* Hypercall ABI between the HermitCore kernel (guest) and the uhyve monitor (host). */
#ifndef HERMIT_ABI_UHYVE_H
#define HERMIT_ABI_UHYVE_H

#include <stddef.h>
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

#define UHYVE_ABI_VERSION 5
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
	/* ABI version 2: files and directories (paths relative to the guest's working
	 * directory, which starts as the launcher's, or "/" = HERMIT_ROOT when set). */
	UHYVE_HC_LSTAT = 11,
	UHYVE_HC_ACCESS = 12,
	UHYVE_HC_MKDIR = 13,
	UHYVE_HC_RMDIR = 14,
	UHYVE_HC_CHMOD = 15,
	UHYVE_HC_TRUNCATE = 16,
	UHYVE_HC_CHDIR = 17,
	UHYVE_HC_RENAME = 18,
	UHYVE_HC_LINK = 19,
	UHYVE_HC_SYMLINK = 20,
	UHYVE_HC_READLINK = 21,
	UHYVE_HC_REALPATH = 22,
	UHYVE_HC_GETCWD = 23,
	UHYVE_HC_GETDENTS = 24,
	UHYVE_HC_PREAD = 25,
	UHYVE_HC_PWRITE = 26,
	UHYVE_HC_FSYNC = 27,
	UHYVE_HC_FTRUNCATE = 28,
	UHYVE_HC_FCHMOD = 29,
	UHYVE_HC_FCHDIR = 30,
	UHYVE_HC_DUP = 31,
	UHYVE_HC_GETFL = 32,
	UHYVE_HC_SETFL = 33,
	UHYVE_HC_TTYNAME = 34,
	UHYVE_HC_UTIMENS = 35,
	UHYVE_HC_STATVFS = 36,
	UHYVE_HC_LOCK = 37,
	UHYVE_HC_SYNC = 38,
	UHYVE_HC_PIPE = 39,
	UHYVE_HC_POLL = 40,
	/* ABI version 3: directory fds for the *at calls, eventfds. */
	UHYVE_HC_FDPATH = 41,
	UHYVE_HC_EVENTFD = 42,
	/* ABI version 4: the network link to a host tap (HERMIT_NETIF). */
	UHYVE_HC_NET_ATTACH = 43,
	UHYVE_HC_NET_KICK = 44, /* a doorbell port (KVM ioeventfd), no hypercall */
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

/*
 * ABI version 2. Paths: NUL-terminated, at most UHYVE_PATH_MAX bytes with the NUL; a
 * relative path is resolved against the guest's working directory. With HERMIT_ROOT every
 * path, "..", and symlink target stays below the root ("/" is the root).
 */

/* UHYVE_HC_LSTAT: struct uhyve_stat, does not follow a final symlink. */

/* ACCESS (arg: R_OK 4 | W_OK 2 | X_OK 1, F_OK 0), MKDIR (arg: mode), RMDIR, CHMOD (arg:
 * mode), TRUNCATE (arg: length), CHDIR. */
struct uhyve_path_op {
	hermit_gpa_t path; /* IN */
	int64_t arg;       /* IN */
	int32_t ret;       /* OUT: 0 or -errno */
	uint32_t pad;
};

/* RENAME (old -> new), LINK (old -> new, old not followed), SYMLINK (new is a link
 * holding the text `old`). */
struct uhyve_path2 {
	hermit_gpa_t old; /* IN */
	hermit_gpa_t new; /* IN */
	int32_t ret;      /* OUT: 0 or -errno */
	uint32_t pad;
};

/* READLINK (bytes, no NUL), REALPATH (NUL-terminated, as the guest sees it), GETCWD (path
 * must be 0; NUL-terminated, -ERANGE if it does not fit). */
struct uhyve_path_buf {
	hermit_gpa_t path; /* IN */
	hermit_gpa_t buf;  /* IN */
	uint64_t len;      /* IN */
	int64_t ret;       /* OUT: bytes stored (READLINK), length with NUL, or -errno */
};

/* UHYVE_HC_GETDENTS: struct uhyve_rw on a directory fd; fills buf with Linux
 * `struct linux_dirent64` records (u64 ino, s64 off, u16 reclen, u8 type, name + NUL,
 * 8-byte aligned); 0 at the end. lseek(fd, 0, SEEK_SET) rewinds, d_off values seek.
 * UHYVE_HC_TTYNAME: struct uhyve_rw; the terminal's host name, NUL-terminated. */

/* UHYVE_HC_PREAD / UHYVE_HC_PWRITE */
struct uhyve_prw {
	int32_t fd;       /* IN */
	uint32_t pad;     /* IN, must be 0 */
	hermit_gpa_t buf; /* IN */
	uint64_t len;     /* IN */
	int64_t offset;   /* IN, >= 0 */
	int64_t ret;      /* OUT: bytes transferred or -errno */
};

/* FSYNC (arg: 0 fsync, 1 fdatasync), FTRUNCATE (arg: length), FCHMOD (arg: mode), FCHDIR,
 * DUP (arg: the new fd; cmd 0: lowest free >= arg, 1: exactly arg (an open one is closed
 * first), HERMIT_O_CLOEXEC may be or'ed into cmd), GETFL (ret: HERMIT_O_* flags), SETFL
 * (arg: HERMIT_O_APPEND | HERMIT_O_NONBLOCK; others ignored as on Linux), SYNC (fd unused). */
struct uhyve_fd_op {
	int32_t fd;  /* IN */
	int32_t cmd; /* IN */
	int64_t arg; /* IN */
	int64_t ret; /* OUT: 0 (or a fd / flags) or -errno */
};

/* Special nsec values of utimensat (Linux). */
#define HERMIT_UTIME_NOW           ((1L << 30) - 1)
#define HERMIT_UTIME_OMIT          ((1L << 30) - 2)
#define HERMIT_AT_SYMLINK_NOFOLLOW 0x100

/* UHYVE_HC_UTIMENS: path 0 acts on fd. times: atime sec, nsec, mtime sec, nsec. */
struct uhyve_utimens {
	hermit_gpa_t path; /* IN: 0 or a path */
	int32_t fd;        /* IN: used when path is 0 */
	int32_t flags;     /* IN: 0 or HERMIT_AT_SYMLINK_NOFOLLOW */
	int64_t times[4];  /* IN */
	int32_t ret;       /* OUT: 0 or -errno */
	uint32_t pad;
};

struct hermit_statvfs {
	uint64_t bsize;
	uint64_t frsize;
	uint64_t blocks;
	uint64_t bfree;
	uint64_t bavail;
	uint64_t files;
	uint64_t ffree;
	uint64_t favail;
	uint64_t fsid;
	uint64_t flag;
	uint64_t namemax;
};

/* UHYVE_HC_STATVFS: path 0 acts on fd. */
struct uhyve_statvfs {
	hermit_gpa_t path;        /* IN: 0 or a path */
	int32_t fd;               /* IN */
	int32_t ret;              /* OUT: 0 or -errno */
	struct hermit_statvfs st; /* OUT */
};

/* UHYVE_HC_LOCK: advisory record locks, open-file-description locks on the host (they
 * conflict between two guest fds of one file, unlike POSIX locks within one process).
 * cmd 0: test (F_GETLK: type becomes HERMIT_F_UNLCK or the conflicting lock), 1: set
 * without waiting (F_SETLK, -EAGAIN on conflict). */
#define HERMIT_F_RDLCK 0
#define HERMIT_F_WRLCK 1
#define HERMIT_F_UNLCK 2
struct uhyve_lock {
	int32_t fd;     /* IN */
	int32_t cmd;    /* IN */
	int16_t type;   /* IN/OUT */
	int16_t whence; /* IN/OUT: 0 SET, 1 CUR, 2 END */
	int32_t ret;    /* OUT: 0 or -errno */
	int64_t start;  /* IN/OUT */
	int64_t len;    /* IN/OUT */
};

/* UHYVE_HC_PIPE: a host pipe, both ends non-blocking on the host (a blocked read would stop
 * a CPU, or the whole isle); the guest waits for it itself. flags: HERMIT_O_CLOEXEC. */
struct uhyve_pipe {
	int32_t fds[2]; /* OUT: read end, write end */
	int32_t flags;  /* IN */
	int32_t ret;    /* OUT: 0 or -errno */
};

/* UHYVE_HC_POLL: one non-blocking poll(2) over guest fds; fds holds nfds Linux
 * `struct pollfd` (int fd; short events; short revents), at most UHYVE_POLL_MAX. */
#define UHYVE_POLL_MAX 1024
struct uhyve_poll {
	hermit_gpa_t fds; /* IN; revents OUT */
	uint64_t nfds;    /* IN */
	int64_t ret;      /* OUT: entries with revents, or -errno */
};

/* UHYVE_HC_FDPATH (ABI 3): struct uhyve_rw on a directory fd; buf gets the directory's path
 * as the guest sees it (NUL-terminated; ret: its length with the NUL). -ENOTDIR for another
 * kind of fd, -ERANGE if it does not fit. The guest joins it with the relative path of an
 * *at call (openat, fstatat, ...): resolution and HERMIT_ROOT confinement stay the host's. */

/* UHYVE_HC_EVENTFD (ABI 3): a host eventfd, non-blocking on the host like a pipe; read and
 * write go through UHYVE_HC_READ/WRITE (8 bytes), poll through UHYVE_HC_POLL. */
#define HERMIT_EFD_SEMAPHORE 0x1
struct uhyve_eventfd {
	uint64_t initval; /* IN: at most 0xffffffff */
	int32_t flags;    /* IN: HERMIT_EFD_SEMAPHORE | HERMIT_O_CLOEXEC */
	int32_t ret;      /* OUT: guest fd or -errno */
};

/*
 * UHYVE_HC_NET_ATTACH (ABI 4): the guest hands uhyve a struct hermit_mmnif (abi_mmnif.h) in
 * its RAM, page aligned, with magic, version, size, isle_vector (the notification vector,
 * 32-255) and isle_apic_id (the APIC id to notify) filled in; the slots then carry Ethernet
 * frames (14 .. 14 + mtu bytes) between the guest and the host's tap device. uhyve answers
 * with the guest's address configuration (HERMIT_IP, ...). From then on:
 *   guest -> uhyve: one `out` (any 32-bit value) to port UHYVE_PORT_BASE + UHYVE_HC_NET_KICK,
 *     when to_host.consumer_waiting was set, or to_isle.producer_waiting after draining;
 *     KVM signals an eventfd in the kernel, the vCPU does not exit to uhyve.
 *   uhyve -> guest: an MSI with vector isle_vector to isle_apic_id (irqfd).
 * ABI 5: offload (was padding, so an ABI 4 uhyve answers 0) says what uhyve does for the
 * guest on this link (HERMIT_NET_OFFLOAD_*, per-frame flags in abi_mmnif.h): what the guest
 * offered in hermit_mmnif.offload (an ABI 4 guest leaves it 0) and uhyve can do; 0 with
 * HERMIT_NET_GSO=0 (a tap without virtio_net_hdr).
 * ret: 0, -ENODEV (no HERMIT_NETIF), -EBUSY (attached already), -EINVAL (bad struct).
 * uhyve checks every index and length it reads from the rings; a broken ring stops the link
 * (one message), never uhyve.
 */
struct uhyve_net_attach {
	hermit_gpa_t rings; /* IN: struct hermit_mmnif */
	uint32_t ip;        /* OUT: host byte order */
	uint32_t netmask;   /* OUT */
	uint32_t gateway;   /* OUT: 0: none */
	uint32_t mtu;       /* OUT: bytes of an IP packet */
	uint8_t mac[6];     /* OUT: the guest's MAC address */
	uint16_t pad;
	int32_t ret;      /* OUT: 0 or -errno */
	uint32_t offload; /* OUT: HERMIT_NET_OFFLOAD_* (ABI 5) */
};

/* uhyve fills the TCP/UDP checksum of to_host frames flagged HERMIT_MMNIF_F_CSUM_PARTIAL. */
#define HERMIT_NET_OFFLOAD_TX_CSUM 0x1u
/* uhyve flags to_isle frames HERMIT_MMNIF_F_CSUM_VALID whose checksum needs no check. */
#define HERMIT_NET_OFFLOAD_RX_CSUM 0x2u

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
#define HERMIT_ENODEV       19

/* Exit status of uhyve when the guest did not exit normally (see uhyve --help). */
#define UHYVE_STATUS_PANIC 125

_Static_assert(sizeof(struct uhyve_rw) == 32, "uhyve_rw layout");
_Static_assert(sizeof(struct uhyve_open) == 24, "uhyve_open layout");
_Static_assert(sizeof(struct hermit_stat) == 112, "hermit_stat layout");
_Static_assert(sizeof(struct uhyve_fstat) == 120, "uhyve_fstat layout");
_Static_assert(sizeof(struct uhyve_stat) == 128, "uhyve_stat layout");
_Static_assert(sizeof(struct uhyve_lseek) == 24, "uhyve_lseek layout");
_Static_assert(sizeof(struct uhyve_path_op) == 24, "uhyve_path_op layout");
_Static_assert(sizeof(struct uhyve_path2) == 24, "uhyve_path2 layout");
_Static_assert(sizeof(struct uhyve_path_buf) == 32, "uhyve_path_buf layout");
_Static_assert(sizeof(struct uhyve_prw) == 40, "uhyve_prw layout");
_Static_assert(sizeof(struct uhyve_fd_op) == 24, "uhyve_fd_op layout");
_Static_assert(sizeof(struct uhyve_utimens) == 56, "uhyve_utimens layout");
_Static_assert(sizeof(struct hermit_statvfs) == 88, "hermit_statvfs layout");
_Static_assert(sizeof(struct uhyve_statvfs) == 104, "uhyve_statvfs layout");
_Static_assert(sizeof(struct uhyve_lock) == 32, "uhyve_lock layout");
_Static_assert(offsetof(struct uhyve_lock, start) == 16, "uhyve_lock layout");
_Static_assert(offsetof(struct uhyve_prw, ret) == 32, "uhyve_prw layout");
_Static_assert(sizeof(struct uhyve_pipe) == 16, "uhyve_pipe layout");
_Static_assert(sizeof(struct uhyve_poll) == 24, "uhyve_poll layout");
_Static_assert(sizeof(struct uhyve_eventfd) == 16, "uhyve_eventfd layout");
_Static_assert(sizeof(struct uhyve_net_attach) == 40, "uhyve_net_attach layout");

#endif
