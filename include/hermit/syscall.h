/* SPDX-License-Identifier: BSD-3-Clause */
/* The kernel's system call interface, called by the C library glue (libc/glue) as functions. */
#ifndef HERMIT_SYSCALL_H
#define HERMIT_SYSCALL_H

#include <stddef.h>
#include <stdint.h>

/*
 * In both privilege models a system call is a plain function call: the kernel code runs at
 * the caller's privilege level. Every call returns a negative errno on failure, with Linux
 * x86_64 numbering (HERMIT_E* in abi_uhyve.h); the glue converts to the C library's errno.
 * File flags are HERMIT_O_* values; struct hermit_stat is the ABI struct from abi_uhyve.h.
 */

struct hermit_stat;

struct hermit_timespec {
	int64_t sec;
	int64_t nsec;
};

#define HERMIT_CLOCK_REALTIME           0
#define HERMIT_CLOCK_MONOTONIC          1
#define HERMIT_CLOCK_PROCESS_CPUTIME_ID 2
#define HERMIT_CLOCK_THREAD_CPUTIME_ID  3

int64_t sys_write(int fd, const void *buf, size_t len);
int64_t sys_read(int fd, void *buf, size_t len);
int sys_open(const char *path, int flags, int mode);
int sys_close(int fd);
int64_t sys_lseek(int fd, int64_t offset, int whence);
int sys_fstat(int fd, struct hermit_stat *st);
int sys_stat(const char *path, struct hermit_stat *st);
int sys_unlink(const char *path);
int sys_isatty(int fd); /* 1, 0, or -errno */

/*
 * Files and directories (host calls of abi_uhyve.h version 2, same meanings): relative paths
 * are resolved against the working directory the host keeps for the application; with
 * HERMIT_ROOT every path stays below the root, which the application sees as "/".
 */
struct hermit_statvfs;
struct hermit_flock {
	int16_t type;   /* HERMIT_F_RDLCK, HERMIT_F_WRLCK, HERMIT_F_UNLCK */
	int16_t whence; /* 0 SET, 1 CUR, 2 END */
	int32_t pad;
	int64_t start;
	int64_t len;
};
int sys_lstat(const char *path, struct hermit_stat *st);
int sys_access(const char *path, int mode);
int sys_mkdir(const char *path, int mode);
int sys_rmdir(const char *path);
int sys_chmod(const char *path, int mode);
int sys_truncate(const char *path, int64_t len);
int sys_chdir(const char *path);
int sys_rename(const char *old, const char *new);
int sys_link(const char *old, const char *new);
int sys_symlink(const char *target, const char *path);
int64_t sys_readlink(const char *path, char *buf, size_t len); /* bytes, no NUL */
int64_t sys_realpath(const char *path, char *buf, size_t len); /* length with the NUL */
int64_t sys_getcwd(char *buf, size_t len);                     /* length with the NUL */
/* Linux struct linux_dirent64 records; 0 at the end of the directory. */
int64_t sys_getdents(int fd, void *buf, size_t len);
int64_t sys_ttyname(int fd, char *buf, size_t len);
int64_t sys_pread(int fd, void *buf, size_t len, int64_t off);
int64_t sys_pwrite(int fd, const void *buf, size_t len, int64_t off);
int sys_fsync(int fd, int datasync);
int sys_ftruncate(int fd, int64_t len);
int sys_fchmod(int fd, int mode);
int sys_fchdir(int fd);
/* cmd 0: lowest free fd >= newfd (dup, F_DUPFD); 1: exactly newfd (dup2). */
int sys_dup(int fd, int newfd, int cmd);
int sys_getfl(int fd); /* HERMIT_O_* */
int sys_setfl(int fd, int flags);
void sys_sync(void);
/* path NULL acts on fd; times: atime sec, nsec, mtime sec, nsec (HERMIT_UTIME_*). */
int sys_utimens(const char *path, int fd, const int64_t times[4], int flags);
int sys_statvfs(const char *path, int fd, struct hermit_statvfs *st);
/* cmd 0: F_GETLK, 1: F_SETLK (-EAGAIN on a conflict; the C library waits for F_SETLKW). */
int sys_lock(int fd, int cmd, struct hermit_flock *fl);
/* A pipe whose ends never block: -EAGAIN when empty or full (the C library waits). */
int sys_pipe(int fds[2], int flags);
/* One non-blocking poll over Linux `struct pollfd` entries: the count with revents. */
int64_t sys_poll(void *fds, size_t nfds);
/* ABI 3: the path of directory fd as the guest sees it (length with the NUL; -ENOTDIR). */
int64_t sys_fdpath(int fd, char *buf, size_t len);
/* ABI 3: an eventfd (flags HERMIT_EFD_SEMAPHORE, HERMIT_O_CLOEXEC), never blocking on the
 * host: -EAGAIN when a read finds 0 or a write would overflow (the C library waits). */
int sys_eventfd(unsigned initval, int flags);

/* Grows (or with a negative increment shrinks) the heap; returns the old break or
 * (void *)-1 with -ENOMEM in *err when there is no room. Thread-safe. */
void *sys_sbrk(intptr_t increment, int *err);

/*
 * Anonymous memory, zero-filled, from the page allocator. prot is all-or-nothing:
 * 0 (PROT_NONE) leaves the pages out of the page tables so that they fault, anything else
 * is readable, writable and executable. HERMIT_MAP_FIXED only within existing mappings.
 * HERMIT_MAP_ALIGN_2M asks for a 2 MiB-aligned run (without MAP_FIXED).
 * sys_mmap returns the address or -errno; the others 0 or -errno (-ENOMEM: not mapped).
 */
#define HERMIT_PROT_ALL      0x7
#define HERMIT_MAP_FIXED     0x10
#define HERMIT_MAP_ALIGN_2M  0x20 /* the run starts on a 2 MiB boundary */
#define HERMIT_MADV_DONTNEED 4
int64_t sys_mmap(void *addr, size_t len, int prot, int flags);
int sys_munmap(void *addr, size_t len);
int sys_mprotect(void *addr, size_t len, int prot);
int sys_madvise(void *addr, size_t len, int advice);

int sys_getpid(void);
int sys_clock_gettime(int clock, struct hermit_timespec *ts);
int sys_nanosleep(const struct hermit_timespec *req);
unsigned sys_ncpus(void); /* CPUs online */
/* Pages of RAM the image got (free = 0) or of those still free (free = 1): sysconf's
 * _SC_PHYS_PAGES and _SC_AVPHYS_PAGES. */
uint64_t sys_ram_pages(int free);
/*
 * CPU features the application may use: the kernel enables them and saves their registers
 * when it preempts a thread. The C library chooses its string and math versions by these
 * rather than by CPUID (which under PVM neither shows OSXSAVE at CPL3 nor is cheap: a trap).
 */
#define HERMIT_FEAT_AVX2    0x1 /* AVX and AVX2, YMM state saved */
#define HERMIT_FEAT_FMA     0x2 /* FMA3 (with AVX2) */
#define HERMIT_FEAT_ERMS    0x4 /* fast rep movsb/stosb */
#define HERMIT_FEAT_AVX512F 0x8 /* AVX-512 foundation, ZMM and opmask state saved */
uint64_t sys_cpu_features(void);

/*
 * Threads. Every thread has a thread control block at its FS base (x86_64 TLS variant II:
 * the static TLS block of the image lies just below it). %fs:0 is the TCB's own address,
 * as compilers expect; the C library keeps its per-thread data behind `libc_thread`.
 * The scheduler is per CPU with priorities. A thread runs until it blocks, yields, sleeps
 * or exits, or, when other threads of its priority wait for its CPU, for a 10 ms slice;
 * a higher-priority thread that becomes ready preempts it. (Preemption is off in the classic
 * privilege model for now, see doc/architecture.md.)
 */
struct hermit_tcb {
	struct hermit_tcb *self; /* %fs:0 */
	void *libc_thread;       /* owned by the C library (its pthread struct) */
	uint64_t tid;            /* kernel thread id, 1 = main thread */
	uint32_t cpu;            /* CPU the thread runs on (updated on migration) */
	uint32_t reserved;
	void *reserved2[4];
};

#define HERMIT_PRIO_MIN    1
#define HERMIT_PRIO_NORMAL 8
#define HERMIT_PRIO_MAX    15
#define HERMIT_CPU_ANY     (-1)

struct hermit_spawn_attr {
	size_t stack_size; /* 0: default (2 MiB); rounded up to pages; guard page below */
	int cpu;           /* HERMIT_CPU_ANY or a CPU index to pin the thread to */
	int prio;          /* HERMIT_PRIO_MIN .. HERMIT_PRIO_MAX, 0 = HERMIT_PRIO_NORMAL */
	void *libc_thread; /* stored in the new thread's TCB */
	/* If not NULL: when the thread has exited, the kernel stores 0 here and wakes the
	 * futex waiters of this address (a join primitive). */
	volatile int32_t *exit_futex;
};

/* Creates a thread running fn(arg); returns its tid (> 0) or -errno (-EAGAIN, -EINVAL). */
int64_t sys_spawn(void (*fn)(void *), void *arg, const struct hermit_spawn_attr *attr);
/* Ends the calling thread; its stack and TLS are freed by the kernel. The application
 * ends (as with sys_exit(0)) when the last thread exits. */
__attribute__((noreturn)) void sys_thread_exit(void);
void sys_yield(void);
struct hermit_tcb *sys_tcb(void); /* the caller's TCB (also at %fs:0) */
unsigned sys_getcpu(void);
/* Pins the caller to `cpu` (migrating it now) or unpins it with HERMIT_CPU_ANY. */
int sys_set_affinity(int cpu);
int sys_set_priority(int prio);

/*
 * Futexes: sys_futex_wait blocks while *addr == expected, until woken, or until the
 * CLOCK_MONOTONIC time `deadline_ns` (0: no deadline) passes. Returns 0 when woken,
 * -EAGAIN if *addr != expected, -ETIMEDOUT (110) on timeout. sys_futex_wake wakes up to
 * `count` waiters and returns how many it woke.
 */
int sys_futex_wait(volatile int32_t *addr, int32_t expected, uint64_t deadline_ns);
int sys_futex_wake(volatile int32_t *addr, int count);

/*
 * Network link of the platform (an isle's mmnif; uhyve's tap link with HERMIT_NETIF), driven by
 * lwIP's netif in the application (lwip/port). sys_net_attach sets the link up on first use and
 * describes it; -ENODEV where the platform has none. Every notification from the other side
 * increments the event counter: sys_net_wait sleeps while it still equals `seen` (until the
 * CLOCK_MONOTONIC deadline, 0: none), returns 0, -EAGAIN or -ETIMEDOUT like the futex call.
 * sys_net_notify interrupts the other side (after filling or draining its rings).
 */
enum hermit_net_type { HERMIT_NET_NONE = 0, HERMIT_NET_MMNIF = 1, HERMIT_NET_TAP = 2 };
struct hermit_net_link {
	uint32_t type;    /* enum hermit_net_type */
	uint32_t mtu;     /* bytes of an IP packet */
	uint32_t ip;      /* host byte order */
	uint32_t netmask; /* host byte order */
	uint32_t gateway; /* host byte order, 0: none */
	uint32_t offload; /* IN: HERMIT_NET_OFFLOAD_* (abi_uhyve.h) the caller can take; OUT:
	                   * those uhyve's link does (0 on mmnif) */
	void *shared;     /* struct hermit_mmnif (abi_mmnif.h), both types */
	uint8_t mac[6];   /* HERMIT_NET_TAP: the guest's Ethernet address */
	uint16_t reserved2;
};
int sys_net_attach(struct hermit_net_link *link);
int32_t sys_net_events(void);
int sys_net_wait(int32_t seen, uint64_t deadline_ns);
void sys_net_notify(void);

/* Ends the application: flushes nothing (the C library has done that), reports `status`
 * to the host and stops all CPUs. */
__attribute__((noreturn)) void sys_exit(int status);

/* Prints `msg`, the registers of the caller and the kernel log tail, then ends the VM. */
__attribute__((noreturn)) void sys_panic(const char *msg);

/*
 * Provided by the C library glue and called once by the kernel on the boot CPU after
 * initialisation, at the privilege level applications run at: sets up the C library,
 * runs constructors, calls main() and exit(). Must not return.
 */
__attribute__((noreturn)) void hermit_libc_start(int argc, char **argv, char **envp);

#endif
