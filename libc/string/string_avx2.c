/* SPDX-License-Identifier: BSD-3-Clause */
/* String and memory functions with AVX2 (compiled with -mavx2): __hermit_NAME_avx2. */
#define VW     32
#define SUFFIX avx2
#include "string_vec.h"
