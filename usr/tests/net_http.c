/* SPDX-License-Identifier: BSD-3-Clause */
/* Static-file HTTP/1.0 and 1.1 server for the tap link tests (usr/tests/net-tap.sh):
 *   net_http PORT DIR    serves GET of files under DIR (200, 404, 400, 405; Content-Length,
 *                        keep-alive), one thread per connection, until killed
 * Once it listens it binds PORT a second time (without and with SO_REUSEADDR) and prints the
 * errors ("port in use: ..."), which the test compares with the Linux build of this file. */
#define _GNU_SOURCE /* memmem */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#define REQ_MAX 8192
#define IDLE_S  30

static const char *root;

struct conn {
	int fd;
	char req[REQ_MAX];
	size_t len; /* bytes in req, possibly the start of the next request */
	char out[65536];
};

static int send_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int answer(struct conn *c, int status, const char *reason, int keep)
{
	char h[256];
	int n = snprintf(h, sizeof(h),
	                 "HTTP/1.1 %d %s\r\nContent-Type: text/plain\r\nContent-Length: %zu\r\n"
	                 "%sConnection: %s\r\n\r\n%s\n",
	                 status, reason, strlen(reason) + 1, status == 405 ? "Allow: GET\r\n" : "",
	                 keep ? "keep-alive" : "close", reason);
	return send_all(c->fd, h, (size_t)n);
}

/* Sends the file at PATH (relative to root) or a 404; -1 when the connection broke. */
static int send_file(struct conn *c, const char *path, int keep)
{
	char full[1024], h[256];
	struct stat st;
	int f, n;

	if (snprintf(full, sizeof(full), "%s/%s", root, path) >= (int)sizeof(full) ||
	    (f = open(full, O_RDONLY)) < 0)
		return answer(c, 404, "Not Found", keep);
	if (fstat(f, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(f);
		return answer(c, 404, "Not Found", keep);
	}
	n = snprintf(h, sizeof(h),
	             "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
	             "Content-Length: %lld\r\nConnection: %s\r\n\r\n",
	             (long long)st.st_size, keep ? "keep-alive" : "close");
	int rc = send_all(c->fd, h, (size_t)n);
	long long left = (long long)st.st_size;
	while (rc == 0 && left > 0) {
		ssize_t r = read(f, c->out, sizeof(c->out));
		if (r <= 0) { /* the file shrank: the length sent is wrong, end the connection */
			rc = -1;
			break;
		}
		rc = send_all(c->fd, c->out, (size_t)r);
		left -= r;
	}
	close(f);
	return rc;
}

/* Reads until a whole header block is in c->req; its length with the blank line, 0 at EOF or
 * on error, -1 when the header is too long. */
static ssize_t read_header(struct conn *c)
{
	for (;;) {
		char *end = memmem(c->req, c->len, "\r\n\r\n", 4);
		if (end)
			return end + 4 - c->req;
		if (c->len == sizeof(c->req))
			return -1;
		ssize_t n = read(c->fd, c->req + c->len, sizeof(c->req) - c->len);
		if (n <= 0)
			return 0;
		c->len += (size_t)n;
	}
}

/* The value of header NAME in the block HDR (lines after the request line), or NULL. */
static const char *header(const char *hdr, const char *name, size_t *vlen)
{
	size_t nl = strlen(name);

	for (const char *l = strstr(hdr, "\r\n"); l && l[2] != '\r'; l = strstr(l + 2, "\r\n")) {
		const char *p = l + 2;
		if (strncasecmp(p, name, nl) == 0 && p[nl] == ':') {
			p += nl + 1;
			while (*p == ' ' || *p == '\t')
				p++;
			*vlen = strcspn(p, "\r");
			return p;
		}
	}
	return NULL;
}

/* Answers one request of HLEN header bytes; 1 to keep the connection, 0 to close it. */
static int handle(struct conn *c, size_t hlen)
{
	char line[600], method[16], path[512], version[16], extra;
	const char *v;
	size_t l1, vlen = 0;
	int keep;

	c->req[hlen - 2] = '\0'; /* ends the block after the last header line's \r\n */
	l1 = strcspn(c->req, "\r");
	if (l1 >= sizeof(line)) {
		answer(c, 400, "Bad Request", 0);
		return 0;
	}
	memcpy(line, c->req, l1);
	line[l1] = '\0';
	if (sscanf(line, "%15s %511s %15s %c", method, path, version, &extra) != 3 ||
	    (strcmp(version, "HTTP/1.0") != 0 && strcmp(version, "HTTP/1.1") != 0) ||
	    path[0] != '/' || strstr(path, "..")) {
		answer(c, 400, "Bad Request", 0);
		return 0;
	}
	keep = version[7] == '1';
	if ((v = header(c->req, "Connection", &vlen)) != NULL) {
		if (vlen == 5 && strncasecmp(v, "close", 5) == 0)
			keep = 0;
		else if (vlen == 10 && strncasecmp(v, "keep-alive", 10) == 0)
			keep = 1;
	}
	if ((v = header(c->req, "Content-Length", &vlen)) != NULL && atoll(v) != 0)
		keep = 0; /* a body we do not read: the stream's framing ends here */
	if (strcmp(method, "GET") != 0)
		return answer(c, 405, "Method Not Allowed", keep) == 0 && keep;
	return send_file(c, path + 1, keep) == 0 && keep;
}

static void *serve(void *arg)
{
	struct conn *c = arg;
	struct timeval tv = {IDLE_S, 0};
	ssize_t hlen;

	setsockopt(c->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	while ((hlen = read_header(c)) != 0) {
		if (hlen < 0) {
			answer(c, 400, "Bad Request", 0);
			break;
		}
		if (!handle(c, (size_t)hlen))
			break;
		/* Pipelined requests: keep what follows this one. */
		memmove(c->req, c->req + hlen, c->len - (size_t)hlen);
		c->len -= (size_t)hlen;
	}
	close(c->fd);
	free(c);
	return NULL;
}

/* Binds a second socket to the listening port, without and with SO_REUSEADDR: must fail with
 * EADDRINUSE both times, as on Linux. */
static void bind_twice(const struct sockaddr_in *a)
{
	for (int reuse = 0; reuse <= 1; reuse++) {
		int s = socket(AF_INET, SOCK_STREAM, 0);

		setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &reuse, sizeof(reuse));
		errno = 0;
		if (bind(s, (const struct sockaddr *)a, sizeof(*a)) == 0)
			printf("net_http: port in use%s: second bind succeeded\n",
			       reuse ? " (SO_REUSEADDR)" : "");
		else
			printf("net_http: port in use%s: %s%s\n", reuse ? " (SO_REUSEADDR)" : "",
			       errno == EADDRINUSE ? "EADDRINUSE, " : "", strerror(errno));
		close(s);
	}
}

int main(int argc, char **argv)
{
	struct sockaddr_in a = {.sin_family = AF_INET};
	int one = 1, ls;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc != 3) {
		fprintf(stderr, "usage: net_http PORT DIR\n");
		return 64;
	}
	root = argv[2];
	a.sin_port = htons((unsigned short)atoi(argv[1]));
	ls = socket(AF_INET, SOCK_STREAM, 0);
	if (ls < 0 || setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(ls, (struct sockaddr *)&a, sizeof(a)) || listen(ls, 16)) {
		perror("net_http: set-up");
		return 1;
	}
	bind_twice(&a);
	printf("net_http: serving %s on port %s\n", root, argv[1]);
	for (;;) {
		struct conn *c = malloc(sizeof(*c));
		pthread_t t;

		if (!c || (c->fd = accept(ls, NULL, NULL)) < 0) {
			perror("net_http: accept");
			return 1;
		}
		c->len = 0;
		if (pthread_create(&t, NULL, serve, c) != 0) {
			close(c->fd);
			free(c);
			continue;
		}
		pthread_detach(t);
	}
}
