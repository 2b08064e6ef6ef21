/* SPDX-License-Identifier: BSD-3-Clause */
/* Common kernel definitions: logging, panic, small helpers used everywhere in the kernel. */
#ifndef KERNEL_KERNEL_H
#define KERNEL_KERNEL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a)    (sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a)   (((x) + ((a)-1)) & ~((__typeof__(x))(a)-1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a)-1))
#define PAGE_SIZE        4096UL
#define likely(x)        __builtin_expect(!!(x), 1)
#define unlikely(x)      __builtin_expect(!!(x), 0)
#define READ_ONCE(x)     (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))
#define __noreturn       __attribute__((noreturn))
#define __printf(a, b)   __attribute__((format(printf, a, b)))

/* Formatting without floating point (the kernel may run at CPL0, where SSE is off-limits). */
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int ksnprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/* The kernel log: a ring buffer the loader can read after a crash (struct hermit_klog). */
void klog_init(void);
void klog_write(const char *s, size_t len);
void kprintf(const char *fmt, ...) __printf(1, 2);
/* kprintf, and also straight to the console (stderr of the host). */
void kconsole(const char *fmt, ...) __printf(1, 2);

/* Ends the VM after printing msg; safe at CPL0 and CPL3. */
__noreturn void panic(const char *fmt, ...) __printf(1, 2);

void *kmemcpy(void *dst, const void *src, size_t n);
void *kmemset(void *dst, int c, size_t n);
size_t kstrnlen(const char *s, size_t max);
int kstrcmp(const char *a, const char *b);

#endif
