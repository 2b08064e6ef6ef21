/* SPDX-License-Identifier: BSD-3-Clause */
/* exp10f: 10^x as exp2(x*log2(10)) entirely in double, rounded once to float. */
/*
 * musl's exp10f multiplied the fraction of x by log2(10) in float: up to 3.1 ulps (glibc:
 * 0.5). Here the product is a double (relative error 2^-53, so at most ~2^-46 absolute
 * for |x| < 46) and exp2 is musl's (ARM's) double one, 0.502 ulp of double: the float
 * result is within 0.5 + 2^-28 ulp. The conversion to float raises FE_OVERFLOW (x >
 * ~38.53) and underflows as it should; 10^k for k = 0..10 come out exact. NaN and +-Inf
 * pass through exp2 (+Inf, 0).
 */
#include <math.h>

/* log2(10) rounded to double. */
static const double log2_10 = 0x1.a934f0979a371p+1;

float exp10f(float x)
{
	return (float)exp2((double)x * log2_10);
}

/* The old name, as in musl. */
__attribute__((__weak__, __alias__("exp10f"))) float pow10f(float x);
