/* SPDX-License-Identifier: BSD-3-Clause */
/* Memory mappings (glue/mman.c), with Linux's values. */
#ifndef _SYS_MMAN_H
#define _SYS_MMAN_H

#include <sys/cdefs.h>
#include <sys/types.h>

#define PROT_NONE             0x0
#define PROT_READ             0x1
#define PROT_WRITE            0x2
#define PROT_EXEC             0x4

#define MAP_SHARED            0x01
#define MAP_PRIVATE           0x02
#define MAP_TYPE              0x0f
#define MAP_FIXED             0x10
#define MAP_ANONYMOUS         0x20
#define MAP_ANON              MAP_ANONYMOUS
#define MAP_NORESERVE         0x4000
#define MAP_POPULATE          0x8000
#define MAP_STACK             0x20000
#define MAP_FAILED            ((void *)-1)

#define MS_ASYNC              1
#define MS_INVALIDATE         2
#define MS_SYNC               4

#define MADV_NORMAL           0
#define MADV_RANDOM           1
#define MADV_SEQUENTIAL       2
#define MADV_WILLNEED         3
#define MADV_DONTNEED         4
#define MADV_FREE             8
#define MADV_HUGEPAGE         14
#define MADV_NOHUGEPAGE       15

#define POSIX_MADV_NORMAL     0
#define POSIX_MADV_RANDOM     1
#define POSIX_MADV_SEQUENTIAL 2
#define POSIX_MADV_WILLNEED   3
#define POSIX_MADV_DONTNEED   4

#define MREMAP_MAYMOVE        1
#define MREMAP_FIXED          2

#define MCL_CURRENT           1
#define MCL_FUTURE            2

__BEGIN_DECLS
void *mmap(void *, size_t, int, int, int, off_t);
int munmap(void *, size_t);
int mprotect(void *, size_t, int);
int msync(void *, size_t, int);
int madvise(void *, size_t, int);
int posix_madvise(void *, size_t, int);
void *mremap(void *, size_t, size_t, int, ...);
int mlock(const void *, size_t);
int munlock(const void *, size_t);
int mlockall(int);
int munlockall(void);
__END_DECLS

#endif
