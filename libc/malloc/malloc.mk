# SPDX-License-Identifier: BSD-3-Clause
# The application's malloc (malloc/), included by libc/Makefile: compiled into
# libhermit-syscalls.a; newlib's own allocator objects are deleted from the installed libc.a
# (NEWLIB_MALLOC) so that newlib's internal _malloc_r & co. reach this one too.

MALLOC_OBJS := $(O)/malloc/malloc.o
NEWLIB_MALLOC := lib_a-aligned_alloc.o lib_a-calloc.o lib_a-callocr.o lib_a-freer.o lib_a-malign.o \
	lib_a-malignr.o lib_a-mallinfor.o lib_a-malloc.o lib_a-mallocr.o lib_a-malloptr.o \
	lib_a-mallstatsr.o lib_a-msize.o lib_a-msizer.o lib_a-mstats.o lib_a-mtrim.o \
	lib_a-pvallocr.o lib_a-realloc.o lib_a-reallocr.o lib_a-valloc.o lib_a-vallocr.o

$(O)/malloc/%.o: $(LIBC_DIR)/malloc/%.c $(DRIVER) $(O)/.stamp-install $(HERMIT_HEADERS)
	$(quiet) CC malloc/$*.c
	$(Q)mkdir -p $(dir $@)
	$(Q)$(DRIVER) $(TARGET_CFLAGS) -I$(LIBC_DIR)/malloc -c $< -o $@
