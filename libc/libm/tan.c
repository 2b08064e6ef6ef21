/* SPDX-License-Identifier: BSD-3-Clause */
/* tan: musl's kernel (fdlibm's __tan) after the reduction of rem_pio2.h, inline for large x. */
/*
 * musl's tan calls __rem_pio2 (rem_pio2.c) and returns y[0], y[1] through memory; for
 * 2^20*pi/2 <= |x| < 2^26*pi/2 the reduction is inline here instead (registers, no call),
 * which takes tan(1e6..2e7) from 1.05-1.3x glibc's time to ~0.95x. Below and above that
 * range, and the kernel, are musl's as before; so are the results (max error 0.74-0.76
 * ulp against MPFR, glibc 0.52). Branch-free kernels were tried and measured slower than
 * __tan on this host (libc/README.md, "libm").
 *
 * Compiled without FP contraction (the reduction's rounds need their separate roundings).
 */
#include <math.h>
#include <stdint.h>

#include "own_math.h"
#include "rem_pio2.h"

/* musl's, hidden in its libm.h (__rem_pio2: rem_pio2.c). */
__attribute__((visibility("hidden"))) int __rem_pio2(double x, double *y);
__attribute__((visibility("hidden"))) double __tan(double x, double y, int odd);

double tan(double x)
{
	uint32_t ix = high_abs(x);
	double y0, y1, y[2];
	int n;

	if (ix <= 0x3fe921fb) { /* |x| <= ~pi/4 */
		if (predict_false(ix < 0x3e400000)) {
			/* |x| < 2^-27: tan(x) rounds to x; raise inexact (underflow if subnormal).
			 */
			volatile double v = ix < 0x00100000 ? x * 0x1p-120 : x + 0x1p120;
			(void)v;
			return x;
		}
		return __tan(x, 0.0, 0);
	}
	if (ix >= REM_PIO2_MEDIUM_LO && ix < REM_PIO2_MEDIUM_HI) {
		n = rem_pio2_medium(x, ix, &y0, &y1);
		return __tan(y0, y1, n & 1);
	}
	if (predict_false(ix >= 0x7ff00000)) /* NaN; +-Inf: NaN with FE_INVALID */
		return x - x;
	n = __rem_pio2(x, y);
	return __tan(y[0], y[1], n & 1);
}
