/* SPDX-License-Identifier: BSD-3-Clause */
/* TCP and UDP echo server for the network link tests (usr/tests/net-link.sh): echoes every
 * TCP connection (one thread each) and every datagram on PORT until NCONN TCP connections
 * have ended, then prints "net_echo: N connections, B bytes" and exits 0. A connection that
 * fails (e.g. reset by the peer) prints one line, counts as ended and adds no bytes. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static unsigned long long echoed;
static int finished;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t done = PTHREAD_COND_INITIALIZER;

static void *serve_tcp(void *arg)
{
	int c = (int)(long)arg;
	static __thread char buf[65536];
	unsigned long long n_all = 0;
	ssize_t n;

	int broken = 0;

	while ((n = read(c, buf, sizeof(buf))) > 0) {
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(c, buf + off, (size_t)(n - off));
			if (w <= 0) {
				perror("net_echo: write");
				broken = 1;
				goto out;
			}
			off += w;
		}
		n_all += (unsigned long long)n;
	}
	if (n < 0) {
		perror("net_echo: read");
		broken = 1;
	}
out:
	close(c);
	pthread_mutex_lock(&lock);
	echoed += broken ? 0 : n_all;
	finished++;
	pthread_cond_signal(&done);
	pthread_mutex_unlock(&lock);
	return NULL;
}

static void *serve_udp(void *arg)
{
	int u = (int)(long)arg;
	static char buf[65536];
	struct sockaddr_in from;

	for (;;) {
		socklen_t len = sizeof(from);
		ssize_t n = recvfrom(u, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len);
		if (n < 0) {
			perror("net_echo: recvfrom");
			return NULL;
		}
		if (sendto(u, buf, (size_t)n, 0, (struct sockaddr *)&from, len) != n)
			perror("net_echo: sendto");
	}
}

static void *accept_loop(void *arg)
{
	int ls = (int)(long)arg;

	for (;;) {
		int c = accept(ls, NULL, NULL);
		pthread_t t;

		if (c < 0) {
			perror("net_echo: accept");
			return NULL;
		}
		if (pthread_create(&t, NULL, serve_tcp, (void *)(long)c) != 0) {
			close(c);
			continue;
		}
		pthread_detach(t);
	}
}

int main(int argc, char **argv)
{
	struct sockaddr_in a = {.sin_family = AF_INET};
	int one = 1, ls, u, nconn;
	pthread_t t;

	if (argc != 3) {
		fprintf(stderr, "usage: net_echo PORT NCONN\n");
		return 64;
	}
	a.sin_port = htons((unsigned short)atoi(argv[1]));
	nconn = atoi(argv[2]);
	ls = socket(AF_INET, SOCK_STREAM, 0);
	u = socket(AF_INET, SOCK_DGRAM, 0);
	if (ls < 0 || u < 0 || setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(ls, (struct sockaddr *)&a, sizeof(a)) || listen(ls, 16) ||
	    bind(u, (struct sockaddr *)&a, sizeof(a))) {
		perror("net_echo: set-up");
		return 1;
	}
	printf("net_echo: listening on port %s\n", argv[1]);
	fflush(stdout);
	pthread_create(&t, NULL, serve_udp, (void *)(long)u);
	pthread_detach(t);
	pthread_create(&t, NULL, accept_loop, (void *)(long)ls);
	pthread_detach(t);
	pthread_mutex_lock(&lock);
	while (finished < nconn)
		pthread_cond_wait(&done, &lock);
	pthread_mutex_unlock(&lock);
	printf("net_echo: %d connections, %llu bytes\n", finished, echoed);
	return 0;
}
