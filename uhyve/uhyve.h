/* SPDX-License-Identifier: BSD-3-Clause */
/* Internal contracts between the parts of uhyve, the KVM monitor that runs HermitCore images. */
#ifndef UHYVE_H
#define UHYVE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <pthread.h>

#include <hermit/abi_uhyve.h>
#include <hermit/boot_info.h>

#define UHYVE_VERSION "0.1.0"

/* Exit statuses of uhyve itself (the application's own status is 0-255 on a normal exit). */
#define UHYVE_EXIT_USAGE    64  /* bad option or value */
#define UHYVE_EXIT_BADIMAGE 65  /* not a loadable HermitCore image */
#define UHYVE_EXIT_NOIMAGE  66  /* image missing or unreadable */
#define UHYVE_EXIT_NOKVM    69  /* /dev/kvm missing, no permission, capability missing */
#define UHYVE_EXIT_HOSTRES  71  /* host resource error: memory, mmap, threads */
#define UHYVE_EXIT_TIMEOUT  124 /* HERMIT_TIMEOUT elapsed */
#define UHYVE_EXIT_PANIC    UHYVE_STATUS_PANIC /* 125: the guest kernel panicked */
#define UHYVE_EXIT_CRASH    126                /* triple fault, internal error, ABI violation */

/* Guest physical memory layout (see README.md). */
#define UHYVE_BOOTINFO_ADDR 0x1000ULL
#define UHYVE_PML4_ADDR     0x2000ULL
#define UHYVE_PDPT_ADDR     0x3000ULL
#define UHYVE_PD_ADDR       0x4000ULL /* one page directory per GiB */
#define UHYVE_GDT_ADDR      0xfd000ULL
#define UHYVE_TSS_ADDR      0xfdf00ULL /* boot TSS, only so that TR holds a valid descriptor */
#define UHYVE_PT0_ADDR      0xfe000ULL /* 4 KiB pages of the first 2 MiB, page 0 left out */
#define UHYVE_ARGS_ADDR     0x100000ULL
#define UHYVE_ARGS_MAX      0x100000ULL
#define UHYVE_IMAGE_MIN     0x200000ULL
#define UHYVE_MEM_MIN       (16ULL << 20)
#define UHYVE_MEM_MAX       (64ULL << 30)
#define UHYVE_MEM_DEFAULT   (512ULL << 20)

/* ---- options (uhyve_options.c): pure parsing, strings in, struct out ---- */

enum uhyve_opt_result {
	UHYVE_OPT_RUN,     /* options are good, run the image */
	UHYVE_OPT_HELP,    /* --help */
	UHYVE_OPT_VERSION, /* --version */
	UHYVE_OPT_ERROR,   /* err holds a one-line message */
};

struct uhyve_options {
	unsigned cpu_count;
	bool has_cpu_list;             /* HERMIT_CPUS was a list of host CPUs */
	int cpu_list[HERMIT_MAX_CPUS]; /* host CPU of each vCPU if has_cpu_list */
	uint64_t mem_size;             /* bytes, multiple of 2 MiB */
	int node;                      /* host NUMA node, -1: node uhyve starts on */
	bool verbose, hugepages, prefault;
	unsigned timeout;    /* seconds, 0: none */
	int priv;            /* enum hermit_priv_model, -1: detect */
	const char *root;    /* confine forwarded paths here, NULL: no confinement */
	unsigned debug_port; /* gdb server on 127.0.0.1:debug_port, 0: none */
	const char *netif;   /* host tap device for the guest's link, NULL: no link */
	uint32_t net_ip, net_gateway, net_mask; /* host byte order */
	uint8_t net_mac[6];
	bool net_gso;    /* tap with virtio_net_hdr: TCP segments merged and split (TSO) */
	bool net_csum;   /* with net_gso: checksum offload offered to the guest */
	int net_poll_us; /* link thread polls this long before sleeping; -1: by placement */
	const char *image;
	int guest_argc; /* argv of the application: image, args... */
	char **guest_argv;
};

/* Fills *o from the environment (envp, NAME=VALUE strings) then argv (flags override).
 * On UHYVE_OPT_ERROR, err holds a message naming the variable or flag and the form. */
enum uhyve_opt_result uhyve_options_parse(struct uhyve_options *o, int argc, char **argv,
                                          char **envp, char *err, size_t errlen);
extern const char uhyve_usage[];

/* ---- ELF loader (uhyve_elf.c): pure, parses an image held in memory ---- */

#define UHYVE_MAX_SEGMENTS 16

struct uhyve_segment {
	uint64_t paddr, offset, filesz, memsz;
};

struct uhyve_image {
	uint64_t entry;
	uint64_t start, end; /* lowest paddr, highest paddr + memsz */
	size_t nseg;
	struct uhyve_segment seg[UHYVE_MAX_SEGMENTS];
};

/* Checks the image in buf[0..size) for a guest with ram_size bytes of RAM; 0 or -1 with a
 * one-line reason in err. Does not keep pointers into buf. */
int uhyve_elf_parse(void *buf, size_t size, uint64_t ram_size, struct uhyve_image *img, char *err,
                    size_t errlen);
/* Copies the parsed segments into guest memory (mem = GPA 0). */
void uhyve_elf_load(const void *buf, const struct uhyve_image *img, uint8_t *mem);

/* ---- the VM ---- */

struct uhyve_vm;

struct uhyve_vcpu {
	struct uhyve_vm *vm;
	unsigned id;
	int fd;
	struct kvm_run *run;
	size_t run_size;
	pthread_t thread;
	bool thread_created;
	int host_cpu;         /* -1: not pinned */
	bool start_requested; /* guarded by vm->lock */
};

struct uhyve_files;
struct uhyve_gdb;
struct uhyve_net;

struct uhyve_vm {
	const struct uhyve_options *opt;
	int kvm_fd, vm_fd;
	uint8_t *mem; /* host address of GPA 0 */
	uint64_t mem_size;
	bool mem_hugetlb;
	uint64_t entry;
	int node;
	unsigned priv_model;
	uint32_t user_xcr0; /* boot_info.user_xcr0: XCR0 of CPL3 code under PVM, else 0 */
	struct hermit_boot_info *boot_info; /* inside mem */
	struct kvm_cpuid2 *cpuid;
	struct uhyve_files *files;
	struct uhyve_gdb *gdb; /* NULL unless HERMIT_DEBUG */
	struct uhyve_net *net; /* NULL unless HERMIT_NETIF */
	unsigned ncpus;
	struct uhyve_vcpu vcpu[HERMIT_MAX_CPUS];

	pthread_mutex_t lock; /* guards ending, exit_status, start_requested, ready */
	pthread_cond_t cond;
	bool ending; /* also read without the lock by the run loops (atomic) */
	int exit_status;
	unsigned ready; /* vCPUs created and configured */
	bool setup_failed;
};

/* uhyve_gpa.c: the only translation of guest physical addresses. NULL unless
 * [gpa, gpa + len) lies inside guest RAM; overflow-safe. */
void *uhyve_gpa_p(const struct uhyve_vm *vm, uint64_t gpa, uint64_t len);
/* Copies a NUL-terminated guest string of at most max bytes (with the NUL) into buf[max]:
 * 0, -HERMIT_EFAULT (outside RAM) or -HERMIT_ENAMETOOLONG (no NUL within max). */
int uhyve_gpa_string(const struct uhyve_vm *vm, uint64_t gpa, char *buf, size_t max);

/* uhyve_memory.c: guest RAM and the boot layout. */
int uhyve_mem_alloc(struct uhyve_vm *vm);
int uhyve_mem_layout(struct uhyve_vm *vm, const struct uhyve_image *img, char **envp);
void uhyve_mem_free(struct uhyve_vm *vm);

/* uhyve_numa.c: chooses the node and one distinct host CPU per vCPU (vm->vcpu[i].host_cpu);
 * 0 or -1 with a message in err. Binds guest memory to the node. */
int uhyve_numa_place(struct uhyve_vm *vm, char *err, size_t errlen);
void uhyve_numa_bind_memory(struct uhyve_vm *vm);
void uhyve_numa_pin_self(int host_cpu);

/* uhyve_kvm_x86_64.c: KVM objects and x86_64 register state. Return 0/-errno unless said. */
int uhyve_kvm_open(struct uhyve_vm *vm); /* exits 69 itself with a message */
int uhyve_kvm_create_vm(struct uhyve_vm *vm);
int uhyve_kvm_create_vcpu(struct uhyve_vcpu *cpu);
int uhyve_kvm_set_boot_regs(struct uhyve_vcpu *cpu);
void uhyve_kvm_dump_regs(const struct uhyve_vcpu *cpu);
void uhyve_kvm_close(struct uhyve_vm *vm);
uint64_t uhyve_kvm_tsc_khz(const struct uhyve_vcpu *cpu);

/* uhyve_vcpu.c: vCPU threads and the end of the VM. */
int uhyve_vcpus_start(struct uhyve_vm *vm);
/* Waits for the end (or the timeout), stops and joins every vCPU thread, returns status. */
int uhyve_vcpus_wait(struct uhyve_vm *vm);
/* Asks cpu to start (UHYVE_HC_CPU_START); -HERMIT_EINVAL or -HERMIT_EBUSY. */
int uhyve_vcpu_request_start(struct uhyve_vm *vm, unsigned cpu);
/* Ends the VM with status; the first caller wins and prints "uhyve: <message>" (fmt may be
 * NULL), then what asks for: the registers of cpu, the tail of the guest kernel log. */
#define UHYVE_END_REGS 0x1
#define UHYVE_END_LOG  0x2
void uhyve_vm_end(struct uhyve_vm *vm, const struct uhyve_vcpu *cpu, unsigned what, int status,
                  const char *fmt, ...) __attribute__((format(printf, 5, 6)));
bool uhyve_vm_ending(struct uhyve_vm *vm);

/* uhyve_calls.c: the calls uhyve and the isle proxy serve alike (files, directories,
 * pipes), indexed by call number; EXIT, PANIC and CPU_START are empty there: each server
 * handles those itself. Handlers copy the argument struct, validate the copy, act and write
 * back only the OUT fields. */
struct uhyve_call {
	void (*fn)(struct uhyve_vcpu *cpu, void *arg);
	size_t size; /* bytes of the argument struct */
	const char *name;
};
extern const struct uhyve_call uhyve_file_calls[UHYVE_HC_MAX];

/* The server's own entry for nr if it has one, else the shared one; NULL: no such call. */
static inline const struct uhyve_call *uhyve_call_of(const struct uhyve_call own[UHYVE_HC_MAX],
                                                     uint64_t nr)
{
	const struct uhyve_call *d;

	if (nr >= UHYVE_HC_MAX)
		return NULL;
	d = own[nr].fn ? &own[nr] : &uhyve_file_calls[nr];
	return d->fn ? d : NULL;
}

/* uhyve_hypercall.c: one hypercall from a KVM_EXIT_IO. */
void uhyve_hypercall(struct uhyve_vcpu *cpu);

/* uhyve_net.c: the link to a host tap (HERMIT_NETIF). open: before the guest starts, 0 or
 * -1 with a message in err; close: after the vCPUs ended (prints counters if verbose). */
int uhyve_net_open(struct uhyve_vm *vm, char *err, size_t errlen);
void uhyve_hc_net_attach(struct uhyve_vcpu *cpu, void *arg);
void uhyve_net_close(struct uhyve_vm *vm);

/* uhyve_net_gso.c: TCP segmentation offload between the guest's 1514-byte frames and the
 * tap's virtio_net_hdr frames of up to 64 KiB; pure, on host copies of the headers. */
#include <linux/virtio_net.h>
#define UHYVE_FRAME_MAX   1514 /* Ethernet header + MTU 1500: a guest ring slot */
#define UHYVE_TCP_HDR_MAX 128  /* Ethernet + IPv4 + TCP headers with options */
struct uhyve_tcp_seg {
	uint32_t hdr_len, payload, seq;
	uint8_t hdr[UHYVE_TCP_HDR_MAX]; /* a copy: the guest may change its frame meanwhile */
};
uint64_t uhyve_csum_add(uint64_t sum, const uint8_t *p, size_t len);
uint16_t uhyve_csum_fold(uint64_t sum);
/* 0 if f is an IPv4 (no options) TCP data segment with only ACK/PSH set; fills *t. */
int uhyve_tcp_parse(const uint8_t *f, uint32_t len, struct uhyve_tcp_seg *t);
/* Whether b continues a's flow at sequence number next_seq with the same header fields. */
bool uhyve_tcp_follows(const struct uhyve_tcp_seg *a, uint32_t next_seq,
                       const struct uhyve_tcp_seg *b);
/* Rewrites first->hdr for a merged frame of `payload` bytes (PSH if any part had it) and
 * fills the virtio_net_hdr (GSO TCPV4, gso_size = first's payload, partial checksum). */
void uhyve_tcp_merged_header(struct uhyve_tcp_seg *first, uint32_t payload, bool psh,
                             struct virtio_net_hdr *vh);
/* A frame read from the tap: how many guest frames it becomes (-1: unusable), and frame i
 * of them into out[UHYVE_FRAME_MAX] (length, 0: bad checksum request). count first.
 * offload (the guest takes HERMIT_MMNIF_F_CSUM_VALID): TCP/UDP checksums that Linux left
 * open or verified are not computed, *flags says so; else they are and *flags is 0. */
int uhyve_tso_count(const struct virtio_net_hdr *vh, const uint8_t *f, uint32_t len);
uint32_t uhyve_tso_segment(const struct virtio_net_hdr *vh, uint8_t *f, uint32_t len, unsigned i,
                           bool offload, uint8_t *out, uint32_t *flags);
/* A guest frame flagged HERMIT_MMNIF_F_CSUM_PARTIAL (unfragmented IPv4 TCP/UDP): its headers
 * copied into hdr[UHYVE_TCP_HDR_MAX] (*hdr_len bytes) with the pseudo header's sum in the
 * checksum field, and a virtio_net_hdr (NEEDS_CSUM) that has the tap's reader finish the
 * sum; -1 if the frame is no such packet. */
int uhyve_l4_csum_partial(const uint8_t *f, uint32_t len, uint8_t *hdr, uint32_t *hdr_len,
                          struct virtio_net_hdr *vh);

/* uhyve_klog.c: the guest kernel log (boot_info.klog_addr), read with checked translation. */
void uhyve_klog_print_tail(const struct uhyve_vm *vm, unsigned lines);
/* The same under the title "<who> kernel log" (the proxy prints "proxy: isle kernel log"). */
void uhyve_klog_print_as(const struct uhyve_vm *vm, unsigned lines, const char *who);

/* uhyve_files.c: the guest's fd table and file hypercalls (handlers write ret themselves). */
struct uhyve_files *uhyve_files_new(const char *root, char *err, size_t errlen);
void uhyve_files_free(struct uhyve_files *f);
void uhyve_hc_read(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_write(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_open(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_close(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_lseek(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_fstat(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_stat(struct uhyve_vcpu *cpu, void *arg);
void uhyve_hc_unlink(struct uhyve_vcpu *cpu, void *arg);

/* uhyve_gdb.c: GDB remote stub on 127.0.0.1:opt->debug_port; no-ops while vm->gdb is NULL.
 * Listen before the vCPUs start (0/-errno); the boot CPU then waits for gdb before its
 * first instruction. handle_exit is true if the exit was a debug event (served). */
int uhyve_gdb_listen(struct uhyve_vm *vm);
void uhyve_gdb_first_stop(struct uhyve_vcpu *cpu);
bool uhyve_gdb_handle_exit(struct uhyve_vcpu *cpu);
void uhyve_gdb_check_interrupt(struct uhyve_vcpu *cpu); /* after KVM_RUN returned EINTR */
void uhyve_gdb_close(struct uhyve_vm *vm, int status);  /* after the vCPU threads ended */

/* Monotonic clock in ns, for the verbose timings. */
uint64_t uhyve_now_ns(void);
void uhyve_verbose(const struct uhyve_vm *vm, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
