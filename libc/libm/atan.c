/* SPDX-License-Identifier: BSD-3-Clause */
/* atan: the interval's reduction taken from a table, no branch on the interval. */
/*
 * As in fdlibm, |x| is reduced by the interval it lies in to t with |t| <= 7/16, and
 * atan|x| = c + atan(t) for a constant c = atan(k) (k = 0, 1/2, 1, 3/2, inf):
 *   |x| < 7/16: t = |x|;  < 11/16: t = (2|x| - 1)/(2 + |x|);  < 19/16: (|x| - 1)/(|x| + 1);
 *   < 39/16: (|x| - 3/2)/(1 + 3/2 |x|);  beyond: -1/|x|.
 * fdlibm chooses by four nested branches, which mispredict for arguments spread over a few
 * units (atan took 1.2-1.3x glibc's time per call). Here the interval is a sum of four
 * comparisons and indexes a table of (a, b, c, d) with t = (a|x| + b)/(c + d|x|), each row
 * giving exactly fdlibm's operations (x/1, 2x - 1 over 2 + x, ...), so one division always,
 * no branch. Then atan(t) = t - t^3*F(t^2), F of degree 11 (weighted least-squares fit with
 * mpmath, Lawson's iteration; relative error 2^-61.9), and atan|x| = c_hi - ((t^3*F - c_lo)
 * - t) with c = c_hi + c_lo as a double pair; the sign of x is put back last.
 */
#include <math.h>
#include <stdint.h>

#include "own_math.h"

/* Rows by interval: a, b, c, d of t = (a|x| + b)/(c + d|x|), then atan(k) as hi, lo. */
static const double R[5][6] = {
    {1.0, 0.0, 1.0, 0.0, 0.0, 0.0},
    {2.0, -1.0, 2.0, 1.0, 0x1.dac670561bb4fp-2, 0x1.a2b7f222f65e2p-56},
    {1.0, -1.0, 1.0, 1.0, 0x1.921fb54442d18p-1, 0x1.1a62633145c07p-55},
    {1.0, -1.5, 1.0, 1.5, 0x1.f730bd281f69bp-1, 0x1.007887af0cbbdp-56},
    {0.0, -1.0, 0.0, 1.0, 0x1.921fb54442d18p+0, 0x1.1a62633145c07p-54},
};

/* (t - atan t)/t^3 as a polynomial in z = t^2, |t| <= 1.0001*7/16. */
static const double F[12] = {
    0x1.5555555555555p-2, -0x1.99999999995a7p-3, 0x1.2492492465f22p-3, -0x1.c71c71ad03461p-4,
    0x1.745d1310c400bp-4, -0x1.3b134623a655bp-4, 0x1.110a13110b581p-4, -0x1.e1433c7cbe01ap-5,
    0x1.aa52d4dce3205p-5, -0x1.6c432d9969062p-5, 0x1.079b2e8728b01p-5, -0x1.c7f7019807c83p-7,
};

double atan(double x)
{
	uint32_t ix = high_abs(x);
	double ax = fabs(x);

	if (predict_false(ix >= 0x44100000)) {              /* |x| >= 2^66, Inf, NaN */
		volatile double lo = 0x1.1a62633145c07p-54; /* added at run time: inexact */
		if (isnan(x))
			return x + x;
		return copysign(0x1.921fb54442d18p+0 + lo, x);
	}
	if (predict_false(ix < 0x3e400000)) { /* |x| < 2^-27: x, inexact (underflow) */
		volatile double v = ix < 0x00100000 ? x * 0x1p-120 : x + 0x1p120;
		(void)v;
		return x;
	}
	int id = (ix >= 0x3fdc0000) + (ix >= 0x3fe60000) + (ix >= 0x3ff30000) + (ix >= 0x40038000);
	const double *r = R[id];
	double t = (r[0] * ax + r[1]) / (r[2] + r[3] * ax);
	double z = t * t, z2 = z * z, z4 = z2 * z2, z8 = z4 * z4;
	double f = ((F[0] + z * F[1]) + z2 * (F[2] + z * F[3])) +
	           z4 * ((F[4] + z * F[5]) + z2 * (F[6] + z * F[7])) +
	           z8 * ((F[8] + z * F[9]) + z2 * (F[10] + z * F[11]));
	double a = r[4] - (((t * z) * f - r[5]) - t);

	return from_bits(to_bits(a) ^ (to_bits(x) & 0x8000000000000000ULL));
}
