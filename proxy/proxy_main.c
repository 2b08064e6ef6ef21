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
	    "  -v, --verbose  show how the image is started (isle mode: timings, kernel log)\n"
	    "  --embed IMAGE OUTPUT\n"
	    "                 write OUTPUT, a Linux executable that runs IMAGE like this proxy\n"
	    "                 (all its arguments go to the application)\n"
	    "  --             end of options\n"
	    "\n"
	    "environment:\n"
	    "  HERMIT_ISLE    'uhyve' (run under the uhyve monitor) or an isle number 0..%d\n"
	    "                 (cores taken from Linux); unset: isle 0 if %s exists, else uhyve\n"
	    "  HERMIT_UHYVE   path of the uhyve binary (default: next to the proxy, then\n"
	    "                 ../uhyve/uhyve relative to it, then PATH)\n"
	    "  HERMIT_CPUS, HERMIT_MEM, HERMIT_TIMEOUT, HERMIT_ROOT, HERMIT_VERBOSE\n"
	    "                 as for uhyve; on an isle HERMIT_CPUS is a core count (default 1) or\n"
	    "                 a list of the node's cores, HERMIT_MEM defaults to the isle's "
	    "memsize\n"
	    "  The environment is passed on to uhyve and the application.\n"
	    "\n"
	    "exit status: the application's; 64 usage, 65 bad image, 66 image missing,\n"
	    "69 uhyve or isle unavailable (or the isle in use), 71 host error, 77 no permission;\n"
	    "on an isle 124 timeout, 125 kernel panic, 126 isle broke the protocol, 128+N signal "
	    "N;\n"
	    "under uhyve its own statuses (see uhyve --help)\n",
	    PROXY_ISLE_MAX, PROXY_SYSFS_ROOT);
}

static int parse_or_exit(int argc, char **argv, struct proxy_args *args)
{
	if (proxy_parse_args(argc, argv, args)) {
		if (args->bad_arg)
			warnx("unknown option '%s'; see proxy --help", args->bad_arg);
		else if (args->action == PROXY_EMBED)
			warnx("usage: proxy --embed IMAGE OUTPUT");
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
	if (args->action == PROXY_EMBED)
		exit(proxy_embed(args->image, args->app_argv[1]));
	return 0;
}

/* A `_proxy` binary: its image comes from the binary, every argument goes to the application,
 * whose argv[0] is the path of the image's copy (ending in the image's name). */
static int embedded_or_exit(int argc, char **argv, struct proxy_args *args)
{
	int ret = proxy_embedded_image();
	char **app_argv;

	if (ret < 0)
		exit(-ret);
	if (ret == 0)
		return 0;
	app_argv = calloc((size_t)argc + 1, sizeof(*app_argv));
	if (!app_argv)
		err(PROXY_EX_OSERR, "calloc");
	app_argv[0] = (char *)proxy_embedded_path();
	for (int i = 1; i < argc; i++)
		app_argv[i] = argv[i];
	*args = (struct proxy_args){
	    .action = PROXY_RUN, .image = app_argv[0], .app_argc = argc, .app_argv = app_argv};
	return 1;
}

static struct proxy_mode mode_or_exit(void)
{
	const char *value = getenv("HERMIT_ISLE");
	struct proxy_mode mode;
	struct stat st;

	if (proxy_parse_isle(value, &mode)) {
		proxy_embedded_cleanup();
		errx(PROXY_EX_USAGE, "bad HERMIT_ISLE '%s': use 'uhyve' or an isle number 0..%d",
		     value, PROXY_ISLE_MAX);
	}
	return proxy_resolve_mode(mode, stat(PROXY_SYSFS_ROOT, &st) == 0);
}

static int run(const struct proxy_args *args, struct proxy_mode mode, int embedded)
{
	int ret = proxy_image_check(args->image);

	if (ret) {
		proxy_embedded_cleanup();
		return ret;
	}
	if (mode.kind == PROXY_MODE_ISLE)
		return proxy_run_isle(args, mode.isle, PROXY_SYSFS_ROOT);
	if (embedded)
		return proxy_run_uhyve_embedded(args);
	return proxy_run_uhyve(args);
}

int main(int argc, char **argv)
{
	struct proxy_args args;
	struct proxy_mode mode;
	int embedded;

	embedded = embedded_or_exit(argc, argv, &args);
	if (!embedded)
		parse_or_exit(argc, argv, &args);
	mode = mode_or_exit();
	return run(&args, mode, embedded);
}
