/* SPDX-License-Identifier: BSD-3-Clause */
/* Directory streams (<dirent.h>) on the host's getdents records (UHYVE_HC_GETDENTS). */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "glue.h"

#define DIR_BUF 4096

/* Layout of Linux's struct linux_dirent64, as the host stores it. */
#define LD_INO    0
#define LD_OFF    8
#define LD_RECLEN 16
#define LD_TYPE   18
#define LD_NAME   19

struct __hermit_dir {
	int fd;
	size_t pos, len; /* the unread records are buf[pos .. len) */
	long last_off;   /* d_off of the entry readdir returned last (telldir) */
	struct dirent ent;
	_Alignas(8) unsigned char buf[DIR_BUF];
};

DIR *fdopendir(int fd)
{
	struct stat st;
	DIR *d;

	if (fstat(fd, &st) < 0)
		return NULL;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return NULL;
	}
	d = calloc(1, sizeof(*d));
	if (!d)
		return NULL;
	d->fd = fd;
	return d;
}

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d;

	if (fd < 0)
		return NULL;
	d = fdopendir(fd);
	if (!d)
		close(fd);
	return d;
}

int closedir(DIR *d)
{
	int ret;

	if (!d)
		return glue_fail(EBADF);
	ret = close(d->fd);
	free(d);
	return ret;
}

int dirfd(DIR *d)
{
	return d->fd;
}

/* Copies the next host record into d->ent; NULL at the end (errno untouched) or on error. */
struct dirent *readdir(DIR *d)
{
	const unsigned char *r;
	unsigned short reclen;
	size_t namelen;
	int64_t n;

	for (;;) {
		if (d->pos >= d->len) {
			n = sys_getdents(d->fd, d->buf, sizeof(d->buf));
			if (n <= 0) {
				if (n < 0)
					glue_result(n);
				return NULL;
			}
			d->pos = 0;
			d->len = (size_t)n;
		}
		r = d->buf + d->pos;
		memcpy(&reclen, r + LD_RECLEN, sizeof(reclen));
		if (reclen <= LD_NAME || reclen > d->len - d->pos) {
			d->pos = d->len = 0;
			errno = EIO; /* a broken record from the host */
			return NULL;
		}
		d->pos += reclen;
		namelen = strnlen((const char *)r + LD_NAME, reclen - LD_NAME);
		if (namelen < sizeof(d->ent.d_name))
			break;
	}
	memcpy(&d->ent.d_ino, r + LD_INO, sizeof(uint64_t));
	memcpy(&d->last_off, r + LD_OFF, sizeof(int64_t));
	d->ent.d_off = d->last_off;
	d->ent.d_type = r[LD_TYPE];
	d->ent.d_reclen = sizeof(d->ent);
	memcpy(d->ent.d_name, r + LD_NAME, namelen);
	d->ent.d_name[namelen] = '\0';
	return &d->ent;
}

int readdir_r(DIR *d, struct dirent *entry, struct dirent **result)
{
	int saved = errno;
	struct dirent *e;

	errno = 0;
	e = readdir(d);
	if (!e && errno) {
		int err = errno;

		errno = saved;
		return err;
	}
	errno = saved;
	if (e)
		memcpy(entry, e, sizeof(*entry));
	*result = e ? entry : NULL;
	return 0;
}

void seekdir(DIR *d, long off)
{
	if (lseek(d->fd, off, SEEK_SET) >= 0) {
		d->pos = d->len = 0;
		d->last_off = off;
	}
}

void rewinddir(DIR *d)
{
	seekdir(d, 0);
}

long telldir(DIR *d)
{
	return d->last_off;
}

int alphasort(const struct dirent **a, const struct dirent **b)
{
	return strcoll((*a)->d_name, (*b)->d_name);
}

int scandir(const char *path, struct dirent ***out, int (*filter)(const struct dirent *),
            int (*compar)(const struct dirent **, const struct dirent **))
{
	struct dirent **list = NULL, **grown, *e;
	size_t n = 0, cap = 0;
	DIR *d = opendir(path);
	int err;

	if (!d)
		return -1;
	errno = 0;
	while ((e = readdir(d))) {
		if (filter && !filter(e))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			grown = realloc(list, cap * sizeof(*list));
			if (!grown)
				goto out_free;
			list = grown;
		}
		list[n] = malloc(sizeof(*e));
		if (!list[n])
			goto out_free;
		memcpy(list[n++], e, sizeof(*e));
	}
	if (errno)
		goto out_free;
	closedir(d);
	if (compar)
		qsort(list, n, sizeof(*list), (int (*)(const void *, const void *))compar);
	*out = list;
	return (int)n;

out_free:
	err = errno;
	while (n)
		free(list[--n]);
	free(list);
	closedir(d);
	errno = err;
	return -1;
}
