/* SPDX-License-Identifier: BSD-3-Clause */
/* sin, cos and sincos: rem_pio2.h's reduction inline and musl's kernels, no branch on the
 * quadrant. */
/*
 * musl's versions reduce with __rem_pio2, which for |x| < 9*pi/4 branches on the sign and on
 * n (special cases for n = +-1, +-2), and then switch on n & 3 between the sin and cos
 * kernels. With arguments spread over a few periods each of those branches is a coin toss,
 * and the mispredictions made sin and tan ~1.5-1.9x glibc's time per call (libc/README.md,
 * "libm"). Here every |x| up to 2^26*pi/2 goes through rem_pio2_medium (its extra rounds are
 * taken only next to multiples of pi/2, so they are predicted), both kernels are evaluated
 * (their work overlaps) and the quadrant picks one by bit operations: sin(y + n*pi/2) is
 * sin(y), cos(y), -sin(y), -cos(y) for n & 3 = 0..3. The results are those of musl's code
 * for the same reduced argument; beyond 2^26*pi/2, and for Inf and NaN, musl's path.
 *
 * Compiled without FP contraction: the reduction's rounds need their separate roundings.
 */
#include <math.h>
#include <stdint.h>

#include "own_math.h"
#include "rem_pio2.h"

/* Hidden in musl's libm.h (rem_pio2.c). */
__attribute__((visibility("hidden"))) int __rem_pio2(double x, double *y);

/*
 * The kernels, for |y| <= 1.0001*pi/4, y = y0 + y1 with |y1| <= ulp(y0)/2:
 *   sin y = y0 + y0^3*S(z) + y1*(1 - z/2),  z = y0^2;
 *   cos y = 1 - z/2 + z^2*C(z) - y0*y1,      1 - z/2 as a rounded sum plus its exact error.
 * S and C are weighted least-squares fits (mpmath, Lawson's iteration, leading coefficients
 * -1/6 and 1/24 rounded first) with relative errors 2^-62.9 and 2^-63.2 of the result; the
 * terms dropped from y1's part are below 2^-60 of it. The one full rounding is the last
 * addition.
 */
static const double S[7] = {-0x1.5555555555555p-3, 0x1.1111111111067p-7,   -0x1.a01a019ffdb5dp-13,
                            0x1.71de3a32a00d1p-19, -0x1.ae642ac51b55dp-26, 0x1.6108a5ee3b418p-33,
                            -0x1.9f68a19865087p-41};
static const double C[6] = {0x1.5555555555555p-5,   -0x1.6c16c16c16313p-10, 0x1.a01a019e395e8p-16,
                            -0x1.27e4f90ab6e08p-22, 0x1.1eea8c7145ee1p-29,  -0x1.8ffbd7487a3b9p-37};

/* a*b + c, fused in the FMA copy (the file is compiled without contraction for the
 * reduction's sake; the kernels' bounds do not rely on separate roundings). */
#if __FP_FAST_FMA
#define MADD(a, b, c) __builtin_fma(a, b, c)
#else
#define MADD(a, b, c) ((a) * (b) + (c))
#endif

static inline double sin_kernel(double y0, double y1, double z)
{
	double z2 = z * z, z4 = z2 * z2;
	double p = MADD(z4, MADD(z2, S[6], MADD(z, S[5], S[4])),
	                MADD(z2, MADD(z, S[3], S[2]), MADD(z, S[1], S[0])));

	return y0 + MADD(y0 * z, p, y1 * MADD(-0.5, z, 1.0));
}

static inline double cos_kernel(double y0, double y1, double z)
{
	double z2 = z * z, z4 = z2 * z2;
	double p =
	    MADD(z4, MADD(z, C[5], C[4]), MADD(z2, MADD(z, C[3], C[2]), MADD(z, C[1], C[0])));
	double hz = 0.5 * z, w = 1.0 - hz;

	return w + (((1.0 - w) - hz) + MADD(z2, p, -y0 * y1));
}

/* x = n*pi/2 + *y0 + *y1 for finite x with |x| >= 2^-27. */
static inline int reduce(double x, uint32_t ix, double *y0, double *y1)
{
	double y[2];
	int n;

	if (__builtin_expect(ix < REM_PIO2_MEDIUM_HI, 1))
		return rem_pio2_medium(x, ix, y0, y1);
	n = __rem_pio2(x, y);
	*y0 = y[0];
	*y1 = y[1];
	return n;
}

/* odd ? b : a, negated if neg & 2, without a branch. */
static inline double pick(double a, double b, int odd, int neg)
{
	uint64_t m = -(uint64_t)(odd & 1);
	uint64_t r = (to_bits(b) & m) | (to_bits(a) & ~m);

	return from_bits(r ^ (uint64_t)(neg & 2) << 62);
}

/* |x| < 2^-27: sin x = x and cos x = 1, inexact (and sin underflows for subnormal x). */
static inline void tiny_flags(double x, uint32_t ix)
{
	volatile double v = ix < 0x00100000 ? x * 0x1p-120 : x + 0x1p120;
	(void)v;
}

/* sin and cos of x; sin and cos below take one of them (the other's pick is dropped). */
static inline void sin_cos(double x, double *sp, double *cp)
{
	uint32_t ix = high_abs(x);
	double y0, y1, z, s, c;
	int n;

	if (predict_false(ix < 0x3e400000)) {
		tiny_flags(x, ix);
		*sp = x;
		*cp = 1.0;
		return;
	}
	if (predict_false(ix >= 0x7ff00000)) { /* NaN; +-Inf: NaN with FE_INVALID */
		*sp = *cp = x - x;
		return;
	}
	n = reduce(x, ix, &y0, &y1);
	z = y0 * y0;
	s = sin_kernel(y0, y1, z);
	c = cos_kernel(y0, y1, z);
	*sp = pick(s, c, n, n);
	/* cos(y + n*pi/2) is cos(y), -sin(y), -cos(y), sin(y) */
	*cp = pick(c, s, n, n + 1);
}

double sin(double x)
{
	double s, c;

	sin_cos(x, &s, &c);
	return s;
}

double cos(double x)
{
	double s, c;

	sin_cos(x, &s, &c);
	return c;
}

void sincos(double x, double *sp, double *cp)
{
	sin_cos(x, sp, cp);
}
