/* SPDX-License-Identifier: BSD-3-Clause */
/* The kernel log ring (struct hermit_klog), published to the loader through boot info. */
#include <hermit/boot_info.h>
#include <kernel/arch.h>
#include <kernel/kernel.h>
#include <kernel/platform.h>
#include <kernel/spinlock.h>

#define KLOG_SIZE 65536

static struct {
	struct hermit_klog hdr;
	char data[KLOG_SIZE];
} klog = {.hdr = {.size = KLOG_SIZE}};
static spinlock_t klog_lock = SPINLOCK_INIT; /* guards klog.hdr.head and data */

void klog_init(void)
{
	boot_info->klog_addr = (uintptr_t)&klog;
}

void klog_write(const char *s, size_t len)
{
	unsigned long flags = arch_irq_save();
	spin_lock(&klog_lock);
	for (size_t i = 0; i < len; i++)
		klog.data[(klog.hdr.head + i) % KLOG_SIZE] = s[i];
	__atomic_store_n(&klog.hdr.head, klog.hdr.head + len, __ATOMIC_RELEASE);
	spin_unlock(&klog_lock);
	arch_irq_restore(flags);
}

/* Formats into the log; with `console` also onto the host's stderr. */
static void vlog(bool console, const char *fmt, va_list ap)
{
	char buf[256];
	int n = kvsnprintf(buf, sizeof(buf), fmt, ap);
	size_t len = n < 0 ? 0 : (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1;

	klog_write(buf, len);
	if (console && platform)
		hcall_write(2, buf, len);
}

void kprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vlog(false, fmt, ap);
	va_end(ap);
}

void kconsole(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vlog(true, fmt, ap);
	va_end(ap);
}
