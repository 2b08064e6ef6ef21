/* SPDX-License-Identifier: BSD-3-Clause */
/* Linux-side timer for one launch: runs a command (a Linux program, uhyve or the proxy)
 * with its stdout on a pipe, passes its "name value unit" lines through and adds
 *   start_to_first_output  launcher start to the first byte the program writes (ms)
 *   start_to_exit          launcher start to the end of the command (ms)
 * and, for clock's "mark N guest_ns guest_tsc" lines, the guest's clock against this side's:
 *   clock_rate_error       guest time between the marks / time between their arrival, - 1
 *                          (includes the output path's jitter)
 *   clock_tsc_calibration_error  this side's TSC ticks per ns / the guest's (both over the
 *                          marks' span), - 1: the guest clock's rate error, free of that jitter
 *   tsc_rate_vs_launcher   guest TSC ticks / this side's between the marks (same TSC: ~1) Exits
 * with the command's status. usage: launch CMD [ARGS...] */
#include <err.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_tsc.h"

extern char **environ;

struct marks {
	int seen;
	unsigned long long guest_ns[2], guest_tsc[2];
	uint64_t host_ns[2], host_tsc[2];
};

static void take_line(char *line, struct marks *m)
{
	unsigned long long g, c;
	int n;

	if (sscanf(line, "mark %d %llu %llu", &n, &g, &c) == 3 && n >= 0 && n < 2) {
		m->guest_ns[n] = g;
		m->guest_tsc[n] = c;
		uint64_t a = rdtsc_fenced(); /* the TSC around the clock read, as clock does */

		m->host_ns[n] = monotonic_ns();
		m->host_tsc[n] = a + (rdtsc_fenced() - a) / 2;
		m->seen |= 1 << n;
		return;
	}
	fputs(line, stdout);
}

static void report_marks(const struct marks *m)
{
	double host = (double)(m->host_ns[1] - m->host_ns[0]), ghz, guest_ghz;

	if (m->seen != 3 || host <= 0 || m->guest_ns[1] <= m->guest_ns[0])
		return;
	/* Both sides read the same TSC (uhyve and isles do not scale it), each next to its own
	 * clock: a guest clock that runs at the right rate counts as many ticks per ns as ours. */
	ghz = (double)(m->host_tsc[1] - m->host_tsc[0]) / host;
	guest_ghz =
	    (double)(m->guest_tsc[1] - m->guest_tsc[0]) / (double)(m->guest_ns[1] - m->guest_ns[0]);
	result("clock_tsc_calibration_error", (ghz / guest_ghz - 1.0) * 1e6, "ppm");
	result("clock_rate_error", ((double)(m->guest_ns[1] - m->guest_ns[0]) / host - 1.0) * 1e6,
	       "ppm");
	result("tsc_rate_vs_launcher",
	       (double)(m->guest_tsc[1] - m->guest_tsc[0]) /
	           (double)(m->host_tsc[1] - m->host_tsc[0]),
	       "ratio");
	result("launcher_tsc_ghz", ghz, "GHz");
}

int main(int argc, char **argv)
{
	posix_spawn_file_actions_t fa;
	struct marks m = {0};
	uint64_t t0, t_first = 0;
	char line[4096];
	int pipefd[2], status;
	FILE *in;
	pid_t pid;

	if (argc < 2)
		errx(2, "usage: launch CMD [ARGS...]");
	if (pipe2(pipefd, O_CLOEXEC))
		err(71, "pipe");
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], 1);
	t0 = monotonic_ns();
	if (posix_spawnp(&pid, argv[1], &fa, NULL, argv + 1, environ))
		err(71, "posix_spawn %s", argv[1]);
	close(pipefd[1]);
	in = fdopen(pipefd[0], "r");
	if (!in)
		err(71, "fdopen");
	while (fgets(line, sizeof(line), in)) {
		if (!t_first)
			t_first = monotonic_ns();
		take_line(line, &m);
	}
	if (waitpid(pid, &status, 0) < 0)
		err(71, "waitpid");
	if (t_first)
		result("start_to_first_output", (double)(t_first - t0) / 1e6, "ms");
	result("start_to_exit", (double)(monotonic_ns() - t0) / 1e6, "ms");
	report_marks(&m);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
