/* SPDX-License-Identifier: BSD-3-Clause */
/* The part of libbacktrace's interface that libgfortran's runtime/backtrace.c calls, for
 * HermitCore: libgcc's unwinder walks the stack, and the C library's backtrace_symbols()
 * names the functions from the image's symbol table (libc/glue/backtrace.c). There are no
 * file names or line numbers: libbacktrace would read them from the DWARF of a file it
 * opens by name, and the image has none to give. */
#include <execinfo.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unwind.h>

#include "backtrace.h"

/* The program's main (gfortran generates one): the walk ends there, as libgfortran's
 * symbolic backtraces do on Linux, instead of going on into the start code. */
extern int main(int argc, char **argv);

struct backtrace_state {
	int threaded;
};

/* One walk: calls `frame` with each program counter, after `skip` frames. */
struct walk {
	int skip;
	int (*frame)(struct walk *walk, uintptr_t pc);
	backtrace_simple_callback simple; /* the caller's, for one of the two walks */
	backtrace_full_callback full;
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

static _Unwind_Reason_Code one_frame(struct _Unwind_Context *context, void *arg)
{
	struct walk *walk = arg;
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
	walk->ret = walk->frame(walk, pc);
	if (walk->ret != 0 || _Unwind_FindEnclosingFunction((void *)pc) == (void *)main)
		return _URC_END_OF_STACK;
	return _URC_NO_REASON;
}

static int simple_frame(struct walk *walk, uintptr_t pc)
{
	return walk->simple(walk->data, pc);
}

/* backtrace_symbols() writes "image(name+0xoff) [0xaddr]", or "[0xaddr]" without a name. */
static int full_frame(struct walk *walk, uintptr_t pc)
{
	void *addr = (void *)pc;
	char **line = backtrace_symbols(&addr, 1);
	char *name = line ? strrchr(line[0], '(') : NULL;
	char *plus = name ? strrchr(name, '+') : NULL;
	int ret;

	if (plus) {
		name++;
		*plus = '\0';
	} else {
		name = NULL;
	}
	ret = walk->full(walk->data, pc, NULL, 0, name);
	free(line);
	return ret;
}

/* Both walks skip their own frame, as libbacktrace's do. */
int backtrace_simple(struct backtrace_state *state, int skip, backtrace_simple_callback callback,
                     backtrace_error_callback error_callback, void *data)
{
	struct walk walk = {skip + 1, simple_frame, callback, NULL, data, 0};

	(void)state;
	(void)error_callback;
	_Unwind_Backtrace(one_frame, &walk);
	return walk.ret;
}

int backtrace_full(struct backtrace_state *state, int skip, backtrace_full_callback callback,
                   backtrace_error_callback error_callback, void *data)
{
	struct walk walk = {skip + 1, full_frame, NULL, callback, data, 0};

	(void)state;
	(void)error_callback;
	_Unwind_Backtrace(one_frame, &walk);
	return walk.ret;
}
