/* SPDX-License-Identifier: BSD-3-Clause */
/* Unit tests of the trailer that marks a `_proxy` binary's embedded image. */
#include <errno.h>

#include "../proxy.h"
#include "check.h"

void test_embed(void)
{
	struct proxy_trailer t;
	const uint64_t tsize = sizeof(t);

	CHECK(sizeof(t) == 32);
	proxy_trailer_make(&t, 1000, 500);
	CHECK(t.offset == 1000 && t.size == 500 && t.magic == PROXY_EMBED_MAGIC && !t.reserved);
	CHECK(proxy_trailer_check(&t, 1000 + 500 + tsize) == 0);
	CHECK(proxy_trailer_check(&t, 1000 + 500 + tsize + 1) == -EINVAL);
	CHECK(proxy_trailer_check(&t, 1000 + 500 + tsize - 1) == -EINVAL);
	CHECK(proxy_trailer_check(&t, tsize - 1) == -ENOENT);
	t.reserved = 1;
	CHECK(proxy_trailer_check(&t, 1000 + 500 + tsize) == -EINVAL);
	proxy_trailer_make(&t, 0, 500);
	CHECK(proxy_trailer_check(&t, 500 + tsize) == -EINVAL);
	/* Sizes chosen to wrap offset + size must not pass. */
	proxy_trailer_make(&t, 1000, ~0ULL - 900);
	CHECK(proxy_trailer_check(&t, 100 + tsize) == -EINVAL);
	proxy_trailer_make(&t, ~0ULL, 1000 + tsize + 1);
	CHECK(proxy_trailer_check(&t, 1000 + tsize) == -EINVAL);
	proxy_trailer_make(&t, 1000, 500);
	t.magic ^= 1;
	CHECK(proxy_trailer_check(&t, 1000 + 500 + tsize) == -ENOENT);
}
