/* SPDX-License-Identifier: BSD-3-Clause */
/* glob() as POSIX has it, around newlib's BSD glob (compiled as __bsd_glob): GLOB_NOMATCH
 * when nothing matched, backslash quoting unless GLOB_NOESCAPE. */
#include <glob.h>

int __bsd_glob(const char *restrict pattern, int flags, int (*errfunc)(const char *, int),
               glob_t *restrict g);

int glob(const char *restrict pattern, int flags, int (*errfunc)(const char *, int),
         glob_t *restrict g)
{
	int before = (flags & GLOB_APPEND) ? g->gl_pathc : 0;
	int bsd = (flags & ~GLOB_NOESCAPE) | ((flags & GLOB_NOESCAPE) ? 0 : GLOB_QUOTE);
	int ret = __bsd_glob(pattern, bsd, errfunc, g);

	if (ret == 0 && g->gl_pathc == before)
		return GLOB_NOMATCH;
	return ret;
}
