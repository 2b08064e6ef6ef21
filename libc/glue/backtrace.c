/* SPDX-License-Identifier: BSD-3-Clause */
/* backtrace(), backtrace_symbols(_fd) on libgcc's unwinder, and the _dl_find_object() hook
 * through which that unwinder finds the image's unwind tables. */
#include <dlfcn.h>
#include <elf.h>
#include <execinfo.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unwind.h>

#include "glue.h"

/*
 * The image is one static object: the linker script brackets its .eh_frame_hdr (which the
 * driver asks for with --eh-frame-hdr) and its extent. libgcc's unwinder (libgcc_eh.a, built
 * for glibc 2.35+) asks _dl_find_object for the table of the code at a PC.
 */
extern const char __image_start[], __image_end[];
extern const char __eh_frame_hdr_start[], __eh_frame_hdr_end[];

int _dl_find_object(void *pc, struct dl_find_object *out)
{
	if ((const char *)pc < __image_start || (const char *)pc >= __image_end)
		return -1;
	memset(out, 0, sizeof(*out));
	out->dlfo_map_start = (void *)__image_start;
	out->dlfo_map_end = (void *)__image_end;
	/* empty when the image was linked without --eh-frame-hdr */
	out->dlfo_eh_frame = (uintptr_t)__eh_frame_hdr_end > (uintptr_t)__eh_frame_hdr_start
	                         ? (void *)__eh_frame_hdr_start
	                         : NULL;
	return 0;
}

struct walk {
	void **buf;
	int size, n, skip;
};

static _Unwind_Reason_Code one_frame(struct _Unwind_Context *ctx, void *arg)
{
	struct walk *w = arg;
	_Unwind_Ptr ip = _Unwind_GetIP(ctx);

	if (w->skip) { /* backtrace() itself */
		w->skip--;
		return _URC_NO_REASON;
	}
	if (!ip || w->n >= w->size)
		return _URC_END_OF_STACK;
	w->buf[w->n++] = (void *)ip;
	return _URC_NO_REASON;
}

int backtrace(void **buf, int size)
{
	struct walk w = {buf, size, 0, 1};

	if (size <= 0)
		return 0;
	_Unwind_Backtrace(one_frame, &w);
	return w.n;
}

/*
 * Names come from the image file's symbol table (argv[0], read once through the host), if
 * it can be reached: under HERMIT_ROOT it usually cannot, and the lines show addresses only,
 * as glibc's do for a static program.
 */
struct sym {
	uintptr_t addr, size;
	const char *name;
};

static struct {
	pthread_once_t once;
	struct sym *syms;
	size_t n;
	char *names;
} table = {PTHREAD_ONCE_INIT, NULL, 0, NULL};

extern const char *__hermit_progname; /* start.c */

static int by_addr(const void *a, const void *b)
{
	const struct sym *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static void *read_at(int fd, off_t off, size_t len)
{
	char *p = len ? malloc(len) : NULL;
	size_t done = 0;

	while (p && done < len) { /* the host may return less than asked */
		ssize_t n = pread(fd, p + done, len - done, off + (off_t)done);

		if (n <= 0) {
			free(p);
			return NULL;
		}
		done += (size_t)n;
	}
	return p;
}

/* Keeps the function symbols of the symbol table in section `sec` (names in its link). */
static void keep_functions(int fd, const Elf64_Shdr *sh, const Elf64_Shdr *sec, size_t nsec)
{
	Elf64_Sym *s;
	size_t count = sec->sh_size / sizeof(Elf64_Sym), n = 0;

	if (sec->sh_link >= nsec || sec->sh_entsize != sizeof(Elf64_Sym))
		return;
	table.names = read_at(fd, (off_t)sh[sec->sh_link].sh_offset, sh[sec->sh_link].sh_size);
	s = read_at(fd, (off_t)sec->sh_offset, count * sizeof(Elf64_Sym));
	table.syms = s && table.names ? malloc(count * sizeof(struct sym)) : NULL;
	for (size_t i = 0; table.syms && i < count; i++) {
		if (ELF64_ST_TYPE(s[i].st_info) != STT_FUNC || !s[i].st_value ||
		    s[i].st_name >= sh[sec->sh_link].sh_size)
			continue;
		table.syms[n++] =
		    (struct sym){s[i].st_value, s[i].st_size, table.names + s[i].st_name};
	}
	free(s);
	table.n = n;
	qsort(table.syms, n, sizeof(struct sym), by_addr);
}

static void load_symbols(void)
{
	Elf64_Ehdr eh;
	Elf64_Shdr *sh = NULL;
	int fd = __hermit_progname ? open(__hermit_progname, O_RDONLY | O_CLOEXEC) : -1;

	if (fd < 0)
		return;
	if (pread(fd, &eh, sizeof(eh), 0) == sizeof(eh) && !memcmp(eh.e_ident, ELFMAG, SELFMAG) &&
	    eh.e_ident[EI_CLASS] == ELFCLASS64 && eh.e_shentsize == sizeof(Elf64_Shdr) &&
	    eh.e_shnum < 4096)
		sh = read_at(fd, (off_t)eh.e_shoff, eh.e_shnum * sizeof(Elf64_Shdr));
	for (size_t i = 0; sh && i < eh.e_shnum; i++)
		if (sh[i].sh_type == SHT_SYMTAB) {
			keep_functions(fd, sh, &sh[i], eh.e_shnum);
			break;
		}
	free(sh);
	close(fd);
}

/* The function holding addr, or NULL. */
static const struct sym *lookup(uintptr_t addr)
{
	const struct sym *s;
	size_t lo = 0, hi;

	pthread_once(&table.once, load_symbols);
	hi = table.n;
	while (lo < hi) { /* the last symbol at or below addr */
		size_t mid = lo + (hi - lo) / 2;

		if (table.syms[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return NULL;
	s = &table.syms[lo - 1];
	return addr < s->addr + (s->size ? s->size : 1) ? s : NULL;
}

/* One line as glibc writes it: "prog(name+0xoff) [0xaddr]", or "[0xaddr]" without a name.
 * `space` is the separator before "[" (backtrace_symbols_fd has none). */
static int format(char *out, size_t len, void *addr, const char *space)
{
	const struct sym *s = lookup((uintptr_t)addr);

	if (!s)
		return snprintf(out, len, "[%p]", addr);
	return snprintf(out, len, "%s(%s+0x%lx)%s[%p]", __hermit_progname, s->name,
	                (unsigned long)((uintptr_t)addr - s->addr), space, addr);
}

char **backtrace_symbols(void *const *buf, int n)
{
	size_t total = 0, left;
	char **lines, *text;

	if (n <= 0)
		return NULL;
	for (int i = 0; i < n; i++)
		total += (size_t)format(NULL, 0, buf[i], " ") + 1;
	/* One block (the caller frees the array only): pointers, then the strings. */
	lines = malloc((size_t)n * sizeof(char *) + total);
	if (!lines)
		return NULL;
	text = (char *)(lines + n);
	left = total;
	for (int i = 0; i < n; i++) {
		size_t len = (size_t)format(text, left, buf[i], " ") + 1;

		lines[i] = text;
		text += len, left -= len;
	}
	return lines;
}

void backtrace_symbols_fd(void *const *buf, int n, int fd)
{
	char line[512];

	for (int i = 0; i < n; i++) {
		int len = format(line, sizeof(line) - 1, buf[i], "");

		if (len < 0)
			continue;
		if ((size_t)len > sizeof(line) - 2)
			len = sizeof(line) - 2;
		line[len++] = '\n';
		write(fd, line, (size_t)len);
	}
}
