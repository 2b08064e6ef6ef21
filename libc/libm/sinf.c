/* SPDX-License-Identifier: BSD-3-Clause */
/* sinf, cosf and sincosf: the float argument reduced in double, one polynomial table. */
/*
 * x = n*pi/2 + r with n = round(x*2/pi) and |r| <= pi/4 (a little more after rounding).
 * Below 2^25, pi/2 = P1 + P2 + P3 with P1 and P2 of at most 28 bits: n < 2^25, so n*P1 and
 * n*P2 are exact, x - n*P1 is exact (both are multiples of 2^-27 there), and r keeps about
 * 2^-100 absolute error, far below what the closest floats to k*pi/2 need (they lie ~2^-30
 * from it). With FMA, two fused steps with pi/2 as a double pair do as well. From 2^25 on, musl's
 * __rem_pio2f (Payne-Hanek in double) does the reduction.
 *
 * sin(r + n*pi/2) is +-sin(r) or +-cos(r) by n mod 4. Both are written m*(1 + z*Q(z)) with
 * z = r*r: m = r for sin and m = 1 for cos, and Q a degree-4 polynomial (near-minimax,
 * Chebyshev fits: relative error 1.7e-14 for sin and 3e-13 for cos on |r| <= pi/4). So the
 * quadrant only picks a row of coefficients and a signed m from tables: no branch that
 * random arguments would mispredict. Computed in double, the result is within 0.5 + 1e-5
 * ulp of float. m*(1 + z*Q) rather than m + m*z*Q keeps sinf(-0) = -0.
 */
#include <math.h>
#include <stdint.h>

#include "own_math.h"

/* musl's, hidden in its libm.h. */
__attribute__((visibility("hidden"))) int __rem_pio2f(float x, double *y);

static const double invpio2 = 0x1.45f306dc9c883p-1;
#if __FP_FAST_FMA
/* pi/2 as a double pair: x - n*P1 has one rounding, relative to r (2^-53). */
static const double pio2_1 = 0x1.921fb54442d18p+0;
static const double pio2_2 = 0x1.1a62633145c07p-54;
#else
static const double pio2_1 = 0x1.921fb54p+0;
static const double pio2_2 = 0x1.10b461p-30;
static const double pio2_3 = 0x1.a62633145c06ep-58;
#endif
/* Adding it rounds a double below 2^51 to an integer, which the low bits then hold. */
static const double toint = 0x1.8p+52;

/* m = r*ma[q] + mb[q]: r, 1, -r, -1 (the -0 keeps r = -0 negative). */
static const double ma[4] = {1.0, 0.0, -1.0, 0.0};
static const double mb[4] = {-0.0, 1.0, 0.0, -1.0};
/* Q for sin (row 0) and cos (row 1), lowest degree first. */
static const double coef[2][5] = {
    {-0x1.555555555516ap-3, 0x1.1111110fd3935p-7, -0x1.a019fd9a9838bp-13, 0x1.71d9a97cd3c34p-19,
     -0x1.aa28204b8cc64p-26},
    {-0x1.fffffffffe691p-2, 0x1.555555514ea4bp-5, -0x1.6c16bae4ef840p-10, 0x1.a0129816d86c7p-16,
     -0x1.2474b4d8b6dbep-22},
};

static inline uint32_t abs_bits(float x)
{
	union {
		float f;
		uint32_t i;
	} u = {x};

	return u.i & 0x7fffffff;
}

/* n mod 4 and r for x; |x| < 2^25 inline, the rest (Inf and NaN too) through musl. */
static inline unsigned reduce(float x, double *r)
{
	union {
		double f;
		uint64_t i;
	} u;
	double fn;

	if (predict_false(abs_bits(x) >= 0x4c000000)) {
		int n = __rem_pio2f(x, r);
		return (unsigned)n;
	}
	u.f = (double)x * invpio2 + toint;
	fn = u.f - toint;
#if __FP_FAST_FMA
	*r = __builtin_fma(-fn, pio2_2, __builtin_fma(-fn, pio2_1, (double)x));
#else
	*r = (((double)x - fn * pio2_1) - fn * pio2_2) - fn * pio2_3;
#endif
	return (unsigned)u.i;
}

/* sin(r + q*pi/2). */
static inline double sin_quadrant(double r, unsigned q)
{
	const double *c = coef[q & 1];
	double z = r * r, z2 = z * z;
	double p = (c[0] + z * c[1]) + z2 * (c[2] + z * c[3]) + z2 * z2 * c[4];

	double m = r * ma[q & 3] + mb[q & 3];

	return m * (1.0 + z * p);
}

float sinf(float x)
{
	double r;
	unsigned q = reduce(x, &r);

	return (float)sin_quadrant(r, q);
}

float cosf(float x)
{
	double r;
	unsigned q = reduce(x, &r);

	return (float)sin_quadrant(r, q + 1);
}

void sincosf(float x, float *s, float *c)
{
	double r;
	unsigned q = reduce(x, &r);

	*s = (float)sin_quadrant(r, q);
	*c = (float)sin_quadrant(r, q + 1);
}
