/* SPDX-License-Identifier: BSD-3-Clause */
/* ioctl(2): only the terminal size request is known (Linux numbers); others fail. */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H

#include <sys/cdefs.h>

struct winsize {
	unsigned short ws_row;
	unsigned short ws_col;
	unsigned short ws_xpixel;
	unsigned short ws_ypixel;
};

#define TCGETS     0x5401
#define TIOCGWINSZ 0x5413
#define FIONREAD   0x541B
#define FIONBIO    0x5421

__BEGIN_DECLS
int ioctl(int, unsigned long, ...);
__END_DECLS

#endif
