/* SPDX-License-Identifier: BSD-3-Clause */
/* Opens an image file and checks it is a HermitCore ELF before anything is launched. */
#include <elf.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "proxy.h"

/* Reads exactly len bytes at off; a short file gives the bytes there are. */
static ssize_t read_at(int fd, void *buf, size_t len, off_t off)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = pread(fd, (char *)buf + done, len - done, off + (off_t)done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		done += (size_t)n;
	}
	return (ssize_t)done;
}

static int bad_image(const char *path, enum proxy_elf_status status, const Elf64_Ehdr *eh)
{
	if (status == PROXY_ELF_NOT_HERMIT)
		warnx("%s: not a HermitCore image (EI_OSABI 0x%x, expected 0x%x)", path,
		      eh->e_ident[EI_OSABI], PROXY_ELF_OSABI_HERMIT);
	else
		warnx("%s: %s", path, proxy_elf_strerror(status));
	return PROXY_EX_BAD_IMAGE;
}

static int check_fd(int fd, const char *path, uint64_t size)
{
	Elf64_Phdr phdrs[PROXY_ELF_PHNUM_MAX];
	enum proxy_elf_status status;
	Elf64_Ehdr eh;
	ssize_t n;

	n = read_at(fd, &eh, sizeof(eh), 0);
	if (n < 0) {
		warn("read %s", path);
		return PROXY_EX_NO_IMAGE;
	}
	status = proxy_elf_check_header(&eh, (size_t)n, size);
	if (status != PROXY_ELF_OK)
		return bad_image(path, status, &eh);
	n = read_at(fd, phdrs, (size_t)eh.e_phnum * sizeof(phdrs[0]), (off_t)eh.e_phoff);
	if (n < 0) {
		warn("read %s", path);
		return PROXY_EX_NO_IMAGE;
	}
	status = proxy_elf_check_phdrs(&eh, phdrs, (size_t)n, size);
	if (status != PROXY_ELF_OK)
		return bad_image(path, status, &eh);
	return 0;
}

int proxy_image_check(const char *path)
{
	struct stat st;
	int fd, ret;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		warn("cannot open %s", path);
		return PROXY_EX_NO_IMAGE;
	}
	if (fstat(fd, &st)) {
		warn("fstat %s", path);
		ret = PROXY_EX_OSERR;
		goto out_close;
	}
	if (!S_ISREG(st.st_mode)) {
		warnx("%s: not a regular file", path);
		ret = PROXY_EX_NO_IMAGE;
		goto out_close;
	}
	ret = check_fd(fd, path, (uint64_t)st.st_size);
out_close:
	close(fd);
	return ret;
}
