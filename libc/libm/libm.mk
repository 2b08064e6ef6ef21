# SPDX-License-Identifier: BSD-3-Clause
# libm.a and the math headers from musl 1.2.3 (Debian source package musl), included by
# libc/Makefile: they replace newlib's libm.a, math.h, fenv.h, complex.h and tgmath.h.
# Details and the error handling contract: libc/README.md, "libm".

LIBM_OUT   := $(O)/libm
MUSL_STAMP := $(BUILD)/src/musl/.unpacked
LIBM_HDRS  := math.h fenv.h complex.h tgmath.h

$(MUSL_STAMP):
	$(quiet) FETCH "musl (Debian source)"
	$(Q)$(TOP)/tools/fetch-source.sh musl $(BUILD) > /dev/null

# musl's Makefile logic needs the unpacked tree for its wildcards: a sub-make, always run
# (it does nothing when libm.a is up to date).
$(LIBM_OUT)/libm.a: $(MUSL_STAMP) $(LIBC_DIR)/libm/Makefile FORCE
	$(Q)$(MAKE) -s --no-print-directory -f $(LIBC_DIR)/libm/Makefile \
		MUSL_SRC=$$($(TOP)/tools/fetch-source.sh musl $(BUILD)) OUT=$(LIBM_OUT) \
		HOST_CC=$(HOST_CC) V=$(V)

# After newlib's install (which copies its own libm.a and headers).
$(SYS_LIB)/libm.a: $(LIBM_OUT)/libm.a $(O)/.stamp-install
	$(quiet) INSTALL "libm.a (musl)"
	$(Q)install -D -m 644 $< $@

$(O)/.stamp-libm-headers: $(MUSL_STAMP) $(LIBC_DIR)/libm/mkheaders.sh $(O)/.stamp-install
	$(quiet) GEN "math.h fenv.h complex.h tgmath.h (musl)"
	$(Q)$(LIBC_DIR)/libm/mkheaders.sh $$($(TOP)/tools/fetch-source.sh musl $(BUILD)) $(LIBM_OUT)/include-hermit
	$(Q)for h in $(LIBM_HDRS); do install -m 644 $(LIBM_OUT)/include-hermit/$$h $(SYS_INC)/$$h; done
	$(Q)touch $@

libm: $(SYS_LIB)/libm.a $(O)/.stamp-libm-headers

.PHONY: libm FORCE
FORCE:
