# SPDX-License-Identifier: BSD-3-Clause
# memcpy, memmove, memset, memcmp, strlen, strnlen, strchr, strcmp, strncmp, strcpy with
# SSE2/AVX2 and runtime selection (libc/string/), included by libc/Makefile: they replace
# newlib's members of the installed libc.a. Application side only (the kernel has its own).

STRING_OBJS := $(addprefix $(O)/string/, \
	string_avx2.o \
	string_dispatch.o \
	string_sse2.o)
# newlib's members that these replace (deleted from the installed libc.a).
STRING_REPLACED := lib_a-memcmp.o lib_a-memcpy.o lib_a-memmove.o lib_a-memset.o \
	lib_a-strchr.o lib_a-strcmp.o lib_a-strcpy.o lib_a-strlen.o lib_a-strncmp.o \
	lib_a-strnlen.o
# No loop may become a call to memset/memcpy inside memset/memcpy. Loops start on 32 bytes:
# strcpy's 4 KiB copy took 1.3x glibc's time or 1.0x depending on where its loop fell.
STRING_CFLAGS := $(TARGET_CFLAGS) -fno-tree-loop-distribute-patterns -falign-loops=32 \
	-I$(LIBC_DIR)/string

$(O)/string/string_avx2.o: STRING_CFLAGS += -mavx2

$(O)/string/%.o: $(LIBC_DIR)/string/%.c $(DRIVER) $(O)/.stamp-install
	$(quiet) CC string/$*.c
	$(Q)mkdir -p $(dir $@)
	$(Q)$(DRIVER) $(STRING_CFLAGS) -c $< -o $@

# Redone whenever newlib's libc.a is installed again.
$(O)/.stamp-string: $(STRING_OBJS) $(O)/.stamp-install
	$(quiet) INSTALL "string functions into libc.a"
	$(Q)ar d $(SYS_LIB)/libc.a $(STRING_REPLACED) 2>/dev/null || true
	$(Q)ar rs $(SYS_LIB)/libc.a $(STRING_OBJS)
	$(Q)touch $@

string: $(O)/.stamp-string

-include $(STRING_OBJS:.o=.d)
.PHONY: string
