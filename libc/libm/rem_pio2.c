/* SPDX-License-Identifier: BSD-3-Clause */
/* __rem_pio2 (x mod pi/2): rem_pio2.h's reduction for 2^20*pi/2 <= |x| < 2^26*pi/2, musl's
 * (compiled as __musl___rem_pio2) elsewhere. rem_pio2.h says why and how. */
#include <math.h>
#include <stdint.h>

#include "rem_pio2.h"

/* Both are hidden in musl's libm.h. */
__attribute__((visibility("hidden"))) int __musl___rem_pio2(double x, double *y);
__attribute__((visibility("hidden"))) int __rem_pio2(double x, double *y);

int __rem_pio2(double x, double *y)
{
	union {
		double f;
		uint64_t i;
	} u = {x};
	uint32_t ix = u.i >> 32 & 0x7fffffff;

	if (ix < REM_PIO2_MEDIUM_LO || ix >= REM_PIO2_MEDIUM_HI)
		return __musl___rem_pio2(x, y);
	return rem_pio2_medium(x, ix, &y[0], &y[1]);
}
