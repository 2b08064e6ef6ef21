/* SPDX-License-Identifier: BSD-3-Clause */
/* mmap and friends: anonymous memory from the kernel; files read into it (MAP_PRIVATE) or
 * written back at msync, munmap and exit (MAP_SHARED). */
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "glue.h"

#define PAGE 4096UL

/*
 * Shared file mappings: the kernel has no page cache, so the mapping is a private copy that
 * goes back to the file (through a duplicate of the fd) at msync, munmap and exit. Writes
 * by other descriptors are not seen in the mapping meanwhile. `shared_lock` guards the list.
 */
struct shared_map {
	struct shared_map *next;
	char *addr;
	size_t len; /* bytes of the file in the mapping */
	off_t off;
	int fd;
};

static struct shared_map *shared;
static volatile int32_t shared_lock;
static int exit_hook;

static void lock_shared(void)
{
	while (__atomic_exchange_n(&shared_lock, 1, __ATOMIC_ACQUIRE))
		sys_yield();
}

static void unlock_shared(void)
{
	__atomic_store_n(&shared_lock, 0, __ATOMIC_RELEASE);
}

static int write_back(struct shared_map *m, char *from, char *to)
{
	char *lo = from > m->addr ? from : m->addr;
	char *hi = to < m->addr + m->len ? to : m->addr + m->len;

	while (lo < hi) {
		int64_t n = sys_pwrite(m->fd, lo, (size_t)(hi - lo), m->off + (lo - m->addr));

		if (n <= 0)
			return n < 0 ? (int)n : -HERMIT_EIO;
		lo += n;
	}
	return 0;
}

/* Writes back the shared mappings overlapping [from, to); with `drop`, forgets them. */
static int sync_range(char *from, char *to, int drop)
{
	struct shared_map **pp, *m;
	int ret = 0, r;

	lock_shared();
	for (pp = &shared; (m = *pp);) {
		if (m->addr < to && m->addr + m->len > from) {
			if ((r = write_back(m, from, to)) && !ret)
				ret = r;
			if (drop && from <= m->addr && to >= m->addr + m->len) {
				*pp = m->next;
				sys_close(m->fd);
				free(m);
				continue;
			}
		}
		pp = &m->next;
	}
	unlock_shared();
	return ret;
}

static void sync_all_at_exit(void)
{
	sync_range(0, (char *)UINTPTR_MAX, 1);
}

static void *map_file(char *p, size_t len, int flags, int fd, off_t off)
{
	struct shared_map *m;
	size_t got = 0;

	while (got < len) {
		int64_t n = sys_pread(fd, p + got, len - got, off + (off_t)got);

		if (n < 0)
			return (void *)(intptr_t)n;
		if (n == 0)
			break; /* beyond the end of the file: zeros */
		got += (size_t)n;
	}
	if ((flags & MAP_TYPE) != MAP_SHARED)
		return p;
	m = malloc(sizeof(*m));
	if (!m)
		return (void *)(intptr_t)-HERMIT_ENOMEM;
	m->fd = sys_dup(fd, 0, 0);
	if (m->fd < 0) {
		int err = m->fd;

		free(m);
		return (void *)(intptr_t)err;
	}
	*m = (struct shared_map){.addr = p, .len = got, .off = off, .fd = m->fd};
	lock_shared();
	m->next = shared;
	shared = m;
	if (!exit_hook)
		exit_hook = atexit(sync_all_at_exit) == 0;
	unlock_shared();
	return p;
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	int type = flags & MAP_TYPE, kflags = flags & MAP_FIXED ? HERMIT_MAP_FIXED : 0;
	int64_t a;
	void *r;

	if (!len || (type != MAP_PRIVATE && type != MAP_SHARED) || (off & (PAGE - 1)) ||
	    (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))) {
		errno = EINVAL;
		return MAP_FAILED;
	}
	if (!(flags & MAP_ANONYMOUS)) {
		struct stat st;

		if (fstat(fd, &st) < 0)
			return MAP_FAILED;
		if (!S_ISREG(st.st_mode)) {
			errno = ENODEV;
			return MAP_FAILED;
		}
	}
	/* Filled with the file first, protected afterwards. */
	a = sys_mmap(addr, len, flags & MAP_ANONYMOUS ? prot : HERMIT_PROT_ALL, kflags);
	if (a < 0) {
		glue_result(a);
		return MAP_FAILED;
	}
	if (flags & MAP_ANONYMOUS)
		return (void *)(intptr_t)a;
	r = map_file((char *)(intptr_t)a, len, flags, fd, off);
	if ((intptr_t)r < 0 && (intptr_t)r > -4096) {
		sys_munmap((void *)(intptr_t)a, len);
		glue_result((intptr_t)r);
		return MAP_FAILED;
	}
	if (!prot)
		sys_mprotect(r, len, 0);
	return r;
}

int munmap(void *addr, size_t len)
{
	if ((uintptr_t)addr & (PAGE - 1) || !len)
		return glue_fail(EINVAL);
	sync_range(addr, (char *)addr + len, 1);
	return (int)glue_result(sys_munmap(addr, len));
}

int mprotect(void *addr, size_t len, int prot)
{
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
		return glue_fail(EINVAL);
	return (int)glue_result(sys_mprotect(addr, len, prot));
}

int msync(void *addr, size_t len, int flags)
{
	int ret;

	if ((uintptr_t)addr & (PAGE - 1) || (flags & ~(MS_ASYNC | MS_SYNC | MS_INVALIDATE)) ||
	    ((flags & MS_ASYNC) && (flags & MS_SYNC)))
		return glue_fail(EINVAL);
	if ((ret = sys_madvise(addr, len ? len : 1, 0)) < 0) /* mapped at all? */
		return (int)glue_result(ret);
	return (int)glue_result(sync_range(addr, (char *)addr + len, 0));
}

int madvise(void *addr, size_t len, int advice)
{
	if (advice == MADV_DONTNEED) {
		lock_shared(); /* a shared file mapping would lose data: keep it */
		for (struct shared_map *m = shared; m; m = m->next)
			if (m->addr < (char *)addr + len && m->addr + m->len > (char *)addr)
				advice = MADV_NORMAL;
		unlock_shared();
	}
	return (int)glue_result(sys_madvise(addr, len, advice));
}

int posix_madvise(void *addr, size_t len, int advice)
{
	return madvise(addr, len, advice == POSIX_MADV_DONTNEED ? MADV_NORMAL : advice) ? errno : 0;
}

void *mremap(void *old, size_t old_len, size_t new_len, int flags, ...)
{
	void *p;

	if ((uintptr_t)old & (PAGE - 1) || !new_len || (flags & ~MREMAP_MAYMOVE)) {
		errno = EINVAL;
		return MAP_FAILED;
	}
	old_len = (old_len + PAGE - 1) & ~(PAGE - 1);
	if (((new_len + PAGE - 1) & ~(PAGE - 1)) <= old_len) {
		size_t keep = (new_len + PAGE - 1) & ~(PAGE - 1);

		if (keep < old_len && munmap((char *)old + keep, old_len - keep))
			return MAP_FAILED;
		return old;
	}
	if (!(flags & MREMAP_MAYMOVE)) {
		errno = ENOMEM;
		return MAP_FAILED;
	}
	p = mmap(NULL, new_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return p;
	memcpy(p, old, old_len);
	munmap(old, old_len);
	return p;
}

int mlock(const void *addr, size_t len)
{
	(void)addr;
	(void)len;
	return 0; /* nothing is ever paged out */
}

int munlock(const void *addr, size_t len)
{
	(void)addr;
	(void)len;
	return 0;
}

int mlockall(int flags)
{
	(void)flags;
	return 0;
}

int munlockall(void)
{
	return 0;
}
