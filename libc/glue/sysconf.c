/* SPDX-License-Identifier: BSD-3-Clause */
/* sysconf() (CPU count, page size, RAM), pathconf(), which newlib leaves to the system. */
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "glue.h"

long sysconf(int name)
{
	switch (name) {
	case _SC_NPROCESSORS_ONLN:
	case _SC_NPROCESSORS_CONF:
		return (long)sys_ncpus();
	case _SC_PAGESIZE:
		return getpagesize();
	case _SC_CLK_TCK:
		return CLOCKS_PER_SEC;
	case _SC_PHYS_PAGES: /* the image's RAM, as Linux counts the machine's */
		return (long)sys_ram_pages(0);
	case _SC_AVPHYS_PAGES:
		return (long)sys_ram_pages(1);
	default:
		return glue_fail(EINVAL);
	}
}

/* File limits: the host's file systems are Linux's, so Linux's values; the path must
 * exist, as on Linux (libstdc++'s std::filesystem::current_path asks for _PC_PATH_MAX). */
static long path_limit(int name)
{
	switch (name) {
	case _PC_NAME_MAX:
		return 255;
	case _PC_PATH_MAX:
	case _PC_PIPE_BUF:
		return 4096;
	case _PC_NO_TRUNC:
		return 1;
	default:
		return glue_fail(EINVAL);
	}
}

long pathconf(const char *path, int name)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -1;
	return path_limit(name);
}

long fpathconf(int fd, int name)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -1;
	return path_limit(name);
}
