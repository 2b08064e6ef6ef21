/* SPDX-License-Identifier: BSD-3-Clause */
/* Unit tests of the ELF loader: good images and hand-made malformed ones. */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "uhyve.h"
#include "unit.h"

#define RAM   (32ULL << 20)
#define DATA  0x1000 /* file offset of the first segment's bytes */
#define FSIZE 0x1100

/* A valid one-segment image: 0x100 file bytes at 0x200000, memsz 0x2000, entry at start. */
struct test_image {
	Elf64_Ehdr eh;
	Elf64_Phdr ph[3];
	unsigned char pad[DATA - sizeof(Elf64_Ehdr) - 3 * sizeof(Elf64_Phdr)];
	unsigned char data[FSIZE - DATA];
};

static struct test_image *good_image(void)
{
	struct test_image *t = calloc(1, sizeof(*t));

	memcpy(t->eh.e_ident, ELFMAG, SELFMAG);
	t->eh.e_ident[EI_CLASS] = ELFCLASS64;
	t->eh.e_ident[EI_DATA] = ELFDATA2LSB;
	t->eh.e_ident[EI_VERSION] = EV_CURRENT;
	t->eh.e_ident[EI_OSABI] = 0x42;
	t->eh.e_type = ET_EXEC;
	t->eh.e_machine = EM_X86_64;
	t->eh.e_version = EV_CURRENT;
	t->eh.e_entry = 0x200000;
	t->eh.e_phoff = sizeof(Elf64_Ehdr);
	t->eh.e_ehsize = sizeof(Elf64_Ehdr);
	t->eh.e_phentsize = sizeof(Elf64_Phdr);
	t->eh.e_phnum = 1;
	t->ph[0] = (Elf64_Phdr){
	    .p_type = PT_LOAD,
	    .p_flags = PF_R | PF_X,
	    .p_offset = DATA,
	    .p_vaddr = 0x200000,
	    .p_paddr = 0x200000,
	    .p_filesz = 0x100,
	    .p_memsz = 0x2000,
	    .p_align = 0x1000,
	};
	for (size_t i = 0; i < sizeof(t->data); i++)
		t->data[i] = (unsigned char)(i + 1);
	return t;
}

/* Parses t (size bytes of it) and checks the error text; NULL want means success. */
static void expect(const char *name, struct test_image *t, size_t size, const char *want)
{
	struct uhyve_image img;
	char err[256] = "";
	int ret = uhyve_elf_parse(t, size, RAM, &img, err, sizeof(err));

	unit_str(name, ret ? err : NULL, want);
	free(t);
}

static void test_good(void)
{
	struct test_image *t = good_image();
	struct uhyve_image img;
	char err[256];
	uint8_t *mem;

	unit_u64("elf good parses", uhyve_elf_parse(t, FSIZE, RAM, &img, err, sizeof(err)), 0);
	unit_u64("elf good start", img.start, 0x200000);
	unit_u64("elf good end includes bss", img.end, 0x202000);
	mem = malloc(RAM);
	memset(mem, 0xff, RAM);
	uhyve_elf_load(t, &img, mem);
	unit_u64("elf load copies filesz", memcmp(mem + 0x200000, t->data, 0x100), 0);
	unit_u64("elf load zeroes the tail of the page", mem[0x200100] | mem[0x200fff], 0);
	free(mem);
	free(t);

	t = good_image();
	t->eh.e_phnum = 2;
	t->ph[1] = t->ph[0];
	t->ph[1].p_paddr = t->ph[1].p_vaddr = 0x400000;
	unit_u64("elf two segments parse", uhyve_elf_parse(t, FSIZE, RAM, &img, err, sizeof(err)),
	         0);
	unit_u64("elf two segments end", img.end, 0x402000);
	free(t);
}

static void test_ident(void)
{
	struct test_image *t;

	t = good_image();
	memcpy(t, "#!/bin/sh\n", 10);
	expect("elf not an ELF", t, FSIZE, "not an ELF file");
	expect("elf tiny file", good_image(), 10, "not an ELF file");
	expect("elf truncated header", good_image(), 40, "truncated file (ELF header)");
	t = good_image();
	t->eh.e_ident[EI_CLASS] = ELFCLASS32;
	expect("elf wrong class", t, FSIZE, "not a 64-bit ELF file (ELFCLASS64)");
	t = good_image();
	t->eh.e_ident[EI_DATA] = ELFDATA2MSB;
	expect("elf big endian", t, FSIZE, "not a little-endian ELF file");
	t = good_image();
	t->eh.e_ident[EI_OSABI] = ELFOSABI_SYSV;
	expect("elf wrong OSABI", t, FSIZE, "not a HermitCore image (EI_OSABI 0x0, expected 0x42)");
	t = good_image();
	t->eh.e_machine = EM_386;
	expect("elf wrong machine", t, FSIZE, "not an x86_64 ELF file (e_machine 3)");
	t = good_image();
	t->eh.e_type = ET_DYN;
	expect("elf not ET_EXEC", t, FSIZE, "not an executable (e_type 3, expected ET_EXEC)");
	t = good_image();
	t->eh.e_phoff = 0xffffffffffffff00ULL;
	expect("elf huge e_phoff", t, FSIZE, "truncated file (program headers)");
	t = good_image();
	t->eh.e_phnum = 0xffff;
	expect("elf huge e_phnum", t, FSIZE, "truncated file (program headers)");
	t = good_image();
	t->eh.e_phentsize = 32;
	expect("elf bad e_phentsize", t, FSIZE, "bad program header size 32");
}

static void test_segments(void)
{
	struct test_image *t;

	expect("elf truncated segment", good_image(), 0x1080,
	       "truncated file (segment 0: offset 0x1000 size 0x100 beyond end of file)");
	t = good_image();
	t->ph[0].p_offset = 0xffffffffffffff00ULL;
	expect(
	    "elf huge p_offset", t, FSIZE,
	    "truncated file (segment 0: offset 0xffffffffffffff00 size 0x100 beyond end of file)");
	t = good_image();
	t->ph[0].p_filesz = 0x3000;
	expect("elf filesz > memsz", t, FSIZE, "segment 0: filesz 0x3000 larger than memsz 0x2000");
	t = good_image();
	t->ph[0].p_paddr = 0x100000;
	t->eh.e_entry = 0x100000;
	expect("elf below 2 MiB", t, FSIZE, "segment 0: starts at 0x100000, below 0x200000");
	t = good_image();
	t->ph[0].p_paddr = RAM - 0x1000;
	expect("elf beyond RAM", t, FSIZE, "segment 0: 0x1fff000+0x2000 beyond RAM (0x2000000)");
	t = good_image();
	t->ph[0].p_paddr = 0xfffffffffffff000ULL;
	expect("elf paddr wraps", t, FSIZE,
	       "segment 0: 0xfffffffffffff000+0x2000 beyond RAM (0x2000000)");
	t = good_image();
	t->eh.e_phnum = 2;
	t->ph[1] = t->ph[0];
	t->ph[1].p_paddr = 0x201000;
	expect("elf overlapping segments", t, FSIZE, "segments 0 and 1 overlap");
	t = good_image();
	t->eh.e_entry = 0x300000;
	expect("elf entry outside", t, FSIZE, "entry point 0x300000 outside the loaded segments");
	t = good_image();
	t->ph[0].p_type = PT_NOTE;
	expect("elf no PT_LOAD", t, FSIZE, "no loadable segment");
}

void test_elf(void)
{
	test_good();
	test_ident();
	test_segments();
}
