/* SPDX-License-Identifier: BSD-3-Clause */
/* Link test of the C library: stdio, files, malloc, libm, errno, clocks, atexit and the
 * final flush; run on the host against the Linux stub kernel, it prints what it checked. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void bye(void)
{
	printf("atexit handler ran\n");
}

static int check_file(const char *path)
{
	char line[64] = "";
	struct stat st;
	FILE *f = fopen(path, "w");

	if (!f)
		return printf("fopen %s: %s\n", path, strerror(errno)), 1;
	fprintf(f, "%s %lld\n", "line", 1234567890123LL);
	fclose(f);
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return printf("stat %s failed\n", path), 1;
	f = fopen(path, "r");
	if (!f || !fgets(line, sizeof(line), f))
		return printf("reading %s failed\n", path), 1;
	fclose(f);
	unlink(path);
	printf("file: %ld bytes, read back: %s", (long)st.st_size, line);
	return 0;
}

int main(int argc, char **argv)
{
	volatile double two = 2.0;
	struct timespec ts;
	char *buf = malloc(1 << 20);
	unsigned char rnd[16];

	atexit(bye);
	printf("hello from %s, argc %d\n", argv[0], argc);
	printf("sqrt(2) = %.6f\n", sqrt(two));
	memset(buf, 'x', 1 << 20);
	printf("malloc: %s\n", buf[(1 << 20) - 1] == 'x' ? "ok" : "bad");
	free(buf);
	if (open("/nonexistent/file", O_RDONLY) < 0)
		printf("open missing file: errno %d (%s)\n", errno, strerror(errno));
	if (link("a", "b") < 0 && errno == ENOSYS)
		printf("link: ENOSYS\n");
	if (clock_gettime(CLOCK_MONOTONIC, &ts) == 0 && usleep(1000) == 0)
		printf("clock_gettime(CLOCK_MONOTONIC) ok, cpus %ld\n",
		       sysconf(_SC_NPROCESSORS_ONLN));
	if (getentropy(rnd, sizeof(rnd)) == 0)
		printf("getentropy ok\n");
	if (argc > 1 && check_file(argv[1]))
		return 2;
	printf("no newline: flushed by exit"); /* exit() must flush stdout */
	return 7;
}
