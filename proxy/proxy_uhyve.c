/* SPDX-License-Identifier: BSD-3-Clause */
/* uhyve mode: finds the uhyve monitor and execs it with the image and its arguments. */
#include <err.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proxy.h"

/* Installed layout PREFIX/bin/{proxy,uhyve}; build tree build/{proxy/proxy,uhyve/uhyve} and
 * the `_proxy` binaries of the tests, build/usr/tests/<name>_proxy. */
static const char *const exe_relative[] = {"uhyve", "../uhyve/uhyve", "../../uhyve/uhyve"};
#define N_EXE_RELATIVE (sizeof(exe_relative) / sizeof(exe_relative[0]))

int proxy_uhyve_candidate(unsigned idx, const char *env, const char *exe_dir, char *buf,
                          size_t size)
{
	int n;

	if (env && *env)
		n = idx == 0 ? snprintf(buf, size, "%s", env) : -1;
	else if (exe_dir && idx < N_EXE_RELATIVE)
		n = snprintf(buf, size, "%s/%s", exe_dir, exe_relative[idx]);
	else if (idx == (exe_dir ? N_EXE_RELATIVE : 0))
		n = snprintf(buf, size, "uhyve");
	else
		n = -1;
	if (n < 0)
		return -ENOENT;
	if ((size_t)n >= size)
		return -ENAMETOOLONG;
	return 0;
}

/* The directory of the running proxy binary (under binfmt_misc too: the interpreter). */
static int exe_dir(char *buf, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", buf, size);
	char *slash;

	if (n < 0 || (size_t)n >= size)
		return -1;
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (!slash)
		return -1;
	*slash = '\0';
	return 0;
}

/* uhyve's argv: "uhyve", the image, the application's arguments. */
static char **uhyve_argv(const struct proxy_args *args, char *image_buf, size_t size)
{
	char **argv = calloc((size_t)args->app_argc + 2, sizeof(*argv));
	int i;

	if (!argv)
		err(PROXY_EX_OSERR, "calloc");
	argv[0] = "uhyve";
	/* An image named like an option would be taken as one. */
	if (args->image[0] == '-' && (size_t)snprintf(image_buf, size, "./%s", args->image) < size)
		argv[1] = image_buf;
	else
		argv[1] = (char *)args->image;
	for (i = 1; i < args->app_argc; i++)
		argv[i + 1] = args->app_argv[i];
	return argv;
}

static void trace_exec(const char *path, char **argv)
{
	int i;

	fprintf(stderr, "proxy: exec %s", path);
	for (i = 1; argv[i]; i++)
		fprintf(stderr, " %s", argv[i]);
	fputc('\n', stderr);
}

int proxy_run_uhyve(const struct proxy_args *args)
{
	const char *env = getenv("HERMIT_UHYVE");
	char dir[PATH_MAX], path[PATH_MAX], image[PATH_MAX];
	char **argv = uhyve_argv(args, image, sizeof(image));
	int have_dir = exe_dir(dir, sizeof(dir)) == 0;
	unsigned idx;
	int ret;

	for (idx = 0; (ret = proxy_uhyve_candidate(idx, env, have_dir ? dir : NULL, path,
	                                           sizeof(path))) != -ENOENT;
	     idx++) {
		if (ret)
			continue;
		/* Explicit choices are tried even if not executable, to report why. */
		if (!(env && *env) && strchr(path, '/') && access(path, X_OK))
			continue;
		if (args->verbose)
			trace_exec(path, argv);
		if (strchr(path, '/'))
			execv(path, argv);
		else
			execvp(path, argv);
		if (errno != ENOENT || (env && *env)) {
			warn("execv %s", path);
			goto out_free;
		}
	}
	warnx("uhyve not found (next to the proxy, in ../uhyve/ or in PATH); set HERMIT_UHYVE");
out_free:
	free(argv);
	return PROXY_EX_UNAVAILABLE;
}
