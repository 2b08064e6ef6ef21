/* SPDX-License-Identifier: BSD-3-Clause */
/* Internal contracts of the proxy, the Linux-side launcher of HermitCore images. */
#ifndef PROXY_H
#define PROXY_H

#include <stddef.h>
#include <stdint.h>

/*
 * Exit statuses (sysexits.h values, the same as uhyve's): on success the proxy exits with the
 * application's status, because it execs uhyve (or, in isle mode, waits for the isle).
 */
#define PROXY_EX_USAGE       64 /* bad option or bad HERMIT_ISLE */
#define PROXY_EX_BAD_IMAGE   65 /* malformed ELF or not a HermitCore image */
#define PROXY_EX_NO_IMAGE    66 /* image missing or unreadable */
#define PROXY_EX_UNAVAILABLE 69 /* uhyve not found, isle mode not available */
#define PROXY_EX_OSERR       71 /* host resource error */
#define PROXY_EX_NOPERM      77 /* no permission for /dev/hermit-isleN or /sys/hermit */

/* Isles are NUMA nodes of the host; Linux has at most 1024 (NODES_SHIFT <= 10). */
#define PROXY_ISLE_MAX   1023

#define PROXY_SYSFS_ROOT "/sys/hermit"

enum proxy_mode_kind {
	PROXY_MODE_AUTO = 0, /* HERMIT_ISLE unset: isle 0 if PROXY_SYSFS_ROOT exists, else uhyve */
	PROXY_MODE_UHYVE,
	PROXY_MODE_ISLE,
};

struct proxy_mode {
	enum proxy_mode_kind kind;
	unsigned isle; /* PROXY_MODE_ISLE only */
};

enum proxy_action {
	PROXY_RUN = 0,
	PROXY_HELP,
	PROXY_VERSION,
	PROXY_EMBED, /* --embed IMAGE OUTPUT: image = IMAGE, app_argv = {IMAGE, OUTPUT} */
};

/* The command line. Pointers point into argv; app_argv[0] is the image path. */
struct proxy_args {
	enum proxy_action action;
	int verbose;
	const char *image;
	int app_argc;
	char **app_argv;
	const char *bad_arg; /* set when parsing fails: the offending argument (or NULL) */
};

/* proxy_args.c: pure functions, no I/O. */

/* Parses `proxy [options] image [args...]`; options end at the first non-option or "--".
 * Returns 0 or -EINVAL (bad_arg names the unknown option, or is NULL if the image is
 * missing, or if --embed is not followed by exactly IMAGE OUTPUT). */
int proxy_parse_args(int argc, char **argv, struct proxy_args *out);

/* Parses HERMIT_ISLE: NULL or "" -> AUTO, "uhyve" -> UHYVE, "0".."PROXY_ISLE_MAX" -> ISLE.
 * Returns 0 or -EINVAL. */
int proxy_parse_isle(const char *value, struct proxy_mode *out);

/* Packs argv (argc strings) and envp (NULL-terminated) into a struct hermit_args blob in
 * buf[size], the format uhyve writes at UHYVE_ARGS_ADDR. Returns the bytes used, or -E2BIG. */
long proxy_pack_args(int argc, char *const *argv, char *const *envp, void *buf, size_t size);

/* Checks HERMIT_CPUS for isle mode: NULL or "" (one core), a count, or a list of cores like
 * "2-3" or "2,3" (the module checks the cores themselves). Returns 0 or -EINVAL. */
#define PROXY_CPUS_MAX 256
int proxy_check_cpus(const char *value);

/* Turns AUTO into ISLE 0 or UHYVE, depending on whether the HermitCore sysfs root exists. */
struct proxy_mode proxy_resolve_mode(struct proxy_mode mode, int sysfs_present);

/* proxy_elf.c: pure checks of an ELF file's header and program headers. */

enum proxy_elf_status {
	PROXY_ELF_OK = 0,
	PROXY_ELF_TRUNCATED,      /* shorter than an ELF header */
	PROXY_ELF_NOT_ELF,        /* no ELF magic */
	PROXY_ELF_NOT_HERMIT,     /* EI_OSABI is not 0x42 */
	PROXY_ELF_BAD_IDENT,      /* not 64-bit little-endian version 1 */
	PROXY_ELF_BAD_TYPE,       /* not an x86_64 executable */
	PROXY_ELF_BAD_PHDRS,      /* program header table missing or outside the file */
	PROXY_ELF_BAD_SEGMENT,    /* a loadable segment is inconsistent */
	PROXY_ELF_SEGMENT_BEYOND, /* a loadable segment reaches beyond the end of the file */
	PROXY_ELF_NO_SEGMENT,     /* no loadable segment */
	PROXY_ELF_STATUS_MAX
};

#define PROXY_ELF_OSABI_HERMIT 0x42
#define PROXY_ELF_PHNUM_MAX    64

/* Checks the first `len` bytes of a file of `file_size` bytes (the ELF header). */
enum proxy_elf_status proxy_elf_check_header(const void *buf, size_t len, uint64_t file_size);

/* Checks the program header table `phdrs` (`len` bytes, read from e_phoff) against a file of
 * `file_size` bytes; `ehdr` has passed proxy_elf_check_header(). */
enum proxy_elf_status proxy_elf_check_phdrs(const void *ehdr, const void *phdrs, size_t len,
                                            uint64_t file_size);

/* A short description for an error line, worded like uhyve's, e.g. "not an ELF file". */
const char *proxy_elf_strerror(enum proxy_elf_status status);

/* proxy_image.c: opens and checks an image, reports errors with warnx.
 * Returns 0 or the exit status (PROXY_EX_NO_IMAGE, PROXY_EX_BAD_IMAGE, PROXY_EX_OSERR). */
int proxy_image_check(const char *path);

/* proxy_uhyve.c */

/* Candidate `idx` (0, 1, ...) for the uhyve binary into buf: $HERMIT_UHYVE alone if `env` is
 * set and not empty; else exe_dir/uhyve, exe_dir/../uhyve/uhyve, exe_dir/../../uhyve/uhyve (for
 * build/usr/tests/<name>_proxy), and "uhyve" (a PATH search).
 * Returns 0, -ENOENT after the last candidate, or -ENAMETOOLONG. */
int proxy_uhyve_candidate(unsigned idx, const char *env, const char *exe_dir, char *buf,
                          size_t size);

/* Execs uhyve with the image and its arguments; returns only on failure, with the status. */
int proxy_run_uhyve(const struct proxy_args *args);

/* proxy_embed.c: a `_proxy` binary is this proxy with an image and a trailer appended. */

#define PROXY_EMBED_MAGIC 0x444d454254524d48ULL /* "HRMTEMBD" in memory order */

struct proxy_trailer {
	uint64_t offset; /* of the image in the file */
	uint64_t size;   /* of the image */
	uint64_t reserved;
	uint64_t magic; /* PROXY_EMBED_MAGIC, the file's last 8 bytes */
};

/* Fills t for an image of image_size bytes appended to a proxy of proxy_size bytes. */
void proxy_trailer_make(struct proxy_trailer *t, uint64_t proxy_size, uint64_t image_size);
/* Checks the last sizeof(*t) bytes of a file of file_size bytes: 0, or -ENOENT (no trailer),
 * -EINVAL (a trailer that does not describe the bytes before it). */
int proxy_trailer_check(const struct proxy_trailer *t, uint64_t file_size);

/* Writes `out`: the running proxy, the image, a trailer. Returns 0 or an exit status. */
int proxy_embed(const char *image, const char *out);
/* If the running binary carries an image, copies it to $TMPDIR/hermit-XXXXXX/<name> (a path
 * uhyve and the Linux module can open; <name> is the binary's without "_proxy"). Returns 1
 * (embedded: proxy_embedded_path() names the file), 0 (not) or minus an exit status. */
int proxy_embedded_image(void);
const char *proxy_embedded_path(void);
/* Removes the copy (isle mode: once the module has loaded it); safe to call again. */
void proxy_embedded_cleanup(void);
/* uhyve mode for an embedded image: runs uhyve as a child, removes the copy when it ends,
 * returns its status (128 + N if killed by signal N; signals are passed on to it). */
int proxy_run_uhyve_embedded(const struct proxy_args *args);

/* proxy_isle.c: runs the image on isle `isle`; returns the exit status. */
int proxy_run_isle(const struct proxy_args *args, unsigned isle, const char *sysfs_root);

#endif
