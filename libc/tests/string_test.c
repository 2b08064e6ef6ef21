/* SPDX-License-Identifier: BSD-3-Clause */
/* Host test of libc/string's SSE2 and AVX2 functions against byte-by-byte references. */
/*
 * Every source and destination alignment 0..63 with every length 0..512 (memmove also
 * overlapping both ways), strings ending right before an inaccessible page (so a read
 * beyond the terminator faults) or right after one (a read before the start faults),
 * strcmp pairs crossing page boundaries at every offset, differences at the first, last
 * and a random position, and random large sizes up to 1 MiB. AVX2 variants are skipped on a CPU
 * without AVX2.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int __hermit_string_erms;

#define DECL(s)                                                                                    \
	void *__hermit_memmove_##s(void *, const void *, size_t);                                  \
	void *__hermit_memset_##s(void *, int, size_t);                                            \
	int __hermit_memcmp_##s(const void *, const void *, size_t);                               \
	size_t __hermit_strlen_##s(const char *);                                                  \
	size_t __hermit_strnlen_##s(const char *, size_t);                                         \
	char *__hermit_strchr_##s(const char *, int);                                              \
	int __hermit_strcmp_##s(const char *, const char *);                                       \
	int __hermit_strncmp_##s(const char *, const char *, size_t);                              \
	char *__hermit_strcpy_##s(char *, const char *);
DECL(sse2)
DECL(avx2)

struct impl {
	const char *name;
	void *(*memmove)(void *, const void *, size_t);
	void *(*memset)(void *, int, size_t);
	int (*memcmp)(const void *, const void *, size_t);
	size_t (*strlen)(const char *);
	size_t (*strnlen)(const char *, size_t);
	char *(*strchr)(const char *, int);
	int (*strcmp)(const char *, const char *);
	int (*strncmp)(const char *, const char *, size_t);
	char *(*strcpy)(char *, const char *);
};
#define IMPL(s)                                                                                    \
	{                                                                                          \
#s, __hermit_memmove_##s, __hermit_memset_##s, __hermit_memcmp_##s,                \
		    __hermit_strlen_##s, __hermit_strnlen_##s, __hermit_strchr_##s,                \
		    __hermit_strcmp_##s, __hermit_strncmp_##s, __hermit_strcpy_##s                 \
	}
static const struct impl impls[] = {IMPL(sse2), IMPL(avx2)};

static long passed, failed;
static const char *cur;

#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (cond) {                                                                        \
			passed++;                                                                  \
		} else {                                                                           \
			if (failed++ < 20) {                                                       \
				printf("FAIL %s: ", cur);                                          \
				printf(__VA_ARGS__);                                               \
				printf("\n");                                                      \
			}                                                                          \
		}                                                                                  \
	} while (0)

#define MAXLEN 512
#define ALIGNS 64
static unsigned char *page_end;   /* the first byte of an inaccessible page */
static unsigned char *page_start; /* the first byte after an inaccessible page */
static size_t pgsz;
static uint64_t rs = 88172645463325252ull;

static unsigned rnd(void)
{
	rs ^= rs << 13;
	rs ^= rs >> 7;
	rs ^= rs << 17;
	return (unsigned)rs;
}

static int sgn(int v)
{
	return (v > 0) - (v < 0);
}

static void ref_move(unsigned char *d, const unsigned char *s, size_t n)
{
	if (d < s)
		for (size_t i = 0; i < n; i++)
			d[i] = s[i];
	else
		for (size_t i = n; i-- > 0;)
			d[i] = s[i];
}

static void test_memmove(const struct impl *f)
{
	static unsigned char src[MAXLEN + 2 * ALIGNS + 64], dst[MAXLEN + 2 * ALIGNS + 64],
	    exp[sizeof(dst)];
	for (size_t i = 0; i < sizeof(src); i++)
		src[i] = (unsigned char)rnd();
	for (int erms = 0; erms < 2; erms++) {
		__hermit_string_erms = erms;
		for (int sa = 0; sa < ALIGNS; sa++)
			for (int da = 0; da < ALIGNS; da++)
				for (size_t n = 0; n <= MAXLEN; n++) {
					memset(dst, 0x5a, sizeof(dst));
					void *r = f->memmove(dst + da + 16, src + sa, n);
					memset(exp, 0x5a, sizeof(exp));
					ref_move(exp + da + 16, src + sa, n);
					if (r != dst + da + 16 || memcmp(dst, exp, sizeof(dst))) {
						CHECK(0, "memmove sa %d da %d n %zu", sa, da, n);
						return;
					}
				}
	}
	passed++;
	/* overlaps, both directions, at every distance up to 130 */
	static unsigned char buf[2 * MAXLEN + 512], ebuf[sizeof(buf)];
	for (int off = -130; off <= 130; off++)
		for (int a = 0; a < 32; a++)
			for (size_t n = 0; n <= MAXLEN; n += (n < 140 ? 1 : 37)) {
				for (size_t i = 0; i < sizeof(buf); i++)
					buf[i] = ebuf[i] = (unsigned char)(i * 7 + 3);
				size_t s = 200 + a, d = (size_t)((long)s + off);
				f->memmove(buf + d, buf + s, n);
				ref_move(ebuf + d, ebuf + s, n);
				if (memcmp(buf, ebuf, sizeof(buf))) {
					CHECK(0, "memmove overlap off %d a %d n %zu", off, a, n);
					return;
				}
			}
	passed++;
	/* large random ones, with and without ERMS */
	size_t big = 1 << 20;
	unsigned char *bs = malloc(big + 128), *bd = malloc(big + 128);
	for (size_t i = 0; i < big + 128; i++)
		bs[i] = (unsigned char)rnd();
	for (int k = 0; k < 40; k++) {
		__hermit_string_erms = k & 1;
		size_t n = rnd() % big, sa = rnd() % 64, da = rnd() % 64;
		memset(bd, 0, big + 128);
		f->memmove(bd + da, bs + sa, n);
		CHECK(!memcmp(bd + da, bs + sa, n) && (da == 0 || bd[da - 1] == 0) &&
		          bd[da + n] == 0,
		      "memmove large n %zu", n);
	}
	free(bs);
	free(bd);
}

static void test_memset(const struct impl *f)
{
	static unsigned char dst[MAXLEN + 2 * ALIGNS + 64];
	for (int da = 0; da < ALIGNS; da++)
		for (size_t n = 0; n <= MAXLEN; n++) {
			int c = (int)(rnd() & 0xff) | 0x100; /* only the low byte counts */
			memset(dst, 0x5a, sizeof(dst));
			void *r = f->memset(dst + da + 16, c, n);
			int ok = r == dst + da + 16;
			for (size_t i = 0; i < sizeof(dst) && ok; i++) {
				int in = i >= (size_t)da + 16 && i < (size_t)da + 16 + n;
				ok = dst[i] == (in ? (unsigned char)c : 0x5a);
			}
			if (!ok) {
				CHECK(0, "memset da %d n %zu", da, n);
				return;
			}
		}
	passed++;
	size_t big = 1 << 20;
	unsigned char *b = malloc(big + 128);
	for (int k = 0; k < 20; k++) {
		size_t n = rnd() % big, da = rnd() % 64;
		memset(b, 1, big + 128);
		f->memset(b + da, 0x77, n);
		int ok = (da == 0 || b[da - 1] == 1) && b[da + n] == 1;
		for (size_t i = 0; i < n && ok; i++)
			ok = b[da + i] == 0x77;
		CHECK(ok, "memset large n %zu", n);
	}
	free(b);
}

static int ref_memcmp(const unsigned char *a, const unsigned char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return 0;
}

static void test_memcmp(const struct impl *f)
{
	/* operands end at the inaccessible page: a read beyond n faults */
	for (int aa = 0; aa < ALIGNS; aa++)
		for (int ba = 0; ba < ALIGNS; ba += 3)
			for (size_t n = 0; n <= MAXLEN; n++) {
				unsigned char *a = page_end - n - aa % 8,
				              *b = page_end - 2048 - n - ba;
				for (size_t i = 0; i < n; i++)
					a[i] = b[i] = (unsigned char)(i * 13 + aa);
				size_t pos[4] = {0, n - 1, rnd() % (n + 1), n};
				for (int k = 0; k < 4; k++) {
					if (n == 0 || pos[k] >= n) {
						if (f->memcmp(a, b, n) != 0) {
							CHECK(0, "memcmp equal n %zu", n);
							return;
						}
						continue;
					}
					unsigned char old = b[pos[k]];
					b[pos[k]] = (unsigned char)(old + 1 + rnd() % 255);
					int r = f->memcmp(a, b, n), e = ref_memcmp(a, b, n);
					b[pos[k]] = old;
					if (sgn(r) != e) {
						CHECK(0, "memcmp aa %d ba %d n %zu pos %zu", aa, ba,
						      n, pos[k]);
						return;
					}
				}
			}
	passed++;
}

/* A string of length n ending right before the inaccessible page, at alignment a of its
 * start (the terminator moves: strings end at page_end - 1 - k for k in 0..a). */
static char *place(size_t n, int shift, char fill)
{
	char *s = (char *)page_end - n - 1 - shift;
	for (size_t i = 0; i < n; i++)
		s[i] = (char)(fill + (char)(i % 23));
	s[n] = 0;
	return s;
}

static void test_strings(const struct impl *f)
{
	for (int sh = 0; sh < ALIGNS; sh++)
		for (size_t n = 0; n <= MAXLEN; n++) {
			char *s = place(n, sh, 'a');
			if (f->strlen(s) != n) {
				CHECK(0, "strlen n %zu sh %d", n, sh);
				return;
			}
			size_t maxes[5] = {0, n ? n - 1 : 0, n, n + 1, (size_t)-1};
			for (int k = 0; k < 5; k++)
				if (f->strnlen(s, maxes[k]) != (maxes[k] < n ? maxes[k] : n)) {
					CHECK(0, "strnlen n %zu max %zu", n, maxes[k]);
					return;
				}
			/* strchr: present at a random place, absent, and the terminator */
			if (n) {
				size_t p = rnd() % n;
				char c = s[p];
				char *e = s;
				while (*e != c)
					e++;
				if (f->strchr(s, c) != e) {
					CHECK(0, "strchr n %zu", n);
					return;
				}
			}
			if (f->strchr(s, 'Z') != NULL || f->strchr(s, 0) != s + n ||
			    f->strchr(s, 'Z' + 256) != NULL) {
				CHECK(0, "strchr absent/0 n %zu sh %d", n, sh);
				return;
			}
			/* c at every position (each vector and half of the 8-vector step) */
			for (size_t k = 0; k < n; k++) {
				char old = s[k];
				s[k] = 'Z';
				char *r = f->strchr(s, 'Z');
				s[k] = old;
				if (r != s + k) {
					CHECK(0, "strchr n %zu sh %d at %zu", n, sh, k);
					return;
				}
			}
		}
	passed++;
	/* strcmp/strncmp: equal, differing at first/last/random, one a prefix of the other */
	for (int sh = 0; sh < ALIGNS; sh++)
		for (size_t n = 0; n <= MAXLEN; n++) {
			char *a = place(n, sh, 'a');
			char *b = (char *)page_end - 2048 - n - 1 - (sh * 7) % 64;
			memcpy(b, a, n + 1);
			if (f->strcmp(a, b) != 0 || f->strncmp(a, b, n + 5) != 0 ||
			    f->strncmp(a, b, n) != 0) {
				CHECK(0, "strcmp equal n %zu sh %d", n, sh);
				return;
			}
			if (n == 0)
				continue;
			size_t pos[3] = {0, n - 1, rnd() % n};
			for (int k = 0; k < 3; k++) {
				char old = b[pos[k]];
				b[pos[k]] = (char)(0x80 | rnd()); /* also bytes above 127 */
				int e = sgn((unsigned char)a[pos[k]] - (unsigned char)b[pos[k]]);
				size_t lim = pos[k] + (rnd() % 3);
				int en = lim > pos[k] ? e : 0;
				if (sgn(f->strcmp(a, b)) != e || sgn(f->strcmp(b, a)) != -e ||
				    sgn(f->strncmp(a, b, lim)) != en) {
					CHECK(0, "strcmp n %zu pos %zu sh %d", n, pos[k], sh);
					return;
				}
				b[pos[k]] = old;
			}
			b[n - 1] = 0; /* b a prefix of a */
			if (f->strcmp(a, b) <= 0 || f->strcmp(b, a) >= 0) {
				CHECK(0, "strcmp prefix n %zu", n);
				return;
			}
		}
	passed++;
	static char dst[MAXLEN + 128];
	for (int sh = 0; sh < ALIGNS; sh++)
		for (size_t n = 0; n <= MAXLEN; n++) {
			char *s = place(n, sh, 'A');
			memset(dst, 1, sizeof(dst));
			char *d = dst + (sh * 5) % 64;
			if (f->strcpy(d, s) != d || memcmp(d, s, n + 1) || d[n + 1] != 1) {
				CHECK(0, "strcpy n %zu sh %d", n, sh);
				return;
			}
		}
	passed++;
}

static void fill(char *s, size_t n, char c)
{
	for (size_t i = 0; i < n; i++)
		s[i] = (char)(c + (char)(i % 23));
	s[n] = 0;
}

/*
 * Strings that start right after an inaccessible page (nothing may be read before them),
 * and pairs for strcmp/strncmp where one string ends right before the inaccessible page
 * and the other crosses a page boundary at every offset near its start or end.
 */
static void test_page_edges(const struct impl *f)
{
	static char dst[MAXLEN + 128], ref[MAXLEN + 128];
	for (size_t k = 0; k < 2 * ALIGNS; k++)
		for (size_t n = 0; n <= 300; n++) {
			char *s = (char *)page_start + k;
			fill(s, n, 'a');
			memcpy(ref, s, n + 1);
			memset(dst, 1, sizeof(dst));
			if (f->strlen(s) != n || f->strnlen(s, n + 7) != n ||
			    f->strchr(s, 'Z') != NULL || f->strchr(s, 0) != s + n ||
			    f->strcmp(s, ref) != 0 || f->strcmp(ref, s) != 0 ||
			    f->strncmp(s, ref, n + 3) != 0 || f->memcmp(s, ref, n) != 0 ||
			    f->strcpy(dst + k % 64, s) != dst + k % 64 ||
			    memcmp(dst + k % 64, s, n + 1) || dst[k % 64 + n + 1] != 1) {
				CHECK(0, "page start k %zu n %zu", k, n);
				return;
			}
		}
	passed++;
	/* no terminator before the inaccessible page: strnlen may read nothing at or past
	 * str + max (every start alignment, lengths through the 4-vector loop) */
	memset(page_end - 1100, 'x', 1100);
	for (size_t k = 0; k <= 1100; k++) {
		const char *s = (const char *)page_end - k;
		if (f->strnlen(s, k) != k || (k && f->strnlen(s, k - 1) != k - 1)) {
			CHECK(0, "strnlen unterminated k %zu", k);
			return;
		}
	}
	passed++;
	/* strncmp on equal unterminated arrays ending at the inaccessible page, the other
	 * array crossing a page boundary at every offset */
	for (size_t k = 0; k <= 600; k++)
		for (size_t j = 0; j < 2 * ALIGNS; j += 5) {
			const char *a = (const char *)page_end - k;
			char *b = (char *)page_start + pgsz - j;
			memset(b, 'x', k);
			if (f->strncmp(a, b, k) != 0 || f->strncmp(b, a, k) != 0 ||
			    (k && f->strncmp(a + 1, b, k - 1) != 0)) {
				CHECK(0, "strncmp unterminated k %zu j %zu", k, j);
				return;
			}
		}
	passed++;
	unsigned char *mid = page_start + pgsz; /* an accessible page boundary */
	for (size_t n = 1; n <= 300; n++)
		for (size_t j = 0; j <= n + 1 && j < 200; j++) {
			char *a = (char *)page_end - n - 1;
			char *b = (char *)mid - j; /* crosses mid after j bytes */
			fill(a, n, 'a');
			memcpy(b, a, n + 1);
			size_t pos = (j * 7 + n) % n;
			int bad = f->strcmp(a, b) != 0 || f->strcmp(b, a) != 0 ||
			          f->strncmp(a, b, n + 1) != 0 || f->strncmp(b, a, n) != 0;
			b[pos] = (char)(b[pos] + 1);
			bad |= sgn(f->strcmp(a, b)) != -1 || sgn(f->strcmp(b, a)) != 1 ||
			       sgn(f->strncmp(a, b, n)) != -1;
			b[pos] = 0; /* b is a prefix of a */
			bad |= sgn(f->strcmp(a, b)) != 1 || sgn(f->strcmp(b, a)) != -1;
			if (bad) {
				CHECK(0, "strcmp across pages n %zu j %zu pos %zu", n, j, pos);
				return;
			}
		}
	passed++;
	/* one string right after the inaccessible page, the other just short of a page end */
	for (size_t k = 0; k < ALIGNS; k++)
		for (size_t j = 1; j < ALIGNS; j++)
			for (size_t n = 1; n <= 100; n++) {
				char *a = (char *)page_start + k, *b = (char *)mid + pgsz - j;
				fill(a, n, 'a');
				memcpy(b, a, n + 1);
				if (f->strcmp(a, b) != 0 || f->strcmp(b, a) != 0 ||
				    f->strncmp(a, b, n + 1) != 0 || f->strncmp(b, a, n + 1) != 0) {
					CHECK(0, "strcmp page start k %zu j %zu n %zu", k, j, n);
					return;
				}
			}
	passed++;
}

static int have_avx2(void)
{
	__builtin_cpu_init();
	return __builtin_cpu_supports("avx2");
}

int main(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	/* an inaccessible page, 3 accessible ones, an inaccessible one */
	unsigned char *m =
	    mmap(NULL, 5 * (size_t)pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED || mprotect(m, (size_t)pg, PROT_NONE) ||
	    mprotect(m + 4 * pg, (size_t)pg, PROT_NONE)) {
		perror("string_test: mmap");
		return 2;
	}
	pgsz = (size_t)pg;
	page_start = m + pg;
	page_end = m + 4 * pg;
	for (size_t i = 0; i < sizeof(impls) / sizeof(impls[0]); i++) {
		const struct impl *f = &impls[i];
		if (!strcmp(f->name, "avx2") && !have_avx2()) {
			printf("string_test: no AVX2 on this CPU, avx2 variants skipped\n");
			continue;
		}
		cur = f->name;
		test_memmove(f);
		test_memset(f);
		test_memcmp(f);
		test_strings(f);
		test_page_edges(f);
	}
	printf("%ld passed, %ld failed\n", passed, failed);
	return failed ? 1 : 0;
}
