/* SPDX-License-Identifier: BSD-3-Clause */
/* uhyve's top level: options, image, VM set-up, run, exit status. */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "uhyve.h"

static uint64_t t_start;

uint64_t uhyve_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

void uhyve_verbose(const struct uhyve_vm *vm, const char *fmt, ...)
{
	va_list ap;

	if (!vm->opt->verbose)
		return;
	fprintf(stderr, "uhyve: [%8.3f ms] ", (double)(uhyve_now_ns() - t_start) / 1e6);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static struct uhyve_options *parse_options(int argc, char **argv, char **envp)
{
	static struct uhyve_options opt;
	char msg[512];

	switch (uhyve_options_parse(&opt, argc, argv, envp, msg, sizeof(msg))) {
	case UHYVE_OPT_HELP:
		fputs(uhyve_usage, stdout);
		exit(0);
	case UHYVE_OPT_VERSION:
		printf("uhyve %s (hypercall ABI %d, boot info %d)\n", UHYVE_VERSION,
		       UHYVE_ABI_VERSION, HERMIT_BOOT_VERSION);
		exit(0);
	case UHYVE_OPT_ERROR:
		errx(UHYVE_EXIT_USAGE, "%s", msg);
	case UHYVE_OPT_RUN:
		break;
	}
	return &opt;
}

/* Reads the whole image; images are at most as large as guest RAM. */
/*
 * The image file, mapped privately (libelf may write to its copy): only the headers and the
 * loaded segments are ever touched, where reading the whole file (symbols and debug
 * information too, ~1 MB for hello) into fresh memory took ~0.5 ms of every start.
 */
static void *map_image(const char *path, uint64_t limit, size_t *size)
{
	struct stat st;
	void *buf;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		err(UHYVE_EXIT_NOIMAGE, "cannot open %s", path);
	if (fstat(fd, &st) < 0)
		err(UHYVE_EXIT_NOIMAGE, "fstat %s", path);
	if (!S_ISREG(st.st_mode))
		errx(UHYVE_EXIT_NOIMAGE, "%s: not a regular file", path);
	if ((uint64_t)st.st_size > limit)
		errx(UHYVE_EXIT_BADIMAGE, "%s: larger than guest RAM", path);
	if (st.st_size == 0)
		errx(UHYVE_EXIT_BADIMAGE, "%s: empty file, not an ELF image", path);
	buf = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	if (buf == MAP_FAILED)
		err(UHYVE_EXIT_NOIMAGE, "mmap %s", path);
	close(fd);
	*size = (size_t)st.st_size;
	return buf;
}

static unsigned choose_priv_model(const struct uhyve_options *o)
{
	bool pvm = access("/sys/module/kvm_pvm", F_OK) == 0;

	if (o->priv >= 0) {
		if (pvm && o->priv == HERMIT_PRIV_CLASSIC)
			warnx("warning: classic model on a software-assisted KVM: kernel code is "
			      "emulated and cannot switch threads (use it on hardware KVM)");
		return (unsigned)o->priv;
	}
	/* PVM emulates guest CPL0 code ~1000x slower: keep the kernel at CPL3 there. */
	return pvm ? HERMIT_PRIV_DEPRIV : HERMIT_PRIV_CLASSIC;
}

static void vm_init(struct uhyve_vm *vm, const struct uhyve_options *o)
{
	pthread_condattr_t attr;

	memset(vm, 0, sizeof(*vm));
	vm->opt = o;
	vm->kvm_fd = vm->vm_fd = -1;
	vm->mem_size = o->mem_size;
	vm->ncpus = o->cpu_count;
	vm->priv_model = choose_priv_model(o);
	for (unsigned i = 0; i < HERMIT_MAX_CPUS; i++) {
		vm->vcpu[i].vm = vm;
		vm->vcpu[i].id = i;
		vm->vcpu[i].fd = -1;
		vm->vcpu[i].host_cpu = -1;
	}
	pthread_mutex_init(&vm->lock, NULL);
	/* The timeout deadline is on CLOCK_MONOTONIC: the wall clock may jump. */
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&vm->cond, &attr);
	pthread_condattr_destroy(&attr);
}

static void setup_vm(struct uhyve_vm *vm, const struct uhyve_image *img, void *buf, char **envp)
{
	char msg[512];
	int ret;

	uhyve_kvm_open(vm);
	if (uhyve_numa_place(vm, msg, sizeof(msg)))
		errx(UHYVE_EXIT_USAGE, "%s", msg);
	ret = uhyve_mem_alloc(vm);
	if (ret)
		errx(UHYVE_EXIT_HOSTRES, "mmap guest RAM (%llu MiB): %s",
		     (unsigned long long)(vm->mem_size >> 20), strerror(-ret));
	uhyve_numa_bind_memory(vm);
	uhyve_verbose(vm, "guest RAM mapped");
	ret = uhyve_kvm_create_vm(vm);
	if (ret)
		errx(UHYVE_EXIT_NOKVM, "KVM VM set-up (create VM, irqchip, memory, CPUID): %s",
		     strerror(-ret));
	uhyve_verbose(vm, "KVM VM created");
	if (uhyve_mem_layout(vm, img, envp))
		exit(UHYVE_EXIT_USAGE);
	uhyve_elf_load(buf, img, vm->mem);
	vm->entry = img->entry;
	uhyve_verbose(vm, "%u vCPU(s), %llu MiB on node %d (%s pages), %s model, entry 0x%llx",
	              vm->ncpus, (unsigned long long)(vm->mem_size >> 20), vm->node,
	              vm->mem_hugetlb ? "hugetlbfs" : "THP",
	              vm->priv_model == HERMIT_PRIV_DEPRIV ? "deprivileged" : "classic",
	              (unsigned long long)vm->entry);
}

/*
 * Teardown after the exit status. Destroying the VM (KVM's page tables and vCPUs, guest RAM)
 * takes ~0.5 ms on a PVM host, and a process's memory and files are released before its
 * parent learns its status. So uhyve hands both to a helper process that shares its memory
 * (CLONE_VM) and holds a copy of its KVM descriptors, and exits: its own exit then only drops
 * references, and the helper, woken by the parent-death signal, does the release. Every other
 * descriptor is closed in the helper first, so a pipe on uhyve's output or a tap device is
 * released with uhyve itself. Not with hugetlbfs RAM (the next VM may need those very pages
 * at once) nor under the sanitizers (their exit checks), nor with -v, which times teardown.
 */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
static bool teardown_in_background(struct uhyve_vm *vm)
{
	(void)vm;
	return false;
}
#else
static char reaper_stack[16384] __attribute__((aligned(16)));
static int reaper_keep[HERMIT_MAX_CPUS + 2], reaper_nkeep;
static pid_t reaper_parent;

static int cmp_int(const void *a, const void *b)
{
	return (*(const int *)a > *(const int *)b) - (*(const int *)a < *(const int *)b);
}

static int reaper(void *arg)
{
	unsigned lo = 0;

	(void)arg;
	for (int i = 0; i < reaper_nkeep; i++) {
		if ((unsigned)reaper_keep[i] > lo)
			close_range(lo, (unsigned)reaper_keep[i] - 1, 0);
		lo = (unsigned)reaper_keep[i] + 1;
	}
	close_range(lo, ~0U, 0);
	/* The release runs when nothing else wants the CPU: the next uhyve may be starting. */
	struct sched_param idle = {0};
	sched_setscheduler(0, SCHED_IDLE, &idle);
	/* uhyve may already be gone: then it was reparented before the signal was asked for. */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) == 0 && getppid() == reaper_parent)
		for (;;)
			pause();
	_exit(0);
}

/* True if the helper holds the VM now (uhyve may exit without tearing it down). */
static bool teardown_in_background(struct uhyve_vm *vm)
{
	if (vm->opt->verbose || vm->mem_hugetlb)
		return false;
	reaper_nkeep = 0;
	for (unsigned i = 0; i < vm->ncpus; i++)
		if (vm->vcpu[i].fd >= 0)
			reaper_keep[reaper_nkeep++] = vm->vcpu[i].fd;
	if (vm->vm_fd >= 0)
		reaper_keep[reaper_nkeep++] = vm->vm_fd;
	if (vm->kvm_fd >= 0)
		reaper_keep[reaper_nkeep++] = vm->kvm_fd;
	qsort(reaper_keep, (size_t)reaper_nkeep, sizeof(reaper_keep[0]), cmp_int);
	reaper_parent = getpid();
	fflush(NULL);
	/* Exit signal 0: nobody waits for the helper; init reaps it once uhyve is gone. */
	return clone(reaper, reaper_stack + sizeof(reaper_stack), CLONE_VM, NULL) > 0;
}
#endif

int main(int argc, char **argv, char **envp)
{
	static struct uhyve_vm vm;
	const struct uhyve_options *opt;
	struct uhyve_image img;
	char msg[512];
	size_t size;
	void *buf;
	int status;

	t_start = uhyve_now_ns();
	opt = parse_options(argc, argv, envp);
	vm_init(&vm, opt);
	uhyve_verbose(&vm, "uhyve %s started", UHYVE_VERSION);
	vm.files = uhyve_files_new(opt->root, msg, sizeof(msg));
	if (!vm.files)
		errx(UHYVE_EXIT_USAGE, "%s", msg);
	buf = map_image(opt->image, opt->mem_size, &size);
	if (uhyve_elf_parse(buf, size, opt->mem_size, &img, msg, sizeof(msg)))
		errx(UHYVE_EXIT_BADIMAGE, "%s: %s", opt->image, msg);
	setup_vm(&vm, &img, buf, envp);
	munmap(buf, size);
	if (uhyve_net_open(&vm, msg, sizeof(msg)))
		errx(UHYVE_EXIT_USAGE, "%s", msg);
	if (opt->debug_port && uhyve_gdb_listen(&vm))
		err(UHYVE_EXIT_HOSTRES, "gdb server on 127.0.0.1:%u", opt->debug_port);
	uhyve_verbose(&vm, "VM ready, starting %u vCPU thread(s)", vm.ncpus);
	uhyve_vcpus_start(&vm); /* on failure the VM is already ending */
	status = uhyve_vcpus_wait(&vm);
	uhyve_verbose(&vm, "guest ended with status %d", status);
	uhyve_gdb_close(&vm, status);
	uhyve_net_close(&vm);
	if (opt->verbose)
		uhyve_klog_print_tail(&vm, 0);
	uhyve_files_free(vm.files);
	if (teardown_in_background(&vm))
		return status;
	uhyve_kvm_close(&vm);
	uhyve_mem_free(&vm);
	uhyve_verbose(&vm, "VM torn down");
	return status;
}
