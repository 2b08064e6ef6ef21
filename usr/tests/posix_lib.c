/* SPDX-License-Identifier: BSD-3-Clause */
/* Library functions, memory mappings, signals and time, printed so that a Linux build and a
 * HermitCore image print the same lines (run in an empty scratch directory).
 * "posix_lib guard" touches a PROT_NONE page and must fault; "posix_lib ids" prints
 * HermitCore's fixed identity values. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <glob.h>
#include <poll.h>
#include <pthread.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096

static int failures;

static void check(const char *what, int ok)
{
	printf("%s: %s\n", what, ok ? "ok" : "FAILED");
	if (!ok)
		failures++;
}

static void lines(void)
{
	FILE *f = fopen("lines.txt", "w+");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	printf("== getline\n");
	fputs("first line\nsecond, longer line with some more text\n\nno newline", f);
	rewind(f);
	while ((n = getline(&line, &cap, f)) >= 0)
		printf("%zd [%.*s]\n", n, (int)(n && line[n - 1] == '\n' ? n - 1 : n), line);
	rewind(f);
	n = getdelim(&line, &cap, ',', f);
	printf("getdelim %zd [%s]\n", n, line);
	free(line);
	fclose(f);
	unlink("lines.txt");
}

static void patterns(void)
{
	static const char *const cases[][2] = {
	    {"*.c", "main.c"},      {"*.c", "main.h"}, {"a?c", "abc"}, {"a[b-d]c", "acc"},
	    {"a[!b]c", "abc"},      {"*", ".hidden"},  {"\\*", "*"},   {"a/*", "a/b/c"},
	    {"[[:digit:]]x", "7x"}, {"*/c", "a/b/c"},
	};
	regmatch_t m[3];
	regex_t re;
	glob_t g;
	char msg[128];
	int r;

	printf("== fnmatch\n");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		printf("fnmatch(%s, %s) = %d, PATHNAME|PERIOD = %d\n", cases[i][0], cases[i][1],
		       fnmatch(cases[i][0], cases[i][1], 0) == 0,
		       fnmatch(cases[i][0], cases[i][1], FNM_PATHNAME | FNM_PERIOD) == 0);

	printf("== glob\n");
	mkdir("g", 0755);
	fclose(fopen("g/one.txt", "w"));
	fclose(fopen("g/two.txt", "w"));
	fclose(fopen("g/three.dat", "w"));
	r = glob("g/*.txt", 0, NULL, &g);
	printf("glob g/*.txt: %d, %d matches:", r, r ? 0 : (int)g.gl_pathc);
	for (size_t i = 0; !r && i < (size_t)g.gl_pathc; i++)
		printf(" %s", g.gl_pathv[i]);
	printf("\n");
	if (!r)
		globfree(&g);
	r = glob("g/*.none", 0, NULL, &g);
	printf("glob no match: %s\n", r == GLOB_NOMATCH ? "GLOB_NOMATCH" : "other");
	r = glob("g/*.none", GLOB_NOCHECK, NULL, &g);
	printf("glob NOCHECK: %d %s\n", r, r ? "" : g.gl_pathv[0]);
	if (!r)
		globfree(&g);
	unlink("g/one.txt");
	unlink("g/two.txt");
	unlink("g/three.dat");
	rmdir("g");

	printf("== regex\n");
	r = regcomp(&re, "([a-z]+)-([0-9]+)", REG_EXTENDED);
	printf("regcomp %d\n", r);
	r = regexec(&re, "id: abc-123 rest", 3, m, 0);
	printf("regexec %d: [%d,%d) [%d,%d) [%d,%d)\n", r, (int)m[0].rm_so, (int)m[0].rm_eo,
	       (int)m[1].rm_so, (int)m[1].rm_eo, (int)m[2].rm_so, (int)m[2].rm_eo);
	printf("no match %d\n", regexec(&re, "ABC-xyz", 0, NULL, 0) == REG_NOMATCH);
	regfree(&re);
	r = regcomp(&re, "^hello.*world$", REG_ICASE | REG_NOSUB);
	printf("basic icase %d %d\n", r, regexec(&re, "HeLLo big World", 0, NULL, 0));
	regfree(&re);
	r = regcomp(&re, "a(b", REG_EXTENDED);
	printf("bad pattern is an error %d\n", r != 0);
	printf("regerror has text %d\n", regerror(r, &re, msg, sizeof(msg)) > 1);
}

static void memory(void)
{
	char *p, *q;
	int zero = 1, fd;
	char buf[16] = {0};

	printf("== mmap\n");
	p = mmap(NULL, 5 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check("anonymous mapping", p != MAP_FAILED && ((unsigned long)p & (PAGE - 1)) == 0);
	for (int i = 0; i < 5 * PAGE; i++)
		zero &= p[i] == 0;
	check("zero-filled", zero);
	memset(p, 0xab, 5 * PAGE);
	check("munmap middle page", munmap(p + PAGE, PAGE) == 0);
	q = mmap(p + 3 * PAGE, PAGE, PROT_READ | PROT_WRITE,
	         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	check("MAP_FIXED over a mapped page",
	      q == p + 3 * PAGE && q[0] == 0 && p[4 * PAGE] == (char)0xab);
	check("mprotect PROT_NONE", mprotect(p + 4 * PAGE, PAGE, PROT_NONE) == 0);
	check("mprotect back", mprotect(p + 4 * PAGE, PAGE, PROT_READ | PROT_WRITE) == 0 &&
	                           p[4 * PAGE] == (char)0xab);
	check("madvise DONTNEED zeroes", madvise(p, PAGE, MADV_DONTNEED) == 0 && p[10] == 0);
	check("munmap rest", munmap(p, 5 * PAGE) == 0);
	check("munmap unaligned is EINVAL", munmap(p + 1, PAGE) == -1 && errno == EINVAL);
	check("mmap len 0 is EINVAL",
	      mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED &&
	          errno == EINVAL);
	p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	strcpy(p, "kept");
	q = mremap(p, 2 * PAGE, 64 * PAGE, MREMAP_MAYMOVE);
	check("mremap grows and keeps", q != MAP_FAILED && !strcmp(q, "kept") && q[63 * PAGE] == 0);
	munmap(q, 64 * PAGE);
	p = malloc(3 << 20); /* large allocations, wherever malloc takes them from */
	check("malloc 3 MiB", p != NULL);
	free(p);

	printf("== file mappings\n");
	fd = open("map.bin", O_RDWR | O_CREAT | O_TRUNC, 0644);
	write(fd, "0123456789", 10);
	p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	check("MAP_PRIVATE reads the file",
	      p != MAP_FAILED && !memcmp(p, "0123456789", 10) && p[10] == 0);
	munmap(p, PAGE);
	p = mmap(NULL, 10, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	check("MAP_SHARED", p != MAP_FAILED);
	memcpy(p + 2, "ab", 2);
	check("msync", msync(p, PAGE, MS_SYNC) == 0);
	pread(fd, buf, 10, 0);
	printf("after msync: %s\n", buf);
	memcpy(p + 5, "XY", 2);
	check("munmap shared", munmap(p, 10) == 0);
	pread(fd, buf, 10, 0);
	printf("after munmap: %s\n", buf);
	check("mmap of a directory fd fails",
	      mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, open(".", O_RDONLY), 0) == MAP_FAILED);
	close(fd);
	unlink("map.bin");
}

static int pipe_fds[2];

static void *pipe_writer(void *arg)
{
	(void)arg;
	usleep(50000); /* the reader blocks first */
	for (int i = 0; i < 1000; i++) {
		char block[100];

		memset(block, 'a' + i % 26, sizeof(block));
		if (write(pipe_fds[1], block, sizeof(block)) != sizeof(block))
			break;
	}
	close(pipe_fds[1]);
	return NULL;
}

static void pipes(void)
{
	struct pollfd pf[2];
	pthread_t t;
	char buf[4096];
	long total = 0, sum = 0, n;
	fd_set rs;
	struct timeval tv = {0, 20000};
	int p2[2], fl;

	printf("== pipes\n");
	check("pipe", pipe(pipe_fds) == 0);
	pf[0] = (struct pollfd){.fd = pipe_fds[0], .events = POLLIN};
	check("poll empty times out", poll(pf, 1, 30) == 0 && pf[0].revents == 0);
	FD_ZERO(&rs);
	FD_SET(pipe_fds[0], &rs);
	check("select empty times out",
	      select(pipe_fds[0] + 1, &rs, NULL, NULL, &tv) == 0 && !FD_ISSET(pipe_fds[0], &rs));
	pf[1] = (struct pollfd){.fd = pipe_fds[1], .events = POLLOUT};
	check("write end writable", poll(pf + 1, 1, 0) == 1 && (pf[1].revents & POLLOUT));
	pthread_create(&t, NULL, pipe_writer, NULL);
	while ((n = read(pipe_fds[0], buf, sizeof(buf))) > 0) {
		total += n;
		for (long i = 0; i < n; i++)
			sum += buf[i];
	}
	pthread_join(t, NULL);
	printf("read %ld bytes, sum %ld, last read %ld\n", total, sum, n);
	close(pipe_fds[0]);
	check("pipe2 O_NONBLOCK", pipe2(p2, O_NONBLOCK) == 0);
	check("empty non-blocking read is EAGAIN", read(p2[0], buf, 1) == -1 && errno == EAGAIN);
	fl = fcntl(p2[0], F_GETFL);
	check("F_GETFL shows O_NONBLOCK", fl >= 0 && (fl & O_NONBLOCK));
	write(p2[1], "xyz", 3);
	FD_ZERO(&rs);
	FD_SET(p2[0], &rs);
	tv = (struct timeval){1, 0};
	check("select readable",
	      select(p2[0] + 1, &rs, NULL, NULL, &tv) == 1 && FD_ISSET(p2[0], &rs));
	check("read 3", read(p2[0], buf, sizeof(buf)) == 3);
	close(p2[1]);
	pf[0] = (struct pollfd){.fd = p2[0], .events = POLLIN};
	check("poll after the writer closed: POLLHUP",
	      poll(pf, 1, 100) == 1 && (pf[0].revents & POLLHUP));
	check("read at EOF", read(p2[0], buf, 1) == 0);
	close(p2[0]);
	pf[0] = (struct pollfd){.fd = p2[0], .events = POLLIN};
	check("poll closed fd: POLLNVAL", poll(pf, 1, 0) == 1 && pf[0].revents == POLLNVAL);
	FD_ZERO(&rs);
	FD_SET(p2[0], &rs);
	check("select on a closed fd is EBADF",
	      select(p2[0] + 1, &rs, NULL, NULL, &tv) == -1 && errno == EBADF);
}

static volatile sig_atomic_t got;

static void on_signal(int sig)
{
	got = sig;
}

static void signals_time(void)
{
	struct sigaction sa = {0}, old;
	struct timespec t0, t1, d = {0, 20 * 1000 * 1000};
	struct rusage ru;
	struct rlimit rl;
	struct utsname u;
	char host[256];

	printf("== signals and time\n");
	sa.sa_handler = on_signal;
	check("sigaction", sigaction(SIGUSR1, &sa, &old) == 0 && old.sa_handler == SIG_DFL);
	raise(SIGUSR1);
	check("handler ran", got == SIGUSR1);
	check("sigaction query",
	      sigaction(SIGUSR1, NULL, &old) == 0 && old.sa_handler == on_signal);
	check("sigaction SIGKILL is EINVAL",
	      sigaction(SIGKILL, &sa, NULL) == -1 && errno == EINVAL);
	got = 0;
	check("sigaction SIGALRM", sigaction(SIGALRM, &sa, NULL) == 0);
	alarm(1);
	check("alarm pending", alarm(1) >= 1);
	pause();
	check("alarm delivered", got == SIGALRM);
	{
		struct itimerval it = {{0, 0}, {0, 50000}}, cur;

		got = 0;
		check("setitimer", setitimer(ITIMER_REAL, &it, NULL) == 0);
		while (!got)
			usleep(1000);
		check("setitimer fired", got == SIGALRM && getitimer(ITIMER_REAL, &cur) == 0 &&
		                             cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	check("clock_nanosleep", clock_nanosleep(CLOCK_MONOTONIC, 0, &d, NULL) == 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	check("slept 20 ms",
	      (t1.tv_sec - t0.tv_sec) * 1000000000L + t1.tv_nsec - t0.tv_nsec >= 20000000L);
	t1.tv_nsec += 10000000;
	if (t1.tv_nsec >= 1000000000) {
		t1.tv_nsec -= 1000000000;
		t1.tv_sec++;
	}
	check("clock_nanosleep TIMER_ABSTIME",
	      clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t1, NULL) == 0);
	for (volatile long i = 0; i < 20000000; i++)
		;
	check("getrusage", getrusage(RUSAGE_SELF, &ru) == 0 &&
	                       (ru.ru_utime.tv_sec > 0 || ru.ru_utime.tv_usec > 0));
	check("getrlimit NOFILE", getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur >= 64);
	rl.rlim_cur = 64;
	check("setrlimit lower", setrlimit(RLIMIT_NOFILE, &rl) == 0);
	check("getrlimit bad", getrlimit(-1, &rl) == -1 && errno == EINVAL);
	check("uname", uname(&u) == 0 && !strcmp(u.machine, "x86_64") && u.sysname[0]);
	check("gethostname", gethostname(host, sizeof(host)) == 0 && host[0]);
	check("sysconf pagesize", sysconf(_SC_PAGESIZE) == PAGE && getpagesize() == PAGE);
	check("dlopen fails with a reason", dlopen("libnothing-at-all.so", RTLD_NOW) == NULL &&
	                                        dlerror() != NULL && dlerror() == NULL);
	printf("strsignal(SIGSEGV) has text %d\n", strsignal(SIGSEGV) && strsignal(SIGSEGV)[0]);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1 && !strcmp(argv[1], "guard")) {
		char *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		               -1, 0);

		mprotect(p + PAGE, PAGE, PROT_NONE);
		p[0] = 1;
		printf("guard: first page written\n");
		p[PAGE] = 1;
		printf("guard: still alive\n");
		return 1;
	}
	if (argc > 1 && !strcmp(argv[1], "ids")) {
		struct utsname u;

		uname(&u);
		printf("pid %d ppid %d uid %d euid %d gid %d egid %d\n", (int)getpid(),
		       (int)getppid(), (int)getuid(), (int)geteuid(), (int)getgid(),
		       (int)getegid());
		printf("uname %s %s %s\n", u.sysname, u.nodename, u.machine);
		return 0;
	}
	lines();
	patterns();
	memory();
	pipes();
	signals_time();
	printf("posix_lib: %s\n", failures ? "FAILED" : "done");
	return failures != 0;
}
