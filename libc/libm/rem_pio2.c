/* SPDX-License-Identifier: BSD-3-Clause */
/* x mod pi/2 for 2^20*pi/2 <= |x| < 2^26*pi/2 without musl's slow Payne-Hanek reduction. */
/*
 * musl's __rem_pio2 (compiled as __musl___rem_pio2) subtracts n*pi/2 in up to three rounds
 * while n < 2^20 (its first piece of pi/2 has 33 bits, so n*piece is exact), and beyond
 * that goes to __rem_pio2_large, ~8x slower: sin(1e6..2e7) cost 6-8x glibc's. Here pi/2 is
 * cut into four 27-bit pieces P[i], each with the rest PT[i] = pi/2 - P[0] - ... - P[i]
 * rounded to double. For n < 2^26, n*P[i] is exact, and round i (as in musl: a Fast2Sum of
 * the running remainder and n*P[i], plus n*PT[i]) leaves pi/2 known to 27*(i+1) + 53 bits.
 * A further round is taken while the result has cancelled so much (exponent of x minus
 * exponent of y) that fewer than 64 good bits would remain; four rounds (161 bits) cover
 * the closest doubles to multiples of pi/2 in this range (~2^-60 relative to x).
 * glibc's sin uses the same limit, 105414350, for its fast reduction.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>

#define predict_false(x) __builtin_expect(!!(x), 0)

/* Both are hidden in musl's libm.h. */
__attribute__((visibility("hidden"))) int __musl___rem_pio2(double x, double *y);
__attribute__((visibility("hidden"))) int __rem_pio2(double x, double *y);

static const double toint = 1.5 / DBL_EPSILON;
static const double pio4 = 0x1.921fb54442d18p-1;
static const double invpio2 = 0x1.45f306dc9c883p-1;
static const double P[4] = {0x1.921fb54p+0, 0x1.10b461p-30, 0x1.a62633p-58, 0x1.45c06ep-86};
static const double PT[4] = {0x1.10b4611a62633p-30, 0x1.a62633145c06ep-58, 0x1.45c06e0e68948p-86,
                             0x1.cd129024e088ap-115};
/* Round i+1 is needed when ex - ey exceeds this (27 * (i + 1) + 53 - 64 bits). */
static const int more[4] = {16, 43, 70, 97};

static int exponent(double v)
{
	union {
		double f;
		uint64_t i;
	} u = {v};

	return (int)(u.i >> 52 & 0x7ff);
}

int __rem_pio2(double x, double *y)
{
	union {
		double f;
		uint64_t i;
	} u = {x};
	uint32_t ix = u.i >> 32 & 0x7fffffff;
	double_t fn, r, w, t;
	int n, ex, i;

	if (ix < 0x413921fb || ix >= 0x419921fb) /* below 2^20*pi/2 or from 2^26*pi/2 on */
		return __musl___rem_pio2(x, y);
	fn = (double_t)x * invpio2 + toint - toint;
	n = (int32_t)fn;
	r = x - fn * P[0];
	w = fn * PT[0];
	/* Matters with directed rounding. */
	if (predict_false(r - w < -pio4)) {
		n--;
		fn--;
		r = x - fn * P[0];
		w = fn * PT[0];
	} else if (predict_false(r - w > pio4)) {
		n++;
		fn++;
		r = x - fn * P[0];
		w = fn * PT[0];
	}
	y[0] = r - w;
	ex = (int)(ix >> 20);
	for (i = 1; i < 4 && ex - exponent(y[0]) > more[i - 1]; i++) {
		t = r;
		w = fn * P[i];
		r = t - w;
		w = fn * PT[i] - ((t - r) - w);
		y[0] = r - w;
	}
	y[1] = (r - y[0]) - w;
	return n;
}
