/* SPDX-License-Identifier: BSD-3-Clause */
/* iconv: conversions among UTF-8, Latin-1, ASCII, UTF-16 and UTF-32/UCS-4, as glibc does them. */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/*
 * Every conversion decodes one character of the source into a code point and encodes it
 * into the target; a call stops before the character that fails, so *inbuf and *outbuf
 * always describe whole characters (the contract of POSIX and glibc):
 *   EILSEQ  invalid input, or (without //TRANSLIT or //IGNORE) a character the target cannot
 *           represent; *inbuf points at it;
 *   EINVAL  the input ends inside a character; *inbuf points at its first byte;
 *   E2BIG   no room for the next character.
 * The result counts irreversible conversions (characters transliterated). With //IGNORE,
 * invalid and unrepresentable characters are skipped and the call ends with -1/EILSEQ
 * after converting the rest, as glibc's does. Byte order: UTF-16 and UTF-32 read a byte
 * order mark and else take the host's (little-endian), write a mark and then little-endian;
 * UCS-2 and WCHAR_T are little-endian, UCS-4 big-endian, all without a mark.
 * libc/tests/iconv_test.c compares all of this with glibc 2.36 on random text. Where ours
 * differs from glibc on purpose: values above U+10FFFF (glibc still reads them from UTF-8's
 * 4-byte forms and writes them as 5- and 6-byte UTF-8) are invalid here; //TRANSLIT knows
 * the common typographic characters, not glibc's ~1600 (others become "?"); no UTF-7 or
 * 8-bit code pages but Latin-1.
 */

enum enc {
	ENC_ASCII,
	ENC_LATIN1,
	ENC_UTF8,
	ENC_UTF16,   /* byte order mark, else little-endian */
	ENC_UTF16LE, /* also UCS-2LE-like: surrogate pairs allowed */
	ENC_UTF16BE,
	ENC_UCS2, /* little-endian, BMP only */
	ENC_UCS2BE,
	ENC_UTF32, /* byte order mark, else little-endian */
	ENC_UTF32LE,
	ENC_UTF32BE,
	ENC_UCS4LE, /* any value up to 0x7fffffff, as glibc's UCS-4 */
	ENC_UCS4BE,
	ENC_WCHAR, /* wchar_t: UCS-4LE, glibc's internal form (see iconv()) */
};

static const struct {
	const char *name; /* upper case, as compared */
	enum enc enc;
} names[] = {
    {"UTF-8", ENC_UTF8},           {"UTF8", ENC_UTF8},         {"ISO-8859-1", ENC_LATIN1},
    {"ISO8859-1", ENC_LATIN1},     {"ISO_8859-1", ENC_LATIN1}, {"LATIN1", ENC_LATIN1},
    {"LATIN-1", ENC_LATIN1},       {"L1", ENC_LATIN1},         {"CP819", ENC_LATIN1},
    {"IBM819", ENC_LATIN1},        {"ASCII", ENC_ASCII},       {"US-ASCII", ENC_ASCII},
    {"ANSI_X3.4-1968", ENC_ASCII}, {"646", ENC_ASCII},         {"UTF-16", ENC_UTF16},
    {"UTF16", ENC_UTF16},          {"UTF-16LE", ENC_UTF16LE},  {"UTF-16BE", ENC_UTF16BE},
    {"UCS-2", ENC_UCS2},           {"UCS-2LE", ENC_UCS2},      {"UCS-2BE", ENC_UCS2BE},
    {"UTF-32", ENC_UTF32},         {"UTF32", ENC_UTF32},       {"UTF-32LE", ENC_UTF32LE},
    {"UTF-32BE", ENC_UTF32BE},     {"UCS-4", ENC_UCS4BE},      {"UCS-4BE", ENC_UCS4BE},
    {"UCS-4LE", ENC_UCS4LE},       {"WCHAR_T", ENC_WCHAR},
};

#define MODE_TRANSLIT 1
#define MODE_IGNORE   2

/* Input byte order of UTF-16/UTF-32 once known from a mark. */
#define ORDER_UNKNOWN 0
#define ORDER_LE      1
#define ORDER_BE      2

struct hermit_iconv {
	enum enc from, to;
	int mode;
	int in_order;    /* ORDER_*: UTF-16/UTF-32 input */
	int bom_written; /* UTF-16/UTF-32 output */
};

/* Parses "NAME[//SUFFIX...]"; returns the encoding or -1, and ors suffix flags into *mode. */
static int parse_name(const char *spec, int *mode)
{
	char buf[32];
	size_t n = 0;
	const char *suffix = strstr(spec, "//");

	while (spec[n] && spec + n != suffix) {
		char c = spec[n];

		if (n + 1 >= sizeof(buf))
			return -1;
		buf[n++] = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
	}
	buf[n] = '\0';
	while (suffix) {
		const char *s = suffix + 2, *end = strstr(s, "//");
		size_t len = end ? (size_t)(end - s) : strlen(s);

		/* glibc accepts a comma-separated list as well: "//TRANSLIT,IGNORE" */
		for (size_t i = 0; i < len;) {
			size_t j = i;

			while (j < len && s[j] != ',')
				j++;
			if (j - i == 8 && !strncasecmp(s + i, "TRANSLIT", 8))
				*mode |= MODE_TRANSLIT;
			else if (j - i == 6 && !strncasecmp(s + i, "IGNORE", 6))
				*mode |= MODE_IGNORE;
			i = j + 1;
		}
		suffix = end;
	}
	if (!n)
		return ENC_ASCII; /* "": the locale's charset, ASCII in the C locale (as glibc) */
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(buf, names[i].name))
			return (int)names[i].enc;
	return -1;
}

iconv_t iconv_open(const char *tocode, const char *fromcode)
{
	struct hermit_iconv *cd;
	int mode = 0, from_mode = 0, to, from;

	if (!tocode || !fromcode) {
		errno = EINVAL;
		return (iconv_t)-1;
	}
	to = parse_name(tocode, &mode);
	from = parse_name(fromcode, &from_mode);
	if (to < 0 || from < 0) {
		errno = EINVAL;
		return (iconv_t)-1;
	}
	cd = calloc(1, sizeof(*cd));
	if (!cd)
		return (iconv_t)-1;
	cd->to = (enum enc)to;
	cd->from = (enum enc)from;
	cd->mode = mode | (from_mode & MODE_IGNORE);
	return (iconv_t)cd;
}

int iconv_close(iconv_t cd)
{
	if (!cd || cd == (iconv_t)-1) {
		errno = EBADF;
		return -1;
	}
	free(cd);
	return 0;
}

/* ---- decoding: bytes consumed (> 0), or DEC_ILSEQ / DEC_INCOMPLETE; DEC_MARK_ONLY when a
 * byte order mark was consumed and no character produced. */
#define DEC_ILSEQ      (-1)
#define DEC_INCOMPLETE (-2)

/* Lead bytes f8-fd start 5- and 6-byte forms (never valid): as in glibc, an input that
 * ends inside one is incomplete (EINVAL), a whole one invalid (EILSEQ). */
static int decode_utf8(const unsigned char *p, size_t n, uint32_t *cp)
{
	unsigned c = p[0];
	int len;
	uint32_t v;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c < 0xc2 || c > 0xfd)
		return DEC_ILSEQ;
	len = c < 0xe0 ? 2 : c < 0xf0 ? 3 : c < 0xf8 ? 4 : c < 0xfc ? 5 : 6;
	if (n < (size_t)len) {
		for (size_t i = 1; i < n; i++)
			if ((p[i] & 0xc0) != 0x80)
				return DEC_ILSEQ;
		return DEC_INCOMPLETE;
	}
	v = c & (0x7fu >> len);
	for (int i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return DEC_ILSEQ;
		v = v << 6 | (p[i] & 0x3f);
	}
	if (len > 4 ||
	    v < (len == 2   ? 0x80u
	         : len == 3 ? 0x800u
	                    : 0x10000u) ||
	    v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return DEC_ILSEQ;
	*cp = v;
	return len;
}

static uint32_t get16(const unsigned char *p, int be)
{
	return be ? (uint32_t)p[0] << 8 | p[1] : (uint32_t)p[1] << 8 | p[0];
}

static uint32_t get32(const unsigned char *p, int be)
{
	return be ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
	          : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static int decode_utf16(const unsigned char *p, size_t n, int be, int pairs, uint32_t *cp)
{
	uint32_t hi, lo;

	if (n < 2)
		return DEC_INCOMPLETE;
	hi = get16(p, be);
	if (hi < 0xd800 || hi > 0xdfff) {
		*cp = hi;
		return 2;
	}
	if (!pairs || hi >= 0xdc00)
		return DEC_ILSEQ;
	if (n < 4)
		return DEC_INCOMPLETE;
	lo = get16(p + 2, be);
	if (lo < 0xdc00 || lo > 0xdfff)
		return DEC_ILSEQ;
	*cp = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
	return 4;
}

/* UTF-32 (max 0x10ffff, no surrogates) or, with `ucs4`, glibc's UCS-4 (max 0x7fffffff). */
static int decode_utf32(const unsigned char *p, size_t n, int be, int ucs4, uint32_t *cp)
{
	uint32_t v;

	if (n < 4)
		return DEC_INCOMPLETE;
	v = get32(p, be);
	if (ucs4 ? v > 0x7fffffff : v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return DEC_ILSEQ;
	*cp = v;
	return 4;
}

/* UTF-16 and UTF-32 without an explicit order: a leading mark decides, once. */
/* UTF-16 and UTF-32 input: a leading byte order mark decides the order, once (little-endian
 * without one); returns the bytes of the mark to skip. */
static size_t take_mark(struct hermit_iconv *cd, const unsigned char *p, size_t n)
{
	size_t unit = cd->from == ENC_UTF16 ? 2 : 4;

	if ((cd->from != ENC_UTF16 && cd->from != ENC_UTF32) || cd->in_order != ORDER_UNKNOWN ||
	    n < unit)
		return 0;
	cd->in_order = ORDER_LE;
	if (unit == 2 ? get16(p, 1) == 0xfeff : get32(p, 1) == 0xfeff)
		cd->in_order = ORDER_BE;
	else if (!(unit == 2 ? get16(p, 0) == 0xfeff : get32(p, 0) == 0xfeff))
		return 0;
	return unit;
}

static int decode(struct hermit_iconv *cd, const unsigned char *p, size_t n, uint32_t *cp)
{
	switch (cd->from) {
	case ENC_ASCII:
		*cp = p[0];
		return p[0] < 0x80 ? 1 : DEC_ILSEQ;
	case ENC_LATIN1:
		*cp = p[0];
		return 1;
	case ENC_UTF8:
		return decode_utf8(p, n, cp);
	case ENC_UTF16:
		return decode_utf16(p, n, cd->in_order == ORDER_BE, 1, cp);
	case ENC_UTF16LE:
	case ENC_UTF16BE:
		return decode_utf16(p, n, cd->from == ENC_UTF16BE, 1, cp);
	case ENC_UCS2:
	case ENC_UCS2BE:
		return decode_utf16(p, n, cd->from == ENC_UCS2BE, 0, cp);
	case ENC_UTF32:
		return decode_utf32(p, n, cd->in_order == ORDER_BE, 0, cp);
	case ENC_UTF32LE:
	case ENC_UTF32BE:
		return decode_utf32(p, n, cd->from == ENC_UTF32BE, 0, cp);
	case ENC_UCS4LE:
	case ENC_UCS4BE:
	case ENC_WCHAR:
		return decode_utf32(p, n, cd->from == ENC_UCS4BE, 1, cp);
	}
	return DEC_ILSEQ;
}

/* Bytes of an encoding's smallest unit (what //IGNORE skips of invalid input). */
static size_t unit_size(enum enc e)
{
	if (e >= ENC_UTF32)
		return 4;
	return e >= ENC_UTF16 ? 2 : 1;
}

/* ---- encoding: bytes written (> 0), ENC_NOROOM, or ENC_UNREPR --------------------------- */
#define ENC_NOROOM (-1)
#define ENC_UNREPR (-2)

static void put16(unsigned char *p, uint32_t v, int be)
{
	p[be ? 0 : 1] = (unsigned char)(v >> 8);
	p[be ? 1 : 0] = (unsigned char)v;
}

static void put32(unsigned char *p, uint32_t v, int be)
{
	for (int i = 0; i < 4; i++)
		p[be ? 3 - i : i] = (unsigned char)(v >> (8 * i));
}

static int encode_utf8(uint32_t cp, unsigned char *out, size_t room)
{
	int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;

	if (room < (size_t)len)
		return ENC_NOROOM;
	if (len == 1) {
		out[0] = (unsigned char)cp;
		return 1;
	}
	for (int i = len - 1; i > 0; i--, cp >>= 6)
		out[i] = (unsigned char)(0x80 | (cp & 0x3f));
	out[0] = (unsigned char)((0xf00u >> len) | cp);
	return len;
}

static int encode_utf16(uint32_t cp, unsigned char *out, size_t room, int be, int pairs)
{
	if (cp < 0x10000) {
		if (room < 2)
			return ENC_NOROOM;
		put16(out, cp, be);
		return 2;
	}
	if (!pairs)
		return ENC_UNREPR;
	if (room < 4)
		return ENC_NOROOM;
	put16(out, 0xd800 + ((cp - 0x10000) >> 10), be);
	put16(out + 2, 0xdc00 + ((cp - 0x10000) & 0x3ff), be);
	return 4;
}

/* The byte order mark of UTF-16 and UTF-32 output, written once, ahead of the first
 * character (also when that character then does not fit, as glibc does). */
static int write_mark(struct hermit_iconv *cd, unsigned char *out, size_t room)
{
	int n = cd->to == ENC_UTF16 ? 2 : 4;

	if (room < (size_t)n)
		return ENC_NOROOM;
	if (n == 2)
		put16(out, 0xfeff, 0);
	else
		put32(out, 0xfeff, 0);
	cd->bom_written = 1;
	return n;
}

static int encode(struct hermit_iconv *cd, uint32_t cp, unsigned char *out, size_t room)
{
	if ((cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) && cd->to < ENC_UCS4LE)
		return ENC_UNREPR; /* only UCS-4 input has such values */
	switch (cd->to) {
	case ENC_ASCII:
	case ENC_LATIN1:
		if (cp >= (cd->to == ENC_ASCII ? 0x80u : 0x100u))
			return ENC_UNREPR;
		if (!room)
			return ENC_NOROOM;
		out[0] = (unsigned char)cp;
		return 1;
	case ENC_UTF8:
		return encode_utf8(cp, out, room);
	case ENC_UTF16:
	case ENC_UTF16LE:
	case ENC_UTF16BE:
		return encode_utf16(cp, out, room, cd->to == ENC_UTF16BE, 1);
	case ENC_UCS2:
	case ENC_UCS2BE:
		return encode_utf16(cp, out, room, cd->to == ENC_UCS2BE, 0);
	case ENC_UTF32:
	case ENC_UTF32LE:
	case ENC_UTF32BE:
	case ENC_UCS4LE:
	case ENC_UCS4BE:
	case ENC_WCHAR:
		if (room < 4)
			return ENC_NOROOM;
		put32(out, cp, cd->to == ENC_UTF32BE || cd->to == ENC_UCS4BE);
		return 4;
	}
	return ENC_UNREPR;
}

/* Transliterations (//TRANSLIT): typographic characters, as glibc's C locale writes them in
 * ASCII (measured against glibc 2.36); any other character becomes "?". */
static const struct {
	uint16_t cp;
	char text[6];
} translit[] = {
    {0x00a0, " "},     {0x00a9, "(C)"}, {0x00ab, "<<"},  {0x00ad, "-"},     {0x00ae, "(R)"},
    {0x00b5, "u"},     {0x00b8, ","},   {0x00bb, ">>"},  {0x00bc, " 1/4 "}, {0x00bd, " 1/2 "},
    {0x00be, " 3/4 "}, {0x00c6, "AE"},  {0x00d7, "x"},   {0x00df, "ss"},    {0x00e6, "ae"},
    {0x0152, "OE"},    {0x0153, "oe"},  {0x200b, ""},    {0x2010, "-"},     {0x2011, "-"},
    {0x2012, "-"},     {0x2013, "-"},   {0x2014, "--"},  {0x2015, "-"},     {0x2018, "'"},
    {0x2019, "'"},     {0x201a, ","},   {0x201c, "\""},  {0x201d, "\""},    {0x201e, ",,"},
    {0x2022, "o"},     {0x2024, "."},   {0x2025, ".."},  {0x2026, "..."},   {0x2039, "<"},
    {0x203a, ">"},     {0x2044, "/"},   {0x20ac, "EUR"}, {0x2122, "(TM)"},  {0x2190, "<-"},
    {0x2192, "->"},    {0x2212, "-"},   {0x2215, "/"},   {0x2264, "<="},    {0x2265, ">="},
    {0xfb01, "fi"},    {0xfb02, "fl"},  {0xfeff, ""},
};

/* Writes the transliteration of cp (or "?"): bytes written, or ENC_NOROOM. */
static int encode_translit(struct hermit_iconv *cd, uint32_t cp, unsigned char *out, size_t room)
{
	const char *text = "?";
	size_t used = 0;

	for (size_t i = 0; i < sizeof(translit) / sizeof(translit[0]); i++)
		if (translit[i].cp == cp)
			text = translit[i].text;
	if ((cp >= 0x2000 && cp <= 0x200a) || cp == 0x202f || cp == 0x205f)
		text = " "; /* the typographic spaces */
	for (; *text; text++) {
		int n = encode(cd, (unsigned char)*text, out + used, room - used);

		if (n < 0)
			return n == ENC_UNREPR ? ENC_UNREPR : ENC_NOROOM;
		used += (size_t)n;
	}
	return (int)used;
}

/* Writes what a reset emits (nothing: every encoding here is stateless but for its mark). */
static size_t reset(struct hermit_iconv *cd, char **out, size_t *outleft)
{
	(void)out;
	(void)outleft;
	cd->in_order = ORDER_UNKNOWN;
	return 0;
}

size_t iconv(iconv_t handle, char **restrict inbuf, size_t *restrict inleft, char **restrict outbuf,
             size_t *restrict outleft)
{
	struct hermit_iconv *cd = (struct hermit_iconv *)handle;
	const unsigned char *in;
	unsigned char *out;
	size_t left, room, mark, irreversible = 0;
	int skipped = 0, err = 0, w, one_step, ucs4_copy;

	if (!cd || handle == (iconv_t)-1) {
		errno = EBADF;
		return (size_t)-1;
	}
	if (!inbuf || !*inbuf)
		return reset(cd, outbuf, outleft);
	one_step = cd->from == ENC_WCHAR || cd->to == ENC_WCHAR;
	/* glibc's copies from UCS-4 (big-endian) and to UCS-4 report a full output before a
	 * short input */
	ucs4_copy = (cd->from == ENC_UCS4BE && cd->to == ENC_WCHAR) ||
	            (cd->from == ENC_WCHAR && (cd->to == ENC_UCS4LE || cd->to == ENC_UCS4BE));
	in = (const unsigned char *)*inbuf;
	left = *inleft;
	out = (unsigned char *)*outbuf;
	room = *outleft;
	mark = take_mark(cd, in, left);
	in += mark, left -= mark;
	if (one_step && left && (cd->to == ENC_UTF16 || cd->to == ENC_UTF32) && !cd->bom_written) {
		if ((w = write_mark(cd, out, room)) < 0)
			err = E2BIG;
		else
			out += w, room -= (size_t)w;
	}
	while (left && !err) {
		uint32_t cp = 0;
		int n;

		/* glibc converts in one step to or from wchar_t and checks the room first; others
		 * go through wchar_t in two steps, the first of which reads ahead. */
		if (left < unit_size(cd->from) && !(ucs4_copy && room < 4)) {
			err = EINVAL;
			break;
		}
		if (one_step && room < unit_size(cd->to)) {
			err = E2BIG;
			break;
		}
		n = decode(cd, in, left, &cp);
		if (n == DEC_ILSEQ && (cd->mode & MODE_IGNORE)) {
			size_t skip = unit_size(cd->from);

			skipped = 1;
			skip = skip < left ? skip : left;
			in += skip, left -= skip;
			continue;
		}
		if (n < 0) {
			err = n == DEC_ILSEQ ? EILSEQ : EINVAL;
			break;
		}
		if ((cd->to == ENC_UTF16 || cd->to == ENC_UTF32) && !cd->bom_written) {
			if ((w = write_mark(cd, out, room)) < 0) {
				err = E2BIG;
				break;
			}
			out += w, room -= (size_t)w;
		}
		w = room < unit_size(cd->to) ? ENC_NOROOM : encode(cd, cp, out, room);
		if (w == ENC_UNREPR && cp >= 0xe0000 && cp <= 0xe007f)
			w = 0; /* language tags: dropped where they cannot be written, as glibc */
		if (w == ENC_UNREPR && (cd->mode & MODE_TRANSLIT)) {
			w = encode_translit(cd, cp, out, room);
			if (w >= 0)
				irreversible++;
		}
		if (w == ENC_UNREPR && (cd->mode & MODE_IGNORE)) {
			skipped = 1;
			w = 0;
		}
		if (w < 0) {
			err = w == ENC_NOROOM ? E2BIG : EILSEQ;
			break;
		}
		in += n, left -= (size_t)n;
		out += w, room -= (size_t)w;
	}
	*inbuf = (char *)in;
	*inleft = left;
	*outbuf = (char *)out;
	*outleft = room;
	if (skipped && err != E2BIG)
		err = EILSEQ; /* glibc: skipped characters end the call with EILSEQ */
	if (err) {
		errno = err;
		return (size_t)-1;
	}
	return irreversible;
}
