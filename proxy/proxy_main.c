/* SPDX-License-Identifier: BSD-3-Clause */
/* proxy: starts a HermitCore image under uhyve or on an isle, as HERMIT_ISLE selects. */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "proxy.h"

#ifndef HERMIT_VERSION
#define HERMIT_VERSION "0.1"
#endif

static void usage(FILE *f)
{
	fprintf(
	    f,
	    "usage: proxy [options] image [args...]\n"
	    "Starts the HermitCore image with the given arguments and exits with its status.\n"
	    "\n"
	    "options:\n"
	    "  -h, --help     show this help\n"
	    "  -V, --version  show the version\n"
	    "  -v, --verbose  show how the image is started\n"
	    "  --             end of options\n"
	    "\n"
	    "environment:\n"
	    "  HERMIT_ISLE    'uhyve' (run under the uhyve monitor) or an isle number 0..%d\n"
	    "                 (cores taken from Linux); unset: isle 0 if %s exists, else uhyve\n"
	    "  HERMIT_UHYVE   path of the uhyve binary (default: next to the proxy, then\n"
	    "                 ../uhyve/uhyve relative to it, then PATH)\n"
	    "  The environment is passed on to uhyve and the application.\n"
	    "\n"
	    "exit status: the application's; 64 usage, 65 bad image, 66 image missing,\n"
	    "69 uhyve or isle unavailable, 71 host error; uhyve's own statuses (see uhyve "
	    "--help)\n",
	    PROXY_ISLE_MAX, PROXY_SYSFS_ROOT);
}

static int parse_or_exit(int argc, char **argv, struct proxy_args *args)
{
	if (proxy_parse_args(argc, argv, args)) {
		if (args->bad_arg)
			warnx("unknown option '%s'; see proxy --help", args->bad_arg);
		else
			warnx("no image given; usage: proxy [options] image [args...]");
		exit(PROXY_EX_USAGE);
	}
	if (args->action == PROXY_HELP) {
		usage(stdout);
		exit(0);
	}
	if (args->action == PROXY_VERSION) {
		printf("proxy (HermitCore) %s\n", HERMIT_VERSION);
		exit(0);
	}
	return 0;
}

static struct proxy_mode mode_or_exit(void)
{
	const char *value = getenv("HERMIT_ISLE");
	struct proxy_mode mode;
	struct stat st;

	if (proxy_parse_isle(value, &mode))
		errx(PROXY_EX_USAGE, "bad HERMIT_ISLE '%s': use 'uhyve' or an isle number 0..%d",
		     value, PROXY_ISLE_MAX);
	return proxy_resolve_mode(mode, stat(PROXY_SYSFS_ROOT, &st) == 0);
}

int main(int argc, char **argv)
{
	struct proxy_args args;
	struct proxy_mode mode;
	int ret;

	parse_or_exit(argc, argv, &args);
	mode = mode_or_exit();
	ret = proxy_image_check(args.image);
	if (ret)
		return ret;
	if (mode.kind == PROXY_MODE_ISLE)
		return proxy_run_isle(&args, mode.isle, PROXY_SYSFS_ROOT);
	return proxy_run_uhyve(&args);
}
