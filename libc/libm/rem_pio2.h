/* SPDX-License-Identifier: BSD-3-Clause */
/* x mod pi/2 for 2^20*pi/2 <= |x| < 2^26*pi/2, inline: rem_pio2.c's __rem_pio2 and tan.c. */
/*
 * musl's __rem_pio2 subtracts n*pi/2 in up to three rounds while n < 2^20 (its first piece
 * of pi/2 has 33 bits, so n*piece is exact), and beyond that goes to __rem_pio2_large, ~8x
 * slower: sin(1e6..2e7) cost 6-8x glibc's. Here pi/2 is cut into four 27-bit pieces P[i],
 * each with the rest PT[i] = pi/2 - P[0] - ... - P[i] rounded to double. For n < 2^26,
 * n*P[i] is exact, and round i (as in musl: a Fast2Sum of the running remainder and
 * n*P[i], plus n*PT[i]) leaves pi/2 known to 27*(i+1) + 53 bits. A further round is taken
 * while the result has cancelled so much (exponent of x minus exponent of y) that fewer
 * than 64 good bits would remain; four rounds (161 bits) cover the closest doubles to
 * multiples of pi/2 in this range (~2^-60 relative to x). glibc's sin uses the same limit,
 * 105414350, for its fast reduction.
 *
 * The includer must compile this without FP contraction (the rounds rely on each product
 * and difference being rounded on its own).
 */
#ifndef HERMIT_LIBM_REM_PIO2_H
#define HERMIT_LIBM_REM_PIO2_H

#include <float.h>
#include <stdint.h>

/* High words of |x| (without sign) where the medium reduction applies. */
#define REM_PIO2_MEDIUM_LO 0x413921fbu /* 2^20*pi/2 */
#define REM_PIO2_MEDIUM_HI 0x419921fbu /* 2^26*pi/2, excluded */

static inline int rem_pio2_exponent(double v)
{
	union {
		double f;
		uint64_t i;
	} u = {v};

	return (int)(u.i >> 52 & 0x7ff);
}

/* x = n*pi/2 + *y0 + *y1, |*y0| <= ~pi/4; ix: the high word of |x|, in the range above. */
static inline int rem_pio2_medium(double x, uint32_t ix, double *y0, double *y1)
{
	static const double toint = 1.5 / DBL_EPSILON;
	static const double pio4 = 0x1.921fb54442d18p-1;
	static const double invpio2 = 0x1.45f306dc9c883p-1;
	static const double P[4] = {0x1.921fb54p+0, 0x1.10b461p-30, 0x1.a62633p-58, 0x1.45c06ep-86};
	static const double PT[4] = {0x1.10b4611a62633p-30, 0x1.a62633145c06ep-58,
	                             0x1.45c06e0e68948p-86, 0x1.cd129024e088ap-115};
	/* Round i+1 is needed when ex - ey exceeds this (27 * (i + 1) + 53 - 64 bits). */
	static const int more[4] = {16, 43, 70, 97};
	double_t fn, r, w, t, y;
	int n, ex, i;

	fn = (double_t)x * invpio2 + toint - toint;
	n = (int32_t)fn;
	r = x - fn * P[0];
	w = fn * PT[0];
	/* Matters with directed rounding. */
	if (__builtin_expect(r - w < -pio4, 0)) {
		n--;
		fn--;
		r = x - fn * P[0];
		w = fn * PT[0];
	} else if (__builtin_expect(r - w > pio4, 0)) {
		n++;
		fn++;
		r = x - fn * P[0];
		w = fn * PT[0];
	}
	y = r - w;
	ex = (int)(ix >> 20);
	for (i = 1; i < 4 && ex - rem_pio2_exponent(y) > more[i - 1]; i++) {
		t = r;
		w = fn * P[i];
		r = t - w;
		w = fn * PT[i] - ((t - r) - w);
		y = r - w;
	}
	*y0 = y;
	*y1 = (r - y) - w;
	return n;
}

#endif
