# SPDX-License-Identifier: BSD-3-Clause
# Top-level build: installs missing Debian packages, configures, builds every part, runs tests.
#
#   make demo    - set up, build, run the hello demo under uhyve
#   make check   - set up, build, run the whole test suite (host + nested QEMU)
#   make qemu    - interactive shell in the nested QEMU guest, build tree at /hermit
#   make bench   - benchmarks: Linux, uhyve and isles compared (tools/bench.sh, doc/benchmarks.md)
#   make check-libgomp - libgomp's whole testsuite in the nested QEMU (uhyve 1 and 2 CPUs, isle 1)
#   make packages - Debian source packages built with the driver (usr/packages/README.md)
#   make check-packages - their own test suites, all of them (make check runs a cheap part)
#   V=1          - show full commands

TOP     := $(CURDIR)
BUILD   := $(TOP)/build
SYSROOT := $(BUILD)/sysroot
V       ?= 0
-include config.mk
PREFIX  ?= /opt/hermit

# Every sub-make gets the same locations.
SUBMAKE = $(MAKE) --no-print-directory TOP=$(TOP) BUILD=$(BUILD) SYSROOT=$(SYSROOT) V=$(V)

.PHONY: all deps kernel libc uhyve proxy tests linux demo check check-host check-qemu qemu \
	bench fuzz format clean distclean install gcc-runtime check-libgomp porting packages \
	check-packages

# The isle module needs the Debian kernel headers (make -C tools/qemu kernel fetches them).
LINUX_MODULE := $(if $(wildcard $(BUILD)/qemu/headers/Makefile),linux)

all: uhyve proxy tests porting $(LINUX_MODULE)

# Packages: the script installs only what is missing and is quiet (0.2 s) when all is there,
# so every build checks them; as an order-only prerequisite it never forces a reconfigure.
deps:
	@tools/install-deps.sh

config.mk: configure | deps
	@./configure

kernel: config.mk
	@$(SUBMAKE) -C kernel

libc: config.mk kernel
	@$(SUBMAKE) -C libc

uhyve: config.mk
	@$(SUBMAKE) -C uhyve

proxy: config.mk
	@$(SUBMAKE) -C proxy

tests: libc kernel proxy gcc-runtime lwip
	@$(SUBMAKE) -C usr/tests

# GCC's runtime libraries (libgomp, libstdc++, libgfortran) from Debian's gcc-12-source, into
# the sysroot (once).
gcc-runtime: config.mk libc kernel
	@$(SUBMAKE) -C gcc-runtime

# The porting aids in the sysroot: CMake toolchain file, x86_64-hermit-pkg-config, librt/libdl.
porting: config.mk libc
	@$(SUBMAKE) -C tools/porting

# Debian's zlib, bzip2 and xz-utils, unmodified, built with the driver (usr/packages/).
packages: libc kernel proxy uhyve porting
	@$(SUBMAKE) -C usr/packages

# Their own test suites, all of them also in the nested QEMU (make check runs xz-utils' make
# check on the host only: it takes minutes under QEMU's emulation).
check-packages: packages
	@if [ ! -c /dev/kvm ]; then $(SUBMAKE) -C tools/qemu; fi
	@usr/packages/check.sh --all $(BUILD)

# lwIP from Debian's source package, with our port and the socket glue: liblwip.a (lwip/).
.PHONY: lwip
lwip: config.mk libc kernel
	@$(SUBMAKE) -C lwip

# hermit.ko (Linux isle module) and its test programs, against the nested QEMU's kernel.
linux:
	@$(SUBMAKE) -C linux

# Without /dev/kvm on this host, hello runs in the nested QEMU instead: on isle 0 and under
# uhyve on the guest's nested KVM (which needs the guest kernel and the isle module first).
demo: uhyve proxy libc kernel
	@$(SUBMAKE) -C usr/tests $(BUILD)/usr/tests/hello
	@if [ -c /dev/kvm ]; then \
		echo "== HERMIT_ISLE=uhyve build/proxy/proxy build/usr/tests/hello"; \
		HERMIT_ISLE=uhyve $(BUILD)/proxy/proxy $(BUILD)/usr/tests/hello; \
	else \
		echo "== no /dev/kvm on this host: hello in the nested QEMU, on isle 0 and under uhyve"; \
		$(SUBMAKE) -C tools/qemu && $(SUBMAKE) -C linux && \
		tools/qemu/run.sh --run 'cd /hermit && \
			echo "== HERMIT_ISLE=0 build/proxy/proxy build/usr/tests/hello" && \
			HERMIT_ISLE=0 build/proxy/proxy build/usr/tests/hello && \
			echo "== HERMIT_ISLE=uhyve build/proxy/proxy build/usr/tests/hello" && \
			HERMIT_ISLE=uhyve build/proxy/proxy build/usr/tests/hello'; \
	fi

check: all packages
	@$(SUBMAKE) -C gcc-runtime tests-sample
	@$(SUBMAKE) -C tools/qemu
	@$(SUBMAKE) -C linux
	@tools/run-checks.sh $(BUILD)

# libgomp's own testsuite, all of it (make check runs every 4th test): under uhyve with 1 and
# 2 CPUs, then on isle 1 (both cores of node 1).
check-libgomp: all
	@$(SUBMAKE) -C gcc-runtime tests
	@$(SUBMAKE) -C tools/qemu
	@$(SUBMAKE) -C linux
	@tools/qemu/run.sh --timeout 3600 --run 'cd /hermit && HERMIT_CPUS="1 2" \
		gcc-runtime/tests/libgomp-run.sh build/gcc-runtime/libgomp-tests build/uhyve/uhyve'
	@tools/qemu/run.sh --timeout 3600 --run 'cd /hermit && HERMIT_CPUS=2 \
		gcc-runtime/tests/libgomp-run.sh build/gcc-runtime/libgomp-tests \
		env HERMIT_ISLE=1 build/proxy/proxy'

qemu: all
	@$(SUBMAKE) -C tools/qemu
	@$(SUBMAKE) -C linux
	@tools/qemu/run.sh --interactive

# The benchmark comparison (doc/benchmarks.md): Linux native, uhyve and isles side by side in
# the nested QEMU, Linux vs uhyve on the host. BENCH_ARGS passes options to tools/bench.sh,
# e.g. BENCH_ARGS='--reps 7 --only basic,stream' (tools/bench.sh --help lists them).
bench: all
	@$(SUBMAKE) -C usr/benchmarks all
	@$(SUBMAKE) -C uhyve $(BUILD)/uhyve/bench/kvm-floor
	@$(SUBMAKE) -C tools/qemu
	@$(SUBMAKE) -C linux
	@TOP=$(TOP) BUILD=$(BUILD) tools/bench.sh $(BENCH_ARGS)

fuzz: config.mk
	@$(SUBMAKE) -C uhyve fuzz

# PREFIX/bin: uhyve, proxy, x86_64-hermit-gcc, -g++, -gfortran and -pkg-config;
# PREFIX/x86_64-hermit: headers and libraries (with gcc-runtime's libgomp, libstdc++,
# libgfortran and the Fortran modules in lib/finclude).
install: uhyve proxy libc kernel lwip gcc-runtime porting
	@echo "  INSTALL $(PREFIX)"
	@install -d $(PREFIX)/bin $(PREFIX)/x86_64-hermit
	@install -m 755 $(BUILD)/uhyve/uhyve $(BUILD)/proxy/proxy \
		$(SYSROOT)/bin/x86_64-hermit-gcc $(SYSROOT)/bin/x86_64-hermit-pkg-config $(PREFIX)/bin/
	@ln -sf x86_64-hermit-gcc $(PREFIX)/bin/x86_64-hermit-g++
	@ln -sf x86_64-hermit-gcc $(PREFIX)/bin/x86_64-hermit-gfortran
	@cp -R $(SYSROOT)/x86_64-hermit/. $(PREFIX)/x86_64-hermit/

format:
	@git ls-files '*.c' '*.h' | grep -v '^linux/' | xargs clang-format -i

clean:
	rm -rf $(BUILD)

distclean: clean
	rm -f config.mk
