
/* HermitCore (gcc-runtime/libstdc++/config-hermit.h, appended to configure's config.h):
 * what configure finds by linking, which a newlib cross build cannot do. The C library has
 * them (libc/glue/time.c, libc/pthread/yield.c, libc/glue/sysconf.c). */
#define _GLIBCXX_USE_CLOCK_MONOTONIC 1
#define _GLIBCXX_USE_CLOCK_REALTIME  1
#define _GLIBCXX_USE_NANOSLEEP       1
#define _GLIBCXX_USE_SCHED_YIELD     1
/* Static TLS (initial-exec, images are static): eh_globals.cc keeps each thread's
 * exception state in __thread instead of a pthread key. */
#define HAVE_TLS            1
#define HAVE_POSIX_MEMALIGN 1
/* Found in the headers, but the C library's *at calls take relative paths only with
 * AT_FDCWD (libc/glue/fs.c): std::filesystem walks and removes directories by path. */
#undef HAVE_DIRFD
#undef HAVE_FDOPENDIR
#undef HAVE_OPENAT
#undef HAVE_UNLINKAT
