/* SPDX-License-Identifier: BSD-3-Clause */
/* Dynamic loading: a HermitCore image is one static program, so dlopen() always fails and
 * dlerror() says why (glue/identity.c). */
#ifndef _DLFCN_H
#define _DLFCN_H

#include <sys/cdefs.h>

#define RTLD_LAZY    0x001
#define RTLD_NOW     0x002
#define RTLD_GLOBAL  0x100
#define RTLD_LOCAL   0
#define RTLD_DEFAULT ((void *)0)
#define RTLD_NEXT    ((void *)-1)

typedef struct {
	const char *dli_fname;
	void *dli_fbase;
	const char *dli_sname;
	void *dli_saddr;
} Dl_info;

/* glibc 2.35's lookup of an object's unwind tables (libgcc's unwinder calls it); the image
 * is the only object (glue/backtrace.c). */
struct dl_find_object {
	unsigned long long dlfo_flags;
	void *dlfo_map_start;
	void *dlfo_map_end;
	struct link_map *dlfo_link_map;
	void *dlfo_eh_frame; /* the .eh_frame_hdr */
	unsigned long long __dlfo_reserved[7];
};

__BEGIN_DECLS
void *dlopen(const char *, int);
void *dlsym(void *__restrict, const char *__restrict);
int dlclose(void *);
char *dlerror(void);
int dladdr(const void *, Dl_info *);
int _dl_find_object(void *, struct dl_find_object *);
__END_DECLS

#endif
