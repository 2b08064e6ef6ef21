/* SPDX-License-Identifier: BSD-3-Clause */
/* Unit tests of the proxy's command-line and HERMIT_ISLE parsing. */
#include <errno.h>
#include <string.h>

#include "../proxy.h"
#include "check.h"

#define ARGC(a) ((int)(sizeof(a) / sizeof((a)[0])) - 1)

static void test_run_line(void)
{
	char *argv[] = {"proxy", "-v", "app", "-x", "--help", NULL};
	struct proxy_args a;

	CHECK(proxy_parse_args(ARGC(argv), argv, &a) == 0);
	CHECK(a.action == PROXY_RUN);
	CHECK(a.verbose == 1);
	CHECK(a.image && !strcmp(a.image, "app"));
	CHECK(a.app_argc == 3);
	CHECK(a.app_argv == argv + 2);
}

static void test_options(void)
{
	char *help[] = {"proxy", "--help", NULL};
	char *version[] = {"proxy", "-V", "img", NULL};
	char *bad[] = {"proxy", "--frob", "img", NULL};
	char *none[] = {"proxy", "-v", NULL};
	char *dashdash[] = {"proxy", "--", "-img", "a", NULL};
	char *only[] = {"proxy", NULL};
	struct proxy_args a;

	CHECK(proxy_parse_args(ARGC(help), help, &a) == 0 && a.action == PROXY_HELP);
	CHECK(proxy_parse_args(ARGC(version), version, &a) == 0 && a.action == PROXY_VERSION);
	CHECK(proxy_parse_args(ARGC(bad), bad, &a) == -EINVAL);
	CHECK(a.bad_arg && !strcmp(a.bad_arg, "--frob"));
	CHECK(proxy_parse_args(ARGC(none), none, &a) == -EINVAL && a.bad_arg == NULL);
	CHECK(proxy_parse_args(ARGC(only), only, &a) == -EINVAL && a.bad_arg == NULL);
	CHECK(proxy_parse_args(ARGC(dashdash), dashdash, &a) == 0);
	CHECK(a.image && !strcmp(a.image, "-img") && a.app_argc == 2);
}

static void test_isle_values(void)
{
	static const char *const bad[] = {"foo", "-1",  "99999999999", "1024",   " 1", "1 ",
	                                  "+1",  "0x1", "UHYVE",       "uhyve ", "1a"};
	struct proxy_mode m;
	unsigned i;

	CHECK(proxy_parse_isle(NULL, &m) == 0 && m.kind == PROXY_MODE_AUTO);
	CHECK(proxy_parse_isle("", &m) == 0 && m.kind == PROXY_MODE_AUTO);
	CHECK(proxy_parse_isle("uhyve", &m) == 0 && m.kind == PROXY_MODE_UHYVE);
	CHECK(proxy_parse_isle("0", &m) == 0 && m.kind == PROXY_MODE_ISLE && m.isle == 0);
	CHECK(proxy_parse_isle("7", &m) == 0 && m.kind == PROXY_MODE_ISLE && m.isle == 7);
	CHECK(proxy_parse_isle("1023", &m) == 0 && m.isle == 1023);
	CHECK(proxy_parse_isle("007", &m) == 0 && m.isle == 7);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(proxy_parse_isle(bad[i], &m) == -EINVAL);
}

static void test_resolve(void)
{
	struct proxy_mode auto_mode = {.kind = PROXY_MODE_AUTO};
	struct proxy_mode isle3 = {.kind = PROXY_MODE_ISLE, .isle = 3};
	struct proxy_mode uhyve = {.kind = PROXY_MODE_UHYVE};
	struct proxy_mode m;

	m = proxy_resolve_mode(auto_mode, 1);
	CHECK(m.kind == PROXY_MODE_ISLE && m.isle == 0);
	m = proxy_resolve_mode(auto_mode, 0);
	CHECK(m.kind == PROXY_MODE_UHYVE);
	m = proxy_resolve_mode(isle3, 0);
	CHECK(m.kind == PROXY_MODE_ISLE && m.isle == 3);
	m = proxy_resolve_mode(uhyve, 1);
	CHECK(m.kind == PROXY_MODE_UHYVE);
}

void test_args(void)
{
	test_run_line();
	test_options();
	test_isle_values();
	test_resolve();
}
