/* SPDX-License-Identifier: BSD-3-Clause */
/* <endian.h> as glibc spells it, for config/linux/ptrlock.c (newlib has machine/endian.h). */
#ifndef HERMIT_LIBGOMP_ENDIAN_H
#define HERMIT_LIBGOMP_ENDIAN_H
#include <machine/endian.h>
#define __LITTLE_ENDIAN _LITTLE_ENDIAN
#define __BIG_ENDIAN    _BIG_ENDIAN
#define __BYTE_ORDER    _BYTE_ORDER
#endif
