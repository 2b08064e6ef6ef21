/* SPDX-License-Identifier: BSD-3-Clause */
/* Converts Linux x86_64 errno values, which the kernel returns, to newlib's numbering. */
#include "glue.h"

/*
 * Index: the Linux x86_64 number (asm-generic/errno-base.h, errno.h); value: newlib's
 * constant of the same name. Both agree up to ERANGE (34) and differ above. Linux errors
 * that newlib does not declare by default (EUCLEAN, ENOKEY, EBADFD, ...) are absent and
 * become EIO.
 */
static const unsigned char newlib_errno[] = {
    [1] = EPERM,
    [2] = ENOENT,
    [3] = ESRCH,
    [4] = EINTR,
    [5] = EIO,
    [6] = ENXIO,
    [7] = E2BIG,
    [8] = ENOEXEC,
    [9] = EBADF,
    [10] = ECHILD,
    [11] = EAGAIN,
    [12] = ENOMEM,
    [13] = EACCES,
    [14] = EFAULT,
    [15] = 15, /* ENOTBLK: newlib hides the name, not the number */
    [16] = EBUSY,
    [17] = EEXIST,
    [18] = EXDEV,
    [19] = ENODEV,
    [20] = ENOTDIR,
    [21] = EISDIR,
    [22] = EINVAL,
    [23] = ENFILE,
    [24] = EMFILE,
    [25] = ENOTTY,
    [26] = ETXTBSY,
    [27] = EFBIG,
    [28] = ENOSPC,
    [29] = ESPIPE,
    [30] = EROFS,
    [31] = EMLINK,
    [32] = EPIPE,
    [33] = EDOM,
    [34] = ERANGE,
    [35] = EDEADLK,
    [36] = ENAMETOOLONG,
    [37] = ENOLCK,
    [38] = ENOSYS,
    [39] = ENOTEMPTY,
    [40] = ELOOP,
    [42] = ENOMSG,
    [43] = EIDRM,
    [60] = ENOSTR,
    [61] = ENODATA,
    [62] = ETIME,
    [63] = ENOSR,
    [67] = ENOLINK,
    [71] = EPROTO,
    [72] = EMULTIHOP,
    [74] = EBADMSG,
    [75] = EOVERFLOW,
    [84] = EILSEQ,
    [88] = ENOTSOCK,
    [89] = EDESTADDRREQ,
    [90] = EMSGSIZE,
    [91] = EPROTOTYPE,
    [92] = ENOPROTOOPT,
    [93] = EPROTONOSUPPORT,
    [95] = EOPNOTSUPP,
    [96] = EPFNOSUPPORT,
    [97] = EAFNOSUPPORT,
    [98] = EADDRINUSE,
    [99] = EADDRNOTAVAIL,
    [100] = ENETDOWN,
    [101] = ENETUNREACH,
    [102] = ENETRESET,
    [103] = ECONNABORTED,
    [104] = ECONNRESET,
    [105] = ENOBUFS,
    [106] = EISCONN,
    [107] = ENOTCONN,
    [109] = ETOOMANYREFS,
    [110] = ETIMEDOUT,
    [111] = ECONNREFUSED,
    [112] = EHOSTDOWN,
    [113] = EHOSTUNREACH,
    [114] = EALREADY,
    [115] = EINPROGRESS,
    [116] = ESTALE,
    [122] = EDQUOT,
    [125] = ECANCELED,
    [130] = EOWNERDEAD,
    [131] = ENOTRECOVERABLE,
};

int glue_errno_from_linux(int linux_errno)
{
	if (linux_errno <= 0 || (size_t)linux_errno >= sizeof(newlib_errno))
		return EIO;
	if (newlib_errno[linux_errno] == 0)
		return EIO;
	return newlib_errno[linux_errno];
}
