/* SPDX-License-Identifier: BSD-3-Clause */
/* _dl_find_object(): where libgcc_eh's unwinder (C++ exceptions, Fortran backtraces) finds
 * the unwind tables of the code at an address; a HermitCore image is one static object. */
#include <stdint.h>

/*
 * glibc 2.35's interface, which Debian's libgcc_eh.a calls for every frame it unwinds (it
 * uses no dl_iterate_phdr): on x86_64 only dlfo_eh_frame is read, the start of the object's
 * PT_GNU_EH_FRAME data, i.e. the .eh_frame_hdr section with its sorted search table. The
 * driver links with --eh-frame-hdr; hermit.ld marks the section and the image's text.
 */
struct dl_find_object {
	unsigned long long dlfo_flags;
	void *dlfo_map_start;
	void *dlfo_map_end;
	void *dlfo_link_map;
	void *dlfo_eh_frame;
	unsigned long long __dlfo_reserved[7];
};

int _dl_find_object(void *pc, struct dl_find_object *result);

extern char __image_start[], __image_end[];
extern char __eh_frame_hdr_start[], __eh_frame_hdr_end[];

int _dl_find_object(void *pc, struct dl_find_object *result)
{
	uintptr_t p = (uintptr_t)pc;

	/* An image linked without --eh-frame-hdr has no table: nothing can be unwound. */
	if (p < (uintptr_t)__image_start || p >= (uintptr_t)__image_end ||
	    (uintptr_t)__eh_frame_hdr_start == (uintptr_t)__eh_frame_hdr_end)
		return -1;
	*result = (struct dl_find_object){
	    .dlfo_map_start = __image_start,
	    .dlfo_map_end = __image_end,
	    .dlfo_eh_frame = __eh_frame_hdr_start,
	};
	return 0;
}
