/* SPDX-License-Identifier: BSD-3-Clause */
/* Directory entries and the DIR stream of <dirent.h> (glue/dir.c), Linux-compatible values. */
#ifndef _SYS_DIRENT_H
#define _SYS_DIRENT_H

#include <sys/types.h>

#define _DIRENT_HAVE_D_TYPE   1
#define _DIRENT_HAVE_D_OFF    1
#define _DIRENT_HAVE_D_RECLEN 1

struct dirent {
	ino_t d_ino;
	off_t d_off; /* an opaque position for seekdir */
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[256];
};

/* d_type (as on Linux) */
#define DT_UNKNOWN      0
#define DT_FIFO         1
#define DT_CHR          2
#define DT_DIR          4
#define DT_BLK          6
#define DT_REG          8
#define DT_LNK          10
#define DT_SOCK         12
#define DT_WHT          14
#define IFTODT(mode)    (((mode)&0170000) >> 12)
#define DTTOIF(dirtype) ((dirtype) << 12)

#ifndef MAXNAMLEN
#define MAXNAMLEN 255
#endif

/* Opaque to applications: the fd, a buffer of host records and a lock (glue/dir.c). */
typedef struct __hermit_dir DIR;

#endif
