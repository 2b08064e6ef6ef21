/* SPDX-License-Identifier: BSD-3-Clause */
/* iconv, POSIX timers, eventfd, *at calls on directory fds, locks, getopt_long, strsignal
 * and backtrace, printed so that a Linux build and a HermitCore image print the same lines
 * (run in an empty scratch directory). "posix_ext confined" tries to leave HERMIT_ROOT
 * through *at calls; "posix_ext unsupported" shows the process calls that fail. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <getopt.h>
#include <iconv.h>
#include <poll.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int failures;

static void check(const char *what, int ok)
{
	printf("%s: %s\n", what, ok ? "ok" : "FAILED");
	if (!ok)
		failures++;
}

static const char *err_name(int e)
{
	switch (e) {
	case 0:
		return "0";
	case EILSEQ:
		return "EILSEQ";
	case EINVAL:
		return "EINVAL";
	case E2BIG:
		return "E2BIG";
	case ENOENT:
		return "ENOENT";
	case ENOTDIR:
		return "ENOTDIR";
	case EBADF:
		return "EBADF";
	case EAGAIN:
		return "EAGAIN";
	case EEXIST:
		return "EEXIST";
	case ESPIPE:
		return "ESPIPE";
	case ENOTEMPTY:
		return "ENOTEMPTY";
	case EACCES:
		return "EACCES";
	case ENOSYS:
		return "ENOSYS";
	case ECHILD:
		return "ECHILD";
	default:
		return "other";
	}
}

/* ---- iconv ---------------------------------------------------------------------------- */

static void conv(const char *to, const char *from, const char *in, size_t n, size_t room)
{
	iconv_t cd = iconv_open(to, from);
	char out[64], *ip = (char *)in, *op = out;
	size_t il = n, ol = room, r;
	int e;

	if (cd == (iconv_t)-1) {
		printf("iconv_open(%s, %s): -1 %s\n", to, from, err_name(errno));
		return;
	}
	errno = 0;
	r = iconv(cd, &ip, &il, &op, &ol);
	e = r == (size_t)-1 ? errno : 0;
	printf("%s <- %s: ret %ld %s, in %zu, out", to, from, (long)r, err_name(e), n - il);
	for (char *p = out; p < op; p++)
		printf(" %02x", (unsigned char)*p);
	printf("\n");
	iconv_close(cd);
}

static void test_iconv(void)
{
	iconv_t cd;
	char in[] = "x\xc3\xa9", out[8], *ip = in, *op = out;
	size_t il = 3, ol = sizeof(out);

	printf("== iconv\n");
	conv("ISO-8859-1", "UTF-8", "caf\xc3\xa9", 5, 64);
	conv("UTF-8", "ISO-8859-1", "caf\xe9 \xff", 6, 64);
	conv("ASCII", "UTF-8", "ab\xc3\xa9z", 5, 64);
	conv("ASCII//TRANSLIT", "UTF-8", "a\xe2\x82\xac \xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d", 15,
	     64);
	conv("ISO-8859-1//IGNORE", "UTF-8",
	     "a\xe2\x82\xac"
	     "b",
	     5, 64);
	conv("UTF-8", "UTF-8", "ok\xe2\x82", 4, 64);     /* incomplete: EINVAL */
	conv("UTF-8", "UTF-8", "ok\xc0\x80", 4, 64);     /* overlong: EILSEQ */
	conv("UTF-8", "UTF-8", "ok\xed\xa0\x80", 5, 64); /* surrogate: EILSEQ */
	conv("UTF-16LE", "UTF-8", "A\xf0\x9f\x98\x80", 5, 64);
	conv("UTF-8", "UTF-16LE", "A\0=\xd8\0\xde", 6, 64);
	conv("UTF-8", "UTF-16LE", "A\0\0\xdc", 4, 64);     /* lone low surrogate */
	conv("UTF-16BE", "ISO-8859-1", "\xe9t\xe9", 3, 5); /* E2BIG after two characters */
	conv("UTF-32", "UTF-8", "hi", 2, 64);              /* byte order mark first */
	conv("UTF-8", "UTF-32", "\xff\xfe\0\0h\0\0\0", 8, 64);
	conv("NO-SUCH-CHARSET", "UTF-8", "", 0, 64);
	conv("utf8", "latin1", "\xe9", 1, 64);
	/* a reset leaves the state, a new call starts over */
	cd = iconv_open("ISO-8859-1", "UTF-8");
	check("iconv reset", iconv(cd, NULL, NULL, NULL, NULL) == 0 &&
	                         iconv(cd, &ip, &il, &op, &ol) == 0 && op - out == 2);
	iconv_close(cd);
}

/* ---- timers ----------------------------------------------------------------------------- */

static volatile sig_atomic_t usr1_count, usr1_value, usr1_code_ok;
static sem_t thread_sem;
static volatile int thread_value;

static void on_usr1(int sig, siginfo_t *info, void *ctx)
{
	(void)ctx;
	usr1_count++;
	usr1_value = info->si_value.sival_int;
	usr1_code_ok = sig == SIGUSR1 && info->si_signo == SIGUSR1 && info->si_code == SI_TIMER;
}

static void on_thread_timer(union sigval v)
{
	thread_value = v.sival_int;
	sem_post(&thread_sem);
}

static void wait_count(volatile sig_atomic_t *count, int n)
{
	for (int i = 0; i < 3000 && *count < n; i++)
		usleep(1000);
}

static void test_timers(void)
{
	struct sigaction sa = {0};
	struct sigevent ev = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR1};
	/* 200 ms: the remaining time is read back before it fires even on a loaded machine */
	struct itimerspec its = {{0, 0}, {0, 200000000}}, cur;
	struct timespec now, deadline;
	sigset_t set, pending;
	timer_t t, t2;
	int n;

	printf("== timers\n");
	sa.sa_sigaction = on_usr1;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	ev.sigev_value.sival_int = 42;
	check("timer_create SIGEV_SIGNAL", timer_create(CLOCK_MONOTONIC, &ev, &t) == 0);
	check("one-shot armed", timer_settime(t, 0, &its, NULL) == 0 &&
	                            timer_gettime(t, &cur) == 0 && cur.it_value.tv_nsec > 0 &&
	                            cur.it_value.tv_nsec <= 200000000);
	wait_count(&usr1_count, 1);
	check("SA_SIGINFO handler: value 42, SI_TIMER",
	      usr1_count == 1 && usr1_value == 42 && usr1_code_ok);
	check("disarmed after it fired",
	      timer_gettime(t, &cur) == 0 && !cur.it_value.tv_sec && !cur.it_value.tv_nsec);
	usr1_count = 0;
	its = (struct itimerspec){{0, 10000000}, {0, 10000000}};
	timer_settime(t, 0, &its, NULL);
	wait_count(&usr1_count, 3);
	its = (struct itimerspec){{0, 0}, {0, 0}};
	check("periodic: at least 3 expiries", usr1_count >= 3 &&
	                                           timer_settime(t, 0, &its, &cur) == 0 &&
	                                           cur.it_interval.tv_nsec == 10000000);
	n = usr1_count;
	usleep(30000);
	check("stopped", usr1_count == n);

	/* a blocked timer signal stays pending until it is unblocked */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	usr1_count = 0;
	its = (struct itimerspec){{0, 0}, {0, 5000000}};
	timer_settime(t, 0, &its, NULL);
	/* up to 3 s: a loaded host may hold this vCPU back well past the 5 ms */
	for (int i = 0; i < 3000; i++) {
		if (sigpending(&pending) == 0 && sigismember(&pending, SIGUSR1))
			break;
		usleep(1000);
	}
	check("blocked: not delivered, pending",
	      usr1_count == 0 && sigpending(&pending) == 0 && sigismember(&pending, SIGUSR1));
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	check("delivered when unblocked", usr1_count == 1);

	/* absolute expiry on CLOCK_REALTIME */
	check("timer_create CLOCK_REALTIME", timer_create(CLOCK_REALTIME, &ev, &t2) == 0);
	clock_gettime(CLOCK_REALTIME, &now);
	deadline = now;
	deadline.tv_nsec += 20000000;
	if (deadline.tv_nsec >= 1000000000) {
		deadline.tv_nsec -= 1000000000;
		deadline.tv_sec++;
	}
	usr1_count = 0;
	its = (struct itimerspec){{0, 0}, deadline};
	check("TIMER_ABSTIME", timer_settime(t2, TIMER_ABSTIME, &its, NULL) == 0);
	wait_count(&usr1_count, 1);
	clock_gettime(CLOCK_REALTIME, &now);
	check("fired at the deadline", usr1_count == 1 && (now.tv_sec > deadline.tv_sec ||
	                                                   (now.tv_sec == deadline.tv_sec &&
	                                                    now.tv_nsec >= deadline.tv_nsec)));
	check("timer_delete", timer_delete(t2) == 0 && timer_delete(t) == 0);

	/* SIGEV_THREAD and SIGEV_NONE */
	sem_init(&thread_sem, 0, 0);
	ev = (struct sigevent){.sigev_notify = SIGEV_THREAD,
	                       .sigev_notify_function = on_thread_timer};
	ev.sigev_value.sival_int = 7;
	its = (struct itimerspec){{0, 0}, {0, 10000000}};
	check("SIGEV_THREAD",
	      timer_create(CLOCK_MONOTONIC, &ev, &t) == 0 && timer_settime(t, 0, &its, NULL) == 0);
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += 5;
	check("notify function ran with the value",
	      sem_timedwait(&thread_sem, &deadline) == 0 && thread_value == 7);
	timer_delete(t);
	ev = (struct sigevent){.sigev_notify = SIGEV_NONE};
	its = (struct itimerspec){{0, 0}, {10, 0}};
	check("SIGEV_NONE counts down", timer_create(CLOCK_MONOTONIC, &ev, &t) == 0 &&
	                                    timer_settime(t, 0, &its, NULL) == 0 &&
	                                    timer_gettime(t, &cur) == 0 &&
	                                    cur.it_value.tv_sec <= 9 && cur.it_value.tv_sec >= 5);
	timer_delete(t);

	/* errors */
	check("bad clock is EINVAL",
	      timer_create((clockid_t)12345, NULL, &t) == -1 && errno == EINVAL);
	timer_create(CLOCK_MONOTONIC, NULL, &t);
	its = (struct itimerspec){{0, 0}, {0, 1000000000}};
	check("tv_nsec 1e9 is EINVAL", timer_settime(t, 0, &its, NULL) == -1 && errno == EINVAL);
	timer_delete(t);
	signal(SIGUSR1, SIG_DFL);
}

/* ---- eventfd ------------------------------------------------------------------------------ */

static int efd_shared;

static void *efd_writer(void *arg)
{
	(void)arg;
	usleep(30000); /* the reader blocks first */
	eventfd_write(efd_shared, 9);
	return NULL;
}

static void test_eventfd(void)
{
	uint64_t v = 0;
	uint32_t small;
	struct pollfd p;
	pthread_t th;
	fd_set rs;
	struct timeval tv = {0, 0};
	int fd;

	printf("== eventfd\n");
	fd = eventfd(3, EFD_NONBLOCK);
	check("read the initial value", read(fd, &v, 8) == 8 && v == 3);
	check("empty: EAGAIN", read(fd, &v, 8) == -1 && errno == EAGAIN);
	p = (struct pollfd){.fd = fd, .events = POLLIN | POLLOUT};
	check("poll: writable, not readable", poll(&p, 1, 0) == 1 && p.revents == POLLOUT);
	v = 5;
	write(fd, &v, 8);
	write(fd, &v, 8);
	FD_ZERO(&rs);
	FD_SET(fd, &rs);
	check("select: readable", select(fd + 1, &rs, NULL, NULL, &tv) == 1);
	check("writes add up", read(fd, &v, 8) == 8 && v == 10);
	check("4-byte read is EINVAL", read(fd, &small, 4) == -1 && errno == EINVAL);
	v = UINT64_MAX;
	check("writing 2^64-1 is EINVAL", write(fd, &v, 8) == -1 && errno == EINVAL);
	close(fd);
	fd = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK);
	check("semaphore: reads 1, 1, then EAGAIN",
	      eventfd_read(fd, &v) == 0 && v == 1 && eventfd_read(fd, &v) == 0 && v == 1 &&
	          eventfd_read(fd, &v) == -1 && errno == EAGAIN);
	close(fd);
	efd_shared = eventfd(0, 0);
	pthread_create(&th, NULL, efd_writer, NULL);
	check("blocking read wakes on the other thread's write",
	      eventfd_read(efd_shared, &v) == 0 && v == 9);
	pthread_join(th, NULL);
	close(efd_shared);
	check("bad flags are EINVAL", eventfd(0, 0x40000000) == -1 && errno == EINVAL);
}

/* ---- *at calls ---------------------------------------------------------------------------- */

static void print_dir(int dfd)
{
	char *names[16];
	int n = 0, fd = dup(dfd);
	DIR *d = fdopendir(fd);
	struct dirent *e;

	lseek(fd, 0, SEEK_SET);
	while (d && (e = readdir(d)) && n < 16)
		if (e->d_name[0] != '.')
			names[n++] = strdup(e->d_name);
	for (int i = 0; i < n; i++) /* sorted, for the same output everywhere */
		for (int j = i + 1; j < n; j++)
			if (strcmp(names[i], names[j]) > 0) {
				char *t = names[i];
				names[i] = names[j];
				names[j] = t;
			}
	printf("entries:");
	for (int i = 0; i < n; i++) {
		printf(" %s", names[i]);
		free(names[i]);
	}
	printf("\n");
	if (d)
		closedir(d);
}

#define SHOW(expr)                                                                                 \
	do {                                                                                       \
		errno = 0;                                                                         \
		long r_ = (long)(expr);                                                            \
		if (r_ < 0)                                                                        \
			printf("%s: %ld %s\n", #expr, r_, err_name(errno));                        \
		else                                                                               \
			printf("%s: %ld\n", #expr, r_);                                            \
	} while (0)

static void test_at(void)
{
	struct stat st;
	struct timespec ts[2] = {{100, 0}, {200, 0}};
	char buf[64] = {0};
	int dfd, fd;

	printf("== at\n");
	mkdir("top", 0755);
	dfd = open("top", O_RDONLY | O_DIRECTORY);
	fd = openat(dfd, "file", O_WRONLY | O_CREAT | O_EXCL, 0644);
	SHOW(write(fd, "12345", 5));
	close(fd);
	SHOW(openat(dfd, "file", O_WRONLY | O_CREAT | O_EXCL, 0644));
	SHOW(fstatat(dfd, "file", &st, 0) == 0 && st.st_size == 5);
	SHOW(mkdirat(dfd, "sub", 0755));
	SHOW(mkdirat(dfd, "sub", 0755));
	SHOW(faccessat(dfd, "file", R_OK | W_OK, 0));
	SHOW(faccessat(dfd, "nothing", F_OK, 0));
	SHOW(symlinkat("file", dfd, "link"));
	SHOW(readlinkat(dfd, "link", buf, sizeof(buf)));
	printf("link -> %s\n", buf);
	SHOW(fstatat(dfd, "link", &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode));
	SHOW(fstatat(dfd, "", &st, AT_EMPTY_PATH) == 0 && S_ISDIR(st.st_mode));
	SHOW(renameat(dfd, "file", dfd, "sub/moved"));
	SHOW(linkat(dfd, "sub/moved", dfd, "hard", 0));
	SHOW(fstatat(dfd, "hard", &st, 0) == 0 && st.st_nlink == 2);
	SHOW(utimensat(dfd, "hard", ts, 0) == 0 && fstatat(dfd, "sub/moved", &st, 0) == 0 &&
	     st.st_mtime == 200);
	SHOW(fchmodat(dfd, "hard", 0600, 0) == 0 && stat("top/hard", &st) == 0 &&
	     (st.st_mode & 0777) == 0600);
	SHOW(fchownat(dfd, "hard", (uid_t)-1, (gid_t)-1, 0));
	SHOW(unlinkat(dfd, "sub", AT_REMOVEDIR));
	print_dir(dfd);
	/* the fd follows the directory when it is renamed */
	SHOW(rename("top", "top2"));
	SHOW(fstatat(dfd, "hard", &st, 0) == 0 && st.st_size == 5);
	fd = openat(dfd, "sub/../hard", O_RDONLY);
	SHOW(read(fd, buf, sizeof(buf)));
	close(fd);
	/* relative to AT_FDCWD, to a file fd, to a bad fd; absolute paths ignore dirfd */
	SHOW(fstatat(AT_FDCWD, "top2/hard", &st, 0));
	fd = openat(dfd, "hard", O_RDONLY);
	SHOW(openat(fd, "x", O_RDONLY));
	SHOW(openat(-5, "x", O_RDONLY));
	SHOW(openat(-5, "/", O_RDONLY | O_DIRECTORY) >= 0);
	SHOW(openat(dfd, "", O_RDONLY));
	close(fd);
	SHOW(unlinkat(dfd, "hard", 0));
	SHOW(unlinkat(dfd, "link", 0));
	SHOW(unlinkat(dfd, "sub/moved", 0));
	SHOW(unlinkat(dfd, "sub", AT_REMOVEDIR));
	SHOW(unlinkat(dfd, "sub", AT_REMOVEDIR));
	print_dir(dfd);
	close(dfd);
	SHOW(rmdir("top2"));
}

/* ---- locks, advice, large-file names --------------------------------------------------------- */

static void test_files(void)
{
	struct statvfs sv;
	struct stat st;
	int fd, fd2, p[2];
	off64_t off;
	FILE *f;

	printf("== files\n");
	fd = open("locked", O_RDWR | O_CREAT, 0644);
	fd2 = open("locked", O_RDWR);
	SHOW(flock(fd, LOCK_EX));
	SHOW(flock(fd2, LOCK_EX | LOCK_NB) == -1 && errno == EWOULDBLOCK);
	SHOW(flock(fd, LOCK_UN));
	SHOW(flock(fd2, LOCK_SH | LOCK_NB));
	SHOW(flock(fd, LOCK_SH | LOCK_NB));
	SHOW(flock(fd, 0));
	/* (HermitCore's flock and fcntl locks are the same host locks: release before lockf) */
	SHOW(flock(fd2, LOCK_UN));
	SHOW(flock(fd, LOCK_UN));
	SHOW(lockf(fd, F_TLOCK, 10));
	SHOW(lockf(fd, F_TEST, 10));
	SHOW(lockf(fd, F_ULOCK, 10));
	SHOW(posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED));
	printf("posix_fadvise bad advice: %s\n", err_name(posix_fadvise(fd, 0, 0, 99)));
	pipe(p);
	printf("posix_fadvise pipe: %s\n", err_name(posix_fadvise(p[0], 0, 0, POSIX_FADV_NORMAL)));
	close(p[0]);
	close(p[1]);
	SHOW(posix_fallocate(fd, 0, 8192) == 0 && fstat(fd, &st) == 0 && st.st_size == 8192);
	off = lseek64(fd, 0, SEEK_END);
	printf("lseek64 end: %lld\n", (long long)off);
	SHOW(pwrite64(fd, "z", 1, 10000));
	SHOW(ftruncate64(fd, 100));
	close(fd);
	close(fd2);
	f = fopen64("locked", "r");
	SHOW(fseeko64(f, 50, SEEK_SET));
	SHOW(ftello64(f));
	fclose(f);
	SHOW(statvfs(".", &sv) == 0 && sv.f_bsize > 0 && sv.f_blocks > 0 && sv.f_namemax > 0);
	SHOW(statvfs("no/such/dir", &sv));
	unlink("locked");
}

/* ---- getopt_long, strsignal, backtrace ----------------------------------------------------- */

static void test_options(void)
{
	static struct option opts[] = {
	    {"alpha", no_argument, NULL, 'a'},
	    {"beta", required_argument, NULL, 'b'},
	    {"gamma", optional_argument, NULL, 'g'},
	    {"flag", no_argument, NULL, 0},
	    {NULL, 0, NULL, 0},
	};
	char *argv[] = {"prog", "-a",  "--beta",    "two", "--gam=3", "--gamma", "file",
	                "--fl", "-b5", "--unknown", "-x",  "--",      "-a",      NULL};
	int argc = 13, c, idx = -1;

	printf("== getopt_long\n");
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "ab:g::", opts, &idx)) != -1) {
		if (c == 0)
			printf("long option %s (index %d)\n", opts[idx].name, idx);
		else if (c == '?')
			printf("unknown option (optopt %d)\n", optopt);
		else
			printf("option %c arg %s\n", c, optarg ? optarg : "(none)");
	}
	printf("operands:");
	for (int i = optind; i < argc; i++)
		printf(" %s", argv[i]);
	printf("\n== strsignal\n");
	printf("SIGINT %s\nSIGSEGV %s\nSIGTERM %s\nSIGKILL %s\nSIGUSR1 %s\n", strsignal(SIGINT),
	       strsignal(SIGSEGV), strsignal(SIGTERM), strsignal(SIGKILL), strsignal(SIGUSR1));
}

/* Prints the function names of the frames up to main (Linux: built with -rdynamic, which
 * names global functions only). */
void show_trace(void);
void trace_outer(int depth);
void test_backtrace(void);

__attribute__((noinline)) void show_trace(void)
{
	void *frames[16];
	int n = backtrace(frames, 16), p[2];
	char **lines = backtrace_symbols(frames, n), line[256] = {0};

	int named = 0;

	printf("frames:");
	for (int i = 0; i < n; i++) {
		char *open = strchr(lines[i], '('), *plus = open ? strchr(open, '+') : NULL;

		if (!plus || plus == open + 1)
			continue;
		printf(" %.*s", (int)(plus - open - 1), open + 1);
		named++;
		if (!strncmp(open + 1, "main+", 5))
			break;
	}
	/* HermitCore reads names from the image file: not reachable below HERMIT_ROOT */
	printf("%s\n", named ? "" : n > 3 && lines[0][0] == '[' ? " (no symbol table)" : " none");
	pipe(p);
	backtrace_symbols_fd(frames, 1, p[1]);
	read(p[0], line, sizeof(line) - 1);
	if (line[0] == '[' && strstr(line, "]\n"))
		printf("symbols_fd: (no symbol table)\n");
	else
		printf("symbols_fd: %s",
		       strstr(line, "(show_trace+0x") && strstr(line, ")[0x") ? "ok\n" : line);
	free(lines);
	close(p[0]);
	close(p[1]);
}

__attribute__((noinline)) void trace_outer(int depth)
{
	if (depth)
		trace_outer(depth - 1);
	else
		show_trace();
	__asm__ volatile("" ::: "memory"); /* no tail call */
}

__attribute__((noinline)) void test_backtrace(void)
{
	printf("== backtrace\n");
	trace_outer(2);
	__asm__ volatile("" ::: "memory"); /* no tail call */
}

/* ---- HermitCore only -------------------------------------------------------------------- */

static int confined(void)
{
	int root = open("/", O_RDONLY | O_DIRECTORY), sub, fd;
	struct stat st;

	printf("== confined at\n");
	mkdir("/inside", 0755);
	sub = open("/inside", O_RDONLY | O_DIRECTORY);
	SHOW(openat(root, "../../../../etc/passwd", O_RDONLY));
	SHOW(openat(sub, "../../../../../etc/passwd", O_RDONLY));
	SHOW(fstatat(sub, "../..", &st, 0) == 0 && fstatat(root, ".", &st, 0) == 0);
	SHOW(symlinkat("/etc", sub, "abs"));
	SHOW(openat(sub, "abs/passwd", O_RDONLY));
	SHOW(symlinkat("../../../../..", sub, "up"));
	SHOW(faccessat(sub, "up/etc/passwd", F_OK, 0));
	SHOW(mkdirat(sub, "up/made", 0755));
	SHOW(fstatat(root, "made", &st, 0));
	fd = openat(sub, "up", O_RDONLY | O_DIRECTORY);
	SHOW(fstatat(fd, "inside", &st, 0) == 0 && S_ISDIR(st.st_mode));
	close(fd);
	SHOW(unlinkat(root, "made", AT_REMOVEDIR));
	SHOW(unlinkat(sub, "abs", 0));
	SHOW(unlinkat(sub, "up", 0));
	close(sub);
	SHOW(unlinkat(root, "inside", AT_REMOVEDIR));
	printf("posix_ext: done\n");
	return 0;
}

static int unsupported(void)
{
	char *argv[] = {"/bin/true", NULL};
	pid_t pid;

	printf("== unsupported\n");
	SHOW(fork());
	SHOW(execv("/bin/true", argv));
	SHOW(execvp("true", argv));
	SHOW(system(NULL));
	SHOW(system("true"));
	SHOW(popen("true", "r"));
	printf("posix_spawn: %s\n",
	       err_name(posix_spawn(&pid, "/bin/true", NULL, NULL, argv, NULL)));
	SHOW(waitpid(-1, NULL, 0));
	printf("posix_ext: done\n");
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	setvbuf(stderr, NULL, _IOLBF, 0);
	if (argc > 1 && !strcmp(argv[1], "confined"))
		return confined();
	if (argc > 1 && !strcmp(argv[1], "unsupported"))
		return unsupported();
	test_iconv();
	test_timers();
	test_eventfd();
	test_at();
	test_files();
	test_options();
	test_backtrace();
	printf("posix_ext: %s\n", failures ? "FAILED" : "done");
	return failures != 0;
}
