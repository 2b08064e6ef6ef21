/* SPDX-License-Identifier: BSD-3-Clause */
/* Prints the guest kernel log ring (boot_info.klog_addr) after a crash or in verbose mode. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uhyve.h"

/* Copies the valid part of the ring into a new buffer; NULL if there is none or it is bad. */
static char *klog_copy(const struct uhyve_vm *vm, size_t *len)
{
	struct hermit_klog hdr;
	const struct hermit_klog *k;
	uint64_t addr = __atomic_load_n(&vm->boot_info->klog_addr, __ATOMIC_RELAXED);
	uint64_t avail, start;
	const char *data;
	char *buf;

	if (!addr || !(k = uhyve_gpa_p(vm, addr, sizeof(hdr))))
		return NULL;
	memcpy(&hdr, k, sizeof(hdr));
	if (!hdr.size || (hdr.size & (hdr.size - 1)) ||
	    !(data = uhyve_gpa_p(vm, addr + sizeof(hdr), hdr.size)))
		return NULL;
	avail = hdr.head < hdr.size ? hdr.head : hdr.size;
	buf = malloc(avail + 1);
	if (!buf)
		return NULL;
	start = (hdr.head - avail) & (hdr.size - 1);
	if (start + avail <= hdr.size) {
		memcpy(buf, data + start, avail);
	} else {
		memcpy(buf, data + start, hdr.size - start);
		memcpy(buf + hdr.size - start, data, avail - (hdr.size - start));
	}
	buf[avail] = '\0';
	*len = avail;
	return buf;
}

/* Prints the last `lines` lines (all with 0), without control characters, under a title line
 * "<who> kernel log". */
void uhyve_klog_print_as(const struct uhyve_vm *vm, unsigned lines, const char *who)
{
	size_t len = 0, from;
	unsigned seen = 0;
	char *buf = klog_copy(vm, &len);

	if (!buf)
		return;
	from = len;
	if (from && buf[from - 1] == '\n')
		from--;
	while (from > 0 && (!lines || seen < lines)) {
		if (buf[from - 1] == '\n' && ++seen == lines)
			break;
		from--;
	}
	for (size_t i = from; i < len; i++)
		if ((buf[i] < 0x20 && buf[i] != '\n' && buf[i] != '\t') || buf[i] == 0x7f)
			buf[i] = '?';
	fprintf(stderr, "%s kernel log%s:\n%s%s", who, lines ? " (tail)" : "", buf + from,
	        len && buf[len - 1] != '\n' ? "\n" : "");
	free(buf);
}

void uhyve_klog_print_tail(const struct uhyve_vm *vm, unsigned lines)
{
	uhyve_klog_print_as(vm, lines, "uhyve: guest");
}
