/* SPDX-License-Identifier: BSD-3-Clause */
/* BSD sockets over loopback inside the guest (lwIP): TCP and UDP between two threads,
 * poll/select, non-blocking calls, options, name look-ups and errno cases. Builds for
 * Linux too (cc -pthread), where it must print the same. Prints failures and a last line
 * "sockets: ok" (exit 0) or "sockets: N of M checks failed" (exit 1); SOCKETS_VERBOSE=1
 * adds the number of checks and the echo's time. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static int checks, failures;

#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		__atomic_fetch_add(&checks, 1, __ATOMIC_RELAXED);                                  \
		if (!(cond)) {                                                                     \
			__atomic_fetch_add(&failures, 1, __ATOMIC_RELAXED);                        \
			printf("FAIL line %d: ", __LINE__);                                        \
			printf(__VA_ARGS__);                                                       \
			printf(" (errno %d %s)\n", errno, strerror(errno));                        \
		}                                                                                  \
	} while (0)

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* SOCKETS_TRACE=1: progress on stderr, to find where a run hangs. */
static void trace(const char *what)
{
	static int on = -1;

	if (on < 0)
		on = getenv("SOCKETS_TRACE") != NULL;
	if (on)
		fprintf(stderr, "[%.3f] %s\n", now(), what);
}

static struct sockaddr_in loopback(unsigned short port)
{
	struct sockaddr_in a;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons(port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

/* A listening TCP socket on 127.0.0.1 and an ephemeral port (returned in *port). */
static int tcp_listener(unsigned short *port)
{
	struct sockaddr_in a = loopback(0);
	socklen_t len = sizeof(a);
	int one = 1, s = socket(AF_INET, SOCK_STREAM, 0);

	CHECK(s >= 0, "socket(SOCK_STREAM)");
	CHECK(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) == 0, "SO_REUSEADDR");
	CHECK(bind(s, (struct sockaddr *)&a, sizeof(a)) == 0, "bind 127.0.0.1:0");
	CHECK(getsockname(s, (struct sockaddr *)&a, &len) == 0 && len == sizeof(a) &&
	          a.sin_family == AF_INET && a.sin_port != 0,
	      "getsockname after bind");
	CHECK(listen(s, 16) == 0, "listen");
	*port = ntohs(a.sin_port);
	return s;
}

/* --- TCP echo between two threads ------------------------------------------------------- */

#define ECHO_BYTES (4u << 20)

static void *echo_server(void *arg)
{
	int ls = *(int *)arg, c;
	struct sockaddr_in peer;
	socklen_t len = sizeof(peer);
	static char buf[65536];
	ssize_t n;

	c = accept(ls, (struct sockaddr *)&peer, &len);
	CHECK(c >= 0, "accept");
	CHECK(len == sizeof(peer) && peer.sin_addr.s_addr == htonl(INADDR_LOOPBACK),
	      "accept: peer is 127.0.0.1");
	while ((n = read(c, buf, sizeof(buf))) > 0) {
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(c, buf + off, (size_t)(n - off));
			if (w <= 0) {
				CHECK(0, "echo write");
				goto out;
			}
			off += w;
		}
	}
	CHECK(n == 0, "echo read ends with EOF");
out:
	close(c);
	return NULL;
}

struct sender {
	int fd;
	unsigned bytes;
};

static void *echo_sender(void *arg)
{
	struct sender *s = arg;
	static unsigned char buf[65536];
	unsigned seed = 1, sent = 0;

	while (sent < s->bytes) {
		size_t chunk = 1 + (seed = seed * 1103515245 + 12345) % sizeof(buf);
		if (chunk > s->bytes - sent)
			chunk = s->bytes - sent;
		for (size_t i = 0; i < chunk; i++)
			buf[i] = (unsigned char)((sent + i) * 7 + ((sent + i) >> 13));
		ssize_t w = send(s->fd, buf, chunk, 0);
		if (w <= 0) {
			CHECK(0, "send");
			break;
		}
		sent += (unsigned)w;
	}
	CHECK(shutdown(s->fd, SHUT_WR) == 0, "shutdown(SHUT_WR)");
	return NULL;
}

static void tcp_echo(void)
{
	unsigned short port;
	int ls = tcp_listener(&port), c, one = 1, v = 0;
	socklen_t len = sizeof(v);
	struct sockaddr_in a = loopback(port), peer;
	pthread_t srv, snd;
	struct sender s;
	static unsigned char buf[65536];
	unsigned got = 0, bad = 0;
	ssize_t n;
	double t0;

	trace("tcp: listening");
	pthread_create(&srv, NULL, echo_server, &ls);
	c = socket(AF_INET, SOCK_STREAM, 0);
	trace("tcp: connecting");
	CHECK(c >= 0 && c != ls, "client socket is a new descriptor");
	CHECK(connect(c, (struct sockaddr *)&a, sizeof(a)) == 0, "connect 127.0.0.1:port");
	len = sizeof(peer);
	CHECK(getpeername(c, (struct sockaddr *)&peer, &len) == 0 && peer.sin_port == htons(port),
	      "getpeername");
	CHECK(setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) == 0, "TCP_NODELAY");
	len = sizeof(v);
	CHECK(getsockopt(c, IPPROTO_TCP, TCP_NODELAY, &v, &len) == 0 && v != 0,
	      "TCP_NODELAY reads back");
	v = 256 * 1024;
	CHECK(setsockopt(c, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v)) == 0, "SO_RCVBUF");
	CHECK(setsockopt(c, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v)) == 0, "SO_SNDBUF");
	len = sizeof(v);
	CHECK(getsockopt(c, SOL_SOCKET, SO_TYPE, &v, &len) == 0 && v == SOCK_STREAM, "SO_TYPE");

	trace("tcp: connected, echo starts");
	t0 = now();
	s.fd = c;
	s.bytes = ECHO_BYTES;
	pthread_create(&snd, NULL, echo_sender, &s);
	while ((n = recv(c, buf, sizeof(buf), 0)) > 0) {
		for (ssize_t i = 0; i < n; i++)
			if (buf[i] != (unsigned char)((got + i) * 7 + ((got + i) >> 13)))
				bad++;
		if ((got >> 20) != ((got + (unsigned)n) >> 20))
			trace("tcp: another MiB back");
		got += (unsigned)n;
	}
	CHECK(n == 0, "recv ends with EOF after the echo");
	CHECK(got == ECHO_BYTES && bad == 0, "echo: %u of %u bytes back, %u wrong", got, ECHO_BYTES,
	      bad);
	pthread_join(snd, NULL);
	pthread_join(srv, NULL);
	if (getenv("SOCKETS_VERBOSE"))
		printf("tcp echo: %u bytes each way in %.3f s\n", got, now() - t0);
	CHECK(close(c) == 0, "close client");
	CHECK(close(ls) == 0, "close listener");
	errno = 0;
	CHECK(send(c, "x", 1, 0) < 0 && errno == EBADF, "send on a closed socket: EBADF");
}

/* --- UDP ---------------------------------------------------------------------------------- */

static void udp(void)
{
	struct sockaddr_in a = loopback(0), from;
	socklen_t len = sizeof(a);
	int r = socket(AF_INET, SOCK_DGRAM, 0), s = socket(AF_INET, SOCK_DGRAM, 0);
	char buf[2048];
	struct iovec iov[2];
	struct msghdr m;
	ssize_t n;

	CHECK(r >= 0 && s >= 0 && r != s, "two UDP sockets");
	CHECK(bind(r, (struct sockaddr *)&a, sizeof(a)) == 0, "UDP bind");
	CHECK(getsockname(r, (struct sockaddr *)&a, &len) == 0 && a.sin_port != 0,
	      "UDP getsockname");
	for (int i = 0; i < 10; i++) {
		char msg[32];
		int l = snprintf(msg, sizeof(msg), "datagram %d", i);

		CHECK(sendto(s, msg, (size_t)l, 0, (struct sockaddr *)&a, sizeof(a)) == l,
		      "sendto");
		len = sizeof(from);
		n = recvfrom(r, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len);
		CHECK(n == l && memcmp(buf, msg, (size_t)l) == 0, "recvfrom datagram %d", i);
		CHECK(len == sizeof(from) && from.sin_family == AF_INET &&
		          from.sin_addr.s_addr == htonl(INADDR_LOOPBACK),
		      "recvfrom: sender's address");
	}
	/* sendmsg with two pieces, recvmsg with the sender's address. */
	iov[0] = (struct iovec){"hello, ", 7};
	iov[1] = (struct iovec){"world", 5};
	memset(&m, 0, sizeof(m));
	m.msg_name = &a;
	m.msg_namelen = sizeof(a);
	m.msg_iov = iov;
	m.msg_iovlen = 2;
	CHECK(sendmsg(s, &m, 0) == 12, "sendmsg");
	memset(&m, 0, sizeof(m));
	m.msg_name = &from;
	m.msg_namelen = sizeof(from);
	iov[0] = (struct iovec){buf, sizeof(buf)};
	m.msg_iov = iov;
	m.msg_iovlen = 1;
	n = recvmsg(r, &m, 0);
	CHECK(n == 12 && memcmp(buf, "hello, world", 12) == 0, "recvmsg");
	CHECK(m.msg_namelen == sizeof(from) && from.sin_addr.s_addr == htonl(INADDR_LOOPBACK),
	      "recvmsg: sender's address");
	/* connect() fixes the peer: send/recv. */
	CHECK(connect(s, (struct sockaddr *)&a, sizeof(a)) == 0, "UDP connect");
	CHECK(send(s, "ping", 4, 0) == 4, "UDP send after connect");
	CHECK(recv(r, buf, sizeof(buf), 0) == 4 && memcmp(buf, "ping", 4) == 0, "UDP recv");
	/* Nothing waiting: MSG_DONTWAIT gives EAGAIN. */
	errno = 0;
	CHECK(recv(r, buf, sizeof(buf), MSG_DONTWAIT) < 0 && errno == EAGAIN,
	      "UDP recv MSG_DONTWAIT: EAGAIN");
	close(r);
	close(s);
}

/* --- errors ------------------------------------------------------------------------------- */

static void errors(void)
{
	unsigned short port;
	int ls = tcp_listener(&port), s, fd;
	struct sockaddr_in a = loopback(port);
	char c;

	/* A port nobody listens on: bind a socket, read its port, close it, connect there. */
	s = socket(AF_INET, SOCK_STREAM, 0);
	a = loopback(0);
	socklen_t len = sizeof(a);
	CHECK(bind(s, (struct sockaddr *)&a, sizeof(a)) == 0, "bind for a closed port");
	getsockname(s, (struct sockaddr *)&a, &len);
	close(s);
	s = socket(AF_INET, SOCK_STREAM, 0);
	errno = 0;
	CHECK(connect(s, (struct sockaddr *)&a, sizeof(a)) < 0 && errno == ECONNREFUSED,
	      "connect to a closed port: ECONNREFUSED");
	close(s);

	/* The same refusal seen by a non-blocking connect: poll, then SO_ERROR. */
	s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	errno = 0;
	int r = connect(s, (struct sockaddr *)&a, sizeof(a));
	CHECK(r < 0 && (errno == EINPROGRESS || errno == ECONNREFUSED),
	      "non-blocking connect to a closed port: EINPROGRESS");
	struct pollfd pf = {.fd = s, .events = POLLOUT};
	int err = -1;
	len = sizeof(err);
	CHECK(r == 0 || errno == ECONNREFUSED ||
	          (poll(&pf, 1, 5000) == 1 && (pf.revents & (POLLERR | POLLHUP | POLLOUT))),
	      "poll: the refused connect is done");
	CHECK(errno == ECONNREFUSED ||
	          (getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == ECONNREFUSED),
	      "SO_ERROR after a refused non-blocking connect: ECONNREFUSED (%d)", err);
	close(s);

	/* recv on a TCP socket that never connected: ENOTCONN. */
	s = socket(AF_INET, SOCK_STREAM, 0);
	errno = 0;
	CHECK(recv(s, &c, 1, MSG_DONTWAIT) < 0 && errno == ENOTCONN,
	      "recv on an unconnected socket: ENOTCONN");
	errno = 0;
	CHECK(read(s, &c, 1) < 0 && errno == ENOTCONN,
	      "blocking read on an unconnected socket: ENOTCONN at once");
	close(s);

	/* The listener's port again (the listener has SO_REUSEADDR), without and with
	 * SO_REUSEADDR: EADDRINUSE both times, as Linux refuses a bind to a listening port. */
	for (int reuse = 0; reuse <= 1; reuse++) {
		s = socket(AF_INET, SOCK_STREAM, 0);
		a = loopback(port);
		setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &reuse, sizeof(reuse));
		errno = 0;
		CHECK(bind(s, (struct sockaddr *)&a, sizeof(a)) < 0 && errno == EADDRINUSE,
		      "bind to a port in use%s: EADDRINUSE", reuse ? " (SO_REUSEADDR)" : "");
		close(s);
	}

	errno = 0;
	CHECK(socket(AF_UNIX + 1000, SOCK_STREAM, 0) < 0 && errno == EAFNOSUPPORT,
	      "socket(bad family): EAFNOSUPPORT");
	errno = 0;
	CHECK(send(-1, "x", 1, 0) < 0 && errno == EBADF, "send(-1): EBADF");
	errno = 0;
	CHECK(recv(1000, &c, 1, 0) < 0 && errno == EBADF, "recv(unused fd): EBADF");
	errno = 0;
	CHECK(send(1, "x", 1, 0) < 0 && errno == ENOTSOCK, "send(stdout): ENOTSOCK");
	errno = 0;
	CHECK(listen(2, 1) < 0 && errno == ENOTSOCK, "listen(stderr): ENOTSOCK");
	errno = 0;
	CHECK(setsockopt(ls, SOL_SOCKET, 12345, &port, sizeof(int)) < 0 && errno == ENOPROTOOPT,
	      "setsockopt(unknown): ENOPROTOOPT");

	/* Socket and file descriptors share one table. */
	fd = dup(1);
	s = socket(AF_INET, SOCK_DGRAM, 0);
	CHECK(fd >= 0 && s >= 0 && fd != s && s != ls && fd != ls,
	      "file and socket descriptors differ (%d %d %d)", fd, s, ls);
	struct stat st;
	CHECK(fstat(s, &st) == 0 && S_ISSOCK(st.st_mode), "fstat(socket): S_IFSOCK");
	close(s);
	int s2 = socket(AF_INET, SOCK_DGRAM, 0);
	CHECK(s2 == s, "the lowest free descriptor is reused (%d, %d)", s2, s);
	close(s2);
	close(fd);
	close(ls);
}

/* --- non-blocking calls, poll, select, timeouts --------------------------------------------- */

static void nonblocking(void)
{
	unsigned short port;
	int ls = tcp_listener(&port), c, s, err = -1, fl;
	struct sockaddr_in a = loopback(port);
	socklen_t len = sizeof(err);
	struct pollfd p[2];
	struct timeval tv;
	fd_set rs;
	char buf[16];
	double t0;

	fl = fcntl(ls, F_GETFL);
	CHECK(fl >= 0 && !(fl & O_NONBLOCK), "F_GETFL: blocking");
	CHECK(fcntl(ls, F_SETFL, fl | O_NONBLOCK) == 0, "F_SETFL O_NONBLOCK");
	CHECK(fcntl(ls, F_GETFL) & O_NONBLOCK, "F_GETFL: O_NONBLOCK");
	errno = 0;
	CHECK(accept(ls, NULL, NULL) < 0 && (errno == EAGAIN || errno == EWOULDBLOCK),
	      "non-blocking accept, nobody connecting: EAGAIN");

	/* poll with a timeout on a quiet listener. */
	p[0] = (struct pollfd){.fd = ls, .events = POLLIN};
	t0 = now();
	CHECK(poll(p, 1, 100) == 0 && p[0].revents == 0, "poll timeout: 0");
	CHECK(now() - t0 >= 0.09, "poll waited its timeout (%.3f s)", now() - t0);

	/* Non-blocking connect. */
	c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	CHECK(c >= 0, "socket(SOCK_NONBLOCK)");
	errno = 0;
	int r = connect(c, (struct sockaddr *)&a, sizeof(a));
	CHECK(r == 0 || errno == EINPROGRESS, "non-blocking connect: 0 or EINPROGRESS");
	p[0] = (struct pollfd){.fd = c, .events = POLLOUT};
	CHECK(poll(p, 1, 5000) == 1 && (p[0].revents & POLLOUT), "poll: connected socket writable");
	CHECK(getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0, "SO_ERROR 0");

	/* The listener is readable; select says so too. */
	FD_ZERO(&rs);
	FD_SET(ls, &rs);
	tv = (struct timeval){5, 0};
	CHECK(select(ls + 1, &rs, NULL, NULL, &tv) == 1 && FD_ISSET(ls, &rs),
	      "select: listener readable");
	s = accept(ls, NULL, NULL);
	CHECK(s >= 0, "accept after select");

	/* Data one way: poll over two sockets reports only the one with data. */
	errno = 0;
	CHECK(recv(c, buf, sizeof(buf), 0) < 0 && errno == EAGAIN, "non-blocking recv: EAGAIN");
	CHECK(send(s, "abc", 3, 0) == 3, "send 3 bytes");
	p[0] = (struct pollfd){.fd = c, .events = POLLIN};
	p[1] = (struct pollfd){.fd = s, .events = POLLIN};
	CHECK(poll(p, 2, 5000) == 1 && (p[0].revents & POLLIN) && p[1].revents == 0,
	      "poll over two sockets");
	int avail = -1;
	CHECK(recv(c, buf, sizeof(buf), MSG_PEEK) == 3 && recv(c, buf, sizeof(buf), 0) == 3 &&
	          memcmp(buf, "abc", 3) == 0,
	      "MSG_PEEK, then recv");
	(void)avail;

	/* SO_RCVTIMEO on a blocking socket. */
	tv = (struct timeval){0, 150000};
	CHECK(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0, "SO_RCVTIMEO");
	t0 = now();
	errno = 0;
	CHECK(recv(s, buf, sizeof(buf), 0) < 0 && (errno == EAGAIN || errno == EWOULDBLOCK),
	      "recv with SO_RCVTIMEO: EAGAIN");
	CHECK(now() - t0 >= 0.1, "SO_RCVTIMEO waited (%.3f s)", now() - t0);

	/* poll timeout on a connected socket with nothing to read. */
	p[0] = (struct pollfd){.fd = c, .events = POLLIN};
	t0 = now();
	CHECK(poll(p, 1, 120) == 0 && p[0].revents == 0, "poll timeout, connected socket: 0");
	CHECK(now() - t0 >= 0.1, "poll waited its timeout on a connected socket (%.3f s)",
	      now() - t0);
	len = sizeof(tv);
	CHECK(getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, &len) == 0 && tv.tv_sec == 0 &&
	          tv.tv_usec >= 140000 && tv.tv_usec <= 160000,
	      "SO_RCVTIMEO reads back");
	errno = 0;
	CHECK(connect(s, (struct sockaddr *)&a, sizeof(a)) < 0 && errno == EISCONN,
	      "connect on an accepted socket: EISCONN");

	/* A peer that closed: poll reports readable, recv returns 0. */
	close(s);
	p[0] = (struct pollfd){.fd = c, .events = POLLIN};
	CHECK(poll(p, 1, 5000) == 1, "poll: peer closed");
	CHECK(recv(c, buf, sizeof(buf), 0) == 0, "recv after peer closed: 0");
	close(c);
	close(ls);
}

/* --- names and addresses ------------------------------------------------------------------ */

static void names(void)
{
	struct addrinfo hints, *res = NULL, *ai;
	char host[NI_MAXHOST], serv[NI_MAXSERV], text[INET6_ADDRSTRLEN], hn[64];
	struct in_addr in;
	unsigned char a6[16];
	int n = 0;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_INET;
	hints.ai_socktype = SOCK_STREAM;
	CHECK(getaddrinfo("localhost", "8080", &hints, &res) == 0 && res, "getaddrinfo(localhost)");
	for (ai = res; ai; ai = ai->ai_next, n++)
		CHECK(ai->ai_family == AF_INET && ai->ai_socktype == SOCK_STREAM &&
		          ((struct sockaddr_in *)ai->ai_addr)->sin_addr.s_addr ==
		              htonl(INADDR_LOOPBACK) &&
		          ((struct sockaddr_in *)ai->ai_addr)->sin_port == htons(8080),
		      "getaddrinfo(localhost): 127.0.0.1:8080");
	CHECK(n >= 1, "getaddrinfo: at least one answer");
	freeaddrinfo(res);
	hints.ai_socktype = SOCK_DGRAM;
	hints.ai_flags = AI_NUMERICHOST;
	CHECK(getaddrinfo("10.1.2.3", NULL, &hints, &res) == 0 &&
	          ((struct sockaddr_in *)res->ai_addr)->sin_addr.s_addr == inet_addr("10.1.2.3"),
	      "getaddrinfo(numeric)");
	freeaddrinfo(res);
	CHECK(getaddrinfo("localhost", NULL, &hints, &res) == EAI_NONAME,
	      "AI_NUMERICHOST with a name: EAI_NONAME");
	hints.ai_flags = AI_PASSIVE;
	CHECK(getaddrinfo(NULL, "9", &hints, &res) == 0 &&
	          ((struct sockaddr_in *)res->ai_addr)->sin_addr.s_addr == htonl(INADDR_ANY),
	      "getaddrinfo(NULL, AI_PASSIVE): INADDR_ANY");
	freeaddrinfo(res);

	struct sockaddr_in sa = loopback(80);
	CHECK(getnameinfo((struct sockaddr *)&sa, sizeof(sa), host, sizeof(host), serv,
	                  sizeof(serv), NI_NUMERICHOST | NI_NUMERICSERV) == 0 &&
	          strcmp(host, "127.0.0.1") == 0 && strcmp(serv, "80") == 0,
	      "getnameinfo numeric: %s %s", host, serv);

	CHECK(inet_pton(AF_INET, "192.168.28.2", &in) == 1 && ntohl(in.s_addr) == 0xc0a81c02,
	      "inet_pton");
	CHECK(inet_pton(AF_INET, "256.1.1.1", &in) == 0, "inet_pton rejects 256");
	CHECK(strcmp(inet_ntoa(in), "192.168.28.2") == 0, "inet_ntoa");
	CHECK(inet_pton(AF_INET6, "fe80::1:2", a6) == 1 &&
	          strcmp(inet_ntop(AF_INET6, a6, text, sizeof(text)), "fe80::1:2") == 0,
	      "inet_pton/ntop IPv6");
	CHECK(inet_addr("1.2.3") == htonl(0x01020003), "inet_addr short form");
	CHECK(gethostname(hn, sizeof(hn)) == 0 && hn[0], "gethostname");
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	trace("names");
	names();
	trace("tcp echo");
	tcp_echo();
	trace("udp");
	udp();
	trace("errors");
	errors();
	trace("non-blocking");
	nonblocking();
	if (failures)
		printf("sockets: %d of %d checks failed\n", failures, checks);
	else if (getenv("SOCKETS_VERBOSE"))
		printf("sockets: %d checks passed\nsockets: ok\n", checks);
	else
		printf("sockets: ok\n");
	return failures != 0;
}
