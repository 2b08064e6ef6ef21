/* SPDX-License-Identifier: BSD-3-Clause */
/* Process identity, resources and the small POSIX/glibc calls around them: uname, ids,
 * getrusage, rlimits, CPU counts, clock_nanosleep, dlopen, ioctl, getline. */
#include <dlfcn.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "glue.h"
#include "socket_hooks.h"

/*
 * Fixed identity (doc: libc/README.md): one application per kernel, alone in its VM, so it
 * is process 1 with parent 0 and runs as user and group 0; the host decides what it may
 * touch. The host name is "hermit" until sethostname changes it.
 */
static char hostname[_UTSNAME_LENGTH] = "hermit";

int uname(struct utsname *u)
{
	if (!u)
		return glue_fail(EFAULT);
	memset(u, 0, sizeof(*u));
	strcpy(u->sysname, "HermitCore");
	strcpy(u->nodename, hostname);
	strcpy(u->release, "0.3.0");
	strcpy(u->version, "#1 SMP");
	strcpy(u->machine, "x86_64");
	strcpy(u->domainname, "(none)");
	return 0;
}

int gethostname(char *name, size_t len)
{
	size_t n = strlen(hostname) + 1;

	if (n > len)
		return glue_fail(ENAMETOOLONG);
	memcpy(name, hostname, n);
	return 0;
}

int sethostname(const char *name, size_t len)
{
	if (len >= sizeof(hostname))
		return glue_fail(EINVAL);
	memcpy(hostname, name, len);
	hostname[len] = '\0';
	return 0;
}

pid_t getppid(void)
{
	return 0;
}

uid_t getuid(void)
{
	return 0;
}

uid_t geteuid(void)
{
	return 0;
}

gid_t getgid(void)
{
	return 0;
}

gid_t getegid(void)
{
	return 0;
}

pid_t getpgrp(void)
{
	return 1;
}

pid_t getsid(pid_t pid)
{
	return pid == 0 || pid == 1 ? 1 : glue_fail(ESRCH);
}

pid_t setsid(void)
{
	return glue_fail(EPERM); /* already the leader of its only session */
}

int getrusage(int who, struct rusage *ru)
{
	struct hermit_timespec ts;
	int ret;

	if (who != RUSAGE_SELF && who != RUSAGE_THREAD && who != RUSAGE_CHILDREN)
		return glue_fail(EINVAL);
	memset(ru, 0, sizeof(*ru));
	if (who == RUSAGE_CHILDREN)
		return 0; /* there are none */
	ret = sys_clock_gettime(who == RUSAGE_SELF ? HERMIT_CLOCK_PROCESS_CPUTIME_ID
	                                           : HERMIT_CLOCK_THREAD_CPUTIME_ID,
	                        &ts);
	if (ret < 0)
		return (int)glue_result(ret);
	/* The kernel runs at the application's privilege level: all of it is user time. */
	ru->ru_utime.tv_sec = ts.sec;
	ru->ru_utime.tv_usec = ts.nsec / 1000;
	return 0;
}

/* Limits the kernel enforces (files: the host's fd table of 1024), the rest unlimited. A
 * lower soft limit is remembered and reported, not enforced. */
static struct rlimit limits[RLIM_NLIMITS];
static int limits_set;

static void limits_init(void)
{
	for (int i = 0; i < RLIM_NLIMITS; i++)
		limits[i] = (struct rlimit){RLIM_INFINITY, RLIM_INFINITY};
	limits[RLIMIT_NOFILE] = (struct rlimit){1024, 1024};
	limits[RLIMIT_STACK] = (struct rlimit){2 << 20, RLIM_INFINITY}; /* thread default */
	limits[RLIMIT_CORE] = (struct rlimit){0, RLIM_INFINITY};
	limits_set = 1;
}

int getrlimit(int res, struct rlimit *rl)
{
	if (res < 0 || res >= RLIM_NLIMITS)
		return glue_fail(EINVAL);
	if (!limits_set)
		limits_init();
	*rl = limits[res];
	return 0;
}

int setrlimit(int res, const struct rlimit *rl)
{
	if (res < 0 || res >= RLIM_NLIMITS || rl->rlim_cur > rl->rlim_max)
		return glue_fail(EINVAL);
	if (!limits_set)
		limits_init();
	if (rl->rlim_max > limits[res].rlim_max)
		return glue_fail(EPERM);
	limits[res] = *rl;
	return 0;
}

int getpriority(int which, int who)
{
	(void)which;
	(void)who;
	return 0;
}

int setpriority(int which, int who, int prio)
{
	(void)which;
	(void)who;
	return prio == 0 ? 0 : glue_fail(EACCES);
}

int get_nprocs(void)
{
	return (int)sys_ncpus();
}

int get_nprocs_conf(void)
{
	return (int)sys_ncpus();
}

int clock_nanosleep(clockid_t clock, int flags, const struct timespec *req, struct timespec *rem)
{
	struct timespec now, d;

	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)
		return EINVAL;
	if (!(flags & TIMER_ABSTIME))
		return nanosleep(req, rem) ? errno : 0;
	if (clock_gettime(clock, &now))
		return errno;
	d.tv_sec = req->tv_sec - now.tv_sec;
	d.tv_nsec = req->tv_nsec - now.tv_nsec;
	if (d.tv_nsec < 0) {
		d.tv_nsec += 1000000000;
		d.tv_sec--;
	}
	if (d.tv_sec < 0)
		return 0;
	return nanosleep(&d, NULL) ? errno : 0;
}

static const char dl_msg[] = "dynamic loading is not supported: a HermitCore image is one "
                             "static program";
static int dl_failed;

void *dlopen(const char *file, int mode)
{
	(void)file;
	(void)mode;
	dl_failed = 1;
	return NULL;
}

void *dlsym(void *restrict handle, const char *restrict name)
{
	(void)handle;
	(void)name;
	dl_failed = 1;
	return NULL;
}

int dlclose(void *handle)
{
	(void)handle;
	dl_failed = 1;
	return -1;
}

char *dlerror(void)
{
	if (!dl_failed)
		return NULL;
	dl_failed = 0;
	return (char *)dl_msg;
}

int dladdr(const void *addr, Dl_info *info)
{
	(void)addr;
	(void)info;
	return 0;
}

static int fionbio(int fd, int on)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0)
		return -1;
	return fcntl(fd, F_SETFL, on ? fl | O_NONBLOCK : fl & ~O_NONBLOCK);
}

/* Terminals: the host's, known only through isatty; a terminal reports 80x24. */
int ioctl(int fd, unsigned long req, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (glue_is_socket(fd))
		return glue_sock_ioctl(fd, req, arg);
	switch (req) {
	case TIOCGWINSZ:
		if (!isatty(fd))
			return -1;
		*(struct winsize *)arg = (struct winsize){.ws_row = 24, .ws_col = 80};
		return 0;
	case TCGETS:
		return isatty(fd) ? glue_fail(ENOSYS) : -1;
	case FIONBIO:
		return fionbio(fd, *(int *)arg);
	default:
		return glue_fail(ENOTTY);
	}
}

/* newlib builds __getdelim/__getline but exports them only under those names. */
ssize_t __getdelim(char **, size_t *, int, FILE *);

ssize_t getdelim(char **line, size_t *n, int delim, FILE *f)
{
	return __getdelim(line, n, delim, f);
}

ssize_t getline(char **line, size_t *n, FILE *f)
{
	return __getdelim(line, n, '\n', f);
}

/* One user, the one the application runs as (uid 0): name "root", home $HOME or "/". */
static struct passwd the_user = {
    .pw_name = "root",
    .pw_passwd = "x",
    .pw_gecos = "",
    .pw_comment = "",
    .pw_shell = "/bin/sh",
};

static struct passwd *user_entry(void)
{
	const char *home = getenv("HOME");

	the_user.pw_dir = (char *)(home && *home ? home : "/");
	return &the_user;
}

struct passwd *getpwuid(uid_t uid)
{
	return uid == 0 ? user_entry() : NULL;
}

struct passwd *getpwnam(const char *name)
{
	return name && !strcmp(name, "root") ? user_entry() : NULL;
}

int getpwuid_r(uid_t uid, struct passwd *pw, char *buf, size_t len, struct passwd **out)
{
	(void)buf;
	(void)len;
	*out = getpwuid(uid) ? (*pw = *user_entry(), pw) : NULL;
	return 0;
}

int getpwnam_r(const char *name, struct passwd *pw, char *buf, size_t len, struct passwd **out)
{
	(void)buf;
	(void)len;
	*out = getpwnam(name) ? (*pw = *user_entry(), pw) : NULL;
	return 0;
}

char *getlogin(void)
{
	return "root";
}

int issetugid(void)
{
	return 0;
}
