/* SPDX-License-Identifier: BSD-3-Clause */
/* Fixes around musl 1.2.3's own code: acosh domain, float pi/2 and pi at special arguments. */
/*
 * musl computes acosh(x) for 2 <= |x| < 2^26 as log(2x - 1/(x + sqrt(x*x - 1))) without
 * looking at the sign, so for some x <= -2 the argument of log is positive and a number
 * comes back (acosh(-0x1.fbff6cf5e6d86p+21) = 6.30, acoshl(-2e6) = -0.77) where C11 F.10.2.1
 * wants NaN and FE_INVALID.
 *
 * acosf(0), acosf(-1), atanf(+-Inf) and atan2f at the arguments whose result is exactly
 * +-pi/2 return musl's pio2_hi, 0x1.921fb4p+0, one ulp below the correctly rounded
 * 0x1.921fb6p+0 (and pi likewise); glibc returns the rounded constants, as C11 F.10.1
 * expects of these exact cases. The wrapped functions are compiled as __musl_NAME.
 */
#include <math.h>

double __musl_acosh(double);
float __musl_acoshf(float);
long double __musl_acoshl(long double);
float __musl_acosf(float);
float __musl_atanf(float);
float __musl_atan2f(float, float);

/* pi/2 and pi rounded to float; adding the tiny raises FE_INEXACT as the exact cases should. */
#define PIO2F 0x1.921fb6p+0f
#define PIF   0x1.921fb6p+1f
static const volatile float tiny = 0x1p-120f;

/* isless: false for NaN (which musl passes through) and quiet, unlike x < 1. */
double acosh(double x)
{
	if (isless(x, 1))
		return (x - x) / (x - x); /* NaN, raises FE_INVALID */
	return __musl_acosh(x);
}

float acoshf(float x)
{
	if (isless(x, 1))
		return (x - x) / (x - x);
	return __musl_acoshf(x);
}

long double acoshl(long double x)
{
	if (isless(x, 1))
		return (x - x) / (x - x);
	return __musl_acoshl(x);
}

float acosf(float x)
{
	if (x == 0)
		return PIO2F + tiny;
	if (x == -1)
		return PIF + tiny;
	return __musl_acosf(x);
}

float atanf(float x)
{
	if (isinf(x))
		return copysignf(PIO2F, x) + copysignf(tiny, x);
	return __musl_atanf(x);
}

float atan2f(float y, float x)
{
	/* y infinite and x finite, or x zero and y a nonzero finite value: +-pi/2 */
	if ((isinf(y) && isfinite(x)) || (x == 0 && y != 0 && !isnan(y)))
		return copysignf(PIO2F, y) + copysignf(tiny, y);
	return __musl_atan2f(y, x);
}
