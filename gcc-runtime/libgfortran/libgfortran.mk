# SPDX-License-Identifier: BSD-3-Clause
# libgfortran and libquadmath (Fortran runtime) from gcc-12-source, and libgomp's Fortran
# modules (omp_lib), included by gcc-runtime/Makefile. Both libraries are configured with
# GCC's own configure as cross libraries for x86_64-elf whose compilers are our drivers
# (x86_64-hermit-gcc and -gfortran over the host's gfortran): configure's link tests link
# real images against the sysroot's C library, so they find what it has. Installed into the
# sysroot (lib/, lib/finclude/ for the .mod files); the driver x86_64-hermit-gfortran uses them.
#
#   make -C gcc-runtime libgfortran   - unpack, configure, build, install (once)

FC_DIR  := $(HERE)/libgfortran
FC_O    := $(O)/libgfortran
FC_SRC  := $(FC_O)/src
FC_OBJ  := $(FC_O)/build
FC_INST := $(FC_O)/install
FC_BIN  := $(FC_O)/toolbin
FC_JOBS ?= 2
FC_DRIVER := $(SYSROOT)/bin/$(TARGET)-gfortran
FINCLUDE  := $(SYS_LIB)/finclude
FC_PATH := PATH=$(FC_BIN):$$PATH HERMIT_SYSROOT_INC=$(SYS_INC)
FC_LOG   = $(if $(filter 1,$(V)),,> $(FC_OBJ)/$(1).log 2>&1) || \
	{ tail -40 $(FC_OBJ)/$(1).log; exit 1; }

# What the two libraries need of the GCC tree: their own directories, the front end's
# libgfortran.h, libgcc's gthr headers, libbacktrace's interface (backtrace.c implements
# what libgfortran calls), the version and the shared autoconf helpers.
FC_UNPACK := libgfortran libquadmath gcc/fortran/libgfortran.h 'libgcc/gthr*.h' \
	libbacktrace/backtrace.h libbacktrace/backtrace-supported.h.in \
	gcc/BASE-VER gcc/DATESTAMP config include config.sub config.guess install-sh \
	ltmain.sh config-ml.in mkinstalldirs move-if-change missing depcomp compile \
	libtool-ldflags

# Both run as cross builds (host x86_64-elf: run tests are skipped, link tests are real);
# AR_FLAGS: libtool's default "cru" makes ar warn on every archive.
FC_CONFIGURE := --build=$$(sh $(FC_SRC)/config.guess) \
	--host=x86_64-elf --target=x86_64-elf --prefix=$(FC_INST) \
	--disable-shared --enable-static --disable-multilib --disable-nls --disable-werror \
	CFLAGS='-O2 -g -ftls-model=initial-exec' FCFLAGS='-O2 -g' \
	FC=x86_64-elf-gfortran GFORTRAN=x86_64-elf-gfortran AR_FLAGS=cr

.PHONY: libgfortran
# Only what the Fortran tests and make check need: make demo never gets here.
all: libgfortran

$(FC_O)/.stamp-unpack: $(GCC_TARBALL)
	$(call gcc_unpack,$(FC_SRC),libgfortran libquadmath,$(FC_UNPACK))
	$(Q)mkdir -p $(FC_SRC)/gcc/config
	$(Q)touch $@

# The compilers are the drivers themselves (links give images); the rest are host tools.
$(FC_O)/.stamp-toolbin: $(HERE)/toolchain/x86_64-elf-tool.sh | $(DRIVER)
	$(quiet) TOOLS "libgfortran: x86_64-elf-*"
	$(Q)mkdir -p $(FC_BIN)
	$(Q)ln -sf $(DRIVER) $(FC_BIN)/x86_64-elf-gcc
	$(Q)ln -sf $(DRIVER) $(FC_BIN)/x86_64-elf-cc
	$(Q)ln -sf $(FC_DRIVER) $(FC_BIN)/x86_64-elf-gfortran
	$(Q)for t in cpp ar ranlib as ld nm objcopy objdump strip readelf size strings; do \
		ln -sf $(HERE)/toolchain/x86_64-elf-tool.sh $(FC_BIN)/x86_64-elf-$$t; done
	$(Q)touch $@

# One configure per library, in sibling directories: libgfortran's finds libquadmath's
# libtool library and headers at ../libquadmath.
$(FC_O)/.stamp-configure: $(FC_O)/.stamp-unpack $(FC_O)/.stamp-toolbin | $(SYS_LIB)/libc.a
	$(quiet) CONFIG "libquadmath libgfortran"
	$(Q)rm -rf $(FC_OBJ) $(FC_O)/gcc
	$(Q)mkdir -p $(FC_OBJ)/libquadmath $(FC_OBJ)/libgfortran $(FC_OBJ)/libgcc $(FC_O)/gcc
	$(Q)cp $(FC_SRC)/libgcc/gthr-posix.h $(FC_OBJ)/libgcc/gthr-default.h
	$(Q)cd $(FC_OBJ)/libquadmath && $(FC_PATH) $(FC_SRC)/libquadmath/configure \
		$(FC_CONFIGURE) $(call FC_LOG,configure-libquadmath)
	$(Q)touch $@

$(FC_O)/.stamp-quadmath: $(FC_O)/.stamp-configure
	$(quiet) MAKE "libquadmath (log: $(patsubst $(BUILD)/%,build/%,$(FC_OBJ))/build-libquadmath.log)"
	$(Q)$(FC_PATH) $(MAKE) -C $(FC_OBJ)/libquadmath -j$(FC_JOBS) $(call FC_LOG,build-libquadmath)
	$(Q)touch $@

$(FC_O)/.stamp-configure-gfortran: $(FC_O)/.stamp-quadmath $(FC_DIR)/config-hermit.h
	$(quiet) CONFIG libgfortran
	$(Q)rm -rf $(FC_OBJ)/libgfortran && mkdir -p $(FC_OBJ)/libgfortran
	$(Q)cd $(FC_OBJ)/libgfortran && $(FC_PATH) $(FC_SRC)/libgfortran/configure \
		$(FC_CONFIGURE) $(call FC_LOG,configure-libgfortran)
	$(Q)cat $(FC_DIR)/config-hermit.h >> $(FC_OBJ)/libgfortran/config.h
	$(Q)touch $@

# libgfortran.la takes ../libbacktrace/libbacktrace.la in: ours, made with its libtool
# (backtrace.h wants its gstdint.h).
FC_BT := $(FC_OBJ)/libbacktrace
$(FC_O)/.stamp-backtrace: $(FC_O)/.stamp-configure-gfortran $(FC_DIR)/backtrace.c
	$(quiet) CC libgfortran/backtrace.c
	$(Q)mkdir -p $(FC_BT)
	$(Q)sed -e 's/@BACKTRACE_SUPPORTED@/1/' -e 's/@BACKTRACE_USES_MALLOC@/1/' \
		-e 's/@BACKTRACE_SUPPORTS_THREADS@/1/' -e 's/@BACKTRACE_SUPPORTS_DATA@/0/' \
		$(FC_SRC)/libbacktrace/backtrace-supported.h.in > $(FC_BT)/backtrace-supported.h
	$(Q)cp $(FC_SRC)/libbacktrace/backtrace.h $(FC_BT)/
	$(Q)cd $(FC_BT) && $(FC_PATH) ../libgfortran/libtool --quiet --tag=CC --mode=compile \
		x86_64-elf-gcc -O2 -g -Wall -Wextra -I. -I../libgfortran \
		-c $(FC_DIR)/backtrace.c -o backtrace.lo
	$(Q)cd $(FC_BT) && $(FC_PATH) ../libgfortran/libtool --quiet --tag=CC --mode=link \
		x86_64-elf-gcc -o libbacktrace.la backtrace.lo
	$(Q)touch $@

$(FC_O)/.stamp-build: $(FC_O)/.stamp-backtrace
	$(quiet) MAKE "libgfortran (log: $(patsubst $(BUILD)/%,build/%,$(FC_OBJ))/build-libgfortran.log)"
	$(Q)$(FC_PATH) $(MAKE) -C $(FC_OBJ)/libgfortran -j$(FC_JOBS) $(call FC_LOG,build-libgfortran)
	$(Q)touch $@

$(FC_O)/.stamp-install: $(FC_O)/.stamp-build
	$(quiet) INSTALL "libgfortran.a libquadmath.a quadmath.h finclude/ieee_*.mod"
	$(Q)rm -rf $(FC_INST)
	$(Q)$(FC_PATH) $(MAKE) -C $(FC_OBJ)/libquadmath install $(call FC_LOG,install-libquadmath)
	$(Q)$(FC_PATH) $(MAKE) -C $(FC_OBJ)/libgfortran install $(call FC_LOG,install-libgfortran)
	$(Q)mkdir -p $(FINCLUDE)
	$(Q)install -m 644 $(FC_INST)/lib/libgfortran.a $(FC_INST)/lib/libquadmath.a $(SYS_LIB)/
	$(Q)install -m 644 $(FC_INST)/lib/gcc/x86_64-elf/$(GCC_VERSION)/include/quadmath*.h $(SYS_INC)/
	$(Q)install -m 644 $(FC_INST)/lib/gcc/x86_64-elf/$(GCC_VERSION)/finclude/*.mod $(FINCLUDE)/
	$(Q)touch $@

# --- libgomp's Fortran interface: omp_lib.mod, omp_lib_kinds.mod, omp_lib.h ---------------
# (libgomp.a has the Fortran entry points, fortran.c; OpenACC's Fortran module is left out.)

# libgomp's configure substitutes the lock kinds (omp-lock.h's sizes) and intptr_t's kind in
# omp_lib.f90.in and omp_lib.h.in: the same sed script as for omp.h.
OMP_F_O := $(GOMP_O)/fortran

$(OMP_F_O)/omp_lib.f90 $(OMP_F_O)/omp_lib.h: $(OMP_F_O)/%: $(O)/.stamp-unpack \
		$(HERE)/libgomp/lock-sizes.sed
	$(quiet) GEN libgomp/$*
	$(Q)mkdir -p $(dir $@)
	$(Q)sed -f $(HERE)/libgomp/lock-sizes.sed $(GOMP_SRC)/$*.in > $@.tmp
	$(Q)! grep -n '@[A-Z_0-9]*@' $@.tmp || { echo "libgomp/$*: substitution missing" >&2; exit 1; }
	$(Q)mv $@.tmp $@

$(OMP_F_O)/.stamp-mod: $(OMP_F_O)/omp_lib.f90 $(FC_O)/.stamp-install
	$(quiet) FC libgomp/omp_lib.f90
	$(Q)cd $(OMP_F_O) && $(FC_DRIVER) -cpp -fopenmp -fsyntax-only omp_lib.f90
	$(Q)touch $@

$(FC_O)/.stamp-omp-install: $(OMP_F_O)/.stamp-mod $(OMP_F_O)/omp_lib.h
	$(quiet) INSTALL "finclude/omp_lib.mod omp_lib_kinds.mod omp_lib.h"
	$(Q)install -m 644 $(OMP_F_O)/omp_lib.mod $(OMP_F_O)/omp_lib_kinds.mod \
		$(OMP_F_O)/omp_lib.h $(FINCLUDE)/
	$(Q)touch $@

libgfortran: $(FC_O)/.stamp-install $(FC_O)/.stamp-omp-install

# --- libgomp's Fortran testsuite, its plain run tests (tests/libgomp-fortran-run.sh) -------

.PHONY: check-fortran-host
# Under uhyve on this host, with HERMIT_CPUS=$(CPUS) (default 2).
check-fortran-host: libgomp libgfortran
	$(Q)HERMIT_CPUS=$(CPUS) $(HERE)/tests/libgomp-fortran-run.sh $(GOMP_SRC)/testsuite \
		$(O)/libgomp-fortran $(FC_DRIVER) $(BUILD)/uhyve/uhyve
