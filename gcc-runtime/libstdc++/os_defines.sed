# SPDX-License-Identifier: BSD-3-Clause
# Applied to libstdc++'s config/os/newlib/os_defines.h when unpacking: in a static image
# the weak references of gthr-posix.h (__pthread_key_create) would find no pthread library
# and turn threads off; HermitCore always links libpthread, so threads are always active.
/^#define _GLIBCXX_OS_DEFINES 1$/a\
\
// HermitCore: images always link libpthread (gcc-runtime/libstdc++/os_defines.sed).\
#define _GLIBCXX_GTHREAD_USE_WEAK 0
