/* SPDX-License-Identifier: BSD-3-Clause */
/* tan: the reduction (rem_pio2.h inline below 2^26*pi/2) and tan_kernel.c's kernel. */
/*
 * x = n*pi/2 + y0 + y1, |y0| <= ~pi/4: rem_pio2.h's reduction inline for |x| < 2^26*pi/2
 * (registers, no call, no result through memory, and none of the sign and n branches of
 * musl's __rem_pio2 below 9*pi/4, which mispredict for arguments over a few periods),
 * __rem_pio2 beyond; then tan_kernel.c. Host time 0.6-1.1x glibc's (libc/README.md, "libm").
 *
 * Compiled without FP contraction: the reduction's rounds need their separate roundings.
 */
#include <math.h>
#include <stdint.h>

#include "own_math.h"
#include "rem_pio2.h"

/* Hidden in musl's libm.h; rem_pio2.c. */
__attribute__((visibility("hidden"))) int __rem_pio2(double x, double *y);
/* tan_kernel.c */
__attribute__((visibility("hidden"))) double __hermit_tan_kernel(double y0, double y1, int n);

double tan(double x)
{
	uint32_t ix = high_abs(x);
	double y0, y1, y[2];
	int n;

	if (predict_false(ix < 0x3e400000)) {
		/* |x| < 2^-27: x, with inexact (and underflow if subnormal). */
		volatile double v = ix < 0x00100000 ? x * 0x1p-120 : x + 0x1p120;
		(void)v;
		return x;
	}
	if (__builtin_expect(ix < REM_PIO2_MEDIUM_HI, 1)) {
		n = rem_pio2_medium(x, ix, &y0, &y1);
		return __hermit_tan_kernel(y0, y1, n);
	}
	if (predict_false(ix >= 0x7ff00000)) /* NaN; +-Inf: NaN with FE_INVALID */
		return x - x;
	n = __rem_pio2(x, y);
	return __hermit_tan_kernel(y[0], y[1], n);
}
