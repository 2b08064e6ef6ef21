/* SPDX-License-Identifier: BSD-3-Clause */
/* Network benchmark: TCP throughput by message size and request/response latency, measured
 * by the client against a Linux server (tools/bench.sh runs the server in a namespace).
 * usage: netio server PORT | netio client HOST PORT [MIB_PER_SIZE] [ROUND_TRIPS] */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bench_tsc.h"

#define MODE_SINK 1 /* the client streams, the server counts and answers with the total */
#define MODE_ECHO 2 /* the server sends every message back */
#define MAX_MSG   (1 << 20)

struct hello {
	uint32_t mode, size;
};

static int read_full(int fd, void *buf, size_t len)
{
	for (size_t off = 0; off < len;) {
		ssize_t n = read(fd, (char *)buf + off, len - off);

		if (n <= 0)
			return -1;
		off += (size_t)n;
	}
	return 0;
}

static int write_full(int fd, const void *buf, size_t len)
{
	for (size_t off = 0; off < len;) {
		ssize_t n = write(fd, (const char *)buf + off, len - off);

		if (n <= 0)
			return -1;
		off += (size_t)n;
	}
	return 0;
}

static void *serve(void *arg)
{
	int c = (int)(intptr_t)arg;
	struct hello h;
	char *buf = malloc(MAX_MSG);
	uint64_t total = 0;
	ssize_t n;

	if (!buf || read_full(c, &h, sizeof(h)) || h.size == 0 || h.size > MAX_MSG)
		goto out;
	if (h.mode == MODE_SINK) {
		while ((n = read(c, buf, MAX_MSG)) > 0)
			total += (uint64_t)n;
		write_full(c, &total, sizeof(total));
	} else if (h.mode == MODE_ECHO) {
		while (!read_full(c, buf, h.size) && !write_full(c, buf, h.size))
			;
	}
out:
	free(buf);
	close(c);
	return NULL;
}

static int server(int port)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	int one = 1, s = socket(AF_INET, SOCK_STREAM, 0);

	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof(a)) || listen(s, 16)) {
		perror("netio: server");
		return 1;
	}
	for (;;) {
		int c = accept(s, NULL, NULL);
		pthread_t t;

		if (c < 0)
			continue;
		setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		if (pthread_create(&t, NULL, serve, (void *)(intptr_t)c) == 0)
			pthread_detach(t);
		else
			close(c);
	}
}

static int dial(const char *host, int port, uint32_t mode, uint32_t size)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	struct hello h = {mode, size};
	int one = 1, s;

	if (inet_pton(AF_INET, host, &a.sin_addr) != 1)
		return -1;
	/* The link may still be coming up (the guest's first ARP): a few tries. */
	for (int tries = 0; tries < 50; tries++) {
		s = socket(AF_INET, SOCK_STREAM, 0);
		if (s < 0)
			return -1;
		if (connect(s, (struct sockaddr *)&a, sizeof(a)) == 0)
			break;
		close(s);
		s = -1;
		usleep(100000);
	}
	if (s < 0)
		return -1;
	setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (write_full(s, &h, sizeof(h))) {
		close(s);
		return -1;
	}
	return s;
}

/* Streams `bytes` in writes of `size` and waits for the server's count: MB/s. */
static double throughput(const char *host, int port, uint32_t size, uint64_t bytes, char *buf)
{
	int s = dial(host, port, MODE_SINK, size);
	uint64_t t0, sent = 0, got = 0;

	if (s < 0)
		return -1;
	t0 = monotonic_ns();
	while (sent < bytes) {
		if (write_full(s, buf, size))
			break;
		sent += size;
	}
	shutdown(s, SHUT_WR);
	if (read_full(s, &got, sizeof(got)) || got != sent) {
		close(s);
		return -1;
	}
	double mbps = (double)sent / (double)(monotonic_ns() - t0) * 1e3;
	close(s);
	return mbps;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* `n` round trips of `size`-byte messages: the median in microseconds. */
static double round_trip(const char *host, int port, uint32_t size, unsigned n, char *buf)
{
	int s = dial(host, port, MODE_ECHO, size);
	uint64_t *t = malloc(n * sizeof(*t));
	double median = -1;

	if (s < 0 || !t)
		goto out;
	for (unsigned i = 0; i < n; i++) {
		uint64_t t0 = monotonic_ns();

		if (write_full(s, buf, size) || read_full(s, buf, size))
			goto out;
		t[i] = monotonic_ns() - t0;
	}
	qsort(t, n, sizeof(*t), cmp_u64);
	median = (double)t[n / 2] / 1e3;
out:
	free(t);
	if (s >= 0)
		close(s);
	return median;
}

static int client(const char *host, int port, uint64_t mib, unsigned trips)
{
	static const uint32_t sizes[] = {1024, 4096, 16384, 65536, 262144, 1048576};
	char *buf = malloc(MAX_MSG), name[64];
	int failed = 0;

	if (!buf)
		return 1;
	memset(buf, 0x5a, MAX_MSG);
	for (unsigned i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		double v = throughput(host, port, sizes[i], mib << 20, buf);

		snprintf(name, sizeof(name), "tcp_stream_%uk", sizes[i] / 1024);
		if (v < 0) {
			fprintf(stderr, "netio: %s failed\n", name);
			failed = 1;
			continue;
		}
		result(name, v, "MB/s");
	}
	static const uint32_t rr[] = {1, 1024};
	for (unsigned i = 0; i < 2; i++) {
		double v = round_trip(host, port, rr[i], trips, buf);

		snprintf(name, sizeof(name), "tcp_rr_%u", rr[i]);
		if (v < 0) {
			fprintf(stderr, "netio: %s failed\n", name);
			failed = 1;
			continue;
		}
		result(name, v, "us");
	}
	free(buf);
	return failed;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "server"))
		return server(atoi(argv[2]));
	if (argc >= 4 && !strcmp(argv[1], "client"))
		return client(argv[2], atoi(argv[3]), argc > 4 ? strtoull(argv[4], NULL, 10) : 64,
		              argc > 5 ? (unsigned)atoi(argv[5]) : 2000);
	fprintf(stderr, "usage: netio server PORT | netio client HOST PORT [MIB_PER_SIZE] "
	                "[ROUND_TRIPS]\n");
	return 2;
}
