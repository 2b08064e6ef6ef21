/* SPDX-License-Identifier: BSD-3-Clause */
/* Unit tests of the proxy's command-line and HERMIT_ISLE parsing. */
#include <errno.h>
#include <string.h>

#include <hermit/boot_info.h>

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

static void test_embed_option(void)
{
	char *ok[] = {"proxy", "--embed", "img", "out", NULL};
	char *short_line[] = {"proxy", "--embed", "img", NULL};
	char *long_line[] = {"proxy", "--embed", "img", "out", "more", NULL};
	struct proxy_args a;

	CHECK(proxy_parse_args(4, ok, &a) == 0 && a.action == PROXY_EMBED);
	CHECK(!strcmp(a.image, "img") && a.app_argc == 2 && !strcmp(a.app_argv[1], "out"));
	CHECK(proxy_parse_args(3, short_line, &a) == -EINVAL && a.action == PROXY_EMBED &&
	      !a.bad_arg);
	CHECK(proxy_parse_args(5, long_line, &a) == -EINVAL);
}

/* The blob uhyve writes: header, argv strings, envp strings, all NUL-terminated. */
static void test_pack(void)
{
	char *argv[] = {"/img", "a b", ""};
	char *envp[] = {"X=1", "EMPTY=", NULL};
	static const char strings[] = "/img\0a b\0\0X=1\0EMPTY=";
	struct hermit_args *h;
	char buf[256];
	long n;

	n = proxy_pack_args(3, argv, envp, buf, sizeof(buf));
	h = (struct hermit_args *)buf;
	CHECK(n == (long)(sizeof(*h) + sizeof(strings)));
	CHECK(h->argc == 3 && h->envc == 2 && h->strings_size == sizeof(strings));
	CHECK(!memcmp(h->strings, strings, sizeof(strings)));
	CHECK(proxy_pack_args(3, argv, NULL, buf, sizeof(buf)) == (long)sizeof(*h) + 10);
	CHECK(proxy_pack_args(3, argv, envp, buf, sizeof(*h) + sizeof(strings)) == n);
	CHECK(proxy_pack_args(3, argv, envp, buf, sizeof(*h) + sizeof(strings) - 1) == -E2BIG);
	CHECK(proxy_pack_args(0, argv, NULL, buf, sizeof(*h) - 1) == -E2BIG);
	CHECK(proxy_pack_args(0, argv, NULL, buf, sizeof(*h)) == (long)sizeof(*h));
}

static void test_cpus(void)
{
	static const char *const good[] = {"1", "12", "2-3", "2,3", "2-3,5,7-9"};
	static const char *const bad[] = {"-1",   "abc", "2-", "2,",  ",2", "2--3",
	                                  "2,,3", " 2",  "2 ", "0x2", "+2"};
	char longest[PROXY_CPUS_MAX + 1];

	CHECK(proxy_check_cpus(NULL) == 0 && proxy_check_cpus("") == 0);
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		CHECK(proxy_check_cpus(good[i]) == 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(proxy_check_cpus(bad[i]) == -EINVAL);
	memset(longest, '1', sizeof(longest) - 1);
	longest[PROXY_CPUS_MAX] = '\0';
	CHECK(proxy_check_cpus(longest) == -EINVAL);
	longest[PROXY_CPUS_MAX - 1] = '\0';
	CHECK(proxy_check_cpus(longest) == 0);
}

void test_args(void)
{
	test_run_line();
	test_options();
	test_isle_values();
	test_resolve();
	test_embed_option();
	test_pack();
	test_cpus();
}
