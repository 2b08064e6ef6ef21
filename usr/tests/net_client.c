/* SPDX-License-Identifier: BSD-3-Clause */
/* Client of the network link tests (usr/tests/net-link.sh), built for Linux and HermitCore:
 *   net_client tcp HOST PORT BYTES SEED   sends BYTES in random-sized writes (1 B - 64 KiB)
 *       while reading the echo back and checking every byte; prints the rate
 *   net_client udp HOST PORT COUNT        COUNT datagrams of random sizes, each echo checked
 *   net_client reset HOST PORT BYTES      sends BYTES, reads part of the echo, then resets the
 *       connection (SO_LINGER 0 and close) with the echo still flowing
 * Exit 0 when everything came back intact, 1 otherwise; every wait is bounded (30 s). */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define WAIT_S 30

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The byte at stream offset i of seed s: not periodic at any write size. */
static unsigned char pattern(unsigned long long i, unsigned s)
{
	return (unsigned char)(i * 131 + (i >> 11) * 7 + s);
}

struct sender {
	int fd;
	unsigned long long bytes;
	unsigned seed;
	int failed;
};

static void *tcp_send(void *arg)
{
	struct sender *s = arg;
	static unsigned char buf[65536];
	unsigned long long sent = 0;
	unsigned r = s->seed * 2654435761u + 1;

	while (sent < s->bytes) {
		size_t chunk = 1 + (r = r * 1103515245 + 12345) % sizeof(buf);
		if (chunk > s->bytes - sent)
			chunk = (size_t)(s->bytes - sent);
		for (size_t i = 0; i < chunk; i++)
			buf[i] = pattern(sent + i, s->seed);
		for (size_t off = 0; off < chunk;) {
			ssize_t w = send(s->fd, buf + off, chunk - off, 0);
			if (w <= 0) {
				perror("net_client: send");
				s->failed = 1;
				return NULL;
			}
			off += (size_t)w;
		}
		sent += chunk;
	}
	shutdown(s->fd, SHUT_WR);
	return NULL;
}

static int connect_to(const char *host, const char *port, int type)
{
	struct sockaddr_in a = {.sin_family = AF_INET};
	struct timeval tv = {WAIT_S, 0};
	int fd = socket(AF_INET, type, 0);

	a.sin_port = htons((unsigned short)atoi(port));
	if (fd < 0 || inet_pton(AF_INET, host, &a.sin_addr) != 1) {
		fprintf(stderr, "net_client: bad address %s\n", host);
		return -1;
	}
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		perror("net_client: connect");
		close(fd);
		return -1;
	}
	return fd;
}

static int tcp(const char *host, const char *port, unsigned long long bytes, unsigned seed)
{
	static unsigned char buf[65536];
	struct sender s = {.bytes = bytes, .seed = seed};
	unsigned long long got = 0, bad = 0;
	pthread_t t;
	double t0 = now();
	ssize_t n;

	s.fd = connect_to(host, port, SOCK_STREAM);
	if (s.fd < 0)
		return 1;
	pthread_create(&t, NULL, tcp_send, &s);
	while ((n = recv(s.fd, buf, sizeof(buf), 0)) > 0) {
		for (ssize_t i = 0; i < n; i++)
			if (buf[i] != pattern(got + (unsigned long long)i, seed))
				bad++;
		got += (unsigned long long)n;
	}
	if (n < 0)
		perror("net_client: recv");
	pthread_join(t, NULL);
	close(s.fd);
	double dt = now() - t0;
	printf("tcp: %llu of %llu bytes echoed, %llu wrong, %.2f s, %.1f MB/s each way\n", got,
	       bytes, bad, dt, (double)got / dt / 1e6);
	return got != bytes || bad || s.failed;
}

static int udp(const char *host, const char *port, unsigned count)
{
	static unsigned char out[1400], in[2048];
	int fd = connect_to(host, port, SOCK_DGRAM), failed = 0, retries = 0;
	unsigned r = 12345;

	if (fd < 0)
		return 1;
	for (unsigned k = 0; k < count && !failed; k++) {
		size_t len = 4 + (r = r * 1103515245 + 12345) % (sizeof(out) - 4);
		memcpy(out, &k, 4);
		for (size_t i = 4; i < len; i++)
			out[i] = pattern(i + k, 3);
		for (int attempt = 0;; attempt++) {
			if (send(fd, out, len, 0) != (ssize_t)len) {
				perror("net_client: send");
				failed = 1;
				break;
			}
			struct pollfd p = {.fd = fd, .events = POLLIN};
			ssize_t n = 0;
			/* Replies to earlier attempts may still come: skip those. */
			while (poll(&p, 1, 1000) == 1 && (n = recv(fd, in, sizeof(in), 0)) >= 4 &&
			       memcmp(in, &k, 4) != 0)
				;
			if (n == (ssize_t)len && memcmp(in, out, len) == 0)
				break;
			if (attempt == 2) {
				fprintf(stderr, "net_client: datagram %u not echoed intact\n", k);
				failed = 1;
				break;
			}
			retries++;
		}
	}
	close(fd);
	printf("udp: %u datagrams echoed%s, %d resent\n", count, failed ? " NOT all" : "", retries);
	return failed;
}

/* A peer that goes away mid-transfer: the server must see ECONNRESET or EPIPE. */
static int reset(const char *host, const char *port, unsigned long long bytes)
{
	static unsigned char buf[65536];
	struct linger lg = {1, 0};
	struct timeval tv = {2, 0};
	unsigned long long sent = 0, got = 0;
	int fd = connect_to(host, port, SOCK_STREAM);

	if (fd < 0)
		return 1;
	memset(buf, 'r', sizeof(buf));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	while (sent < bytes) {
		size_t chunk = bytes - sent < sizeof(buf) ? (size_t)(bytes - sent) : sizeof(buf);
		ssize_t w = send(fd, buf, chunk, 0);
		if (w <= 0)
			break; /* the server's window closed: reset now */
		sent += (unsigned long long)w;
		if (got < sizeof(buf)) {
			ssize_t n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
			got += n > 0 ? (unsigned long long)n : 0;
		}
	}
	while (got == 0) { /* the echo has begun: the server is mid-transfer */
		ssize_t n = recv(fd, buf, 1, 0);
		if (n <= 0) {
			fprintf(stderr, "net_client: no echo before the reset\n");
			close(fd);
			return 1;
		}
		got += (unsigned long long)n;
	}
	if (setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)) != 0) {
		perror("net_client: SO_LINGER");
		return 1;
	}
	close(fd);
	printf("reset: sent %llu bytes, read %llu of the echo, then reset\n", sent, got);
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 6 && strcmp(argv[1], "tcp") == 0)
		return tcp(argv[2], argv[3], strtoull(argv[4], NULL, 0), (unsigned)atoi(argv[5]));
	if (argc == 5 && strcmp(argv[1], "udp") == 0)
		return udp(argv[2], argv[3], (unsigned)atoi(argv[4]));
	if (argc == 5 && strcmp(argv[1], "reset") == 0)
		return reset(argv[2], argv[3], strtoull(argv[4], NULL, 0));
	fprintf(stderr, "usage: net_client tcp HOST PORT BYTES SEED | udp HOST PORT COUNT | "
	                "reset HOST PORT BYTES\n");
	return 64;
}
