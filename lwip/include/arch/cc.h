/* SPDX-License-Identifier: BSD-3-Clause */
/* lwIP's compiler and platform definitions for HermitCore (newlib, x86_64, little endian). */
#ifndef HERMIT_LWIP_ARCH_CC_H
#define HERMIT_LWIP_ARCH_CC_H

/* newlib's fd_set must hold every lwIP socket where lwIP's headers see it (lwIP's select is
 * not what applications call: their select() goes through poll() in the glue). */
#ifndef FD_SETSIZE
#define FD_SETSIZE 1024
#endif

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/time.h>

/* newlib's errno values (lwIP's sockets set errno by name, so the application sees the
 * same numbering as from every other libc call). */
#define LWIP_ERRNO_STDINCLUDE 1
/* struct timeval comes from <sys/time.h> (SO_RCVTIMEO takes the application's). */
#define LWIP_TIMEVAL_PRIVATE 0

/* ssize_t is newlib's (long); lwIP takes it from <unistd.h> when SSIZE_MAX is known. */
#ifndef SSIZE_MAX
#define SSIZE_MAX LONG_MAX
#endif

#ifndef BYTE_ORDER /* newlib's <machine/endian.h> has it */
#define BYTE_ORDER LITTLE_ENDIAN
#endif

#define LWIP_PLATFORM_DIAG(x)                                                                      \
	do {                                                                                       \
		printf x;                                                                          \
	} while (0)
#define LWIP_PLATFORM_ASSERT(x)                                                                    \
	do {                                                                                       \
		fprintf(stderr, "lwIP assertion \"%s\" failed at line %d in %s\n", x, __LINE__,    \
		        __FILE__);                                                                 \
		abort();                                                                           \
	} while (0)

/* Debian's patch "port" (for the Hurd) makes api/sockets.c use these three; its own
 * definitions are in a Hurd-only header. lwIP's struct sockaddr has a length byte. */
#define IP4ADDR_SOCKADDR_SET_LEN(sin)  (sin)->sin_len = sizeof(struct sockaddr_in)
#define IP6ADDR_SOCKADDR_SET_LEN(sin6) (sin6)->sin6_len = sizeof(struct sockaddr_in6)
#define IPADDR_SOCKADDR_GET_LEN(addr)  (addr)->sa.sa_len

/* Initial sequence numbers, ports: a xorshift generator seeded from the TSC (sys_arch.c). */
unsigned int hermit_lwip_rand(void);
#define LWIP_RAND() ((u32_t)hermit_lwip_rand())

#endif
