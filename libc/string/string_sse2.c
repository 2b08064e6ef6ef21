/* SPDX-License-Identifier: BSD-3-Clause */
/* String and memory functions with SSE2 (every x86-64 CPU): __hermit_NAME_sse2. */
#define VW     16
#define SUFFIX sse2
#include "string_vec.h"
