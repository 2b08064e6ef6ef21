/* SPDX-License-Identifier: BSD-3-Clause */
/* Unit tests of the proxy's ELF image checks on images built in memory. */
#include <elf.h>
#include <string.h>

#include "../proxy.h"
#include "check.h"

#define FILE_SIZE 0x3000

struct image {
	Elf64_Ehdr eh;
	Elf64_Phdr ph[2];
};

static void make_image(struct image *im)
{
	memset(im, 0, sizeof(*im));
	memcpy(im->eh.e_ident, "\177ELF\2\1\1\x42", 8);
	im->eh.e_type = ET_EXEC;
	im->eh.e_machine = EM_X86_64;
	im->eh.e_version = EV_CURRENT;
	im->eh.e_entry = 0x200000;
	im->eh.e_phoff = sizeof(Elf64_Ehdr);
	im->eh.e_ehsize = sizeof(Elf64_Ehdr);
	im->eh.e_phentsize = sizeof(Elf64_Phdr);
	im->eh.e_phnum = 2;
	im->ph[0].p_type = PT_LOAD;
	im->ph[0].p_offset = 0x1000;
	im->ph[0].p_paddr = 0x200000;
	im->ph[0].p_filesz = 0x2000;
	im->ph[0].p_memsz = 0x5000;
	im->ph[1].p_type = PT_NOTE;
	im->ph[1].p_offset = 0xffffffffffff;
}

static enum proxy_elf_status check(const struct image *im, size_t len, uint64_t size)
{
	enum proxy_elf_status s = proxy_elf_check_header(im, len, size);

	if (s != PROXY_ELF_OK)
		return s;
	return proxy_elf_check_phdrs(&im->eh, im->ph, sizeof(im->ph), size);
}

static void test_header(void)
{
	struct image im;

	make_image(&im);
	CHECK(check(&im, sizeof(im), FILE_SIZE) == PROXY_ELF_OK);
	CHECK(check(&im, 0, 0) == PROXY_ELF_TRUNCATED);
	CHECK(check(&im, 3, 3) == PROXY_ELF_TRUNCATED);
	CHECK(check(&im, 20, 20) == PROXY_ELF_TRUNCATED);
	CHECK(check(&im, sizeof(im), 40) == PROXY_ELF_TRUNCATED);
	im.eh.e_ident[EI_OSABI] = ELFOSABI_SYSV;
	CHECK(check(&im, sizeof(im), FILE_SIZE) == PROXY_ELF_NOT_HERMIT);
	make_image(&im);
	im.eh.e_ident[0] = 'M';
	CHECK(check(&im, sizeof(im), FILE_SIZE) == PROXY_ELF_NOT_ELF);
	CHECK(check(&im, 2, 2) == PROXY_ELF_NOT_ELF);
	make_image(&im);
	im.eh.e_ident[EI_CLASS] = ELFCLASS32;
	CHECK(check(&im, sizeof(im), FILE_SIZE) == PROXY_ELF_BAD_IDENT);
	make_image(&im);
	im.eh.e_machine = EM_AARCH64;
	CHECK(check(&im, sizeof(im), FILE_SIZE) == PROXY_ELF_BAD_TYPE);
	make_image(&im);
	im.eh.e_type = ET_DYN;
	CHECK(check(&im, sizeof(im), FILE_SIZE) == PROXY_ELF_BAD_TYPE);
	im.eh.e_type = ET_REL;
	CHECK(check(&im, sizeof(im), FILE_SIZE) == PROXY_ELF_BAD_TYPE);
}

static void test_phdrs(void)
{
	struct image im;

	make_image(&im);
	im.eh.e_phnum = 0;
	CHECK(check(&im, sizeof(im), FILE_SIZE) == PROXY_ELF_BAD_PHDRS);
	im.eh.e_phnum = PROXY_ELF_PHNUM_MAX + 1;
	CHECK(check(&im, sizeof(im), FILE_SIZE) == PROXY_ELF_BAD_PHDRS);
	make_image(&im);
	im.eh.e_phentsize = 32;
	CHECK(check(&im, sizeof(im), FILE_SIZE) == PROXY_ELF_BAD_PHDRS);
	make_image(&im);
	im.eh.e_phoff = 0xffffffffffffffc0ull;
	CHECK(check(&im, sizeof(im), FILE_SIZE) == PROXY_ELF_BAD_PHDRS);
	make_image(&im);
	CHECK(check(&im, sizeof(im), 100) == PROXY_ELF_BAD_PHDRS);
	CHECK(proxy_elf_check_phdrs(&im.eh, im.ph, sizeof(im.ph[0]), FILE_SIZE) ==
	      PROXY_ELF_BAD_PHDRS);
}

static void test_segments(void)
{
	struct image im;

	make_image(&im);
	CHECK(check(&im, sizeof(im), 0x2fff) == PROXY_ELF_SEGMENT_BEYOND);
	im.ph[0].p_offset = 0xfffffffffffff000ull;
	CHECK(check(&im, sizeof(im), FILE_SIZE) == PROXY_ELF_SEGMENT_BEYOND);
	make_image(&im);
	im.ph[0].p_memsz = 0x1000;
	CHECK(check(&im, sizeof(im), FILE_SIZE) == PROXY_ELF_BAD_SEGMENT);
	make_image(&im);
	im.ph[0].p_paddr = 0xfffffffffffff000ull;
	CHECK(check(&im, sizeof(im), FILE_SIZE) == PROXY_ELF_BAD_SEGMENT);
	make_image(&im);
	im.ph[0].p_type = PT_NULL;
	CHECK(check(&im, sizeof(im), FILE_SIZE) == PROXY_ELF_NO_SEGMENT);
}

static void test_messages(void)
{
	CHECK(strstr(proxy_elf_strerror(PROXY_ELF_NOT_HERMIT), "0x42") != NULL);
	CHECK(strcmp(proxy_elf_strerror(PROXY_ELF_NOT_ELF), "not an ELF file") == 0);
	CHECK(strcmp(proxy_elf_strerror(PROXY_ELF_STATUS_MAX), "unknown ELF error") == 0);
	for (int s = 0; s < PROXY_ELF_STATUS_MAX; s++)
		CHECK(proxy_elf_strerror((enum proxy_elf_status)s) != NULL);
}

void test_elf(void)
{
	test_header();
	test_phdrs();
	test_segments();
	test_messages();
}
