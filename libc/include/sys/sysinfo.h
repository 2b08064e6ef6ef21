/* SPDX-License-Identifier: BSD-3-Clause */
/* The CPU counts of glibc's <sys/sysinfo.h>. */
#ifndef _SYS_SYSINFO_H
#define _SYS_SYSINFO_H

#include <sys/cdefs.h>

__BEGIN_DECLS
int get_nprocs(void);
int get_nprocs_conf(void);
long get_phys_pages(void);
long get_avphys_pages(void);
__END_DECLS

#endif
