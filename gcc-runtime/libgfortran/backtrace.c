/* SPDX-License-Identifier: BSD-3-Clause */
/* The part of libbacktrace's interface that libgfortran's runtime/backtrace.c calls, for
 * HermitCore: program counters only, from libgcc's unwinder (the image has no file name
 * to read its debug information from; backtrace-supported.h says BACKTRACE_SUPPORTED 0,
 * so libgfortran prints the "simple" form, as libbacktrace does without symbols). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <unwind.h>

#include "backtrace.h"

/* The program's main (gfortran generates one): the walk ends there, as libgfortran's
 * symbolic backtraces do on Linux, instead of going on into the start code. */
extern int main(int argc, char **argv);

struct backtrace_state {
	int threaded;
};

struct simple_walk {
	int skip;
	backtrace_simple_callback callback;
	void *data;
	int ret;
};

struct backtrace_state *backtrace_create_state(const char *filename, int threaded,
                                               backtrace_error_callback error_callback, void *data)
{
	static struct backtrace_state state;

	(void)filename;
	(void)error_callback;
	(void)data;
	state.threaded = threaded;
	return &state;
}

static _Unwind_Reason_Code simple_frame(struct _Unwind_Context *context, void *arg)
{
	struct simple_walk *walk = arg;
	int before_insn = 0;
	uintptr_t pc = _Unwind_GetIPInfo(context, &before_insn);

	if (pc == 0)
		return _URC_END_OF_STACK;
	if (walk->skip > 0) {
		walk->skip--;
		return _URC_NO_REASON;
	}
	/* As libbacktrace: the address of the call, not of the return. */
	if (!before_insn)
		pc--;
	walk->ret = walk->callback(walk->data, pc);
	if (walk->ret != 0 || _Unwind_FindEnclosingFunction((void *)pc) == (void *)main)
		return _URC_END_OF_STACK;
	return _URC_NO_REASON;
}

int backtrace_simple(struct backtrace_state *state, int skip, backtrace_simple_callback callback,
                     backtrace_error_callback error_callback, void *data)
{
	/* Skip this function too, as libbacktrace does. */
	struct simple_walk walk = {skip + 1, callback, data, 0};

	(void)state;
	(void)error_callback;
	_Unwind_Backtrace(simple_frame, &walk);
	return walk.ret;
}

/* No symbols or line numbers: a negative errnum asks the caller for the simple form. */
int backtrace_full(struct backtrace_state *state, int skip, backtrace_full_callback callback,
                   backtrace_error_callback error_callback, void *data)
{
	(void)state;
	(void)skip;
	(void)callback;
	error_callback(data, "no debug information in the image", -1);
	return 0;
}
