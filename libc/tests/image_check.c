/* SPDX-License-Identifier: BSD-3-Clause */
/* A HermitCore image exercising libm (musl, dispatched), the string functions and stdio. */
/*
 * Prints what was selected and "image_check: ok" when every check passed; exits 1
 * otherwise. Run under uhyve: image_check [FILE] (FILE: a scratch host file, default
 * /tmp/hermit-image-check.bin).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fenv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

extern int __hermit_libm_fma, __hermit_string_avx2, __hermit_string_erms;

static int failures;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			printf("image_check: FAILED %s (line %d)\n", #cond, __LINE__);             \
			failures++;                                                                \
		}                                                                                  \
	} while (0)

static void check_math(void)
{
	volatile double x = 0.5, big = 1e300, m1 = -1;
	CHECK(exp(x) == 0x1.a61298e1e069cp+0);
	CHECK(log(x) == -0x1.62e42fefa39efp-1);
	CHECK(sin(x) == 0x1.eaee8744b05fp-2);
	CHECK(pow(2.0, x) == 0x1.6a09e667f3bcdp+0);
	CHECK(sinf((float)x) == 0x1.eaee88p-2f);
	CHECK(isnan(acosh(m1)));
	feclearexcept(FE_ALL_EXCEPT);
	volatile double r = exp(big);
	CHECK(isinf(r) && fetestexcept(FE_OVERFLOW));
	CHECK(math_errhandling == MATH_ERREXCEPT);
	CHECK(fabs(tgamma(5.0) - 24) < 1e-12 && lgamma(-0.5) > 1.26 && signgam == -1);
	char buf[64];
	snprintf(buf, sizeof(buf), "%.17g", atan2(1.0, 2.0));
	CHECK(!strcmp(buf, "0.46364760900080609"));
}

static void check_strings(void)
{
	static char a[5000], b[5000];
	for (int i = 0; i < 5000; i++)
		a[i] = (char)('a' + i % 26);
	for (size_t n = 0; n < 4096; n += 7) {
		memset(b, 0, sizeof(b));
		memcpy(b + 3, a + 1, n);
		CHECK(memcmp(b + 3, a + 1, n) == 0 && b[3 + n] == 0);
		CHECK(strlen(b + 3) == n);
		if (failures)
			return;
	}
	memmove(a + 1, a, 3000);
	CHECK(a[1] == 'a' && a[2999 + 1] == (char)('a' + 2999 % 26));
	CHECK(strcmp("abc", "abd") < 0 && strncmp("abc", "abd", 2) == 0);
	CHECK(strchr("hello", 'l') != NULL && strnlen("hello", 3) == 3);
	char c[16];
	strcpy(c, "copy");
	CHECK(!strcmp(c, "copy"));
}

static void check_stdio(const char *path)
{
	size_t n = 3 << 20;
	unsigned char *w = malloc(n), *r = malloc(n);
	CHECK(w && r);
	if (!w || !r)
		return;
	for (size_t i = 0; i < n; i++)
		w[i] = (unsigned char)(i * 31 + (i >> 12));
	FILE *f = fopen(path, "wb");
	CHECK(f != NULL);
	if (!f)
		return;
	struct stat st;
	CHECK(fstat(fileno(f), &st) == 0 && st.st_blksize >= 65536);
	CHECK(fwrite(w, 1, 100, f) == 100);
	CHECK(fwrite(w + 100, 1, n - 100, f) == n - 100);
	CHECK(fclose(f) == 0);
	f = fopen(path, "rb");
	CHECK(f != NULL);
	if (!f)
		return;
	CHECK(fread(r, 1, 10, f) == 10);                /* fills the buffer */
	CHECK(fread(r + 10, 1, 1 << 20, f) == 1 << 20); /* mostly straight through */
	int ch = getc(f);
	CHECK(ch == w[10 + (1 << 20)]);
	CHECK(ungetc(ch, f) == ch);
	CHECK(fread(r + 10 + (1 << 20), 1, n, f) == n - 10 - (1 << 20));
	CHECK(memcmp(r, w, n) == 0);
	CHECK(feof(f) && fclose(f) == 0);
	remove(path);
	free(w);
	free(r);
}

int main(int argc, char **argv)
{
	printf("image_check: libm %s, strings %s%s\n", __hermit_libm_fma ? "FMA" : "plain",
	       __hermit_string_avx2 ? "AVX2" : "SSE2", __hermit_string_erms ? "+ERMS" : "");
	check_math();
	check_strings();
	check_stdio(argc > 1 ? argv[1] : "/tmp/hermit-image-check.bin");
	if (failures)
		return 1;
	printf("image_check: ok\n");
	return 0;
}
