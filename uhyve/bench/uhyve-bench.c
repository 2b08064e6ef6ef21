/* SPDX-License-Identifier: BSD-3-Clause */
/* uhyve benchmarks: start-to-main and start-to-exit against a bare KVM floor, hypercall cost. */
#include <err.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define RUNS      20
#define HC_WRITES 20000
#define OUT_MAX   65536

extern char **environ;

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Runs argv with stdout and stderr captured into out (NUL-terminated); wall time in ms. */
static double run(char **argv, char **envp, char *out, size_t max)
{
	posix_spawn_file_actions_t fa;
	char path[] = "/tmp/uhyve-bench-XXXXXX";
	int fd = mkstemp(path), status;
	double t0, t1;
	ssize_t n;
	pid_t pid;

	if (fd < 0)
		err(1, "mkstemp %s", path);
	unlink(path);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fd, 1);
	posix_spawn_file_actions_adddup2(&fa, fd, 2);
	t0 = now_ms();
	if (posix_spawn(&pid, argv[0], &fa, NULL, argv, envp))
		err(1, "posix_spawn %s", argv[0]);
	if (waitpid(pid, &status, 0) < 0)
		err(1, "waitpid %s", argv[0]);
	t1 = now_ms();
	posix_spawn_file_actions_destroy(&fa);
	n = pread(fd, out, max - 1, 0);
	out[n > 0 ? n : 0] = '\0';
	close(fd);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		errx(1, "%s failed (status 0x%x): %.200s", argv[0], status, out);
	return t1 - t0;
}

/* uhyve -v: "[ X ms] cpu 0 runs on host cpu" plus the kernel's "boot: N us to main". */
static double start_to_main(const char *log)
{
	const char *cpu0 = strstr(log, "] cpu 0 runs on host cpu"), *boot = strstr(log, "boot: ");
	const char *bracket;
	double ms, us = -1;

	while (boot && sscanf(boot, "boot: %lf us to main", &us) != 1)
		boot = strstr(boot + 1, "boot: ");
	if (!cpu0 || us < 0)
		errx(1, "no start-to-main timestamps in uhyve's verbose output:\n%.2000s", log);
	for (bracket = cpu0; bracket > log && *bracket != '['; bracket--)
		;
	if (sscanf(bracket, "[ %lf ms]", &ms) != 1)
		errx(1, "bad timestamp in '%.60s'", bracket);
	return ms + us / 1000;
}

static double linux_write_ns(void)
{
	int fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	double t0, t1;

	if (fd < 0)
		err(1, "open /dev/null");
	t0 = now_ms();
	for (int i = 0; i < HC_WRITES; i++)
		if (write(fd, "x", 1) != 1)
			err(1, "write /dev/null");
	t1 = now_ms();
	close(fd);
	return (t1 - t0) * 1e6 / HC_WRITES;
}

static char **env_with(const char *extra)
{
	static char *env[512];
	int n = 0;

	for (char **e = environ; *e && n < 510; e++)
		if (strncmp(*e, "HERMIT_", 7))
			env[n++] = *e;
	if (extra)
		env[n++] = (char *)extra;
	env[n] = NULL;
	return env;
}

int main(int argc, char **argv)
{
	static char out[OUT_MAX];
	double floor_ms[RUNS], exit_ms[RUNS], main_ms[RUNS], hc_ns = -1, lx_ns;
	char count[16];

	if (argc != 5)
		errx(2, "usage: uhyve-bench UHYVE KVM_FLOOR HELLO_IMAGE HC_WRITE_IMAGE|-");
	char *floor_argv[] = {argv[2], NULL};
	char *hello_argv[] = {argv[1], argv[3], NULL};
	char *hc_argv[] = {argv[1], argv[4], count, NULL};

	for (int i = 0; i < RUNS; i++) {
		floor_ms[i] = run(floor_argv, env_with(NULL), out, sizeof(out));
		exit_ms[i] = run(hello_argv, env_with(NULL), out, sizeof(out));
		run(hello_argv, env_with("HERMIT_VERBOSE=1"), out, sizeof(out));
		main_ms[i] = start_to_main(out);
	}
	snprintf(count, sizeof(count), "%d", HC_WRITES);
	if (strcmp(argv[4], "-")) {
		run(hc_argv, env_with(NULL), out, sizeof(out));
		if (!strstr(out, "hc_write_1byte_ns ") ||
		    sscanf(strstr(out, "hc_write_1byte_ns "), "hc_write_1byte_ns %lf", &hc_ns) != 1)
			errx(1, "no result from %s: %.200s", argv[4], out);
	}
	lx_ns = linux_write_ns();

	double fl = median(floor_ms, RUNS), ex = median(exit_ms, RUNS), mn = median(main_ms, RUNS);

	printf("kvm_floor_start_to_exit %.3f ms\n", fl);
	printf("uhyve_hello_start_to_main %.3f ms\n", mn);
	printf("uhyve_hello_start_to_exit %.3f ms\n", ex);
	if (hc_ns >= 0)
		printf("uhyve_hypercall_write_1byte %.1f ns\n", hc_ns);
	printf("linux_write_1byte %.1f ns\n", lx_ns);
	printf("# medians of %d runs; start-to-main from HERMIT_VERBOSE stamps + kernel log\n",
	       RUNS);
	printf("# uhyve start-to-exit is %.1fx the bare KVM floor (%.2f ms above it)\n", ex / fl,
	       ex - fl);
	if (hc_ns >= 0)
		printf("# a 1-byte write through a hypercall costs %.0fx Linux write(2)\n",
		       hc_ns / lx_ns);
	return 0;
}
