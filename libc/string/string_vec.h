/* SPDX-License-Identifier: BSD-3-Clause */
/* The string and memory functions, written once over a vector width: SSE2 (16) or AVX2 (32). */
/*
 * Included by string_sse2.c and string_avx2.c, which define VW and SUFFIX. Loads never
 * cross into a page the caller did not give: the string functions read whole aligned
 * vectors (an aligned vector never straddles a page) or check the page offset before an
 * unaligned one; the memory functions read only inside [p, p + n), but memcmp below one
 * vector reads a whole vector when it stays inside p's page (n > 0). Copies load what they need
 * before storing where source and destination may overlap, so memcpy is memmove.
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
#define vand(a, b)    _mm256_and_si256(a, b)
#define vxor(a, b)    _mm256_xor_si256(a, b)
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
#define vand(a, b)    _mm_and_si128(a, b)
#define vxor(a, b)    _mm_xor_si128(a, b)
#define vzero()       _mm_setzero_si128()
#define vmask(v)      ((uint32_t)_mm_movemask_epi8(v))
#define VFULL         0xffffu
#endif

/* v in a register: keeps the compiler from folding one load into two instructions. */
static inline vec vreg(vec v)
{
	__asm__("" : "+x"(v));
	return v;
}

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

/* a[i] - b[i] at the first byte whose bit is clear in eq (a mask of equal bytes). */
static inline int diff_at(const unsigned char *a, const unsigned char *b, uint64_t neq)
{
	unsigned i = (unsigned)__builtin_ctzll(neq);
	return (int)a[i] - (int)b[i];
}

/* n < 16: overlapping words, compared as big-endian numbers (the first byte most significant). */
static inline int memcmp_small(const unsigned char *a, const unsigned char *b, size_t n)
{
	uint64_t x, y;
	if (n >= 8) {
		x = __builtin_bswap64(ld64(a));
		y = __builtin_bswap64(ld64(b));
		if (x == y) {
			x = __builtin_bswap64(ld64(a + n - 8));
			y = __builtin_bswap64(ld64(b + n - 8));
		}
	} else if (n >= 4) {
		x = (uint64_t)__builtin_bswap32(ld32(a)) << 32 | __builtin_bswap32(ld32(a + n - 4));
		y = (uint64_t)__builtin_bswap32(ld32(b)) << 32 | __builtin_bswap32(ld32(b + n - 4));
	} else if (n) {
		/* bytes 0, n/2, n-1 in order: 1, 2 or 3 distinct positions */
		return (int)((uint32_t)a[0] << 16 | (uint32_t)a[n / 2] << 8 | a[n - 1]) -
		       (int)((uint32_t)b[0] << 16 | (uint32_t)b[n / 2] << 8 | b[n - 1]);
	} else {
		return 0;
	}
	return x == y ? 0 : (x < y ? -1 : 1);
}

/* Equality masks of 4 vector pairs at offsets o0..o3: 0 or the first difference. */
#define CMP4(o0, o1, o2, o3)                                                                       \
	do {                                                                                       \
		vec e0 = veq(vloadu(a + (o0)), vloadu(b + (o0)));                                  \
		vec e1 = veq(vloadu(a + (o1)), vloadu(b + (o1)));                                  \
		vec e2 = veq(vloadu(a + (o2)), vloadu(b + (o2)));                                  \
		vec e3 = veq(vloadu(a + (o3)), vloadu(b + (o3)));                                  \
		if (vmask(vand(vand(e0, e1), vand(e2, e3))) != VFULL) {                            \
			uint32_t m = vmask(e0);                                                    \
			if (m != VFULL)                                                            \
				return diff_at(a + (o0), b + (o0), ~m);                            \
			if ((m = vmask(e1)) != VFULL)                                              \
				return diff_at(a + (o1), b + (o1), ~m);                            \
			if ((m = vmask(e2)) != VFULL)                                              \
				return diff_at(a + (o2), b + (o2), ~m);                            \
			return diff_at(a + (o3), b + (o3), ~vmask(e3));                            \
		}                                                                                  \
	} while (0)

/*
 * Below one vector: one vector of each (the OR of the page offsets is at least the larger
 * one) unless one might cross a page, else two 16-byte halves with their masks of differing
 * bytes merged into one (the tail's shifted to its place; overlapping bytes agree). Up to 2
 * vectors: the head vector, then the tail vector, each tested on its own. Above: 4 vectors
 * a step, and the last 4 end at n (overlapping what was compared before).
 */
int FN(memcmp)(const void *pa, const void *pb, size_t n)
{
	const unsigned char *a = pa, *b = pb;
	/* (the OR of both page offsets is at least the larger one) */
	uintptr_t off = ((uintptr_t)a | (uintptr_t)b) & (PAGE - 1);
	if (__builtin_expect(n <= 16, 1)) {
		/* 16 bytes of each when neither can reach into the next page, the bytes from
		 * n on cut from the mask (no ymm register: no vzeroupper on this path) */
		if (__builtin_expect(off <= PAGE - 16 && n != 0, 1)) {
			uint32_t eq = (uint32_t)_mm_movemask_epi8(
			    _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)a),
			                   _mm_loadu_si128((const __m128i *)b)));
			uint32_t neq = ~eq & (uint32_t)((1ull << n) - 1);
			return neq ? diff_at(a, b, neq) : 0;
		}
		if (n < 16)
			return memcmp_small(a, b, n);
	}
#if VW == 32
	if (n < VW) {
		if (off <= PAGE - VW) {
			uint32_t neq = ~vmask(veq(vloadu(a), vloadu(b))) & ((1u << n) - 1);
			return neq ? diff_at(a, b, neq) : 0;
		}
		uint32_t h = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(
		    _mm_loadu_si128((const __m128i *)a), _mm_loadu_si128((const __m128i *)b)));
		uint32_t t = (uint32_t)_mm_movemask_epi8(
		    _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(a + n - 16)),
		                   _mm_loadu_si128((const __m128i *)(b + n - 16))));
		uint64_t neq = (h ^ 0xffffu) | (uint64_t)(t ^ 0xffffu) << (n - 16);
		return neq ? diff_at(a, b, neq) : 0;
	}
#endif
	if (n <= 2 * VW) {
		/* head, then tail, each with its own test (no merged mask to build) */
		uint32_t h = vmask(veq(vloadu(a), vloadu(b)));
		if (h != VFULL)
			return diff_at(a, b, ~h);
		uint32_t t = vmask(veq(vloadu(a + n - VW), vloadu(b + n - VW)));
		return t != VFULL ? diff_at(a + n - VW, b + n - VW, ~t) : 0;
	}
	if (n <= 4 * VW) {
		CMP4(0, VW, n - 2 * VW, n - VW);
		return 0;
	}
	const unsigned char *end = a + n - 4 * VW;
	while (a < end) {
		CMP4(0, VW, 2 * VW, 3 * VW);
		a += 4 * VW;
		b += 4 * VW;
	}
	b += end - a;
	a = end;
	CMP4(0, VW, 2 * VW, 3 * VW);
	return 0;
}
#undef CMP4

/*
 * The offset of the first zero byte in the 4 vectors v0..v3 (one of them has one): in
 * bytes from v0.
 */
static inline size_t first_zero4(vec v0, vec v1, vec v2, vec v3)
{
	vec z = vzero();
#if VW == 32
	uint64_t m = (uint64_t)vmask(veq(v0, z)) | (uint64_t)vmask(veq(v1, z)) << 32;
	if (m)
		return (size_t)__builtin_ctzll(m);
	m = (uint64_t)vmask(veq(v2, z)) | (uint64_t)vmask(veq(v3, z)) << 32;
	return 64 + (size_t)__builtin_ctzll(m);
#else
	uint64_t m = (uint64_t)vmask(veq(v0, z)) | (uint64_t)vmask(veq(v1, z)) << 16 |
	             (uint64_t)vmask(veq(v2, z)) << 32 | (uint64_t)vmask(veq(v3, z)) << 48;
	return (size_t)__builtin_ctzll(m);
#endif
}

/*
 * The string functions start with the aligned vector holding the first byte (an aligned
 * vector never crosses a page), the bytes before the string shifted out of its mask, then
 * take the next 4 aligned vectors one by one (short strings end there), then go back to a
 * 4-vector boundary (bytes already seen) and take 4 a step (never across a page either)
 * with one test for all four (their bytewise minimum).
 */
size_t FN(strlen)(const char *str)
{
	uintptr_t off = (uintptr_t)str & (VW - 1);
	const char *p = str - off;
	vec z = vzero();
	uint32_t m = vmask(veq(vload(p), z)) >> off;
	if (m)
		return (size_t)__builtin_ctz(m);
	p += VW;
#pragma GCC unroll 4
	for (int k = 0; k < 4; k++, p += VW) {
		m = vmask(veq(vload(p), z));
		if (m)
			return (size_t)(p - str) + (size_t)__builtin_ctz(m);
	}
	p = (const char *)((uintptr_t)p & ~(uintptr_t)(4 * VW - 1)); /* back, past str */
	for (;; p += 4 * VW) {
		vec a = vload(p), b = vload(p + VW), c = vload(p + 2 * VW), d = vload(p + 3 * VW);
		if (vmask(veq(vmin(vmin(a, b), vmin(c, d)), z)))
			return (size_t)(p - str) + first_zero4(a, b, c, d);
	}
}

/*
 * As strlen, but no vector is read that starts at or after str + max: an aligned vector
 * (or 4-vector block) that starts below it lies in the page of a byte the caller gave.
 */
size_t FN(strnlen)(const char *str, size_t max)
{
	if (max == 0)
		return 0;
	uintptr_t off = (uintptr_t)str & (VW - 1);
	const char *p = str - off;
	vec z = vzero();
	size_t i;
	uint32_t m = vmask(veq(vload(p), z)) >> off;
	if (m) {
		i = (size_t)__builtin_ctz(m);
		return i < max ? i : max;
	}
	p += VW;
#pragma GCC unroll 4
	for (int k = 0; k < 4; k++, p += VW) {
		if ((size_t)(p - str) >= max)
			return max;
		m = vmask(veq(vload(p), z));
		if (m) {
			i = (size_t)(p - str) + (size_t)__builtin_ctz(m);
			return i < max ? i : max;
		}
	}
	p = (const char *)((uintptr_t)p & ~(uintptr_t)(4 * VW - 1)); /* back, past str */
	for (;; p += 4 * VW) {
		if ((size_t)(p - str) >= max)
			return max;
		vec a = vload(p), b = vload(p + VW), c = vload(p + 2 * VW), d = vload(p + 3 * VW);
		if (vmask(veq(vmin(vmin(a, b), vmin(c, d)), z))) {
			i = (size_t)(p - str) + first_zero4(a, b, c, d);
			return i < max ? i : max;
		}
	}
}

/* Bytes equal to c become 0 in v ^ c; min(v ^ c, v) is 0 where v holds c or NUL. */
static inline vec chr_stop(vec v, vec vc)
{
	v = vreg(v);
	return vmin(vxor(v, vc), v);
}

/* r: the first c or NUL */
static inline char *chr_found(const char *r, int c)
{
	return *r == (char)c ? (char *)r : NULL;
}

char *FN(strchr)(const char *str, int c)
{
	uintptr_t off = (uintptr_t)str & (VW - 1);
	const char *p = str - off;
	vec z = vzero(), vc = vset1(c);
	vec a = vreg(vload(p));
	uint32_t m = vmask(veq(vmin(vxor(a, vc), a), z)) >> off;
	if (m) {
		const char *r = str + __builtin_ctz(m);
		return *r == (char)c ? (char *)r : NULL;
	}
	p += VW;
#pragma GCC unroll 4
	for (int k = 0; k < 4; k++, p += VW) {
		a = vreg(vload(p));
		m = vmask(veq(vmin(vxor(a, vc), a), z));
		if (m) {
			const char *r = p + __builtin_ctz(m);
			return *r == (char)c ? (char *)r : NULL;
		}
	}
	/* back to a 4-vector boundary, then one 4-vector block if needed to reach an 8-vector
	 * one (8 vectors never cross a page either): 8 a step halves the loop's tests */
	p = (const char *)((uintptr_t)p & ~(uintptr_t)(4 * VW - 1));
	if ((uintptr_t)p & 4 * VW) {
		vec a1 = chr_stop(vload(p), vc), b1 = chr_stop(vload(p + VW), vc);
		vec d1 = chr_stop(vload(p + 2 * VW), vc), e1 = chr_stop(vload(p + 3 * VW), vc);
		if (vmask(veq(vmin(vmin(a1, b1), vmin(d1, e1)), z)))
			return chr_found(p + first_zero4(a1, b1, d1, e1), c);
		p += 4 * VW;
	}
	for (;; p += 8 * VW) {
		vec a1 = chr_stop(vload(p), vc), b1 = chr_stop(vload(p + VW), vc);
		vec d1 = chr_stop(vload(p + 2 * VW), vc), e1 = chr_stop(vload(p + 3 * VW), vc);
		vec a2 = chr_stop(vload(p + 4 * VW), vc), b2 = chr_stop(vload(p + 5 * VW), vc);
		vec d2 = chr_stop(vload(p + 6 * VW), vc), e2 = chr_stop(vload(p + 7 * VW), vc);
		vec lo = vmin(vmin(a1, b1), vmin(d1, e1));
		if (vmask(veq(vmin(lo, vmin(vmin(a2, b2), vmin(d2, e2))), z))) {
			if (vmask(veq(lo, z)))
				return chr_found(p + first_zero4(a1, b1, d1, e1), c);
			return chr_found(p + 4 * VW + first_zero4(a2, b2, d2, e2), c);
		}
	}
}

/* 0 in the result where x and y differ or x is NUL (then y is NUL too or differs). */
static inline vec str_stop(vec x, vec y)
{
	x = vreg(x);
	return vmin(x, veq(x, y));
}

/*
 * Unaligned vectors of both strings as long as both stay inside their pages: r counts the
 * bytes to the nearer page end. Short of a page end, the vector that ends there is taken
 * (it starts up to VW - 1 bytes back, inside what has been compared already: the first
 * vector is done bytewise when it would not fit its page) and the bytes before a shifted
 * out of its mask.
 */
int FN(strcmp)(const char *sa, const char *sb)
{
	const unsigned char *a = (const unsigned char *)sa, *b = (const unsigned char *)sb;
	vec z = vzero();
	uint32_t m;
	if ((((uintptr_t)a | (uintptr_t)b) & (PAGE - 1)) <= PAGE - 4 * VW) {
		/* 1 vector, then 3 (the OR of the page offsets is at least the larger one) */
		m = vmask(veq(str_stop(vloadu(a), vloadu(b)), z));
		if (m)
			return diff_at(a, b, m);
		a += VW;
		b += VW;
		vec d0 = str_stop(vloadu(a), vloadu(b));
		vec d1 = str_stop(vloadu(a + VW), vloadu(b + VW));
		vec d2 = str_stop(vloadu(a + 2 * VW), vloadu(b + 2 * VW));
		/* each vector on its own: short strings end sooner */
		m = vmask(veq(d0, z));
		if (m)
			return diff_at(a, b, m);
		m = vmask(veq(d1, z));
		if (m)
			return diff_at(a + VW, b + VW, m);
		m = vmask(veq(d2, z));
		if (m)
			return diff_at(a + 2 * VW, b + 2 * VW, m);
		a += 2 * VW;
		b += 2 * VW;
	} else if (FITS_PAGE(a) && FITS_PAGE(b)) {
		m = vmask(veq(str_stop(vloadu(a), vloadu(b)), z));
		if (m)
			return diff_at(a, b, m);
	} else {
		for (int k = 0; k < VW; k++)
			if (a[k] != b[k] || a[k] == 0)
				return (int)a[k] - (int)b[k];
	}
	a += VW;
	b += VW;
	for (;;) {
		size_t ra = PAGE - ((uintptr_t)a & (PAGE - 1)),
		       rb = PAGE - ((uintptr_t)b & (PAGE - 1));
		size_t r = ra < rb ? ra : rb;
		for (; r >= 4 * VW; r -= 4 * VW, a += 4 * VW, b += 4 * VW) {
			vec d0 = str_stop(vloadu(a), vloadu(b));
			vec d1 = str_stop(vloadu(a + VW), vloadu(b + VW));
			vec d2 = str_stop(vloadu(a + 2 * VW), vloadu(b + 2 * VW));
			vec d3 = str_stop(vloadu(a + 3 * VW), vloadu(b + 3 * VW));
			if (vmask(veq(vmin(vmin(d0, d1), vmin(d2, d3)), z))) {
				size_t i = first_zero4(d0, d1, d2, d3);
				return (int)a[i] - (int)b[i];
			}
		}
		for (; r >= VW; r -= VW, a += VW, b += VW) {
			m = vmask(veq(str_stop(vloadu(a), vloadu(b)), z));
			if (m)
				return diff_at(a, b, m);
		}
		if (r) {
			size_t back = VW - r;
			m = vmask(veq(str_stop(vloadu(a - back), vloadu(b - back)), z)) >> back;
			if (m)
				return diff_at(a, b, m);
			a += r;
			b += r;
		}
	}
}

/* The result of strncmp at the first stop i (a difference or NUL) when n bytes count. */
static inline int stop_at(const unsigned char *a, const unsigned char *b, size_t i, size_t n)
{
	return i < n ? (int)a[i] - (int)b[i] : 0;
}

/*
 * As strcmp; the first 4 vectors may reach past n inside the first page (a stop at or
 * after n means equal), then the loops count down to the nearer page end or to n, whichever
 * comes first, so they read nothing past a + n.
 */
int FN(strncmp)(const char *sa, const char *sb, size_t n)
{
	const unsigned char *a = (const unsigned char *)sa, *b = (const unsigned char *)sb;
	vec z = vzero();
	uint32_t m;
	if (n == 0)
		return 0;
	if ((((uintptr_t)a | (uintptr_t)b) & (PAGE - 1)) <= PAGE - 4 * VW) {
		/* 4 vectors, each tested on its own (short strings end sooner) */
		vec d0 = str_stop(vloadu(a), vloadu(b));
		vec d1 = str_stop(vloadu(a + VW), vloadu(b + VW));
		vec d2 = str_stop(vloadu(a + 2 * VW), vloadu(b + 2 * VW));
		vec d3 = str_stop(vloadu(a + 3 * VW), vloadu(b + 3 * VW));
		m = vmask(veq(d0, z));
		if (m)
			return stop_at(a, b, (size_t)__builtin_ctz(m), n);
		m = vmask(veq(d1, z));
		if (m)
			return stop_at(a, b, VW + (size_t)__builtin_ctz(m), n);
		m = vmask(veq(d2, z));
		if (m)
			return stop_at(a, b, 2 * VW + (size_t)__builtin_ctz(m), n);
		m = vmask(veq(d3, z));
		if (m)
			return stop_at(a, b, 3 * VW + (size_t)__builtin_ctz(m), n);
		if (n <= 4 * VW)
			return 0;
		a += 4 * VW;
		b += 4 * VW;
		n -= 4 * VW;
	} else {
		/* the first vector bytewise when it would not fit its page: the loop's vector
		 * that ends at a page end may start up to VW - 1 bytes back, inside what was
		 * compared */
		if (FITS_PAGE(a) && FITS_PAGE(b)) {
			m = vmask(veq(str_stop(vloadu(a), vloadu(b)), z));
			if (m)
				return stop_at(a, b, (size_t)__builtin_ctz(m), n);
		} else {
			for (size_t k = 0; k < VW && k < n; k++)
				if (a[k] != b[k] || a[k] == 0)
					return (int)a[k] - (int)b[k];
		}
		if (n <= VW)
			return 0;
		a += VW;
		b += VW;
		n -= VW;
	}
	for (;;) {
		/* to the nearer page end or to n, whichever comes first: every stop the
		 * loops see is inside the n bytes */
		size_t ra = PAGE - ((uintptr_t)a & (PAGE - 1)),
		       rb = PAGE - ((uintptr_t)b & (PAGE - 1));
		size_t r = ra < rb ? ra : rb;
		int last = n <= r;
		if (last)
			r = n;
		n -= r;
		for (; r >= 4 * VW; r -= 4 * VW, a += 4 * VW, b += 4 * VW) {
			vec d0 = str_stop(vloadu(a), vloadu(b));
			vec d1 = str_stop(vloadu(a + VW), vloadu(b + VW));
			vec d2 = str_stop(vloadu(a + 2 * VW), vloadu(b + 2 * VW));
			vec d3 = str_stop(vloadu(a + 3 * VW), vloadu(b + 3 * VW));
			if (vmask(veq(vmin(vmin(d0, d1), vmin(d2, d3)), z))) {
				size_t i = first_zero4(d0, d1, d2, d3);
				return (int)a[i] - (int)b[i];
			}
		}
		for (; r >= VW; r -= VW, a += VW, b += VW) {
			m = vmask(veq(str_stop(vloadu(a), vloadu(b)), z));
			if (m)
				return diff_at(a, b, m);
		}
		if (r) {
			/* the vector that ends at a + r, bytes before a shifted out */
			size_t back = VW - r;
			m = vmask(veq(str_stop(vloadu(a - back), vloadu(b - back)), z)) >> back;
			if (m)
				return diff_at(a, b, m);
			a += r;
			b += r;
		}
		if (last)
			return 0;
	}
}

/* n <= 2 * VW bytes, loaded before any is stored. */
static inline void copy_upto2(unsigned char *d, const unsigned char *s, size_t n)
{
	if (n >= VW) {
		vec x = vloadu(s), y = vloadu(s + n - VW);
		vstoreu(d, x);
		vstoreu(d + n - VW, y);
	} else {
		copy_small(d, s, n);
	}
}

/*
 * Copied as it is scanned: aligned vectors of the source (as in strlen), stored unaligned;
 * the last store is the vector that ends with the terminator, so nothing past it is
 * written. Loads of s below the first aligned vector's end stay inside that vector.
 */
char *FN(strcpy)(char *dst, const char *src)
{
	unsigned char *d = (unsigned char *)dst;
	const unsigned char *s = (const unsigned char *)src;
	uintptr_t off = (uintptr_t)s & (VW - 1);
	const unsigned char *p = s - off;
	vec z = vzero();
	uint32_t m = vmask(veq(vload(p), z)) >> off;
	if (m) {
		copy_small(d, s, (size_t)__builtin_ctz(m) + 1);
		return dst;
	}
	p += VW;
	vec x = vload(p);
	m = vmask(veq(x, z));
	if (m) {
		copy_upto2(d, s, (size_t)(p - s) + __builtin_ctz(m) + 1);
		return dst;
	}
	vstoreu(d, vloadu(s)); /* ends inside x's vector */
	vstoreu(d + (p - s), x);
	p += VW;
#pragma GCC unroll 3
	for (int k = 0; k < 3; k++, p += VW) {
		x = vload(p);
		m = vmask(veq(x, z));
		if (m) {
			const unsigned char *e = p + __builtin_ctz(m) + 1 - VW;
			vstoreu(d + (e - s), vloadu(e));
			return dst;
		}
		vstoreu(d + (p - s), x);
	}
	/* back to a 4-vector boundary (bytes already stored are stored again), one 4-vector
	 * block if needed to reach an 8-vector boundary, then 8 a step with one test */
	p = (const unsigned char *)((uintptr_t)p & ~(uintptr_t)(4 * VW - 1));
	unsigned char *q = d + (p - s);
	if ((uintptr_t)p & 4 * VW) {
		vec v0 = vload(p), v1 = vload(p + VW), v2 = vload(p + 2 * VW),
		    v3 = vload(p + 3 * VW);
		if (vmask(veq(vmin(vmin(v0, v1), vmin(v2, v3)), z)))
			goto end4;
		vstoreu(q, v0);
		vstoreu(q + VW, v1);
		vstoreu(q + 2 * VW, v2);
		vstoreu(q + 3 * VW, v3);
		p += 4 * VW;
		q += 4 * VW;
	}
	for (;; p += 8 * VW, q += 8 * VW) {
		vec v0 = vload(p), v1 = vload(p + VW), v2 = vload(p + 2 * VW),
		    v3 = vload(p + 3 * VW), v4 = vload(p + 4 * VW), v5 = vload(p + 5 * VW),
		    v6 = vload(p + 6 * VW), v7 = vload(p + 7 * VW);
		vec lo = vmin(vmin(v0, v1), vmin(v2, v3));
		if (vmask(veq(vmin(lo, vmin(vmin(v4, v5), vmin(v6, v7))), z))) {
			if (!vmask(veq(lo, z))) { /* the terminator in the second half */
				vstoreu(q, v0);
				vstoreu(q + VW, v1);
				vstoreu(q + 2 * VW, v2);
				vstoreu(q + 3 * VW, v3);
				p += 4 * VW;
				q += 4 * VW;
			}
			break;
		}
		vstoreu(q, v0);
		vstoreu(q + VW, v1);
		vstoreu(q + 2 * VW, v2);
		vstoreu(q + 3 * VW, v3);
		vstoreu(q + 4 * VW, v4);
		vstoreu(q + 5 * VW, v5);
		vstoreu(q + 6 * VW, v6);
		vstoreu(q + 7 * VW, v7);
	}
end4:
	/* loaded again, through a pointer gcc cannot see is p (else it keeps copies of the 4
	 * vectors in the loop for this exit) */
	__asm__("" : "+r"(p));
	size_t i = first_zero4(vload(p), vload(p + VW), vload(p + 2 * VW), vload(p + 3 * VW));
	if (i >= VW)
		vstoreu(q, vload(p));
	if (i >= 2 * VW)
		vstoreu(q + VW, vload(p + VW));
	if (i >= 3 * VW)
		vstoreu(q + 2 * VW, vload(p + 2 * VW));
	vstoreu(q + i + 1 - VW, vloadu(p + i + 1 - VW));
	return dst;
}
