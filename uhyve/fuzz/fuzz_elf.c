/* SPDX-License-Identifier: BSD-3-Clause */
/* libFuzzer harness for the ELF loader: parse any bytes, load what is accepted. */
#include <stdlib.h>
#include <string.h>

#include "uhyve.h"

#define RAM (64ULL << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t *mem;
	struct uhyve_image img;
	char err[256];
	void *buf = malloc(size ? size : 1);

	if (!mem)
		mem = malloc(RAM);
	memcpy(buf, data, size);
	if (uhyve_elf_parse(buf, size, RAM, &img, err, sizeof(err)) == 0)
		uhyve_elf_load(buf, &img, mem);
	free(buf);
	return 0;
}
