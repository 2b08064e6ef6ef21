/* SPDX-License-Identifier: BSD-3-Clause */
/* Checks that a file is a well-formed HermitCore ELF image: pure functions on its bytes. */
#include <elf.h>
#include <string.h>

#include "proxy.h"

enum proxy_elf_status proxy_elf_check_header(const void *buf, size_t len, uint64_t file_size)
{
	const unsigned char *ident = buf;
	Elf64_Ehdr eh;

	if (len < SELFMAG || memcmp(ident, ELFMAG, SELFMAG))
		return len < SELFMAG && !memcmp(ident, ELFMAG, len) ? PROXY_ELF_TRUNCATED
		                                                    : PROXY_ELF_NOT_ELF;
	if (len <= EI_OSABI)
		return PROXY_ELF_TRUNCATED;
	if (ident[EI_OSABI] != PROXY_ELF_OSABI_HERMIT)
		return PROXY_ELF_NOT_HERMIT;
	if (len < sizeof(eh) || file_size < sizeof(eh))
		return PROXY_ELF_TRUNCATED;
	memcpy(&eh, buf, sizeof(eh));
	if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh.e_ident[EI_VERSION] != EV_CURRENT || eh.e_version != EV_CURRENT)
		return PROXY_ELF_BAD_IDENT;
	if (eh.e_type != ET_EXEC || eh.e_machine != EM_X86_64)
		return PROXY_ELF_BAD_TYPE;
	if (eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phnum == 0 ||
	    eh.e_phnum > PROXY_ELF_PHNUM_MAX)
		return PROXY_ELF_BAD_PHDRS;
	/* e_phnum * e_phentsize is at most 64 * 56: no overflow; compare without adding. */
	if (eh.e_phoff > file_size ||
	    file_size - eh.e_phoff < (uint64_t)eh.e_phnum * eh.e_phentsize)
		return PROXY_ELF_BAD_PHDRS;
	return PROXY_ELF_OK;
}

static enum proxy_elf_status check_segment(const Elf64_Phdr *ph, uint64_t file_size)
{
	if (ph->p_filesz > ph->p_memsz)
		return PROXY_ELF_BAD_SEGMENT;
	/* The segment must not wrap around the address space. */
	if (ph->p_paddr + ph->p_memsz < ph->p_paddr)
		return PROXY_ELF_BAD_SEGMENT;
	if (ph->p_offset > file_size || file_size - ph->p_offset < ph->p_filesz)
		return PROXY_ELF_SEGMENT_BEYOND;
	return PROXY_ELF_OK;
}

enum proxy_elf_status proxy_elf_check_phdrs(const void *ehdr, const void *phdrs, size_t len,
                                            uint64_t file_size)
{
	const unsigned char *p = phdrs;
	enum proxy_elf_status status;
	int loadable = 0;
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	unsigned i;

	memcpy(&eh, ehdr, sizeof(eh));
	if (len < (size_t)eh.e_phnum * sizeof(ph))
		return PROXY_ELF_BAD_PHDRS;
	for (i = 0; i < eh.e_phnum; i++) {
		memcpy(&ph, p + i * sizeof(ph), sizeof(ph));
		if (ph.p_type != PT_LOAD)
			continue;
		status = check_segment(&ph, file_size);
		if (status != PROXY_ELF_OK)
			return status;
		loadable++;
	}
	return loadable ? PROXY_ELF_OK : PROXY_ELF_NO_SEGMENT;
}

static const char *const elf_messages[PROXY_ELF_STATUS_MAX] = {
    [PROXY_ELF_OK] = "valid HermitCore image",
    [PROXY_ELF_TRUNCATED] = "truncated file (ELF header)",
    [PROXY_ELF_NOT_ELF] = "not an ELF file",
    [PROXY_ELF_NOT_HERMIT] = "not a HermitCore image (EI_OSABI is not 0x42)",
    [PROXY_ELF_BAD_IDENT] = "not a 64-bit little-endian ELF file, version 1",
    [PROXY_ELF_BAD_TYPE] = "not an x86_64 executable (expected ET_EXEC, EM_X86_64)",
    [PROXY_ELF_BAD_PHDRS] = "bad program header table",
    [PROXY_ELF_BAD_SEGMENT] = "bad segment (filesz larger than memsz, or address overflow)",
    [PROXY_ELF_SEGMENT_BEYOND] = "truncated file (segment beyond end of file)",
    [PROXY_ELF_NO_SEGMENT] = "no loadable segment",
};

const char *proxy_elf_strerror(enum proxy_elf_status status)
{
	if ((unsigned)status >= PROXY_ELF_STATUS_MAX)
		return "unknown ELF error";
	return elf_messages[status];
}
