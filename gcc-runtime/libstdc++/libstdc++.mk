# SPDX-License-Identifier: BSD-3-Clause
# libstdc++ and libsupc++ (C++ runtime) from gcc-12-source, included by gcc-runtime/Makefile.
# Configured as a newlib cross library for x86_64-elf (GCC's own configure and Makefiles,
# compiles only: toolchain/x86_64-elf-tool.sh stands in for the cross tools), gthreads on
# POSIX threads, then installed into the sysroot with the C++ headers; the driver
# x86_64-hermit-g++ (tools/x86_64-hermit-gcc.in in C++ mode) uses them.
#
#   make -C gcc-runtime libstdc++   - unpack, configure, build, install (once)

CXX_DIR  := $(HERE)/libstdc++
CXX_O    := $(O)/libstdc++
CXX_SRC  := $(CXX_O)/src
CXX_OBJ  := $(CXX_O)/build
CXX_INST := $(CXX_O)/install
CXX_BIN  := $(CXX_O)/toolbin
CXX_JOBS ?= 2
# The installed headers: $(SYS_INC)/c++/12 (and its x86_64-hermit/ for the target's bits).
CXX_INC  := $(SYS_INC)/c++/$(firstword $(subst ., ,$(GCC_VERSION)))
CXX_TOOLS := gcc cc g++ c++ cpp ar ranlib as ld nm objcopy objdump strip readelf size strings
CXX_PATH := PATH=$(CXX_BIN):$$PATH HERMIT_SYSROOT_INC=$(SYS_INC)
CXX_LOG  = $(if $(filter 1,$(V)),,> $(CXX_OBJ)/$(1).log 2>&1) || \
	{ tail -40 $(CXX_OBJ)/$(1).log; exit 1; }

# What libstdc++ needs of the GCC tree (its own directory, libgcc's gthr and unwind-pe
# headers, libiberty's demangler, the version, the shared autoconf helpers); its own copy,
# so that libgomp's unpack step and this one never remove each other's files.
CXX_UNPACK := libstdc++-v3 'libgcc/gthr*.h' libgcc/unwind-pe.h 'libiberty/cp-demangle.[ch]' \
	gcc/BASE-VER gcc/DATESTAMP config include config.sub config.guess install-sh ltmain.sh \
	config-ml.in mkinstalldirs move-if-change missing depcomp compile libtool.m4 \
	ltoptions.m4 ltsugar.m4 ltversion.m4 lt~obsolete.m4 libtool-ldflags

# Configure cannot link (newlib cross build): two link results on the command line, the
# rest in config-hermit.h (appended to its config.h).
CXX_CONFIGURE := --build=$$(sh $(CXX_SRC)/config.guess) \
	--host=x86_64-elf --target=x86_64-elf --prefix=$(CXX_INST) \
	--with-gxx-include-dir=$(CXX_INST)/include/c++ \
	--with-newlib --disable-shared --enable-static \
	--disable-multilib --disable-nls --disable-libstdcxx-pch --disable-libstdcxx-backtrace \
	--disable-werror \
	ac_cv_func_fcntl=yes ac_cv_func_getexecname=no \
	CFLAGS='-O2 -g' CXXFLAGS='-O2 -g -ftls-model=initial-exec'

.PHONY: libstdc++
all: libstdc++

$(CXX_O)/.stamp-unpack: $(GCC_TARBALL) $(CXX_DIR)/os_defines.sed
	$(call gcc_unpack,$(CXX_SRC),libstdc++-v3,$(CXX_UNPACK))
	$(Q)sed -i -f $(CXX_DIR)/os_defines.sed $(CXX_SRC)/libstdc++-v3/config/os/newlib/os_defines.h
	$(Q)touch $@

$(CXX_O)/.stamp-toolbin: $(HERE)/toolchain/x86_64-elf-tool.sh
	$(quiet) TOOLS "libstdc++: x86_64-elf-*"
	$(Q)mkdir -p $(CXX_BIN)
	$(Q)for t in $(CXX_TOOLS); do \
		ln -sf $(HERE)/toolchain/x86_64-elf-tool.sh $(CXX_BIN)/x86_64-elf-$$t; done
	$(Q)touch $@

# newlib's headers must be installed (libc.a comes with them).
$(CXX_O)/.stamp-configure: $(CXX_O)/.stamp-unpack $(CXX_O)/.stamp-toolbin \
		$(CXX_DIR)/config-hermit.h | $(SYS_LIB)/libc.a
	$(quiet) CONFIG libstdc++-v3
	$(Q)rm -rf $(CXX_OBJ) && mkdir -p $(CXX_OBJ) $(CXX_O)/libgcc
	$(Q)cp $(CXX_SRC)/libgcc/gthr-posix.h $(CXX_O)/libgcc/gthr-default.h
	$(Q)cd $(CXX_OBJ) && $(CXX_PATH) $(CXX_SRC)/libstdc++-v3/configure $(CXX_CONFIGURE) \
		$(call CXX_LOG,configure)
	$(Q)cat $(CXX_DIR)/config-hermit.h >> $(CXX_OBJ)/config.h
	$(Q)touch $@

$(CXX_O)/.stamp-build: $(CXX_O)/.stamp-configure
	$(quiet) MAKE "libstdc++-v3 (log: $(patsubst $(BUILD)/%,build/%,$(CXX_OBJ))/build.log)"
	$(Q)$(CXX_PATH) $(MAKE) -C $(CXX_OBJ) -j$(CXX_JOBS) $(call CXX_LOG,build)
	$(Q)touch $@

# libstdc++.a holds libsupc++'s objects too; libsupc++.a is installed for -nostdlib++ users.
$(CXX_O)/.stamp-install: $(CXX_O)/.stamp-build
	$(quiet) INSTALL "libstdc++.a libsupc++.a c++/$(notdir $(CXX_INC))"
	$(Q)rm -rf $(CXX_INST) $(CXX_INC)
	$(Q)$(CXX_PATH) $(MAKE) -C $(CXX_OBJ) install $(call CXX_LOG,install)
	$(Q)mkdir -p $(SYS_LIB) $(dir $(CXX_INC))
	$(Q)cp -R $(CXX_INST)/include/c++ $(CXX_INC)
	$(Q)mv $(CXX_INC)/x86_64-elf $(CXX_INC)/$(TARGET)
	$(Q)install -m 644 $(CXX_INST)/lib/libstdc++.a $(CXX_INST)/lib/libsupc++.a $(SYS_LIB)/
	$(Q)touch $@

libstdc++: $(CXX_O)/.stamp-install
