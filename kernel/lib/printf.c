/* SPDX-License-Identifier: BSD-3-Clause */
/* A small vsnprintf for the kernel: integers, strings, pointers; no floating point. */
#include <kernel/kernel.h>

struct out {
	char *buf;
	size_t size;
	size_t len; /* characters produced, even those that did not fit */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_padded(struct out *o, const char *s, size_t n, int width, bool left, char pad)
{
	int fill = width > (int)n ? width - (int)n : 0;

	if (!left && pad == '0' && n && (*s == '-')) {
		put(o, *s++);
		n--;
	}
	for (; !left && fill > 0; fill--)
		put(o, pad);
	while (n--)
		put(o, *s++);
	for (; left && fill > 0; fill--)
		put(o, ' ');
}

static size_t format_uint(char *tmp, uint64_t v, unsigned base, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char rev[24];
	size_t n = 0, i = 0;

	do {
		rev[n++] = digits[v % base];
		v /= base;
	} while (v);
	while (n)
		tmp[i++] = rev[--n];
	return i;
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = {buf, size, 0};

	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		bool left = false, alt = false;
		char pad = ' ';
		int width = 0, lng = 0;

		for (;; fmt++) {
			if (fmt[1] == '-')
				left = true;
			else if (fmt[1] == '0')
				pad = '0';
			else if (fmt[1] == '#')
				alt = true;
			else
				break;
		}
		while (fmt[1] >= '0' && fmt[1] <= '9')
			width = width * 10 + (*++fmt - '0');
		while (fmt[1] == 'l' || fmt[1] == 'z') {
			fmt++;
			lng++;
		}

		char tmp[32];
		size_t n = 0;
		uint64_t u;
		switch (*++fmt) {
		case 'd':
		case 'i': {
			int64_t v = lng ? va_arg(ap, int64_t) : va_arg(ap, int);
			if (v < 0)
				tmp[n++] = '-';
			u = v < 0 ? -(uint64_t)v : (uint64_t)v;
			n += format_uint(tmp + n, u, 10, false);
			break;
		}
		case 'u':
		case 'x':
		case 'X':
			u = lng ? va_arg(ap, uint64_t) : va_arg(ap, unsigned);
			if (alt && *fmt != 'u') {
				tmp[n++] = '0';
				tmp[n++] = 'x';
			}
			n += format_uint(tmp + n, u, *fmt == 'u' ? 10 : 16, *fmt == 'X');
			break;
		case 'p':
			tmp[n++] = '0';
			tmp[n++] = 'x';
			n += format_uint(tmp + n, (uintptr_t)va_arg(ap, void *), 16, false);
			break;
		case 'c':
			tmp[n++] = (char)va_arg(ap, int);
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			put_padded(&o, s, kstrnlen(s, 4096), width, left, ' ');
			continue;
		}
		case '%':
			tmp[n++] = '%';
			break;
		case '\0':
			fmt--;
			continue;
		default:
			tmp[n++] = '?';
			break;
		}
		put_padded(&o, tmp, n, width, left, pad);
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
