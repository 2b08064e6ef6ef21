/* SPDX-License-Identifier: BSD-3-Clause */
/* libgomp's config.h for HermitCore, written by hand instead of running libgomp's configure:
 * static library only (no symbol versioning, no plugins, no dlopen), native TLS
 * (initial-exec), pthreads over the kernel's futexes, newlib's headers. */
#ifndef HERMIT_LIBGOMP_CONFIG_H
#define HERMIT_LIBGOMP_CONFIG_H

#define HAVE_ALIGNED_ALLOC        1
#define HAVE_ATTRIBUTE_ALIAS      1
#define HAVE_ATTRIBUTE_VISIBILITY 1
#define HAVE_CC_TLS               1
#define HAVE_TLS                  1
#define HAVE_CLOCK_GETTIME        1
#define HAVE_GETPID               1
#define HAVE_INTTYPES_H           1
#define HAVE_MEMORY_H             1
#define HAVE_POSIX_MEMALIGN       1
#define HAVE_PTHREAD_AFFINITY_NP  1
#define HAVE_PTHREAD_H            1
#define HAVE_SEMAPHORE_H          1
#define HAVE_STDINT_H             1
#define HAVE_STDLIB_H             1
#define HAVE_STRINGS_H            1
#define HAVE_STRING_H             1
#define HAVE_STRTOULL             1
#define HAVE_SYNC_BUILTINS        1
#define HAVE_SYS_STAT_H           1
#define HAVE_SYS_TIME_H           1
#define HAVE_SYS_TYPES_H          1
#define HAVE_UNISTD_H             1
#define LIBGOMP_USE_PTHREADS      1
#define STDC_HEADERS              1
#define SIZEOF_VOID_P             8
/* Not here: getloadavg, uname, gethostname, secure_getenv (no set-uid programs anyway),
 * dlfcn (no plugins, so no offloading: target regions run on the host). */
#define OFFLOAD_PLUGINS   ""

#define PACKAGE           "libgomp"
#define PACKAGE_BUGREPORT ""
#define PACKAGE_NAME      "GNU Offloading and Multi Processing Runtime Library"
#define PACKAGE_STRING    "GNU Offloading and Multi Processing Runtime Library 1.0"
#define PACKAGE_TARNAME   "libgomp"
#define PACKAGE_URL       "https://www.gnu.org/software/libgomp/"
#define PACKAGE_VERSION   "1.0"
#define VERSION           "1.0"

#endif
