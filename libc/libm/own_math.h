/* SPDX-License-Identifier: BSD-3-Clause */
/* What the own libm functions (OWN_MATH in Makefile) share: bit access, the high word of |x|
 * for range tests, the evaluation of the 1/16-wide interval tables of erf.c, tanh.c, sinh.c. */
#ifndef HERMIT_LIBM_OWN_MATH_H
#define HERMIT_LIBM_OWN_MATH_H

#include <stdint.h>

#define predict_false(x) __builtin_expect(!!(x), 0)

/* A double's representation and back. */
static inline uint64_t to_bits(double x)
{
	union {
		double f;
		uint64_t i;
	} u = {x};

	return u.i;
}

static inline double from_bits(uint64_t i)
{
	union {
		uint64_t i;
		double f;
	} u = {i};

	return u.f;
}

/* a*b = p + *lo exactly (barring overflow and underflow): an FMA, or Dekker's product of
 * the halves of a and b (Veltkamp's split) without one. */
static inline double two_prod(double a, double b, double *lo)
{
	double p = a * b;
#if __FP_FAST_FMA
	*lo = __builtin_fma(a, b, -p);
#else
	double ca = 0x1.0000002p+27 * a, cb = 0x1.0000002p+27 * b;
	double ah = ca - (ca - a), bh = cb - (cb - b), al = a - ah, bl = b - bh;

	*lo = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
#endif
	return p;
}

/* The upper 32 bits of |x|'s representation: exponent and the top 20 mantissa bits. */
static inline uint32_t high_abs(double x)
{
	union {
		double f;
		uint64_t i;
	} u = {x};

	return (uint32_t)(u.i >> 32) & 0x7fffffff;
}

/*
 * f(ax) for 1/4 <= ax below the table's end, from tab[i - 4] for the interval
 * [i/16, (i+1)/16): c0hi, c0lo, c1..c8 of a degree-8 polynomial in t = ax - (i + 1/2)/16,
 * evaluated as c0hi + (c0lo + c1*t + t^2*q(t)), Estrin-style for q.
 */
static inline double interval16_eval(const double (*tab)[10], double ax)
{
	int i = (int)(ax * 16.0);
	const double *c = tab[i - 4];
	double t = ax - ((double)i + 0.5) * 0.0625;
	double t2 = t * t, t4 = t2 * t2;
	double q =
	    (c[3] + t * c[4]) + t2 * (c[5] + t * c[6]) + t4 * ((c[7] + t * c[8]) + t2 * c[9]);

	/* c1*t on its own: its rounding is the tail's largest error (fused with FMA). */
	return c[0] + ((c[1] + t * c[2]) + t2 * q);
}

#endif
