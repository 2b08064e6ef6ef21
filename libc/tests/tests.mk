# SPDX-License-Identifier: BSD-3-Clause
# Tests of the C library, included by libc/Makefile: host unit tests of the conversions and
# of libm's accuracy against MPFR and glibc (test-unit), and a hello program linked and run
# against a Linux stub kernel (test-link).

T_DIR := $(LIBC_DIR)/tests
T_OUT := $(O)/tests
STUB  := $(O)/stub

# --- test-unit: newlib's headers, the host's C library -----------------------------------

UNIT_OBJS := $(addprefix $(T_OUT)/,test_convert.o $(GLUE_CONVERT))

$(T_OUT)/%.o: $(T_DIR)/%.c $(DRIVER) $(O)/.stamp-install $(HERMIT_HEADERS)
	$(quiet) CC tests/$*.c
	$(Q)mkdir -p $(dir $@)
	$(Q)$(DRIVER) $(TARGET_CFLAGS) -c $< -o $@

$(T_OUT)/%.o: $(LIBC_DIR)/glue/%.c $(DRIVER) $(O)/.stamp-install $(HERMIT_HEADERS)
	$(quiet) CC glue/$*.c
	$(Q)mkdir -p $(dir $@)
	$(Q)$(DRIVER) $(TARGET_CFLAGS) -c $< -o $@

$(T_OUT)/test_convert: $(UNIT_OBJS)
	$(quiet) LD $(notdir $@)
	$(Q)$(HOST_CC) -no-pie -o $@ $^

# libm: musl's libm.a as built for HermitCore, every symbol renamed musl_*, in a host
# process next to glibc's libm.so.6 (dlsym) and MPFR. LIBM_ACC_N arguments per function.
LIBM_ACC_N ?= 30000

$(T_OUT)/libm-musl.a: $(LIBM_OUT)/libm.a
	$(quiet) OBJCOPY "libm.a -> musl_* symbols"
	$(Q)mkdir -p $(dir $@)
	$(Q){ nm --defined-only $< 2>/dev/null | awk 'NF == 3 && $$2 ~ /[A-Z]/ { print $$3 }'; \
		nm -u $< 2>/dev/null | awk '$$2 !~ /^__mul.c3$$/ { print $$2 }'; } | \
		sort -u | awk '{ print $$1 " musl_" $$1 }' > $@.syms
	$(Q)objcopy --redefine-syms=$@.syms $< $@

$(T_OUT)/libm_accuracy: $(T_DIR)/libm_accuracy.c $(T_OUT)/libm-musl.a
	$(quiet) CC tests/libm_accuracy.c
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -no-pie -o $@ $^ -lmpfr -lgmp -ldl -lm

# The string functions' objects as installed, next to glibc (the test calls the
# __hermit_NAME_sse2/_avx2 variants directly, not the stubs that would shadow glibc's).
$(T_OUT)/string_test: $(T_DIR)/string_test.c $(O)/string/string_sse2.o $(O)/string/string_avx2.o
	$(quiet) CC tests/string_test.c
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -no-pie -o $@ $^

# libm and string timings against glibc, same core (not part of test-unit). The whole
# archive: the bench finds functions by dlsym, and nothing else would pull in members such
# as musl_fixes.o (atanf).
$(T_OUT)/libm_bench: $(T_DIR)/libm_bench.c $(T_OUT)/libm-musl.a
	$(quiet) CC tests/libm_bench.c
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -no-pie -rdynamic -o $@ $< \
		-Wl,--whole-archive $(T_OUT)/libm-musl.a -Wl,--no-whole-archive -ldl

# LIBM_BENCH="tan log10": only those functions' rows.
bench-libm: $(T_OUT)/libm_bench
	$(Q)$< $(LIBM_BENCH)

# The string objects with their stubs, every symbol renamed h_* (not to shadow glibc's).
$(T_OUT)/string-h.o: $(STRING_OBJS)
	$(Q)mkdir -p $(dir $@)
	$(Q)ld -r -o $@.tmp $^
	$(Q)nm --defined-only $@.tmp | awk 'NF == 3 && $$2 ~ /[A-Z]/ { print $$3 " h_" $$3 }' > $@.syms
	$(Q)objcopy --redefine-syms=$@.syms $@.tmp $@ && rm -f $@.tmp

$(T_OUT)/string_bench: $(T_DIR)/string_bench.c $(T_OUT)/string-h.o
	$(quiet) CC tests/string_bench.c
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -no-pie -o $@ $^

# STRING_BENCH="memset strchr": only those functions' rows ("stub": through the stubs).
bench-string: $(T_OUT)/string_bench
	$(Q)$< $(STRING_BENCH)

# malloc/malloc.c built for the host (pages from Linux mmap), every symbol renamed h_*,
# against glibc's malloc in one process.
$(T_OUT)/malloc-h.o: $(LIBC_DIR)/malloc/malloc.c $(LIBC_DIR)/malloc/malloc_internal.h
	$(Q)mkdir -p $(dir $@)
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -Wno-deprecated-declarations -I$(TOP)/include -c $< -o $@.tmp
	$(Q)nm --defined-only $@.tmp | awk 'NF == 3 && $$2 ~ /[A-Z]/ { print $$3 " h_" $$3 }' > $@.syms
	$(Q)objcopy --redefine-syms=$@.syms $@.tmp $@ && rm -f $@.tmp

$(T_OUT)/malloc_bench: $(T_DIR)/malloc_bench.c $(T_OUT)/malloc-h.o
	$(quiet) CC tests/malloc_bench.c
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -I$(TOP)/include -pthread -o $@ $^

bench-malloc: $(T_OUT)/malloc_bench
	$(Q)$<

# iconv: glue/iconv.c built for the host with its symbols renamed h_*, next to glibc's.
ICONV_RENAME := -Diconv_open=h_iconv_open -Diconv=h_iconv -Diconv_close=h_iconv_close

$(T_OUT)/iconv_test: $(T_DIR)/iconv_test.c $(LIBC_DIR)/glue/iconv.c
	$(quiet) CC tests/iconv_test.c
	$(Q)mkdir -p $(dir $@)
	$(Q)$(HOST_CC) $(HOST_CFLAGS) $(ICONV_RENAME) -c $(LIBC_DIR)/glue/iconv.c -o $@-glue.o
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -o $@ $(T_DIR)/iconv_test.c $@-glue.o

# getopt: glue/getopt.c the same way.
GETOPT_RENAME := -Doptarg=h_optarg -Doptind=h_optind -Dopterr=h_opterr -Doptopt=h_optopt \
	-Dgetopt=h_getopt -Dgetopt_long=h_getopt_long -Dgetopt_long_only=h_getopt_long_only

$(T_OUT)/getopt_test: $(T_DIR)/getopt_test.c $(LIBC_DIR)/glue/getopt.c
	$(quiet) CC tests/getopt_test.c
	$(Q)mkdir -p $(dir $@)
	$(Q)$(HOST_CC) $(HOST_CFLAGS) $(GETOPT_RENAME) -c $(LIBC_DIR)/glue/getopt.c -o $@-glue.o
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -o $@ $(T_DIR)/getopt_test.c $@-glue.o

test-unit: $(T_OUT)/test_convert $(T_OUT)/libm_accuracy $(T_OUT)/string_test $(T_OUT)/iconv_test \
		$(T_OUT)/getopt_test
	$(Q)$(T_DIR)/run-unit.sh $(T_OUT)/test_convert $(T_OUT)/string_test $(T_OUT)/iconv_test \
		$(T_OUT)/getopt_test \
		"$(T_OUT)/libm_accuracy:$(LIBM_ACC_N)"

# --- test-link: a hello program through the driver, on a stub kernel made of Linux calls --

STUB_FILES := $(STUB)/crt0.o $(STUB)/libhermit.a $(STUB)/hermit.ld

$(STUB)/crt0.o: $(T_DIR)/stub/crt0.S
	$(quiet) AS stub/crt0.S
	$(Q)mkdir -p $(dir $@)
	$(Q)$(HOST_CC) -c $< -o $@

$(STUB)/linux_sys.o: $(T_DIR)/stub/linux_sys.c $(DRIVER) $(HERMIT_HEADERS) $(O)/.stamp-install
	$(quiet) CC stub/linux_sys.c
	$(Q)mkdir -p $(dir $@)
	$(Q)$(DRIVER) $(TARGET_CFLAGS) -ffreestanding -c $< -o $@

$(STUB)/libhermit.a: $(STUB)/linux_sys.o
	$(quiet) AR stub/libhermit.a
	$(Q)rm -f $@ && ar rcs $@ $^

# The host linker's own script, for an image Linux can run.
$(STUB)/hermit.ld:
	$(quiet) GEN stub/hermit.ld
	$(Q)mkdir -p $(dir $@)
	$(Q)ld --verbose | sed -n '/^======/,/^======/p' | sed '1d;$$d' > $@

$(T_OUT)/hello.o: $(T_DIR)/hello.c all
	$(quiet) CC tests/hello.c
	$(Q)mkdir -p $(dir $@)
	$(Q)$(DRIVER) $(TARGET_CFLAGS) -c $< -o $@

$(T_OUT)/hello: $(T_OUT)/hello.o $(STUB_FILES) all
	$(quiet) LINK "tests/hello (stub kernel)"
	$(Q)HERMIT_KERNEL_LIBDIR=$(STUB) $(DRIVER) -o $@ $< -lm -lpthread

# Everything the image needs beyond the kernel: only sys_* may stay undefined (weak
# references, such as the socket hooks liblwip.a provides, resolve to 0 without it).
$(T_OUT)/hello-needs.txt: $(T_OUT)/hello.o $(STUB)/crt0.o all
	$(Q)ld -r -o $(T_OUT)/hello-partial.o $(STUB)/crt0.o $< --start-group \
		$(SYS_LIB)/libpthread.a $(SYS_LIB)/libc.a $(SYS_LIB)/libm.a \
		$(SYS_LIB)/libhermit-syscalls.a \
		$$($(HOST_CC) -print-libgcc-file-name) --end-group
	$(Q)nm -u $(T_OUT)/hello-partial.o | awk '$$1 == "U" {print $$2}' > $@

test-link: $(T_OUT)/hello $(T_OUT)/hello-needs.txt
	$(Q)$(T_DIR)/check-hello.sh $(T_OUT)/hello $(T_OUT)/hello-needs.txt $(T_OUT)/hello.txt

# --- test-threads: libpthread and newlib's thread safety under uhyve --------------------

UHYVE ?= $(BUILD)/uhyve/uhyve
THREAD_IMAGES := $(addprefix $(T_OUT)/,thread_test thread_stress thread_exit_main)
.SECONDARY: $(addprefix $(T_OUT)/,thread_stress.o thread_exit_main.o thread_bench.o)

$(T_OUT)/thread_test: $(T_OUT)/thread_test.o $(T_OUT)/thread_test_sync.o all
	$(quiet) LINK tests/thread_test
	$(Q)$(DRIVER) -o $@ $(T_OUT)/thread_test.o $(T_OUT)/thread_test_sync.o

$(T_OUT)/thread_%: $(T_OUT)/thread_%.o all
	$(quiet) LINK tests/thread_$*
	$(Q)$(DRIVER) -o $@ $<

# The overrides must win: no newlib default lock or __getreent may be in an image.
$(T_OUT)/thread_test.map: $(T_OUT)/thread_test.o $(T_OUT)/thread_test_sync.o all
	$(Q)$(DRIVER) -o $(T_OUT)/thread_test.mapped -Wl,-Map,$@ \
		$(T_OUT)/thread_test.o $(T_OUT)/thread_test_sync.o
	$(Q)! grep -E 'libc\.a\((lib_a-lock|lib_a-getreent)\.o\)' $@ || \
		{ echo "libc: newlib's default locks were linked" >&2; rm -f $@; exit 1; }

test-threads: $(THREAD_IMAGES) $(T_OUT)/thread_test.map
	$(Q)$(T_DIR)/run-threads.sh $(UHYVE) $(T_OUT)

bench-threads: $(T_OUT)/thread_bench
	$(Q)for c in 1 2; do HERMIT_CPUS=$$c $(UHYVE) $<; done

.PHONY: test-unit test-link test-threads bench-threads bench-libm bench-string bench-malloc

-include $(UNIT_OBJS:.o=.d) $(T_OUT)/hello.d $(STUB)/linux_sys.d \
	$(patsubst %,$(T_OUT)/%.d,thread_test thread_test_sync thread_stress thread_exit_main thread_bench)
