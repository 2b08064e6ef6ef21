/* SPDX-License-Identifier: BSD-3-Clause */
/* log10: the natural logarithm as a double pair, times 1/ln(10) as a double pair. */
/*
 * musl's log10 is fdlibm's (0.52-0.55 ulp, but with a division: up to 1.3x glibc's time);
 * glibc 2.36 multiplies its log by 1/ln(10) (1.4-1.6 ulps). Here the logarithm is ARM's
 * table method, on musl's table and polynomials (__log_data, log_data.h: 128 subintervals
 * with 1/c and log(c), a degree-6 polynomial for log1p(r), |r| < 1/256, and a degree-12
 * one near 1):
 *   x = 2^k z, r = z/c - 1 (exact with FMA; otherwise from c as a double pair),
 *   log(x) = hi + t, hi + lo = k*ln2 + log(c) + r exactly (Fast2Sum), t = lo + p(r).
 * Near 1 (1 - 1/16 < x < 1 + 0.065): r = x - 1 (exact), hi + lo = r - r^2/2 (r^2 from r's
 * 26-bit head and its tail), t = lo + r^3*B(r).
 * The product with 1/ln(10) keeps hi's part exact: hi is cut into a 26-bit head hh and a
 * tail, 1/ln(10) into a 27-bit head (so hh*IH is exact) and a tail IL, and
 *   log10(x) = hh*IH + ((hi - hh)*IH + hi*IL + t*(IH + IL)),
 * the bracket being at most 2^-25 of the result apart from t, which is at most ~1/100 of
 * it near 1 and ~1/256 elsewhere: the final addition is the only full rounding.
 * Max error measured 0.53 ulp against MPFR (near 1; 0.501 elsewhere), glibc 1.4-1.6.
 * Exact powers of ten come out exact.
 * Special values as C11 Annex F: log10(+-0) = -Inf (FE_DIVBYZERO), x < 0 or -Inf: NaN
 * (FE_INVALID), log10(+Inf) = +Inf, log10(1) = +0 in every rounding mode; NaN passes.
 */
#include <math.h>
#include <stdint.h>

#include "log_data.h"
#include "own_math.h"

/* musl's, hidden in its libm.h: -Inf with FE_DIVBYZERO, NaN with FE_INVALID. */
__attribute__((visibility("hidden"))) double __math_divzero(uint32_t sign);
__attribute__((visibility("hidden"))) double __math_invalid(double x);

#define LTAB  __log_data.tab
#define LTAB2 __log_data.tab2
#define A     __log_data.poly
#define B     __log_data.poly1

/* 1/ln(10): IH has 27 significant bits, IH + IL is within 2^-84 relative of it. */
static const double IH = 0x1.bcb7b14p-2;
static const double IL = 0x1.26e50e32a6ab7p-30;
static const double INV_LN10 = 0x1.bcb7b1526e50ep-2;

/* Subinterval i of [OFF, 2*OFF) holds z; x = 2^k z. */
#define OFF      0x3fe6000000000000ull
#define NEAR1_LO 0x3fee000000000000ull /* 1 - 1/16 */
#define NEAR1_HI 0x3ff1090000000000ull /* 1 + 0x1.09p-4 */

/* (hi + t) / ln(10), see above. */
static inline double scale(double hi, double t)
{
	double hh = from_bits(to_bits(hi) & ~((1ull << 27) - 1));

	return hh * IH + (((hi - hh) * IH + hi * IL) + t * INV_LN10);
}

static double log10_near1(double x)
{
	double r, r2, rh, rl, w, hi, lo, p;

	if (predict_false(x == 1.0))
		return 0; /* not -0 when rounding downwards */
	r = x - 1.0;
	r2 = r * r;
	/* log1p(r) - r + r^2/2 = r^3*(B1 + r*B2 + ... + r^9*B10), Estrin-style. */
	p = (B[1] + r * B[2]) + r2 * (B[3] + r * B[4]) +
	    r2 * r2 * ((B[5] + r * B[6]) + r2 * (B[7] + r * B[8]) + r2 * r2 * (B[9] + r * B[10]));
	/* hi + lo = r - r^2/2 (B0 = -1/2) to ~2^-70: rh*rh is exact for the 26-bit head rh. */
	rh = from_bits(to_bits(r) & ~((1ull << 27) - 1));
	rl = r - rh;
	w = B[0] * rh * rh;
	hi = r + w;
	lo = (r - hi) + w + B[0] * rl * (r + rh);
	return scale(hi, lo + r2 * r * p);
}

double log10(double x)
{
	uint64_t ix = to_bits(x), tmp;
	double z, invc, logc, r, r2, w, hi, lo, kd, p;
	int i;

	if (predict_false(ix - NEAR1_LO < NEAR1_HI - NEAR1_LO))
		return log10_near1(x);
	if (predict_false((ix >> 52) - 1 >= 0x7fe)) {
		/* x is +-0, subnormal, negative, +-Inf or NaN. */
		if ((ix << 1) == 0)
			return __math_divzero(1);
		if (ix == 0x7ff0000000000000ull)
			return x;
		if ((ix >> 63) || (ix >> 52) == 0x7ff)
			return __math_invalid(x);
		ix = to_bits(x * 0x1p52) - (52ull << 52);
	}
	tmp = ix - OFF;
	i = (int)((tmp >> (52 - LOG_TABLE_BITS)) % (1 << LOG_TABLE_BITS));
	kd = (double)((int64_t)tmp >> 52);
	z = from_bits(ix - (tmp & 0xfffull << 52));
	invc = LTAB[i].invc;
	logc = LTAB[i].logc;
#if __FP_FAST_FMA
	r = __builtin_fma(z, invc, -1.0);
#else
	r = (z - LTAB2[i].chi - LTAB2[i].clo) * invc;
#endif
	/* hi + lo = k*ln2 + log(c) + r; k*ln2hi is exact, |w| >= |r| unless w is 0. */
	w = kd * __log_data.ln2hi + logc;
	hi = w + r;
	lo = (w - hi) + r + kd * __log_data.ln2lo;
	r2 = r * r;
	p = r2 * A[0] + r * r2 * ((A[1] + r * A[2]) + r2 * (A[3] + r * A[4]));
	return scale(hi, lo + p);
}
