/* SPDX-License-Identifier: BSD-3-Clause */
/* Static TLS (x86_64 variant II): the image's TLS block copied below each thread's TCB. */
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <kernel/sched.h>

/* From hermit.ld: the TLS template (.tdata, then .tbss) and its alignment. */
extern const char __tdata_start[], __tdata_end[], __tbss_end[];
extern const char __tls_align[];

/*
 * The linker resolves TLS offsets relative to the thread pointer as if the block were
 * [tp - ALIGN_UP(memsz, p_align), tp): the block size must use exactly p_align.
 */
struct hermit_tcb *tls_create(void **alloc)
{
	size_t align = (uintptr_t)__tls_align ? (uintptr_t)__tls_align : 1;
	size_t memsz = __tbss_end - __tdata_start;
	size_t filesz = __tdata_end - __tdata_start;
	size_t block = ALIGN_UP(memsz, align);
	size_t base_align = align > 64 ? align : 64;

	uint8_t *raw = kmalloc(block + sizeof(struct hermit_tcb) + base_align);
	if (!raw)
		return NULL;
	uint8_t *base = (uint8_t *)ALIGN_UP((uintptr_t)raw, base_align);
	kmemset(base, 0, block + sizeof(struct hermit_tcb));
	kmemcpy(base, __tdata_start, filesz);

	struct hermit_tcb *tcb = (struct hermit_tcb *)(base + block);
	tcb->self = tcb;
	*alloc = raw;
	return tcb;
}
