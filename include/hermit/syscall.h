/* SPDX-License-Identifier: BSD-3-Clause */
/* The kernel's system call interface, called by the C library glue (libc/glue) as functions. */
#ifndef HERMIT_SYSCALL_H
#define HERMIT_SYSCALL_H

#include <stddef.h>
#include <stdint.h>

/*
 * In both privilege models a system call is a plain function call: the kernel code runs at
 * the caller's privilege level. Every call returns a negative errno on failure, with Linux
 * x86_64 numbering (HERMIT_E* in abi_uhyve.h); the glue converts to the C library's errno.
 * File flags are HERMIT_O_* values; struct hermit_stat is the ABI struct from abi_uhyve.h.
 */

struct hermit_stat;

struct hermit_timespec {
	int64_t sec;
	int64_t nsec;
};

#define HERMIT_CLOCK_REALTIME		0
#define HERMIT_CLOCK_MONOTONIC		1
#define HERMIT_CLOCK_PROCESS_CPUTIME_ID 2
#define HERMIT_CLOCK_THREAD_CPUTIME_ID	3

int64_t sys_write(int fd, const void *buf, size_t len);
int64_t sys_read(int fd, void *buf, size_t len);
int sys_open(const char *path, int flags, int mode);
int sys_close(int fd);
int64_t sys_lseek(int fd, int64_t offset, int whence);
int sys_fstat(int fd, struct hermit_stat *st);
int sys_stat(const char *path, struct hermit_stat *st);
int sys_unlink(const char *path);
int sys_isatty(int fd); /* 1, 0, or -errno */

/* Grows (or with a negative increment shrinks) the heap; returns the old break or
 * (void *)-1 with -ENOMEM in *err when there is no room. Thread-safe. */
void *sys_sbrk(intptr_t increment, int *err);

int sys_getpid(void);
int sys_clock_gettime(int clock, struct hermit_timespec *ts);
int sys_nanosleep(const struct hermit_timespec *req);
unsigned sys_ncpus(void); /* CPUs online */

/* Ends the application: flushes nothing (the C library has done that), reports `status`
 * to the host and stops all CPUs. */
__attribute__((noreturn)) void sys_exit(int status);

/* Prints `msg`, the registers of the caller and the kernel log tail, then ends the VM. */
__attribute__((noreturn)) void sys_panic(const char *msg);

/*
 * Provided by the C library glue and called once by the kernel on the boot CPU after
 * initialisation, at the privilege level applications run at: sets up the C library,
 * runs constructors, calls main() and exit(). Must not return.
 */
__attribute__((noreturn)) void hermit_libc_start(int argc, char **argv, char **envp);

#endif
