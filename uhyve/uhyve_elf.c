/* SPDX-License-Identifier: BSD-3-Clause */
/* Checks a HermitCore ELF image held in memory and copies its segments into guest RAM. */
#include <elf.h>
#include <gelf.h>
#include <libelf.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "uhyve.h"

#define HERMIT_ELFOSABI 0x42

static int fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/* e_ident and the header fields, read raw: libelf accepts images uhyve must refuse. */
static int check_ident(const unsigned char *b, size_t size, char *err, size_t errlen)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)b;

	if (size < EI_NIDENT || memcmp(b, ELFMAG, SELFMAG))
		return fail(err, errlen, "not an ELF file");
	if (b[EI_CLASS] != ELFCLASS64)
		return fail(err, errlen, "not a 64-bit ELF file (ELFCLASS64)");
	if (b[EI_DATA] != ELFDATA2LSB)
		return fail(err, errlen, "not a little-endian ELF file");
	if (b[EI_OSABI] != HERMIT_ELFOSABI)
		return fail(err, errlen, "not a HermitCore image (EI_OSABI 0x%x, expected 0x42)",
		            b[EI_OSABI]);
	if (size < sizeof(Elf64_Ehdr))
		return fail(err, errlen, "truncated file (ELF header)");
	if (eh->e_machine != EM_X86_64)
		return fail(err, errlen, "not an x86_64 ELF file (e_machine %u)", eh->e_machine);
	if (eh->e_type != ET_EXEC)
		return fail(err, errlen, "not an executable (e_type %u, expected ET_EXEC)",
		            eh->e_type);
	if (eh->e_phentsize != sizeof(Elf64_Phdr))
		return fail(err, errlen, "bad program header size %u", eh->e_phentsize);
	if (eh->e_phoff > size || (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr) > size - eh->e_phoff)
		return fail(err, errlen, "truncated file (program headers)");
	return 0;
}

static int check_segment(const GElf_Phdr *ph, size_t i, size_t size, uint64_t ram_size, char *err,
                         size_t errlen)
{
	if (ph->p_filesz > ph->p_memsz)
		return fail(err, errlen,
		            "segment %zu: filesz 0x%" PRIx64 " larger than memsz 0x%" PRIx64, i,
		            ph->p_filesz, ph->p_memsz);
	if (ph->p_offset > size || ph->p_filesz > size - ph->p_offset)
		return fail(err, errlen,
		            "truncated file (segment %zu: offset 0x%" PRIx64 " size 0x%" PRIx64
		            " beyond end of file)",
		            i, ph->p_offset, ph->p_filesz);
	if (ph->p_paddr < UHYVE_IMAGE_MIN)
		return fail(err, errlen, "segment %zu: starts at 0x%" PRIx64 ", below 0x200000", i,
		            ph->p_paddr);
	if (ph->p_paddr > ram_size || ph->p_memsz > ram_size - ph->p_paddr)
		return fail(err, errlen,
		            "segment %zu: 0x%" PRIx64 "+0x%" PRIx64 " beyond RAM (0x%" PRIx64 ")",
		            i, ph->p_paddr, ph->p_memsz, ram_size);
	return 0;
}

static int check_layout(struct uhyve_image *img, char *err, size_t errlen)
{
	bool entry_ok = false;

	if (img->nseg == 0)
		return fail(err, errlen, "no loadable segment");
	img->start = UINT64_MAX;
	img->end = 0;
	for (size_t i = 0; i < img->nseg; i++) {
		const struct uhyve_segment *a = &img->seg[i];

		for (size_t j = 0; j < i; j++) {
			const struct uhyve_segment *b = &img->seg[j];

			if (a->paddr < b->paddr + b->memsz && b->paddr < a->paddr + a->memsz)
				return fail(err, errlen, "segments %zu and %zu overlap", j, i);
		}
		if (img->entry >= a->paddr && img->entry < a->paddr + a->memsz)
			entry_ok = true;
		if (a->paddr < img->start)
			img->start = a->paddr;
		if (a->paddr + a->memsz > img->end)
			img->end = a->paddr + a->memsz;
	}
	if (!entry_ok)
		return fail(err, errlen, "entry point 0x%" PRIx64 " outside the loaded segments",
		            img->entry);
	return 0;
}

static int read_segments(Elf *elf, size_t size, uint64_t ram_size, struct uhyve_image *img,
                         char *err, size_t errlen)
{
	size_t phnum;
	GElf_Phdr ph;

	if (elf_getphdrnum(elf, &phnum))
		return fail(err, errlen, "bad program headers (%s)", elf_errmsg(-1));
	for (size_t i = 0; i < phnum; i++) {
		if (!gelf_getphdr(elf, (int)i, &ph))
			return fail(err, errlen, "bad program header %zu (%s)", i, elf_errmsg(-1));
		if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
			continue;
		if (check_segment(&ph, i, size, ram_size, err, errlen))
			return -1;
		if (img->nseg == UHYVE_MAX_SEGMENTS)
			return fail(err, errlen, "more than %d loadable segments",
			            UHYVE_MAX_SEGMENTS);
		img->seg[img->nseg++] = (struct uhyve_segment){
		    .paddr = ph.p_paddr,
		    .offset = ph.p_offset,
		    .filesz = ph.p_filesz,
		    .memsz = ph.p_memsz,
		};
	}
	return 0;
}

int uhyve_elf_parse(void *buf, size_t size, uint64_t ram_size, struct uhyve_image *img, char *err,
                    size_t errlen)
{
	GElf_Ehdr eh;
	Elf *elf;
	int ret = -1;

	memset(img, 0, sizeof(*img));
	if (check_ident(buf, size, err, errlen))
		return -1;
	if (elf_version(EV_CURRENT) == EV_NONE)
		return fail(err, errlen, "libelf: %s", elf_errmsg(-1));
	elf = elf_memory(buf, size);
	if (!elf)
		return fail(err, errlen, "libelf: %s", elf_errmsg(-1));
	if (elf_kind(elf) != ELF_K_ELF || !gelf_getehdr(elf, &eh)) {
		fail(err, errlen, "bad ELF header (%s)", elf_errmsg(-1));
		goto out_end;
	}
	img->entry = eh.e_entry;
	if (read_segments(elf, size, ram_size, img, err, errlen))
		goto out_end;
	ret = check_layout(img, err, errlen);
out_end:
	elf_end(elf);
	return ret;
}

void uhyve_elf_load(const void *buf, const struct uhyve_image *img, uint8_t *mem)
{
	for (size_t i = 0; i < img->nseg; i++) {
		const struct uhyve_segment *s = &img->seg[i];
		uint64_t tail = s->memsz - s->filesz;
		uint64_t to_page_end = (0 - (s->paddr + s->filesz)) & 4095;

		memcpy(mem + s->paddr, (const uint8_t *)buf + s->offset, s->filesz);
		/* Fresh guest RAM is zero already; clear only to the end of the page that holds
		 * the last file byte so that a large .bss is not touched (and not faulted in). */
		if (tail > to_page_end)
			tail = to_page_end;
		memset(mem + s->paddr + s->filesz, 0, tail);
	}
}
