/* SPDX-License-Identifier: BSD-3-Clause */
/* Test-only stand-in for the kernel's sys_* functions (hermit/syscall.h) made of Linux
 * system calls, so that libc tests run as ordinary host processes. */
#include <stdint.h>

#include <hermit/abi_uhyve.h>
#include <hermit/syscall.h>

#define NR_READ           0
#define NR_WRITE          1
#define NR_OPEN           2
#define NR_CLOSE          3
#define NR_STAT           4
#define NR_FSTAT          5
#define NR_LSEEK          8
#define NR_BRK            12
#define NR_IOCTL          16
#define NR_NANOSLEEP      35
#define NR_GETPID         39
#define NR_UNLINK         87
#define NR_ARCH_PRCTL     158
#define NR_CLOCK_GETTIME  228
#define NR_EXIT_GROUP     231
#define LINUX_TCGETS      0x5401
#define LINUX_ENOTTY      25
#define LINUX_ARCH_SET_FS 0x1002

/* The Linux x86_64 kernel's struct stat. */
struct linux_stat {
	uint64_t dev, ino, nlink;
	uint32_t mode, uid, gid, pad0;
	uint64_t rdev;
	int64_t size, blksize, blocks;
	int64_t atime_sec, atime_nsec, mtime_sec, mtime_nsec, ctime_sec, ctime_nsec;
	int64_t unused[3];
};

static long linux_call(long nr, long a, long b, long c)
{
	long ret;

	__asm__ volatile("syscall"
	                 : "=a"(ret)
	                 : "a"(nr), "D"(a), "S"(b), "d"(c)
	                 : "rcx", "r11", "memory");
	return ret;
}

int64_t sys_write(int fd, const void *buf, size_t len)
{
	return linux_call(NR_WRITE, fd, (long)buf, (long)len);
}

int64_t sys_read(int fd, void *buf, size_t len)
{
	return linux_call(NR_READ, fd, (long)buf, (long)len);
}

int sys_open(const char *path, int flags, int mode)
{
	return (int)linux_call(NR_OPEN, (long)path, flags, mode); /* HERMIT_O_* are Linux's */
}

int sys_close(int fd)
{
	return (int)linux_call(NR_CLOSE, fd, 0, 0);
}

int64_t sys_lseek(int fd, int64_t offset, int whence)
{
	return linux_call(NR_LSEEK, fd, offset, whence);
}

static void to_hermit_stat(struct hermit_stat *st, const struct linux_stat *ls)
{
	*st = (struct hermit_stat){
	    .dev = ls->dev,
	    .ino = ls->ino,
	    .mode = ls->mode,
	    .nlink = (uint32_t)ls->nlink,
	    .uid = ls->uid,
	    .gid = ls->gid,
	    .rdev = ls->rdev,
	    .size = ls->size,
	    .blksize = ls->blksize,
	    .blocks = ls->blocks,
	    .atime_sec = ls->atime_sec,
	    .atime_nsec = ls->atime_nsec,
	    .mtime_sec = ls->mtime_sec,
	    .mtime_nsec = ls->mtime_nsec,
	    .ctime_sec = ls->ctime_sec,
	    .ctime_nsec = ls->ctime_nsec,
	};
}

int sys_fstat(int fd, struct hermit_stat *st)
{
	struct linux_stat ls;
	int ret = (int)linux_call(NR_FSTAT, fd, (long)&ls, 0);

	if (ret == 0)
		to_hermit_stat(st, &ls);
	return ret;
}

int sys_stat(const char *path, struct hermit_stat *st)
{
	struct linux_stat ls;
	int ret = (int)linux_call(NR_STAT, (long)path, (long)&ls, 0);

	if (ret == 0)
		to_hermit_stat(st, &ls);
	return ret;
}

int sys_unlink(const char *path)
{
	return (int)linux_call(NR_UNLINK, (long)path, 0, 0);
}

int sys_isatty(int fd)
{
	char termios[64];
	long ret = linux_call(NR_IOCTL, fd, LINUX_TCGETS, (long)termios);

	if (ret == -LINUX_ENOTTY)
		return 0;
	return ret < 0 ? (int)ret : 1;
}

void *sys_sbrk(intptr_t increment, int *err)
{
	static uintptr_t brk;
	uintptr_t old;

	if (!brk)
		brk = (uintptr_t)linux_call(NR_BRK, 0, 0, 0);
	old = brk;
	if ((uintptr_t)linux_call(NR_BRK, (long)(old + increment), 0, 0) != old + increment) {
		*err = -HERMIT_ENOMEM;
		return (void *)-1;
	}
	brk = old + increment;
	return (void *)old;
}

/* Anonymous memory for malloc: page-aligned pieces of the break, never given back. */
int64_t sys_mmap(void *addr, size_t len, int prot, int flags)
{
	int err = 0;
	uintptr_t cur = (uintptr_t)sys_sbrk(0, &err), pad = (4096 - cur % 4096) % 4096;
	char *p;

	(void)addr;
	(void)prot;
	(void)flags;
	p = sys_sbrk((intptr_t)(pad + ((len + 4095) & ~4095UL)), &err);
	return p == (void *)-1 ? err : (int64_t)(uintptr_t)(p + pad);
}

int sys_munmap(void *addr, size_t len)
{
	(void)addr;
	(void)len;
	return 0;
}

int sys_getpid(void)
{
	return (int)linux_call(NR_GETPID, 0, 0, 0);
}

int sys_clock_gettime(int clock, struct hermit_timespec *ts)
{
	return (int)linux_call(NR_CLOCK_GETTIME, clock, (long)ts, 0); /* same clock ids */
}

int sys_nanosleep(const struct hermit_timespec *req)
{
	return (int)linux_call(NR_NANOSLEEP, (long)req, 0, 0);
}

unsigned sys_ncpus(void)
{
	return 1;
}

uint64_t sys_ram_pages(int free)
{
	return free ? 0 : 1; /* linked with sysconf, never asked by the link test */
}

void sys_exit(int status)
{
	for (;;)
		linux_call(NR_EXIT_GROUP, status, 0, 0);
}

void sys_panic(const char *msg)
{
	size_t len = 0;

	while (msg[len])
		len++;
	sys_write(2, msg, len);
	sys_exit(UHYVE_STATUS_PANIC);
}

/* --- one thread: the main thread's TCB (tid 1) at the FS base, with zeroed room below it
 * for the image's static TLS; threads cannot be created. -------------------------------- */

static struct {
	uint8_t tls[64 * 1024];
	struct hermit_tcb tcb;
} main_tls __attribute__((aligned(64)));

/* Called by crt0 before hermit_libc_start. */
void stub_init_tcb(void)
{
	main_tls.tcb.self = &main_tls.tcb;
	main_tls.tcb.tid = 1;
	linux_call(NR_ARCH_PRCTL, LINUX_ARCH_SET_FS, (long)&main_tls.tcb, 0);
}

struct hermit_tcb *sys_tcb(void)
{
	return &main_tls.tcb;
}

int64_t sys_spawn(void (*fn)(void *), void *arg, const struct hermit_spawn_attr *attr)
{
	(void)fn;
	(void)arg;
	(void)attr;
	return -HERMIT_EAGAIN;
}

void sys_thread_exit(void)
{
	sys_exit(0);
}

void sys_yield(void)
{
}

unsigned sys_getcpu(void)
{
	return 0;
}

int sys_set_affinity(int cpu)
{
	return cpu == 0 || cpu == HERMIT_CPU_ANY ? 0 : -HERMIT_EINVAL;
}

int sys_set_priority(int prio)
{
	return prio >= HERMIT_PRIO_MIN && prio <= HERMIT_PRIO_MAX ? 0 : -HERMIT_EINVAL;
}

/* Nobody else could change the word or wake us. */
int sys_futex_wait(volatile int32_t *addr, int32_t expected, uint64_t deadline_ns)
{
	(void)deadline_ns;
	return *addr == expected ? -HERMIT_ETIMEDOUT : -HERMIT_EAGAIN;
}

int sys_futex_wake(volatile int32_t *addr, int count)
{
	(void)addr;
	(void)count;
	return 0;
}

/* The host calls of ABI 2 and 3 that the glue's objects name but hello never makes: they
 * only have to link (the stub is one plain Linux process). */
#define STUB_ENOSYS return -HERMIT_ENOSYS
int sys_access(const char *path, int mode)
{
	(void)path;
	(void)mode;
	STUB_ENOSYS;
}
int sys_chdir(const char *path)
{
	(void)path;
	STUB_ENOSYS;
}
int sys_chmod(const char *path, int mode)
{
	(void)path;
	(void)mode;
	STUB_ENOSYS;
}
int sys_dup(int fd, int newfd, int cmd)
{
	(void)fd;
	(void)newfd;
	(void)cmd;
	STUB_ENOSYS;
}
int sys_eventfd(unsigned initval, int flags)
{
	(void)initval;
	(void)flags;
	STUB_ENOSYS;
}
int sys_fchdir(int fd)
{
	(void)fd;
	STUB_ENOSYS;
}
int sys_fchmod(int fd, int mode)
{
	(void)fd;
	(void)mode;
	STUB_ENOSYS;
}
int sys_fsync(int fd, int datasync)
{
	(void)fd;
	(void)datasync;
	STUB_ENOSYS;
}
int sys_ftruncate(int fd, int64_t len)
{
	(void)fd;
	(void)len;
	STUB_ENOSYS;
}
int64_t sys_getcwd(char *buf, size_t len)
{
	(void)buf;
	(void)len;
	STUB_ENOSYS;
}
int sys_getfl(int fd)
{
	(void)fd;
	STUB_ENOSYS;
}
int sys_link(const char *old, const char *new)
{
	(void)old;
	(void)new;
	STUB_ENOSYS;
}
int sys_lock(int fd, int cmd, struct hermit_flock *fl)
{
	(void)fd;
	(void)cmd;
	(void)fl;
	STUB_ENOSYS;
}
int sys_lstat(const char *path, struct hermit_stat *st)
{
	(void)path;
	(void)st;
	STUB_ENOSYS;
}
int sys_mkdir(const char *path, int mode)
{
	(void)path;
	(void)mode;
	STUB_ENOSYS;
}
int sys_pipe(int fds[2], int flags)
{
	(void)fds;
	(void)flags;
	STUB_ENOSYS;
}
int64_t sys_poll(void *fds, size_t nfds)
{
	(void)fds;
	(void)nfds;
	STUB_ENOSYS;
}
int64_t sys_pread(int fd, void *buf, size_t len, int64_t off)
{
	(void)fd;
	(void)buf;
	(void)len;
	(void)off;
	STUB_ENOSYS;
}
int64_t sys_pwrite(int fd, const void *buf, size_t len, int64_t off)
{
	(void)fd;
	(void)buf;
	(void)len;
	(void)off;
	STUB_ENOSYS;
}
int64_t sys_readlink(const char *path, char *buf, size_t len)
{
	(void)path;
	(void)buf;
	(void)len;
	STUB_ENOSYS;
}
int64_t sys_realpath(const char *path, char *buf, size_t len)
{
	(void)path;
	(void)buf;
	(void)len;
	STUB_ENOSYS;
}
int sys_rename(const char *old, const char *new)
{
	(void)old;
	(void)new;
	STUB_ENOSYS;
}
int sys_rmdir(const char *path)
{
	(void)path;
	STUB_ENOSYS;
}
int sys_setfl(int fd, int flags)
{
	(void)fd;
	(void)flags;
	STUB_ENOSYS;
}
int sys_statvfs(const char *path, int fd, struct hermit_statvfs *st)
{
	(void)path;
	(void)fd;
	(void)st;
	STUB_ENOSYS;
}
int sys_symlink(const char *target, const char *path)
{
	(void)target;
	(void)path;
	STUB_ENOSYS;
}
void sys_sync(void)
{
}
int sys_truncate(const char *path, int64_t len)
{
	(void)path;
	(void)len;
	STUB_ENOSYS;
}
int64_t sys_ttyname(int fd, char *buf, size_t len)
{
	(void)fd;
	(void)buf;
	(void)len;
	STUB_ENOSYS;
}
int sys_utimens(const char *path, int fd, const int64_t times[4], int flags)
{
	(void)path;
	(void)fd;
	(void)times;
	(void)flags;
	STUB_ENOSYS;
}
int64_t sys_fdpath(int fd, char *buf, size_t len)
{
	(void)fd;
	(void)buf;
	(void)len;
	STUB_ENOSYS;
}
