/* SPDX-License-Identifier: BSD-3-Clause */
/* Isle mode: boots an image on cores taken from Linux (/sys/hermit, /dev/hermit-isleN) and
 * serves its system calls until it exits. */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "proxy.h"
#include "proxy_chan.h"

extern char **environ;

struct isle {
	unsigned n;
	char dir[PATH_MAX]; /* sysfs_root/isleN */
	int fd;             /* /dev/hermit-isleN */
	uint8_t *mem;
	uint64_t mem_size;
	char cpus[PROXY_CPUS_MAX]; /* what we write to cpus */
	bool booted, verbose;
	struct uhyve_options opt;
	struct uhyve_files *files; /* the application's fds; HERMIT_ROOT confines its paths */
	uint64_t t_boot, t_booted, deadline_ns;
};

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
}

/* No SA_RESTART: the WAIT ioctl returns EINTR and the server looks at stop_signal. */
static void catch_signals(void)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	struct sigaction sa = {.sa_handler = on_signal};

	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (sigaction(sigs[i], &sa, NULL))
			err(PROXY_EX_OSERR, "sigaction");
}

/* Writes value and a newline to dir/file; 0 or -errno (sysfs reports errors from write). */
static int sysfs_write(const struct isle *is, const char *file, const char *value)
{
	char path[PATH_MAX + 16], line[PATH_MAX + 2];
	int fd, ret = 0, len;

	snprintf(path, sizeof(path), "%s/%s", is->dir, file);
	len = snprintf(line, sizeof(line), "%s\n", value);
	if (len < 0 || (size_t)len >= sizeof(line))
		return -ENAMETOOLONG;
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	errno = 0;
	if (write(fd, line, (size_t)len) != len)
		ret = errno ? -errno : -EIO;
	close(fd);
	return ret;
}

static int sysfs_read_u64(const struct isle *is, const char *file, uint64_t *v)
{
	char path[PATH_MAX + 16], buf[32], *end;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", is->dir, file);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return n < 0 ? -errno : -EINVAL;
	buf[n] = '\0';
	errno = 0;
	*v = strtoull(buf, &end, 0);
	if (errno || end == buf || (*end && *end != '\n'))
		return -EINVAL;
	return 0;
}

/* An errno of the module, as an exit status: what the isle cannot do (cores, memory, busy)
 * is 69, like an unavailable isle. */
static int status_of(int e)
{
	switch (e) {
	case EINVAL:
	case ENOMEM:
	case EBUSY:
	case ENODEV:
		return PROXY_EX_UNAVAILABLE;
	case ENOENT:
		return PROXY_EX_NO_IMAGE;
	case EACCES:
	case EPERM:
		return PROXY_EX_NOPERM;
	default:
		return PROXY_EX_OSERR;
	}
}

static int open_device(struct isle *is, const char *sysfs_root)
{
	char dev[64];
	struct stat st;

	snprintf(is->dir, sizeof(is->dir), "%s/isle%u", sysfs_root, is->n);
	if (stat(is->dir, &st) || !S_ISDIR(st.st_mode)) {
		warnx("isle mode unavailable: %s not found (no hermit.ko loaded, or no isle memory "
		      "on node %u); use HERMIT_ISLE=uhyve",
		      is->dir, is->n);
		return PROXY_EX_UNAVAILABLE;
	}
	snprintf(dev, sizeof(dev), HERMIT_ISLE_DEV_PREFIX "%u", is->n);
	is->fd = open(dev, O_RDWR | O_CLOEXEC);
	if (is->fd >= 0)
		return 0;
	if (errno == EBUSY) {
		warnx("isle %u is in use", is->n);
		return PROXY_EX_UNAVAILABLE;
	}
	if (errno == ENOENT) {
		warnx("isle mode unavailable: %s missing (hermit.ko loaded without udev?); use "
		      "HERMIT_ISLE=uhyve",
		      dev);
		return PROXY_EX_UNAVAILABLE;
	}
	warn("cannot open %s", dev);
	return status_of(errno);
}

static int set_args(struct isle *is, const struct proxy_args *args)
{
	void *blob = malloc(HERMIT_ISLE_ARGS_MAX);
	struct hermit_isle_args_req req;
	long size;
	int ret = 0;

	if (!blob)
		err(PROXY_EX_OSERR, "malloc");
	size = proxy_pack_args(args->app_argc, args->app_argv, environ, blob, HERMIT_ISLE_ARGS_MAX);
	if (size < 0) {
		warnx("arguments and environment do not fit into the 1 MiB argument area");
		ret = PROXY_EX_USAGE;
		goto out_free;
	}
	req = (struct hermit_isle_args_req){.addr = (uintptr_t)blob, .size = (uint64_t)size};
	if (ioctl(is->fd, HERMIT_ISLE_IOC_SET_ARGS, &req)) {
		warn("ioctl (HERMIT_ISLE_IOC_SET_ARGS) on isle %u", is->n);
		ret = status_of(errno);
	}
out_free:
	free(blob);
	return ret;
}

static int set_path(struct isle *is, const char *image)
{
	char path[PATH_MAX];
	int ret;

	if (!realpath(image, path)) {
		warn("realpath %s", image);
		return PROXY_EX_NO_IMAGE;
	}
	ret = sysfs_write(is, "path", path);
	if (ret) {
		warnx("cannot give isle %u the image %s: %s", is->n, path, strerror(-ret));
		return status_of(-ret);
	}
	return 0;
}

/* HERMIT_MEM if set, then the isle's memsize, which is also the length of the window. */
static int set_memsize(struct isle *is)
{
	const char *env = getenv("HERMIT_MEM");
	char value[32];
	int ret;

	if (env && *env) {
		snprintf(value, sizeof(value), "%llu", (unsigned long long)is->opt.mem_size);
		ret = sysfs_write(is, "memsize", value);
		if (ret) {
			warnx("cannot give isle %u %s of memory: %s (see %s/memsize and dmesg)",
			      is->n, env, strerror(-ret), is->dir);
			return status_of(-ret);
		}
	}
	ret = sysfs_read_u64(is, "memsize", &is->mem_size);
	if (ret) {
		warnx("cannot read %s/memsize: %s", is->dir, strerror(-ret));
		return PROXY_EX_OSERR;
	}
	if (is->mem_size <= HERMIT_ISLE_IMAGE_MIN || is->mem_size > SIZE_MAX) {
		warnx("isle %u has %llu bytes of memory; set HERMIT_MEM", is->n,
		      (unsigned long long)is->mem_size);
		return PROXY_EX_USAGE;
	}
	return 0;
}

static int map_window(struct isle *is)
{
	void *p = mmap(NULL, is->mem_size, PROT_READ | PROT_WRITE, MAP_SHARED, is->fd, 0);

	if (p == MAP_FAILED) {
		warn("mmap of isle %u (%llu bytes)", is->n, (unsigned long long)is->mem_size);
		return PROXY_EX_OSERR;
	}
	is->mem = p;
	return 0;
}

static int boot(struct isle *is)
{
	int ret;

	if (is->verbose)
		fprintf(stderr, "proxy: isle %u: memsize %llu, cpus %s\n", is->n,
		        (unsigned long long)is->mem_size, is->cpus);
	is->t_boot = proxy_now_ns();
	ret = sysfs_write(is, "cpus", is->cpus);
	is->t_booted = proxy_now_ns();
	proxy_embedded_cleanup();
	if (ret) {
		warnx("cannot boot isle %u on cores '%s': %s (see dmesg)", is->n, is->cpus,
		      strerror(-ret));
		return status_of(-ret);
	}
	is->booted = true;
	return 0;
}

static void stop(struct isle *is)
{
	int ret;

	if (!is->booted)
		return;
	ret = sysfs_write(is, "cpus", "-1");
	if (ret && is->verbose)
		fprintf(stderr, "proxy: stopping isle %u: %s (closing the device stops it too)\n",
		        is->n, strerror(-ret));
	is->booted = false;
}

static int isle_wait(void *ctx, uint64_t timeout_us)
{
	struct isle *is = ctx;

	if (ioctl(is->fd, HERMIT_ISLE_IOC_WAIT, (unsigned long)timeout_us))
		return -errno;
	return 0;
}

static int isle_check_end(void *ctx)
{
	struct isle *is = ctx;
	int sig = stop_signal;

	if (sig) {
		warnx("isle %u stopped on signal %d (%s)", is->n, sig, strsignal(sig));
		return 128 + sig;
	}
	if (is->deadline_ns && proxy_now_ns() >= is->deadline_ns) {
		warnx("isle %u stopped: HERMIT_TIMEOUT of %u s elapsed", is->n, is->opt.timeout);
		return PROXY_EX_TIMEOUT;
	}
	return 0;
}

static void report(const struct isle *is, const struct proxy_chan *c, int status)
{
	uint64_t t_end = proxy_now_ns();
	double first =
	    c->first_request_ns ? (double)(c->first_request_ns - is->t_booted) / 1e6 : -1.0;

	fprintf(stderr,
	        "proxy: isle %u: boot write %.3f ms, first request %.3f ms after it, end %.3f ms "
	        "after it, status %d\n",
	        is->n, (double)(is->t_booted - is->t_boot) / 1e6, first,
	        (double)(t_end - is->t_booted) / 1e6, status);
	uhyve_klog_print_as(&c->vm, 0, "proxy: isle");
}

/* Booted and mapped: serves the channel until the end. */
static int serve(struct isle *is)
{
	const struct proxy_chan_ops ops = {
	    .wait = isle_wait, .check_end = isle_check_end, .ctx = is};
	static struct proxy_chan c;
	char msg[256];
	int status;

	if (proxy_chan_init(&c, is->mem, is->mem_size, is->files, &ops, msg, sizeof(msg))) {
		warnx("isle %u: %s", is->n, msg);
		return PROXY_EX_UNAVAILABLE;
	}
	if (is->opt.timeout)
		is->deadline_ns = is->t_booted + is->opt.timeout * 1000000000ULL;
	status = proxy_chan_serve(&c);
	stop(is);
	if (is->verbose)
		report(is, &c, status);
	return status;
}

/* The settings isle mode shares with uhyve go through uhyve's own parser (same forms and
 * messages); HERMIT_CPUS names the node's cores here and goes to the module as written. */
static char **shared_env(void)
{
	static const char *const names[] = {
	    "HERMIT_MEM=", "HERMIT_TIMEOUT=", "HERMIT_VERBOSE=", "HERMIT_ROOT="};
	size_t n = 0, k = 0;
	char **env;

	while (environ[n])
		n++;
	env = calloc(n + 1, sizeof(*env));
	if (!env)
		err(PROXY_EX_OSERR, "calloc");
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < sizeof(names) / sizeof(names[0]); j++)
			if (!strncmp(environ[i], names[j], strlen(names[j])))
				env[k++] = environ[i];
	return env;
}

static int parse_options(struct isle *is, const struct proxy_args *args)
{
	char *argv[] = {"proxy", "--", (char *)args->image, NULL};
	const char *cpus = getenv("HERMIT_CPUS");
	char **env = shared_env();
	char msg[256];
	int ret = 0;

	if (uhyve_options_parse(&is->opt, 3, argv, env, msg, sizeof(msg)) != UHYVE_OPT_RUN) {
		warnx("%s", msg);
		ret = PROXY_EX_USAGE;
	} else if (proxy_check_cpus(cpus)) {
		warnx("HERMIT_CPUS: bad value '%s', expected a core count or a list of the node's "
		      "cores like 2-3 or 2,3",
		      cpus);
		ret = PROXY_EX_USAGE;
	}
	snprintf(is->cpus, sizeof(is->cpus), "%s", cpus && *cpus ? cpus : "1");
	is->verbose = is->opt.verbose || args->verbose;
	free(env);
	if (!ret && !(is->files = uhyve_files_new(is->opt.root, msg, sizeof(msg)))) {
		warnx("%s", msg);
		ret = PROXY_EX_USAGE;
	}
	return ret;
}

int proxy_run_isle(const struct proxy_args *args, unsigned isle, const char *sysfs_root)
{
	struct isle is = {.n = isle, .fd = -1};
	int ret;

	ret = parse_options(&is, args);
	if (!ret)
		ret = open_device(&is, sysfs_root);
	if (ret)
		goto out_unlink;
	catch_signals();
	ret = set_args(&is, args);
	if (!ret)
		ret = set_path(&is, args->image);
	if (!ret)
		ret = set_memsize(&is);
	if (!ret)
		ret = map_window(&is);
	if (!ret)
		ret = boot(&is);
	if (!ret)
		ret = serve(&is);
	stop(&is);
	if (is.mem)
		munmap(is.mem, is.mem_size);
	close(is.fd);
out_unlink:
	uhyve_files_free(is.files);
	proxy_embedded_cleanup();
	return ret;
}
