/* SPDX-License-Identifier: BSD-3-Clause */
/* Unit tests of the order in which the proxy looks for the uhyve binary. */
#include <errno.h>
#include <string.h>

#include "../proxy.h"
#include "check.h"

static int candidate_is(unsigned idx, const char *env, const char *dir, const char *want)
{
	char buf[256];

	return proxy_uhyve_candidate(idx, env, dir, buf, sizeof(buf)) == 0 && !strcmp(buf, want);
}

void test_uhyve(void)
{
	char small[8];

	CHECK(candidate_is(0, "/opt/uhyve", "/b/proxy", "/opt/uhyve"));
	CHECK(proxy_uhyve_candidate(1, "/opt/uhyve", "/b/proxy", small, 0) == -ENOENT);
	CHECK(candidate_is(0, NULL, "/b/proxy", "/b/proxy/uhyve"));
	CHECK(candidate_is(1, NULL, "/b/proxy", "/b/proxy/../uhyve/uhyve"));
	CHECK(candidate_is(2, NULL, "/b/usr/tests", "/b/usr/tests/../../uhyve/uhyve"));
	CHECK(candidate_is(3, NULL, "/b/proxy", "uhyve"));
	CHECK(candidate_is(0, "", "/usr/bin", "/usr/bin/uhyve"));
	CHECK(proxy_uhyve_candidate(4, NULL, "/b/proxy", small, sizeof(small)) == -ENOENT);
	CHECK(candidate_is(0, NULL, NULL, "uhyve"));
	CHECK(proxy_uhyve_candidate(1, NULL, NULL, small, sizeof(small)) == -ENOENT);
	CHECK(proxy_uhyve_candidate(0, NULL, "/a/long/directory", small, sizeof(small)) ==
	      -ENAMETOOLONG);
}
