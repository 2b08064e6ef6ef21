/* SPDX-License-Identifier: BSD-3-Clause */
/* Converts the kernel's struct hermit_stat (Linux mode bits) to newlib's struct stat. */
#include <string.h>

#include "glue.h"

/* File type bits as Linux numbers them (the kernel passes the host's mode through). */
#define LINUX_S_IFMT   0170000
#define LINUX_S_IFIFO  0010000
#define LINUX_S_IFCHR  0020000
#define LINUX_S_IFDIR  0040000
#define LINUX_S_IFBLK  0060000
#define LINUX_S_IFREG  0100000
#define LINUX_S_IFLNK  0120000
#define LINUX_S_IFSOCK 0140000

static mode_t file_type(uint32_t linux_mode)
{
	switch (linux_mode & LINUX_S_IFMT) {
	case LINUX_S_IFIFO:
		return S_IFIFO;
	case LINUX_S_IFCHR:
		return S_IFCHR;
	case LINUX_S_IFDIR:
		return S_IFDIR;
	case LINUX_S_IFBLK:
		return S_IFBLK;
	case LINUX_S_IFREG:
		return S_IFREG;
	case LINUX_S_IFLNK:
		return S_IFLNK;
	case LINUX_S_IFSOCK:
		return S_IFSOCK;
	default:
		return 0;
	}
}

/*
 * st_blksize is what newlib's stdio sizes a stream's buffer by (HAVE_BLKSIZE). Every read
 * or write of a forwarded file is a hypercall costing tens of microseconds, so regular
 * files, pipes and sockets report at least this much, whatever the host's file system
 * prefers (4 KiB); terminals and other devices keep the host's value.
 */
#define GLUE_FORWARDED_BLKSIZE (64 * 1024)

static blksize_t forwarded_blksize(mode_t type, int64_t host)
{
	if ((type == S_IFREG || type == S_IFIFO || type == S_IFSOCK) &&
	    host < GLUE_FORWARDED_BLKSIZE)
		return GLUE_FORWARDED_BLKSIZE;
	return (blksize_t)host;
}

void glue_stat_from_hermit(struct stat *out, const struct hermit_stat *in)
{
	memset(out, 0, sizeof(*out));
	out->st_dev = (dev_t)in->dev;
	out->st_ino = (ino_t)in->ino;
	out->st_mode = file_type(in->mode) | (in->mode & 07777);
	out->st_nlink = (nlink_t)in->nlink;
	out->st_uid = (uid_t)in->uid;
	out->st_gid = (gid_t)in->gid;
	out->st_rdev = (dev_t)in->rdev;
	out->st_size = (off_t)in->size;
	out->st_blksize = forwarded_blksize(file_type(in->mode), in->blksize);
	out->st_blocks = (blkcnt_t)in->blocks;
	out->st_atim.tv_sec = (time_t)in->atime_sec;
	out->st_atim.tv_nsec = (long)in->atime_nsec;
	out->st_mtim.tv_sec = (time_t)in->mtime_sec;
	out->st_mtim.tv_nsec = (long)in->mtime_nsec;
	out->st_ctim.tv_sec = (time_t)in->ctime_sec;
	out->st_ctim.tv_nsec = (long)in->ctime_nsec;
}
