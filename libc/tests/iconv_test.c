/* SPDX-License-Identifier: BSD-3-Clause */
/* Host test: glue/iconv.c (symbols renamed h_*) against glibc's iconv on the same inputs. */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

iconv_t h_iconv_open(const char *to, const char *from);
size_t h_iconv(iconv_t cd, char **in, size_t *inleft, char **out, size_t *outleft);
int h_iconv_close(iconv_t cd);

static const char *const encs[] = {
    "UTF-8",   "ISO-8859-1", "ASCII",    "UTF-16",   "UTF-16LE", "UTF-16BE", "UCS-2",
    "UCS-2BE", "UTF-32",     "UTF-32LE", "UTF-32BE", "UCS-4",    "UCS-4LE",  "WCHAR_T",
};
#define NENC (sizeof(encs) / sizeof(encs[0]))
static const char *const modes[] = {"", "//TRANSLIT", "//IGNORE"};

static unsigned long long rng = 88172645463325252ULL;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* A random code point: mostly ASCII and Latin-1, some BMP, astral and transliterated ones.
 * glibc's C locale transliterates ~1600 characters; ours only the common typographic ones:
 * `plain` keeps to characters that both turn into "?" (CJK, plane 2). */
static uint32_t random_cp(int plain)
{
	/* (no U+FEFF: glibc's reading of one after a byte order mark depends on how its
	 * internal steps were cut by the output room) */
	static const uint32_t special[] = {0x20ac, 0x2026, 0x201c, 0x00df, 0x00a9,  0x2122,
	                                   0x00bd, 0x2019, 0xfffd, 0x2005, 0xe0041, 0x200b};
	switch (rnd(6)) {
	case 0:
	case 1:
		return 0x20 + rnd(0x5f);
	case 2:
		return 0x80 + rnd(0x80);
	case 3:
		return special[rnd(sizeof(special) / sizeof(special[0]))];
	case 4: {
		if (plain)
			return 0x4e00 + rnd(0x5200);
		uint32_t c = 0x100 + rnd(0xfe00);
		return c >= 0xd800 && c <= 0xdfff ? c - 0x800 : c;
	}
	default:
		return plain ? 0x20000 + rnd(0x10000) : 0x10000 + rnd(0x100000);
	}
}

/* Random input in encoding `from`: valid text made by glibc, then maybe damaged. */
static size_t make_input(const char *from, char *buf, size_t cap, int plain)
{
	uint32_t cps[24];
	size_t n = 1 + rnd(24), inleft, left = cap;
	char *in = (char *)cps, *out = buf;
	iconv_t cd = iconv_open(from, "UTF-32LE");

	for (size_t i = 0; i < n; i++)
		cps[i] = random_cp(plain);
	inleft = n * 4;
	while (inleft) {
		if (iconv(cd, &in, &inleft, &out, &left) == (size_t)-1) {
			if (errno != EILSEQ)
				break;
			in += 4; /* not representable in `from`: leave it out */
			inleft -= 4;
		}
	}
	iconv_close(cd);
	n = (size_t)(out - buf);
	switch (plain ? 1 : rnd(5)) { /* damage makes any character: not with `plain` */
	case 0:                       /* a random byte somewhere */
		if (n)
			buf[rnd((unsigned)n)] = (char)rnd(256);
		break;
	case 1: /* cut short */
		if (n)
			n -= 1 + rnd(n < 3 ? (unsigned)n : 3);
		break;
	case 2: /* random bytes appended */
		for (unsigned k = rnd(4); k && n < cap; k--)
			buf[n++] = (char)rnd(256);
		break;
	}
	/* glibc also reads UTF-8's 4-byte forms up to 0x1fffff: invalid for us (RFC 3629) */
	if (!strcmp(from, "UTF-8")) {
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)buf[i];

			if ((c >= 0xf5 && c <= 0xf7) ||
			    (c == 0xf4 && i + 1 < n && (unsigned char)buf[i + 1] >= 0x90))
				return make_input(from, buf, cap, plain);
		}
	}
	/* glibc reads UCS-4 values up to 0x7fffffff (WCHAR_T: any) and writes those above
	 * 0x10ffff as 5- and 6-byte UTF-8; we take them as invalid: not compared. */
	if (!strncmp(from, "UCS-4", 5) || !strcmp(from, "WCHAR_T"))
		for (size_t i = 0; i + 4 <= n; i += 4) {
			uint32_t v;

			memcpy(&v, buf + i, 4);
			if (!strcmp(from, "UCS-4"))
				v = __builtin_bswap32(v);
			if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
				return make_input(from, buf, cap, plain);
		}
	return n;
}

struct result {
	size_t ret;
	int err;
	size_t consumed, produced;
	char out[512];
};

static void run(size_t (*conv)(iconv_t, char **, size_t *, char **, size_t *), iconv_t cd,
                const char *in, size_t inlen, size_t outlen, struct result *r)
{
	char *ip = (char *)in, *op = r->out;
	size_t il = inlen, ol = outlen;

	errno = 0;
	r->ret = conv(cd, &ip, &il, &op, &ol);
	r->err = r->ret == (size_t)-1 ? errno : 0;
	r->consumed = inlen - il;
	r->produced = outlen - ol;
}

static int failures, checked;

static void report(const char *to, const char *from, const char *in, size_t n, size_t outlen,
                   const struct result *g, const struct result *h)
{
	if (++failures > 20)
		return;
	printf("FAIL %s <- %s, out room %zu, input", to, from, outlen);
	for (size_t i = 0; i < n; i++)
		printf(" %02x", (unsigned char)in[i]);
	printf("\n  glibc: ret %zd errno %d in %zu out %zu |", (ssize_t)g->ret, g->err, g->consumed,
	       g->produced);
	for (size_t i = 0; i < g->produced; i++)
		printf(" %02x", (unsigned char)g->out[i]);
	printf("\n  ours:  ret %zd errno %d in %zu out %zu |", (ssize_t)h->ret, h->err, h->consumed,
	       h->produced);
	for (size_t i = 0; i < h->produced; i++)
		printf(" %02x", (unsigned char)h->out[i]);
	printf("\n");
}

/* Converts the whole input in steps of a random output room, as a program would. */
static void compare(const char *to, const char *from, const char *in, size_t n)
{
	iconv_t g = iconv_open(to, from), h = h_iconv_open(to, from);
	size_t off = 0;
	int ignore = strstr(to, "IGNORE") != NULL;

	if (g == (iconv_t)-1 || h == (iconv_t)-1) {
		if ((g == (iconv_t)-1) != (h == (iconv_t)-1)) {
			printf("FAIL iconv_open(%s, %s): glibc %s, ours %s\n", to, from,
			       g == (iconv_t)-1 ? "fails" : "works",
			       h == (iconv_t)-1 ? "fails" : "works");
			failures++;
		}
		goto out;
	}
	for (int step = 0; step < 64; step++) {
		static struct result rg, rh;
		/* glibc's //IGNORE consumes input in internal chunks when the output runs
		 * full: compared with room for everything only. */
		size_t room = rnd(3) && !strstr(to, "IGNORE") ? 1 + rnd(16) : sizeof(rg.out);

		run(iconv, g, in + off, n - off, room, &rg);
		run(h_iconv, h, in + off, n - off, room, &rh);
		checked++;
		/* glibc's //IGNORE reports the status of its last internal step: EILSEQ,
		 * EINVAL or even success after skipping; only the text is compared. */
		if (ignore && rg.err != E2BIG && rh.err != E2BIG)
			rg.ret = rh.ret, rg.err = rh.err;
		if (rg.ret != rh.ret || rg.err != rh.err || rg.consumed != rh.consumed ||
		    rg.produced != rh.produced || memcmp(rg.out, rh.out, rg.produced)) {
			printf("step %d (at byte %zu):\n", step, off);
			report(to, from, in + off, n - off, room, &rg, &rh);
			break;
		}
		off += rg.consumed;
		if (rg.err != E2BIG)
			break;
	}
out:
	if (g != (iconv_t)-1)
		iconv_close(g);
	if (h != (iconv_t)-1)
		h_iconv_close(h);
}

int main(int argc, char **argv)
{
	long rounds = argc > 1 ? atol(argv[1]) : 200;
	char in[256], to[64];
	int errors = 0;

	/* iconv_open: names, aliases, case, suffixes, unknown names (EINVAL). */
	static const char *const names[] = {"utf-8",
	                                    "UTF8",
	                                    "latin1",
	                                    "L1",
	                                    "us-ascii",
	                                    "ANSI_X3.4-1968",
	                                    "UTF-8//TRANSLIT",
	                                    "NO-SUCH",
	                                    "",
	                                    "ASCII//IGNORE//TRANSLIT"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		iconv_t g = iconv_open(names[i], "UTF-8"), h = h_iconv_open(names[i], "UTF-8");
		int ge = g == (iconv_t)-1 ? errno : 0;

		errno = 0;
		h = h_iconv_open(names[i], "UTF-8");
		if ((g == (iconv_t)-1) != (h == (iconv_t)-1) || (h == (iconv_t)-1 && errno != ge)) {
			printf("FAIL iconv_open(\"%s\")\n", names[i]);
			errors++;
		}
		if (g != (iconv_t)-1)
			iconv_close(g);
		if (h != (iconv_t)-1)
			h_iconv_close(h);
	}
	for (long r = 0; r < rounds; r++)
		for (size_t f = 0; f < NENC; f++)
			for (size_t t = 0; t < NENC; t++) {
				const char *mode = modes[rnd(3)];
				size_t n = make_input(encs[f], in, sizeof(in), *mode != 0);

				if (!strcmp(encs[f], "WCHAR_T") && !strcmp(encs[t], "WCHAR_T"))
					continue; /* glibc has no such conversion */

				snprintf(to, sizeof(to), "%s%s", encs[t], mode);
				compare(to, encs[f], in, n);
			}
	failures += errors;
	printf("iconv_test: %d calls compared with glibc\n", checked);
	printf("%d passed, %d failed\n", checked - failures, failures);
	return failures != 0;
}
