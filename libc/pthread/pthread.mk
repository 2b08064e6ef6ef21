# SPDX-License-Identifier: BSD-3-Clause
# libpthread.a, included by libc/Makefile: POSIX threads on the kernel's threads and
# futexes, plus the newlib hooks (__retarget_lock_*, __getreent) that make libc thread-safe.

PTHREAD_OBJS := $(addprefix $(O)/pthread/, \
	attr.o \
	barrier.o \
	cond.o \
	futex.o \
	key.o \
	mutex.o \
	newlib_locks.o \
	once.o \
	reent.o \
	rwlock.o \
	sched.o \
	sem.o \
	signal.o \
	spin.o \
	thread.o \
	yield.o)
PTHREAD_LIB := $(O)/libpthread.a

$(O)/pthread/%.o: $(LIBC_DIR)/pthread/%.c $(DRIVER) $(O)/.stamp-install $(HERMIT_HEADERS)
	$(quiet) CC pthread/$*.c
	$(Q)mkdir -p $(dir $@)
	$(Q)$(DRIVER) $(TARGET_CFLAGS) -I$(LIBC_DIR)/pthread -c $< -o $@

$(PTHREAD_LIB): $(PTHREAD_OBJS)
	$(quiet) AR $(notdir $@)
	$(Q)rm -f $@ && ar rcs $@ $^

$(SYS_LIB)/libpthread.a: $(PTHREAD_LIB)
	$(quiet) INSTALL $(notdir $@)
	$(Q)install -D -m 644 $< $@

pthread: $(SYS_LIB)/libpthread.a

-include $(PTHREAD_OBJS:.o=.d)
