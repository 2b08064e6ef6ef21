/* SPDX-License-Identifier: BSD-3-Clause */
/* erff: the double erf of erf.c, rounded once to float (musl's erff.c keeps erfcf). */
/*
 * erf.c is within 0.6 ulp of double, so the float result is within 0.5 + 2^-29 ulp (musl's
 * and glibc's erff: 0.83), and erf.c's polynomials cost less than musl's float rational
 * approximations with expf. +-0, +-Inf and NaN map through erf as they should.
 */
#include <math.h>

float erff(float x)
{
	return (float)erf((double)x);
}
