/* SPDX-License-Identifier: BSD-3-Clause */
/* hermit_libc_start(): the kernel's hand-over to the application (environ, constructors,
 * main, exit), the empty _init/_fini that newlib's init arrays call, and __dso_handle. */
#include <stdlib.h>

#include "glue.h"

extern char **environ;
int main(int argc, char **argv, char **envp);
void __libc_init_array(void);
void __libc_fini_array(void);

/* Without crti.o/crtn.o there is no .init/.fini code: constructors are in .init_array. */
void _init(void)
{
}

void _fini(void)
{
}

/* What crtbegin.o would define: the handle C++ registers its static destructors under
 * (__cxa_atexit); the image is the only object, as a static program's is 0. */
extern void *__dso_handle;
void *__dso_handle = NULL;

static char *empty_environment[] = {NULL};

/* argv[0], for messages and backtrace_symbols() (which reads the image's symbols). */
const char *__hermit_progname;

void hermit_libc_start(int argc, char **argv, char **envp)
{
	environ = envp ? envp : empty_environment;
	__hermit_progname = argc > 0 ? argv[0] : NULL;
	/* Registered first, so that destructors run after the program's atexit handlers. */
	atexit(__libc_fini_array);
	__libc_init_array();
	exit(main(argc, argv, environ));
}
