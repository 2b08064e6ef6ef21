/* SPDX-License-Identifier: BSD-3-Clause */
/* tan's kernel (tan.c): a tan polynomial for even quadrants, -1/y plus a cot one for odd. */
/*
 * tan(y0 + y1) for even n, -1/tan(y0 + y1) for odd n, |y0| <= ~pi/4, |y1| <= ulp(y0)/2.
 * musl's kernel (fdlibm's __tan) fits tan only up to 0.67 and beyond reflects through
 * tan(pi/4 - y), with a division, and branches on both; here one polynomial covers all of
 * |y| <= 1.01*pi/4 and the only branch is the quadrant's parity:
 *   even: tan(y) = y + y^3/3 + y^5*P(z), z = y0^2, P of degree 14;
 *   odd: -cot(y) = -1/y + y/3 + y^3*Q(z), Q of degree 9;
 * Chebyshev fits (mpmath) with relative errors 2^-58.9 and 2^-60.8 of the result. The
 * leading terms are kept exact: y0^2 and y0^3 as double pairs, y0^3/3 (or y0/3) as an exact
 * product, added to y0 (or to q = -1/y0) by Fast2Sum; -1/(y0 + y1) = q*(1 + d) with
 * d = q*y0 + 1 + q*y1 (one FMA); y1 enters through sec^2(y0) ~ 1 + z + 2z^2/3 + 17z^3/45
 * (even; at most 0.03*y1 off) or y1/3 (odd, next to its 1/y^2 part in d). Everything else is
 * at most ~0.05 of the result, so the last addition is the one full rounding. Max error
 * measured 0.72 ulp (musl's 0.74-0.76, glibc 0.52). A separate file from tan.c so that the
 * polynomials are contracted (FMA) while tan.c's reduction is not.
 */
#include <math.h>
#include <stdint.h>

#include "own_math.h"

__attribute__((visibility("hidden"))) double __hermit_tan_kernel(double y0, double y1, int n);

/* tan(y) = y + y^3/3 + y^5*P(z); 1/3 = T0 + T0LO. */
static const double P[15] = {0x1.1111111111111p-3,  0x1.ba1ba1ba1b90fp-5,   0x1.664f4882d099ep-6,
                             0x1.226e3558c453dp-7,  0x1.d6d3d307abf23p-9,   0x1.7da3258a5ca03p-10,
                             0x1.355ccc8ec38ebp-11, 0x1.f504cf9033dc9p-13,  0x1.9ac793847f0dcp-14,
                             0x1.2dbbb93394322p-15, 0x1.8b0b84b87ac3fp-16,  -0x1.8ac02785a5f99p-18,
                             0x1.0df2d53ec63c8p-16, -0x1.103c6a7480f33p-17, 0x1.e38d74b51ac92p-19};
/* -cot(y) = -1/y + y/3 + y^3*Q(z). */
static const double Q[10] = {0x1.6c16c16c16c17p-6,  0x1.1566abc011593p-9,  0x1.bbd7793345e96p-13,
                             0x1.66a8f2c529af2p-16, 0x1.22805b8db3923p-19, 0x1.d6dbd98892f1cp-23,
                             0x1.7d918aedc4845p-26, 0x1.36ac6e3620c9cp-29, 0x1.d99dccea16c96p-33,
                             0x1.19c5ff6664871p-35};
static const double T0 = 0x1.5555555555555p-2, T0LO = 0x1.5555555555555p-56;

/* tan(y0 + y1): y0 + y0^3/3 + y0^5*P + y1*sec^2(y0); th + tl = y0^3. */
static double tan_even(double y0, double y1, double zh, double th, double tl)
{
	double z2 = zh * zh, z4 = z2 * z2, z8 = z4 * z4, pp, ah, al, s, e, sec2;

	pp = ((P[0] + zh * P[1]) + z2 * (P[2] + zh * P[3])) +
	     z4 * ((P[4] + zh * P[5]) + z2 * (P[6] + zh * P[7])) +
	     z8 * (((P[8] + zh * P[9]) + z2 * (P[10] + zh * P[11])) +
	           z4 * ((P[12] + zh * P[13]) + z2 * P[14]));
	ah = two_prod(th, T0, &al);
	s = y0 + ah;
	e = (y0 - s) + ah;
	sec2 = 1.0 + zh * (1.0 + zh * (0x1.5555555555555p-1 + zh * 0x1.82d82d82d82d8p-2));
	return s + (((e + al) + (th * T0LO + tl * T0)) + ((th * zh) * pp + y1 * sec2));
}

/* -1/tan(y0 + y1): q*(1 + d) + y0/3 + y0^3*Q + y1/3, q = -1/y0; th = y0^3 rounded. */
static double tan_odd(double y0, double y1, double zh, double th)
{
	double q = -1.0 / y0, z2 = zh * zh, z4 = z2 * z2, z8 = z4 * z4, qq, d, ah, al, s, e;

	qq = ((Q[0] + zh * Q[1]) + z2 * (Q[2] + zh * Q[3])) +
	     z4 * ((Q[4] + zh * Q[5]) + z2 * (Q[6] + zh * Q[7])) + z8 * (Q[8] + zh * Q[9]);
#if __FP_FAST_FMA
	d = __builtin_fma(q, y0, 1.0) + q * y1;
#else
	ah = two_prod(q, y0, &al);
	d = ((ah + 1.0) + al) + q * y1; /* ah + 1 is exact: ah is -1 within an ulp */
#endif
	ah = two_prod(y0, T0, &al);
	s = q + ah; /* |q| >= 4/pi > |ah| */
	e = (q - s) + ah;
	return s + (((e + al) + (q * d + y0 * T0LO)) + (th * qq + y1 * T0));
}

double __hermit_tan_kernel(double y0, double y1, int n)
{
	double zh, zl, th, tl;

	zh = two_prod(y0, y0, &zl);
	th = two_prod(y0, zh, &tl);
	tl += y0 * zl;
	return n & 1 ? tan_odd(y0, y1, zh, th) : tan_even(y0, y1, zh, th, tl);
}
