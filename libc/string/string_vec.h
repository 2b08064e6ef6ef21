/* SPDX-License-Identifier: BSD-3-Clause */
/* The string and memory functions, written once over a vector width: SSE2 (16) or AVX2 (32). */
/*
 * Included by string_sse2.c and string_avx2.c, which define VW and SUFFIX. Loads never
 * cross into a page the caller did not give: the string functions read whole aligned
 * vectors (an aligned vector never straddles a page) or check the page offset before an
 * unaligned one; the memory functions read only inside [p, p + n). Copies load what they
 * need before storing where source and destination may overlap, so memcpy is memmove.
 */
#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define CAT2(a, b) a##b
#define CAT(a, b)  CAT2(a, b)
#define FN(name)   CAT(__hermit_##name##_, SUFFIX)

#if VW == 32
typedef __m256i vec;
#define vload(p)      _mm256_load_si256((const vec *)(p))
#define vloadu(p)     _mm256_loadu_si256((const vec *)(p))
#define vstoreu(p, v) _mm256_storeu_si256((vec *)(p), v)
#define vstore(p, v)  _mm256_store_si256((vec *)(p), v)
#define vset1(c)      _mm256_set1_epi8((char)(c))
#define veq(a, b)     _mm256_cmpeq_epi8(a, b)
#define vmin(a, b)    _mm256_min_epu8(a, b)
#define vor(a, b)     _mm256_or_si256(a, b)
#define vzero()       _mm256_setzero_si256()
#define vmask(v)      ((uint32_t)_mm256_movemask_epi8(v))
#define VFULL         0xffffffffu
#else
typedef __m128i vec;
#define vload(p)      _mm_load_si128((const vec *)(p))
#define vloadu(p)     _mm_loadu_si128((const vec *)(p))
#define vstoreu(p, v) _mm_storeu_si128((vec *)(p), v)
#define vstore(p, v)  _mm_store_si128((vec *)(p), v)
#define vset1(c)      _mm_set1_epi8((char)(c))
#define veq(a, b)     _mm_cmpeq_epi8(a, b)
#define vmin(a, b)    _mm_min_epu8(a, b)
#define vor(a, b)     _mm_or_si128(a, b)
#define vzero()       _mm_setzero_si128()
#define vmask(v)      ((uint32_t)_mm_movemask_epi8(v))
#define VFULL         0xffffu
#endif

/* Set by string_dispatch.c when the CPU has ERMS (fast rep movsb). */
extern int __hermit_string_erms;

#define PAGE 4096u
/* An unaligned vector load at p stays inside p's page. */
#define FITS_PAGE(p)  ((((uintptr_t)(p)) & (PAGE - 1)) <= PAGE - VW)
#define FITS_PAGE2(p) ((((uintptr_t)(p)) & (PAGE - 1)) <= PAGE - 2 * VW)

static inline uint64_t ld64(const void *p)
{
	uint64_t v;
	__builtin_memcpy(&v, p, 8);
	return v;
}
static inline uint32_t ld32(const void *p)
{
	uint32_t v;
	__builtin_memcpy(&v, p, 4);
	return v;
}
static inline uint16_t ld16(const void *p)
{
	uint16_t v;
	__builtin_memcpy(&v, p, 2);
	return v;
}
static inline void st64(void *p, uint64_t v)
{
	__builtin_memcpy(p, &v, 8);
}
static inline void st32(void *p, uint32_t v)
{
	__builtin_memcpy(p, &v, 4);
}
static inline void st16(void *p, uint16_t v)
{
	__builtin_memcpy(p, &v, 2);
}

/* n <= 32: every byte loaded before any is stored. */
static inline void copy_small(unsigned char *d, const unsigned char *s, size_t n)
{
	if (n >= 16) {
		__m128i a = _mm_loadu_si128((const __m128i *)s);
		__m128i b = _mm_loadu_si128((const __m128i *)(s + n - 16));
		_mm_storeu_si128((__m128i *)d, a);
		_mm_storeu_si128((__m128i *)(d + n - 16), b);
	} else if (n >= 8) {
		uint64_t a = ld64(s), b = ld64(s + n - 8);
		st64(d, a);
		st64(d + n - 8, b);
	} else if (n >= 4) {
		uint32_t a = ld32(s), b = ld32(s + n - 4);
		st32(d, a);
		st32(d + n - 4, b);
	} else if (n >= 2) {
		uint16_t a = ld16(s), b = ld16(s + n - 2);
		st16(d, a);
		st16(d + n - 2, b);
	} else if (n == 1) {
		*d = *s;
	}
}

/* Above this, rep movsb (ERMS) when the CPU has it: measured on the host (libc/README.md). */
#define MOVSB_MIN 4096
#define STOSB_MIN (256 * 1024)

void *FN(memmove)(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	if (n <= 32) {
		copy_small(d, s, n);
		return dst;
	}
	if (n <= 2 * VW) { /* AVX2 only: 33..64 */
		vec a = vloadu(s), b = vloadu(s + n - VW);
		vstoreu(d, a);
		vstoreu(d + n - VW, b);
		return dst;
	}
	if (n <= 4 * VW) {
		vec a = vloadu(s), b = vloadu(s + VW), c = vloadu(s + n - 2 * VW),
		    e = vloadu(s + n - VW);
		vstoreu(d, a);
		vstoreu(d + VW, b);
		vstoreu(d + n - 2 * VW, c);
		vstoreu(d + n - VW, e);
		return dst;
	}
	if (n <= 8 * VW) {
		vec a = vloadu(s), b = vloadu(s + VW), c = vloadu(s + 2 * VW),
		    e = vloadu(s + 3 * VW), w = vloadu(s + n - 4 * VW), x = vloadu(s + n - 3 * VW),
		    y = vloadu(s + n - 2 * VW), z = vloadu(s + n - VW);
		vstoreu(d, a);
		vstoreu(d + VW, b);
		vstoreu(d + 2 * VW, c);
		vstoreu(d + 3 * VW, e);
		vstoreu(d + n - 4 * VW, w);
		vstoreu(d + n - 3 * VW, x);
		vstoreu(d + n - 2 * VW, y);
		vstoreu(d + n - VW, z);
		return dst;
	}
	if ((uintptr_t)d - (uintptr_t)s >= n) {
		/* Forward (no overlap, or destination below source). */
		if (n >= MOVSB_MIN && __hermit_string_erms && (uintptr_t)s - (uintptr_t)d >= n) {
			__asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
			return dst;
		}
		vec head = vloadu(s), tail = vloadu(s + n - VW);
		unsigned char *end = d + n - VW;
		size_t skip = VW - ((uintptr_t)d & (VW - 1));
		unsigned char *p = d + skip;
		const unsigned char *q = s + skip;
		while (p + 4 * VW <= end) {
			vec a = vloadu(q), b = vloadu(q + VW), c = vloadu(q + 2 * VW),
			    e = vloadu(q + 3 * VW);
			vstore(p, a);
			vstore(p + VW, b);
			vstore(p + 2 * VW, c);
			vstore(p + 3 * VW, e);
			p += 4 * VW;
			q += 4 * VW;
		}
		while (p < end) {
			vstore(p, vloadu(q));
			p += VW;
			q += VW;
		}
		vstoreu(d, head);
		vstoreu(end, tail);
		return dst;
	}
	/* Backward: the destination overlaps the source from above. */
	vec head = vloadu(s), tail = vloadu(s + n - VW);
	unsigned char *p = d + n - ((uintptr_t)(d + n) & (VW - 1)); /* aligned end */
	const unsigned char *q = s + (p - d);
	while (p >= d + 5 * VW) {
		vec a = vloadu(q - VW), b = vloadu(q - 2 * VW), c = vloadu(q - 3 * VW),
		    e = vloadu(q - 4 * VW);
		vstore(p - VW, a);
		vstore(p - 2 * VW, b);
		vstore(p - 3 * VW, c);
		vstore(p - 4 * VW, e);
		p -= 4 * VW;
		q -= 4 * VW;
	}
	while (p > d + VW) {
		vstore(p - VW, vloadu(q - VW));
		p -= VW;
		q -= VW;
	}
	vstoreu(d + n - VW, tail);
	vstoreu(d, head);
	return dst;
}

void *FN(memset)(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	if (n < 16) {
		uint64_t v = 0x0101010101010101ull * (unsigned char)c;
		if (n >= 8) {
			st64(d, v);
			st64(d + n - 8, v);
		} else if (n >= 4) {
			st32(d, (uint32_t)v);
			st32(d + n - 4, (uint32_t)v);
		} else if (n >= 2) {
			st16(d, (uint16_t)v);
			st16(d + n - 2, (uint16_t)v);
		} else if (n == 1) {
			*d = (unsigned char)c;
		}
		return dst;
	}
	if (n <= 32) {
		__m128i v = _mm_set1_epi8((char)c);
		_mm_storeu_si128((__m128i *)d, v);
		_mm_storeu_si128((__m128i *)(d + n - 16), v);
		return dst;
	}
	vec v = vset1(c);
	if (n <= 2 * VW) { /* AVX2 only: 33..64 */
		vstoreu(d, v);
		vstoreu(d + n - VW, v);
		return dst;
	}
	if (n >= STOSB_MIN && __hermit_string_erms) {
		__asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
		return dst;
	}
	vstoreu(d, v);
	vstoreu(d + n - VW, v);
	unsigned char *p = d + VW - ((uintptr_t)d & (VW - 1));
	unsigned char *end = d + n - VW;
	while (p + 4 * VW <= end) {
		vstore(p, v);
		vstore(p + VW, v);
		vstore(p + 2 * VW, v);
		vstore(p + 3 * VW, v);
		p += 4 * VW;
	}
	while (p < end) {
		vstore(p, v);
		p += VW;
	}
	return dst;
}

static inline int first_diff(const unsigned char *a, const unsigned char *b, uint32_t neq)
{
	unsigned i = (unsigned)__builtin_ctz(neq);
	return (int)a[i] - (int)b[i];
}

int FN(memcmp)(const void *pa, const void *pb, size_t n)
{
	const unsigned char *a = pa, *b = pb;
	if (n < 16) {
		if (n >= 8) {
			uint64_t x = __builtin_bswap64(ld64(a)), y = __builtin_bswap64(ld64(b));
			if (x == y) {
				x = __builtin_bswap64(ld64(a + n - 8));
				y = __builtin_bswap64(ld64(b + n - 8));
			}
			return x == y ? 0 : (x < y ? -1 : 1);
		}
		if (n >= 4) {
			uint64_t x = (uint64_t)__builtin_bswap32(ld32(a)) << 32 |
			             __builtin_bswap32(ld32(a + n - 4));
			uint64_t y = (uint64_t)__builtin_bswap32(ld32(b)) << 32 |
			             __builtin_bswap32(ld32(b + n - 4));
			return x == y ? 0 : (x < y ? -1 : 1);
		}
		for (size_t i = 0; i < n; i++)
			if (a[i] != b[i])
				return (int)a[i] - (int)b[i];
		return 0;
	}
#if VW == 32
	if (n < 32) {
		uint32_t m = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(
		    _mm_loadu_si128((const __m128i *)a), _mm_loadu_si128((const __m128i *)b)));
		if (m != 0xffff)
			return first_diff(a, b, ~m);
		a += n - 16;
		b += n - 16;
		m = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(
		    _mm_loadu_si128((const __m128i *)a), _mm_loadu_si128((const __m128i *)b)));
		return m == 0xffff ? 0 : first_diff(a, b, ~m);
	}
#endif
	size_t i = 0;
	for (; i + 2 * VW <= n; i += 2 * VW) {
		uint32_t m0 = vmask(veq(vloadu(a + i), vloadu(b + i)));
		uint32_t m1 = vmask(veq(vloadu(a + i + VW), vloadu(b + i + VW)));
		if ((m0 & m1) != VFULL) {
			if (m0 != VFULL)
				return first_diff(a + i, b + i, ~m0 & VFULL);
			return first_diff(a + i + VW, b + i + VW, ~m1 & VFULL);
		}
	}
	if (i + VW <= n) {
		uint32_t m = vmask(veq(vloadu(a + i), vloadu(b + i)));
		if (m != VFULL)
			return first_diff(a + i, b + i, ~m & VFULL);
		i += VW;
	}
	if (i < n) {
		i = n - VW;
		uint32_t m = vmask(veq(vloadu(a + i), vloadu(b + i)));
		if (m != VFULL)
			return first_diff(a + i, b + i, ~m & VFULL);
	}
	return 0;
}

/* The first, aligned-down vector has the bytes before the string shifted out of its mask. */
size_t FN(strlen)(const char *str)
{
	const char *p = (const char *)((uintptr_t)str & ~(uintptr_t)(VW - 1));
	vec z = vzero();
	uint32_t m = vmask(veq(vload(p), z)) >> ((uintptr_t)str & (VW - 1));
	if (m)
		return (size_t)__builtin_ctz(m);
	p += VW;
	if ((uintptr_t)p & VW) { /* the pair loop below needs 2 * VW alignment */
		m = vmask(veq(vload(p), z));
		if (m)
			return (size_t)(p - str) + (size_t)__builtin_ctz(m);
		p += VW;
	}
	for (;; p += 2 * VW) {
		vec a = vload(p), b = vload(p + VW);
		if (vmask(veq(vmin(a, b), z))) {
			uint32_t ma = vmask(veq(a, z));
			if (ma)
				return (size_t)(p - str) + (size_t)__builtin_ctz(ma);
			return (size_t)(p + VW - str) + (size_t)__builtin_ctz(vmask(veq(b, z)));
		}
	}
}

size_t FN(strnlen)(const char *str, size_t max)
{
	if (max == 0)
		return 0;
	const char *p = (const char *)((uintptr_t)str & ~(uintptr_t)(VW - 1));
	vec z = vzero();
	uint32_t m = vmask(veq(vload(p), z)) >> ((uintptr_t)str & (VW - 1));
	if (m) {
		size_t i = (size_t)__builtin_ctz(m);
		return i < max ? i : max;
	}
	for (p += VW; (size_t)(p - str) < max; p += VW) {
		m = vmask(veq(vload(p), z));
		if (m) {
			size_t i = (size_t)(p - str) + (size_t)__builtin_ctz(m);
			return i < max ? i : max;
		}
	}
	return max;
}

char *FN(strchr)(const char *str, int c)
{
	const char *p = (const char *)((uintptr_t)str & ~(uintptr_t)(VW - 1));
	vec z = vzero(), vc = vset1(c);
	vec a = vload(p);
	uint32_t m = vmask(vor(veq(a, z), veq(a, vc))) >> ((uintptr_t)str & (VW - 1));
	if (m) {
		const char *r = str + __builtin_ctz(m);
		return *r == (char)c ? (char *)r : NULL;
	}
	p += VW;
	if ((uintptr_t)p & VW) { /* the pair loop below needs 2 * VW alignment */
		a = vload(p);
		m = vmask(vor(veq(a, z), veq(a, vc)));
		if (m)
			goto found;
		p += VW;
	}
	for (;; p += 2 * VW) {
		a = vload(p);
		vec b = vload(p + VW);
		vec ma = vor(veq(a, z), veq(a, vc)), mb = vor(veq(b, z), veq(b, vc));
		if (vmask(vor(ma, mb))) {
			m = vmask(ma);
			if (!m) {
				m = vmask(mb);
				p += VW;
			}
			goto found;
		}
	}
found:;
	const char *r = p + __builtin_ctz(m);
	return *r == (char)c ? (char *)r : NULL;
}

/* Differences or ends within the next vector of both strings, byte by byte near a page end. */
int FN(strcmp)(const char *sa, const char *sb)
{
	const unsigned char *a = (const unsigned char *)sa, *b = (const unsigned char *)sb;
	vec z = vzero();
	for (;;) {
		if (FITS_PAGE2(a) && FITS_PAGE2(b)) {
			/* bytes that differ, or are NUL in a (then equal ones are NUL in both) */
			vec x = vloadu(a), y = vloadu(b), x2 = vloadu(a + VW), y2 = vloadu(b + VW);
			vec d1 = veq(vmin(x, veq(x, y)), z), d2 = veq(vmin(x2, veq(x2, y2)), z);
			if (vmask(vor(d1, d2))) {
				uint32_t m = vmask(d1);
				if (!m) {
					m = vmask(d2);
					a += VW;
					b += VW;
				}
				unsigned i = (unsigned)__builtin_ctz(m);
				return (int)a[i] - (int)b[i];
			}
			a += 2 * VW;
			b += 2 * VW;
		} else if (FITS_PAGE(a) && FITS_PAGE(b)) {
			vec x = vloadu(a), y = vloadu(b);
			uint32_t m = vmask(veq(vmin(x, veq(x, y)), z));
			if (m) {
				unsigned i = (unsigned)__builtin_ctz(m);
				return (int)a[i] - (int)b[i];
			}
			a += VW;
			b += VW;
		} else {
			for (int k = 0; k < VW; k++, a++, b++)
				if (*a != *b || *a == 0)
					return (int)*a - (int)*b;
		}
	}
}

int FN(strncmp)(const char *sa, const char *sb, size_t n)
{
	const unsigned char *a = (const unsigned char *)sa, *b = (const unsigned char *)sb;
	vec z = vzero();
	while (n >= VW) {
		if (FITS_PAGE(a) && FITS_PAGE(b)) {
			vec x = vloadu(a), y = vloadu(b);
			uint32_t m = vmask(veq(vmin(x, veq(x, y)), z));
			if (m) {
				unsigned i = (unsigned)__builtin_ctz(m);
				return (int)a[i] - (int)b[i];
			}
			a += VW;
			b += VW;
			n -= VW;
		} else {
			for (int k = 0; k < VW; k++, a++, b++, n--)
				if (*a != *b || *a == 0)
					return (int)*a - (int)*b;
		}
	}
	for (; n; n--, a++, b++)
		if (*a != *b || *a == 0)
			return (int)*a - (int)*b;
	return 0;
}

char *FN(strcpy)(char *dst, const char *src)
{
	FN(memmove)(dst, src, FN(strlen)(src) + 1);
	return dst;
}
