/* SPDX-License-Identifier: BSD-3-Clause */
/* The proxy's command line, HERMIT_ISLE and the isle's argument blob: pure, unit-tested. */
#include <errno.h>
#include <string.h>

#include <hermit/boot_info.h>

#include "proxy.h"

static int parse_option(const char *arg, struct proxy_args *out)
{
	if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
		out->action = PROXY_HELP;
	} else if (!strcmp(arg, "-V") || !strcmp(arg, "--version")) {
		out->action = PROXY_VERSION;
	} else if (!strcmp(arg, "--embed")) {
		out->action = PROXY_EMBED;
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
		if (out->action != PROXY_RUN && out->action != PROXY_EMBED)
			return 0;
	}
	if (i >= argc)
		return -EINVAL;
	out->image = argv[i];
	out->app_argc = argc - i;
	out->app_argv = argv + i;
	if (out->action == PROXY_EMBED && out->app_argc != 2)
		return -EINVAL;
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

static int append_strings(char *dst, size_t room, size_t *used, int n, char *const *s)
{
	for (int i = 0; i < n; i++) {
		size_t len = strlen(s[i]) + 1;

		if (len > room - *used)
			return -E2BIG;
		memcpy(dst + *used, s[i], len);
		*used += len;
	}
	return 0;
}

long proxy_pack_args(int argc, char *const *argv, char *const *envp, void *buf, size_t size)
{
	struct hermit_args *a = buf;
	size_t used = 0, room;
	int envc = 0;

	if (size < sizeof(*a) || argc < 0)
		return -E2BIG;
	room = size - sizeof(*a);
	while (envp && envp[envc])
		envc++;
	if (append_strings(a->strings, room, &used, argc, argv) ||
	    append_strings(a->strings, room, &used, envc, envp))
		return -E2BIG;
	a->argc = (uint32_t)argc;
	a->envc = (uint32_t)envc;
	a->strings_size = used;
	return (long)(sizeof(*a) + used);
}

int proxy_check_cpus(const char *value)
{
	const char *p;

	if (!value || !*value)
		return 0;
	if (strlen(value) >= PROXY_CPUS_MAX || value[0] < '0' || value[0] > '9')
		return -EINVAL;
	for (p = value; *p; p++) {
		int digit = *p >= '0' && *p <= '9';

		/* A separator sits between two numbers: not last, not doubled. */
		if (!digit && (*p != ',' && *p != '-'))
			return -EINVAL;
		if (!digit && (p[1] < '0' || p[1] > '9'))
			return -EINVAL;
	}
	return 0;
}
