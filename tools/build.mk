# SPDX-License-Identifier: BSD-3-Clause
# Included by every part's Makefile once it has set TOP: the shared build locations, the
# configuration written by ./configure, and quiet output ("  CC      file"; V=1 shows commands).
#
# $(quiet) works both as `$(quiet) CC file` and as `$(call quiet,CC,$@)` (paths shortened).

BUILD   ?= $(TOP)/build
SYSROOT ?= $(BUILD)/sysroot
V       ?= 0

-include $(TOP)/config.mk

ifeq ($(V),1)
Q :=
quiet = @:
else
Q := @
quiet = @printf '  %-7s %s\n' $(1) $(patsubst $(BUILD)/%,%,$(patsubst $(TOP)/%,%,$(2)))
endif
