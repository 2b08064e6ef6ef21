/* SPDX-License-Identifier: BSD-3-Clause */
/* fnmatch() as POSIX.1-2017 has it, with character classes ([[:digit:]]), which newlib's
 * BSD fnmatch lacks, and the GNU flags FNM_LEADING_DIR and FNM_CASEFOLD. */
#include <ctype.h>
#include <fnmatch.h>
#include <string.h>

static int fold(int c, int flags)
{
	return (flags & FNM_CASEFOLD) ? tolower(c) : c;
}

static int in_class(const char *name, size_t len, int c)
{
	static const struct {
		const char *name;
		int (*is)(int);
	} classes[] = {
	    {"alnum", isalnum}, {"alpha", isalpha}, {"blank", isblank}, {"cntrl", iscntrl},
	    {"digit", isdigit}, {"graph", isgraph}, {"lower", islower}, {"print", isprint},
	    {"punct", ispunct}, {"space", isspace}, {"upper", isupper}, {"xdigit", isxdigit},
	};

	for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		if (strlen(classes[i].name) == len && !strncmp(classes[i].name, name, len))
			return classes[i].is(c) != 0;
	return -1; /* unknown class */
}

/*
 * Matches the bracket expression at *pp (just after '[') against c. Returns 1 or 0 and
 * moves *pp past the ']'; -1 if the bracket is not closed (then '[' is an ordinary char).
 */
static int bracket(const char **pp, int c, int flags)
{
	const char *p = *pp;
	int neg = 0, match = 0, first = 1;

	if (*p == '!' || *p == '^') {
		neg = 1;
		p++;
	}
	for (;; first = 0) {
		int lo, hi;

		if (!*p)
			return -1;
		if (*p == ']' && !first)
			break;
		if (p[0] == '[' && p[1] == ':') {
			const char *end = strstr(p + 2, ":]");
			int r;

			if (!end)
				return -1;
			r = in_class(p + 2, (size_t)(end - p - 2), c);
			if (r < 0)
				return -1;
			match |= r; /* classes are not case-folded (as in glibc) */
			p = end + 2;
			continue;
		}
		if (*p == '\\' && !(flags & FNM_NOESCAPE) && p[1])
			p++;
		lo = (unsigned char)*p++;
		hi = lo;
		if (p[0] == '-' && p[1] && p[1] != ']') {
			p++;
			if (*p == '\\' && !(flags & FNM_NOESCAPE) && p[1])
				p++;
			hi = (unsigned char)*p++;
		}
		if ((fold(c, flags) >= fold(lo, flags) && fold(c, flags) <= fold(hi, flags)) ||
		    (c >= lo && c <= hi))
			match = 1;
	}
	*pp = p + 1;
	return match != neg;
}

/* A leading period is special at the start, and after a '/' with FNM_PATHNAME. */
static int leading_period(const char *s, const char *start, int flags)
{
	return (flags & FNM_PERIOD) && *s == '.' &&
	       (s == start || ((flags & FNM_PATHNAME) && s[-1] == '/'));
}

static int match(const char *p, const char *s, const char *start, int flags)
{
	const char *star_p = NULL, *star_s = NULL;

	for (;;) {
		int c = (unsigned char)*s, r;
		const char *q;

		switch (*p) {
		case '\0':
			if (!*s || ((flags & FNM_LEADING_DIR) && *s == '/'))
				return 0;
			goto backtrack;
		case '*':
			while (*p == '*')
				p++;
			if (leading_period(s, start, flags))
				return FNM_NOMATCH;
			if (!*p) /* a trailing star matches the rest (of the component) */
				return (flags & FNM_PATHNAME) && !(flags & FNM_LEADING_DIR) &&
				               strchr(s, '/')
				           ? FNM_NOMATCH
				           : 0;
			star_p = p;
			star_s = s;
			continue;
		case '?':
			if (!c || ((flags & FNM_PATHNAME) && c == '/') ||
			    leading_period(s, start, flags))
				goto backtrack;
			p++;
			s++;
			continue;
		case '[':
			if (!c || ((flags & FNM_PATHNAME) && c == '/') ||
			    leading_period(s, start, flags))
				goto backtrack;
			q = p + 1;
			r = bracket(&q, c, flags);
			if (r < 0) { /* no closing ']': a literal '[' */
				if (c != '[')
					goto backtrack;
				p++;
				s++;
				continue;
			}
			if (!r)
				goto backtrack;
			p = q;
			s++;
			continue;
		case '\\':
			if (!(flags & FNM_NOESCAPE) && p[1])
				p++;
			/* fall through */
		default:
			if (!c || fold(c, flags) != fold((unsigned char)*p, flags))
				goto backtrack;
			p++;
			s++;
			continue;
		}
	backtrack:
		/* Let the last star take one more character (not a '/' with FNM_PATHNAME). */
		if (!star_p || !*star_s || ((flags & FNM_PATHNAME) && *star_s == '/'))
			return FNM_NOMATCH;
		p = star_p;
		s = ++star_s;
	}
}

int fnmatch(const char *pattern, const char *string, int flags)
{
	return match(pattern, string, string, flags);
}
