/* SPDX-License-Identifier: BSD-3-Clause */
/* Parsing of the proxy's command line and of HERMIT_ISLE: pure functions, unit-tested. */
#include <errno.h>
#include <string.h>

#include "proxy.h"

static int parse_option(const char *arg, struct proxy_args *out)
{
	if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
		out->action = PROXY_HELP;
	} else if (!strcmp(arg, "-V") || !strcmp(arg, "--version")) {
		out->action = PROXY_VERSION;
	} else if (!strcmp(arg, "-v") || !strcmp(arg, "--verbose")) {
		out->verbose = 1;
	} else {
		out->bad_arg = arg;
		return -EINVAL;
	}
	return 0;
}

int proxy_parse_args(int argc, char **argv, struct proxy_args *out)
{
	int i;

	memset(out, 0, sizeof(*out));
	out->action = PROXY_RUN;
	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if (!strcmp(arg, "--")) {
			i++;
			break;
		}
		if (arg[0] != '-' || arg[1] == '\0')
			break;
		if (parse_option(arg, out))
			return -EINVAL;
		if (out->action != PROXY_RUN)
			return 0;
	}
	if (i >= argc)
		return -EINVAL;
	out->image = argv[i];
	out->app_argc = argc - i;
	out->app_argv = argv + i;
	return 0;
}

/* Decimal digits only: no sign, no spaces, no base prefixes. */
static int parse_isle_number(const char *value, unsigned *isle)
{
	unsigned long n = 0;
	const char *p;

	for (p = value; *p; p++) {
		if (*p < '0' || *p > '9')
			return -EINVAL;
		n = n * 10 + (unsigned long)(*p - '0');
		if (n > PROXY_ISLE_MAX)
			return -EINVAL;
	}
	*isle = (unsigned)n;
	return 0;
}

int proxy_parse_isle(const char *value, struct proxy_mode *out)
{
	memset(out, 0, sizeof(*out));
	if (!value || !*value) {
		out->kind = PROXY_MODE_AUTO;
		return 0;
	}
	if (!strcmp(value, "uhyve")) {
		out->kind = PROXY_MODE_UHYVE;
		return 0;
	}
	if (parse_isle_number(value, &out->isle))
		return -EINVAL;
	out->kind = PROXY_MODE_ISLE;
	return 0;
}

struct proxy_mode proxy_resolve_mode(struct proxy_mode mode, int sysfs_present)
{
	if (mode.kind != PROXY_MODE_AUTO)
		return mode;
	if (sysfs_present)
		return (struct proxy_mode){.kind = PROXY_MODE_ISLE, .isle = 0};
	return (struct proxy_mode){.kind = PROXY_MODE_UHYVE};
}
