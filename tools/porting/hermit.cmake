# SPDX-License-Identifier: BSD-3-Clause
# CMake toolchain file for HermitCore: cmake -DCMAKE_TOOLCHAIN_FILE=<sysroot>/x86_64-hermit/share/cmake/hermit.cmake
#
# Installed with the sysroot (build/sysroot, or PREFIX after make install); everything is found
# relative to this file. Static images only (no shared libraries). try_run() and ctest run the
# images through the proxy (CMAKE_CROSSCOMPILING_EMULATOR), so no binfmt handler is needed;
# HERMIT_ISLE etc. in the environment choose where they run.

set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

get_filename_component(HERMIT_SYSROOT "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
set(HERMIT_TARGET_DIR "${HERMIT_SYSROOT}/x86_64-hermit")

set(CMAKE_C_COMPILER "${HERMIT_SYSROOT}/bin/x86_64-hermit-gcc")
set(CMAKE_CXX_COMPILER "${HERMIT_SYSROOT}/bin/x86_64-hermit-g++")
set(PKG_CONFIG_EXECUTABLE "${HERMIT_SYSROOT}/bin/x86_64-hermit-pkg-config" CACHE FILEPATH
    "pkg-config for HermitCore's libraries")

# The proxy: next to the compiler after make install, build/proxy/proxy in the build tree.
find_program(HERMIT_PROXY NAMES proxy
             PATHS "${HERMIT_SYSROOT}/bin" "${HERMIT_SYSROOT}/../proxy" NO_DEFAULT_PATH)
if(HERMIT_PROXY)
  set(CMAKE_CROSSCOMPILING_EMULATOR "${HERMIT_PROXY}")
endif()

# Headers, libraries and packages from the sysroot only; programs from the host.
set(CMAKE_FIND_ROOT_PATH "${HERMIT_TARGET_DIR}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# One static image: add_library() makes static archives, find_library() takes .a files.
set(BUILD_SHARED_LIBS OFF CACHE BOOL "HermitCore has no shared libraries")
set(CMAKE_FIND_LIBRARY_SUFFIXES .a)
set_property(GLOBAL PROPERTY TARGET_SUPPORTS_SHARED_LIBS FALSE)
