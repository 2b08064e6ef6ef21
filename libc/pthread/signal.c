/* SPDX-License-Identifier: BSD-3-Clause */
/* Signals, cancellation and cleanup handlers for threads that cannot be interrupted: a
 * thread may signal itself (like raise), cancellation is not supported (ENOSYS), and the
 * cleanup handlers run at pthread_exit. */
#include <signal.h>

#include "pthread_internal.h"

int pthread_kill(pthread_t id, int sig)
{
	if (!id)
		return ESRCH;
	if (sig < 0 || sig >= NSIG)
		return EINVAL;
	if (sig == 0)
		return 0;
	/* Other threads cannot be interrupted: no asynchronous delivery. */
	if ((struct pthread *)id != current_thread())
		return ENOTSUP;
	return raise(sig) ? errno : 0;
}

int pthread_sigmask(int how, const sigset_t *set, sigset_t *old)
{
	return sigprocmask(how, set, old) ? errno : 0;
}

/* Without asynchronous interruption a thread could only be cancelled at cancellation
 * points, which the C library does not have: pthread_cancel reports ENOSYS, the state
 * calls only remember what they are told. */
static __thread int cancel_state, cancel_type;

int pthread_cancel(pthread_t id)
{
	(void)id;
	return ENOSYS;
}

int pthread_setcancelstate(int state, int *old)
{
	if (state != PTHREAD_CANCEL_ENABLE && state != PTHREAD_CANCEL_DISABLE)
		return EINVAL;
	if (old)
		*old = cancel_state;
	cancel_state = state;
	return 0;
}

int pthread_setcanceltype(int type, int *old)
{
	if (type != PTHREAD_CANCEL_DEFERRED && type != PTHREAD_CANCEL_ASYNCHRONOUS)
		return EINVAL;
	if (old)
		*old = cancel_type;
	cancel_type = type;
	return 0;
}

void pthread_testcancel(void)
{
}

/* There is no fork(): the handlers would never run. */
int pthread_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void))
{
	(void)prepare;
	(void)parent;
	(void)child;
	return 0;
}

/* The innermost pushed cleanup handler of this thread (the contexts live on its stack). */
static __thread struct _pthread_cleanup_context *cleanup_top;

void _pthread_cleanup_push(struct _pthread_cleanup_context *ctx, void (*routine)(void *), void *arg)
{
	ctx->_routine = routine;
	ctx->_arg = arg;
	ctx->_canceltype = cancel_type;
	ctx->_previous = cleanup_top;
	cleanup_top = ctx;
}

void _pthread_cleanup_pop(struct _pthread_cleanup_context *ctx, int execute)
{
	cleanup_top = ctx->_previous;
	if (execute)
		ctx->_routine(ctx->_arg);
}

void _pthread_cleanup_push_defer(struct _pthread_cleanup_context *ctx, void (*routine)(void *),
                                 void *arg)
{
	_pthread_cleanup_push(ctx, routine, arg);
	cancel_type = PTHREAD_CANCEL_DEFERRED;
}

void _pthread_cleanup_pop_restore(struct _pthread_cleanup_context *ctx, int execute)
{
	_pthread_cleanup_pop(ctx, execute);
	cancel_type = ctx->_canceltype;
}

void run_cleanup_handlers(void)
{
	struct _pthread_cleanup_context *ctx;

	while ((ctx = cleanup_top)) {
		cleanup_top = ctx->_previous;
		ctx->_routine(ctx->_arg);
	}
}
