/* SPDX-License-Identifier: BSD-3-Clause */
/* __getreent(): each thread's own struct _reent (errno, strtok, rand, ...), kept in its
 * static TLS; the main thread keeps newlib's _impure_ptr. Replaces newlib's default. */
#include <reent.h>
#include <string.h>

#include "pthread_internal.h"

static __thread struct _reent thread_reent;
static __thread bool thread_reent_ready;

struct _reent *__getreent(void)
{
	if (current_tcb()->tid == 1)
		return _impure_ptr;
	if (__builtin_expect(!thread_reent_ready, 0)) {
		_REENT_INIT_PTR(&thread_reent);
		/* Signal handlers belong to the process: share the main thread's table. */
		thread_reent._sig_func = _impure_ptr->_sig_func;
		thread_reent_ready = true;
	}
	return &thread_reent;
}

/* At thread exit: frees what newlib allocated for this thread (dtoa buffers, ...). */
void release_thread_reent(void)
{
	if (current_tcb()->tid == 1 || !thread_reent_ready)
		return;
	thread_reent._sig_func = NULL; /* shared with the main thread */
	_reclaim_reent(&thread_reent);
}
