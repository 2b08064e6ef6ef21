
/* HermitCore (gcc-runtime/libgfortran/config-hermit.h, appended to configure's config.h):
 * images are static and always link libpthread; with gthr-posix.h's weak references, the
 * pthread functions nothing else calls would be null (a null call at the first unit lock
 * once libgomp has started threads). */
#define GTHREAD_USE_WEAK 0
