/* SPDX-License-Identifier: BSD-3-Clause */
/* Unit tests of the isle channel server against a fake isle: shared RAM and CPU threads. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../proxy.h"
#include "../proxy_chan.h"
#include "check.h"

#define RAM        (4ULL << 20)
#define CPUS       2
#define KLOG_ADDR  0x280000ULL
#define CPU_AREA   0x300000ULL /* per CPU 64 KiB of argument structs and buffers */
#define LINES      150         /* per CPU: with the file calls, the ring wraps twice */
#define DEADLINE_S 20

static uint8_t *mem;
static struct hermit_isle_chan *ch;
static int fake_wait_ret; /* what the fake WAIT returns */
static int fake_end;      /* what check_end returns */
static uint64_t t_start;

static void *at(uint64_t addr)
{
	return mem + addr;
}

static void fake_isle(unsigned cpu_count)
{
	struct hermit_boot_info *bi = at(HERMIT_ISLE_BOOTINFO_ADDR);
	struct hermit_klog *klog = at(KLOG_ADDR);
	static const char log[] = "isle: booting\nisle: last words\n";

	memset(mem, 0, RAM);
	bi->magic = HERMIT_BOOT_MAGIC;
	bi->version = HERMIT_BOOT_VERSION;
	bi->cpu_count = cpu_count;
	bi->klog_addr = KLOG_ADDR;
	klog->size = 4096;
	klog->head = sizeof(log) - 1;
	memcpy(klog->data, log, sizeof(log) - 1);
	ch = at(HERMIT_ISLE_CHAN_ADDR);
	ch->magic = HERMIT_ISLE_CHAN_MAGIC;
	ch->version = HERMIT_ISLE_ABI_VERSION;
	ch->size = sizeof(*ch);
	ch->state = HERMIT_ISLE_RUNNING;
	fake_wait_ret = -ETIMEDOUT;
	fake_end = 0;
}

static int fake_wait(void *ctx, uint64_t timeout_us)
{
	(void)ctx;
	(void)timeout_us;
	sched_yield();
	return fake_wait_ret;
}

/* Ends a hung test instead of hanging the suite. */
static int fake_check_end(void *ctx)
{
	(void)ctx;
	if (proxy_now_ns() - t_start > DEADLINE_S * 1000000000ULL)
		return 99;
	return fake_end;
}

static const struct proxy_chan_ops fake_ops = {.wait = fake_wait, .check_end = fake_check_end};

/* Isle side of the protocol (abi_isle.h), without waiting for the answer. */
static uint64_t post_nowait(unsigned cpu, uint32_t nr, uint64_t arg)
{
	uint64_t idx = __atomic_fetch_add(&ch->head, 1, __ATOMIC_SEQ_CST);
	struct hermit_isle_req *r = &ch->ring[idx % HERMIT_ISLE_RING];

	r->nr = nr;
	r->cpu = cpu;
	r->arg = arg;
	__atomic_store_n(&r->seq, idx + 1, __ATOMIC_RELEASE);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return idx;
}

static int post(unsigned cpu, uint32_t nr, uint64_t arg)
{
	uint64_t idx = post_nowait(cpu, nr, arg);

	while (__atomic_load_n(&ch->cpu[cpu].done, __ATOMIC_ACQUIRE) != idx + 1) {
		if (proxy_now_ns() - t_start > DEADLINE_S * 1000000000ULL)
			return -1;
		sched_yield();
	}
	return 0;
}

/* Redirects fd (1 or 2) into a new temp file; returns the saved fd. */
static int redirect(int fd, int *file)
{
	char path[] = "/tmp/proxy-test-XXXXXX";
	int saved;

	fflush(stdout);
	fflush(stderr);
	*file = mkstemp(path);
	unlink(path);
	saved = dup(fd);
	dup2(*file, fd);
	return saved;
}

/* Restores fd and returns what was written to it (static buffer). */
static const char *restore(int fd, int saved, int file)
{
	static char buf[65536];
	ssize_t n;

	fflush(stdout);
	fflush(stderr);
	dup2(saved, fd);
	close(saved);
	n = pread(file, buf, sizeof(buf) - 1, 0);
	buf[n > 0 ? n : 0] = '\0';
	close(file);
	return buf;
}

static int count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static char file_path[64];
static int cpu1_done;
static int cpu_failures;

/* CHECK for the CPU threads: counts failures atomically, the main thread checks the count. */
#define TCHECK(cond)                                                                               \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			__atomic_add_fetch(&cpu_failures, 1, __ATOMIC_RELAXED);                    \
			printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                     \
		}                                                                                  \
	} while (0)

static void guest_write(unsigned cpu, int fd, const char *text)
{
	uint64_t base = CPU_AREA + cpu * 0x10000, buf = base + 0x1000;
	struct uhyve_rw *a = at(base);

	memcpy(at(buf), text, strlen(text));
	*a = (struct uhyve_rw){.fd = fd, .buf = {buf}, .len = strlen(text), .ret = 12345};
	if (post(cpu, UHYVE_HC_WRITE, base) || a->ret != (int64_t)strlen(text))
		TCHECK(0);
}

/* CPU 0: the file calls on a host file, then waits for CPU 1 and exits with 7. */
static void guest_files(void)
{
	uint64_t base = CPU_AREA + 0x8000, path = base + 0x1000, buf = base + 0x2000;
	struct uhyve_open *o = at(base);
	struct uhyve_rw *rw = at(base + 0x100);
	struct uhyve_fstat *fs = at(base + 0x200);
	struct uhyve_lseek *ls = at(base + 0x400);
	struct uhyve_close *cl = at(base + 0x500);

	strcpy(at(path), file_path);
	*o = (struct uhyve_open){.path = {path}, .flags = HERMIT_O_RDONLY};
	post(0, UHYVE_HC_OPEN, base);
	TCHECK(o->ret >= 3 && o->path.addr == path && o->flags == HERMIT_O_RDONLY);
	*rw = (struct uhyve_rw){.fd = (int32_t)o->ret, .buf = {buf}, .len = 100};
	post(0, UHYVE_HC_READ, base + 0x100);
	TCHECK(rw->ret == 13 && !memcmp(at(buf), "file content\n", 13) && rw->len == 100);
	*fs = (struct uhyve_fstat){.fd = (int32_t)o->ret};
	post(0, UHYVE_HC_FSTAT, base + 0x200);
	TCHECK(fs->ret == 0 && fs->st.size == 13 && (fs->st.mode & 0170000) == 0100000);
	*ls = (struct uhyve_lseek){.fd = (int32_t)o->ret, .whence = 0, .offset = 5};
	post(0, UHYVE_HC_LSEEK, base + 0x400);
	TCHECK(ls->ret == 5);
	*cl = (struct uhyve_close){.fd = (int32_t)o->ret};
	post(0, UHYVE_HC_CLOSE, base + 0x500);
	TCHECK(cl->ret == 0);
	post(0, UHYVE_HC_CLOSE, base + 0x500);
	TCHECK(cl->ret == -HERMIT_EBADF);
}

static void *cpu0(void *unused)
{
	struct uhyve_exit *e = at(CPU_AREA + 0x9000);

	(void)unused;
	guest_files();
	for (int i = 0; i < LINES; i++)
		guest_write(0, 1, "cpu0 says hello\n");
	while (!__atomic_load_n(&cpu1_done, __ATOMIC_ACQUIRE))
		sched_yield();
	*e = (struct uhyve_exit){.status = 0x107};
	post_nowait(0, UHYVE_HC_EXIT, CPU_AREA + 0x9000);
	return NULL;
}

static void *cpu1(void *unused)
{
	struct uhyve_cpu_start *cs = at(CPU_AREA + 0x18000);

	(void)unused;
	for (int i = 0; i < LINES; i++)
		guest_write(1, 2, "cpu1 to stderr\n");
	*cs = (struct uhyve_cpu_start){.cpu = 1, .ret = 12345};
	post(1, UHYVE_HC_CPU_START, CPU_AREA + 0x18000);
	TCHECK(cs->ret == -HERMIT_EINVAL && cs->cpu == 1);
	__atomic_store_n(&cpu1_done, 1, __ATOMIC_RELEASE);
	return NULL;
}

static struct uhyve_files *files;
static struct proxy_chan chan;

static int start(unsigned cpu_count)
{
	char msg[256];

	fake_isle(cpu_count);
	t_start = proxy_now_ns();
	return proxy_chan_init(&chan, mem, RAM, files, &fake_ops, msg, sizeof(msg));
}

/* Two CPU threads: output on fds 1 and 2, a host file, CPU_START refused, exit status. */
static void test_two_cpus(void)
{
	int out_file, err_file, out_saved, err_saved, status, fd;
	const char *out, *err;
	pthread_t t0, t1;

	snprintf(file_path, sizeof(file_path), "/tmp/proxy-chan-XXXXXX");
	fd = mkstemp(file_path);
	CHECK(fd >= 0 && write(fd, "file content\n", 13) == 13);
	close(fd);
	CHECK(start(CPUS) == 0);
	out_saved = redirect(1, &out_file);
	err_saved = redirect(2, &err_file);
	pthread_create(&t0, NULL, cpu0, NULL);
	pthread_create(&t1, NULL, cpu1, NULL);
	status = proxy_chan_serve(&chan);
	pthread_join(t0, NULL);
	pthread_join(t1, NULL);
	err = restore(2, err_saved, err_file);
	CHECK(count(err, "cpu1 to stderr\n") == LINES && strlen(err) == LINES * 15);
	out = restore(1, out_saved, out_file);
	CHECK(count(out, "cpu0 says hello\n") == LINES && strlen(out) == LINES * 16);
	CHECK(status == 7);
	CHECK(cpu_failures == 0);
	CHECK(chan.tail == ch->head && ch->tail == ch->head && ch->head == 2 * LINES + 8);
	CHECK(ch->cpu[0].done == ch->head);
	CHECK(ch->cpu[1].done != 0 && ch->cpu[1].done < ch->head);
	CHECK(chan.first_request_ns != 0);
	unlink(file_path);
}

/* One posted entry that breaks the protocol: 126, one line naming why, nothing answered. */
static void hostile(unsigned cpu, uint32_t nr, uint64_t arg, const char *why)
{
	int file, saved, status;
	const char *err;

	CHECK(start(CPUS) == 0);
	post_nowait(cpu, nr, arg);
	saved = redirect(2, &file);
	status = proxy_chan_serve(&chan);
	err = restore(2, saved, file);
	CHECK(status == PROXY_EX_CRASH);
	CHECK(strstr(err, "isle error: request 0") && strstr(err, why));
	CHECK(strstr(err, "isle: last words"));
	if (!strstr(err, why))
		printf("  got: %s", err);
	CHECK(ch->tail == 0 && ch->cpu[0].done == 0 && ch->cpu[1].done == 0);
}

static void test_hostile(void)
{
	struct uhyve_rw *rw = at(CPU_AREA);

	*rw = (struct uhyve_rw){.fd = 1, .buf = {CPU_AREA + 0x100}, .len = 1};
	hostile(0, UHYVE_HC_WRITE, RAM - 8, "write argument struct outside the isle's memory");
	hostile(0, UHYVE_HC_WRITE, ~0ULL - 7, "outside the isle's memory");
	hostile(0, UHYVE_HC_WRITE, CPU_AREA + 4, "write argument struct not 8-byte aligned");
	hostile(0, UHYVE_HC_MAX, CPU_AREA, "no such call");
	hostile(0, 0xffffffffu, CPU_AREA, "no such call");
	hostile(CPUS, UHYVE_HC_WRITE, CPU_AREA, "no such CPU");
	hostile(0xffffffffu, UHYVE_HC_EXIT, CPU_AREA, "no such CPU");
}

/* A bad buffer is the guest's problem: -EFAULT in ret, and the isle goes on. */
static void test_bad_buffers(void)
{
	struct uhyve_rw *huge = at(CPU_AREA), *past = at(CPU_AREA + 0x40);
	struct uhyve_open *o = at(CPU_AREA + 0x80);
	struct uhyve_exit *e = at(CPU_AREA + 0x100);

	CHECK(start(CPUS) == 0);
	*huge = (struct uhyve_rw){.fd = 1, .buf = {CPU_AREA}, .len = 1ULL << 62};
	*past = (struct uhyve_rw){.fd = 1, .buf = {RAM - 4}, .len = 5};
	*o = (struct uhyve_open){.path = {RAM + 0x1000}};
	*e = (struct uhyve_exit){.status = 3};
	post_nowait(0, UHYVE_HC_WRITE, CPU_AREA);
	post_nowait(1, UHYVE_HC_READ, CPU_AREA + 0x40);
	post_nowait(1, UHYVE_HC_OPEN, CPU_AREA + 0x80);
	post_nowait(0, UHYVE_HC_EXIT, CPU_AREA + 0x100);
	CHECK(proxy_chan_serve(&chan) == 3);
	CHECK(huge->ret == -HERMIT_EFAULT && huge->len == 1ULL << 62);
	CHECK(past->ret == -HERMIT_EFAULT && o->ret == -HERMIT_EFAULT);
	CHECK(ch->cpu[0].done == 4 && ch->cpu[1].done == 3 && ch->tail == 4);
}

static const char *serve_capture(int *status)
{
	int file, saved = redirect(2, &file);

	*status = proxy_chan_serve(&chan);
	return restore(2, saved, file);
}

static void test_ends(void)
{
	struct uhyve_panic *p = at(CPU_AREA);
	const char *err;
	int status;

	CHECK(start(CPUS) == 0);
	strcpy(at(CPU_AREA + 0x100), "boom\x01\n");
	*p = (struct uhyve_panic){.msg = {CPU_AREA + 0x100}};
	post_nowait(1, UHYVE_HC_PANIC, CPU_AREA);
	err = serve_capture(&status);
	CHECK(status == PROXY_EX_PANIC && strstr(err, ": isle kernel panic: boom?\n"));
	CHECK(strstr(err, "proxy: isle kernel log (tail):\nisle: booting\nisle: last words\n"));
	CHECK(ch->cpu[1].done == 1);

	CHECK(start(CPUS) == 0);
	ch->state = HERMIT_ISLE_PANICKED;
	err = serve_capture(&status);
	CHECK(status == PROXY_EX_PANIC && strstr(err, "isle kernel panic (no message"));

	CHECK(start(CPUS) == 0);
	ch->state = HERMIT_ISLE_EXITED;
	ch->exit_status = 300;
	CHECK(proxy_chan_serve(&chan) == (300 & 0xff));

	CHECK(start(CPUS) == 0);
	fake_wait_ret = -ESRCH;
	err = serve_capture(&status);
	CHECK(status == PROXY_EX_PANIC && strstr(err, "stopped without exiting"));

	CHECK(start(CPUS) == 0);
	fake_wait_ret = -EIO;
	err = serve_capture(&status);
	CHECK(status == PROXY_EX_OSERR && strstr(err, "HERMIT_ISLE_IOC_WAIT"));

	CHECK(start(CPUS) == 0);
	fake_end = 130;
	CHECK(proxy_chan_serve(&chan) == 130);
}

/* An entry whose seq is not tail + 1 is not there yet: never served. */
static void test_stale_entry(void)
{
	struct uhyve_exit *e = at(CPU_AREA);

	CHECK(start(CPUS) == 0);
	*e = (struct uhyve_exit){.status = 5};
	post_nowait(0, UHYVE_HC_EXIT, CPU_AREA);
	ch->ring[0].seq = 2;
	CHECK(proxy_chan_drain(&chan) == -1 && ch->cpu[0].done == 0);
	ch->ring[0].seq = 1;
	CHECK(proxy_chan_drain(&chan) == 5 && ch->cpu[0].done == 1);
}

static void test_init(void)
{
	char msg[256];

	fake_isle(CPUS);
	CHECK(proxy_chan_init(&chan, mem, HERMIT_ISLE_CHAN_ADDR + 64, files, &fake_ops, msg,
	                      sizeof(msg)) == -EINVAL);
	ch->version = HERMIT_ISLE_ABI_VERSION + 1;
	CHECK(proxy_chan_init(&chan, mem, RAM, files, &fake_ops, msg, sizeof(msg)) == -EINVAL);
	CHECK(strstr(msg, "version") != NULL);
	fake_isle(CPUS);
	ch->magic = 0;
	CHECK(proxy_chan_init(&chan, mem, RAM, files, &fake_ops, msg, sizeof(msg)) == -EINVAL);
	/* cpu_count beyond HERMIT_MAX_CPUS is clamped: cpu[] has only that many words. */
	CHECK(start(1000) == 0 && chan.cpu_count == HERMIT_MAX_CPUS);
}

void test_chan(void)
{
	char msg[256];

	mem = mmap(NULL, RAM, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	files = uhyve_files_new(NULL, msg, sizeof(msg));
	CHECK(mem != MAP_FAILED && files);
	if (mem == MAP_FAILED || !files)
		return;
	test_init();
	test_two_cpus();
	test_hostile();
	test_bad_buffers();
	test_ends();
	test_stale_entry();
	uhyve_files_free(files);
	munmap(mem, RAM);
}
