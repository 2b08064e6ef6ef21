/* SPDX-License-Identifier: BSD-3-Clause */
/* OpenMP locks on libgomp's futex mutexes (as config/linux/lock.c, without the GNU
 * symbol-versioned OpenMP 2.5 compatibility locks, which need a static library's no
 * symbol versions and a thread id from a system call). */
#include <string.h>
#include "wait.h"

#include "../../lock.c"

/* gcc-runtime/libgomp/lock-sizes.sed writes these sizes into the installed omp.h instead of
 * computing them with a configure run: they must stay those of omp-lock.h. */
_Static_assert(sizeof(omp_lock_t) == 4 && _Alignof(omp_lock_t) == 4, "omp_lock_t");
_Static_assert(sizeof(omp_nest_lock_t) == 16 && _Alignof(omp_nest_lock_t) == 8, "omp_nest_lock_t");
_Static_assert(sizeof(omp_lock_25_t) == 4 && _Alignof(omp_lock_25_t) == 4, "omp_lock_25_t");
_Static_assert(sizeof(omp_nest_lock_25_t) == 8 && _Alignof(omp_nest_lock_25_t) == 4,
               "omp_nest_lock_25_t");

/* The internal aliases that fortran.c's omp_set_lock_ and friends call (as in
 * config/linux/lock.c without symbol versioning; the macro takes no semicolon). */
/* clang-format off */
ialias (omp_init_lock)
ialias (omp_init_nest_lock)
ialias (omp_destroy_lock)
ialias (omp_destroy_nest_lock)
ialias (omp_set_lock)
ialias (omp_set_nest_lock)
ialias (omp_unset_lock)
ialias (omp_unset_nest_lock)
ialias (omp_test_lock)
ialias (omp_test_nest_lock)
