/* SPDX-License-Identifier: BSD-3-Clause */
/* Isle mode: runs an image on cores taken from Linux, through /sys/hermit/isleN (to come). */
#include <err.h>
#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>

#include "proxy.h"

int proxy_run_isle(const struct proxy_args *args, unsigned isle, const char *sysfs_root)
{
	char dir[PATH_MAX];
	struct stat st;

	(void)args;
	snprintf(dir, sizeof(dir), "%s/isle%u", sysfs_root, isle);
	if (stat(dir, &st) || !S_ISDIR(st.st_mode)) {
		warnx("isle mode unavailable: %s not found (HermitCore Linux support not loaded); "
		      "use HERMIT_ISLE=uhyve",
		      dir);
		return PROXY_EX_UNAVAILABLE;
	}
	/* Loading the image into the isle's memory and booting its cores come with the Linux
	 * module; the proxy will then forward the isle's system calls and return its status. */
	warnx("isle mode not implemented yet (%s); use HERMIT_ISLE=uhyve", dir);
	return PROXY_EX_UNAVAILABLE;
}
