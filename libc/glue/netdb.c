/* SPDX-License-Identifier: BSD-3-Clause */
/* Address conversions and name look-ups without DNS: inet_* helpers, getaddrinfo and
 * getnameinfo for numeric IPv4 addresses, "localhost" and the host name (gethostname),
 * gethostbyname/gethostbyaddr. Numbers as on Linux (EAI_*, AI_*, NI_*). */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

int h_errno;

#undef htonl
#undef htons
#undef ntohl
#undef ntohs
uint32_t htonl(uint32_t x)
{
	return __builtin_bswap32(x);
}

uint16_t htons(uint16_t x)
{
	return __builtin_bswap16(x);
}

uint32_t ntohl(uint32_t x)
{
	return __builtin_bswap32(x);
}

uint16_t ntohs(uint16_t x)
{
	return __builtin_bswap16(x);
}

/* inet_aton's forms: a.b.c.d, a.b.c (c 16 bits), a.b (b 24 bits), a (32 bits); each part
 * decimal, octal (0...) or hexadecimal (0x...). */
int inet_aton(const char *s, struct in_addr *out)
{
	unsigned long part[4];
	int n = 0;
	char *end;

	for (;;) {
		if (*s < '0' || *s > '9')
			return 0;
		errno = 0;
		part[n] = strtoul(s, &end, 0);
		if (errno || part[n] > 0xffffffffUL)
			return 0;
		n++;
		if (*end == '\0')
			break;
		if (*end != '.' || n == 4)
			return 0;
		s = end + 1;
	}
	uint32_t v;
	switch (n) {
	case 1:
		v = (uint32_t)part[0];
		break;
	case 2:
		if (part[0] > 255 || part[1] > 0xffffff)
			return 0;
		v = (uint32_t)(part[0] << 24 | part[1]);
		break;
	case 3:
		if (part[0] > 255 || part[1] > 255 || part[2] > 0xffff)
			return 0;
		v = (uint32_t)(part[0] << 24 | part[1] << 16 | part[2]);
		break;
	default:
		for (int i = 0; i < 4; i++)
			if (part[i] > 255)
				return 0;
		v = (uint32_t)(part[0] << 24 | part[1] << 16 | part[2] << 8 | part[3]);
	}
	if (out)
		out->s_addr = htonl(v);
	return 1;
}

in_addr_t inet_addr(const char *s)
{
	struct in_addr a;

	return inet_aton(s, &a) ? a.s_addr : INADDR_NONE;
}

in_addr_t inet_network(const char *s)
{
	struct in_addr a;

	return inet_aton(s, &a) ? ntohl(a.s_addr) : INADDR_NONE;
}

char *inet_ntoa(struct in_addr a)
{
	static __thread char buf[INET_ADDRSTRLEN];

	return (char *)inet_ntop(AF_INET, &a, buf, sizeof(buf));
}

/* Strict dotted quad: four decimal parts 0-255, no leading zeros beyond one digit. */
static int pton4(const char *s, unsigned char *out)
{
	unsigned char b[4];

	for (int i = 0; i < 4; i++) {
		unsigned v = 0;
		int digits = 0;

		while (*s >= '0' && *s <= '9') {
			if (digits && v == 0)
				return 0;
			v = v * 10 + (unsigned)(*s++ - '0');
			if (++digits > 3 || v > 255)
				return 0;
		}
		if (!digits || (i < 3 ? *s++ != '.' : *s != '\0'))
			return 0;
		b[i] = (unsigned char)v;
	}
	memcpy(out, b, 4);
	return 1;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static int pton6(const char *s, unsigned char *out)
{
	uint16_t w[8];
	int n = 0, gap = -1;

	if (s[0] == ':' && s[1] == ':') {
		gap = 0;
		s += 2;
		if (*s == '\0')
			goto done;
	}
	for (;;) {
		unsigned v = 0;
		int d = 0;

		if (n == 8)
			return 0;
		/* A dotted quad at the end. */
		if (n <= 6 && strchr(s, '.') && !strchr(s, ':')) {
			unsigned char b[4];

			if (!pton4(s, b))
				return 0;
			w[n++] = (uint16_t)(b[0] << 8 | b[1]);
			w[n++] = (uint16_t)(b[2] << 8 | b[3]);
			break;
		}
		while (hexval(*s) >= 0) {
			v = v * 16 + (unsigned)hexval(*s++);
			if (++d > 4)
				return 0;
		}
		if (!d)
			return 0;
		w[n++] = (uint16_t)v;
		if (*s == '\0')
			break;
		if (*s++ != ':')
			return 0;
		if (*s == ':') {
			if (gap >= 0)
				return 0;
			gap = n;
			s++;
			if (*s == '\0')
				break;
		}
	}
done:
	if (gap < 0 ? n != 8 : n == 8)
		return 0;
	unsigned char b[16] = {0};
	int tail = gap < 0 ? 0 : n - gap;
	for (int i = 0; i < n - tail; i++) {
		b[2 * i] = (unsigned char)(w[i] >> 8);
		b[2 * i + 1] = (unsigned char)w[i];
	}
	for (int i = 0; i < tail; i++) {
		int j = 8 - tail + i;
		b[2 * j] = (unsigned char)(w[gap + i] >> 8);
		b[2 * j + 1] = (unsigned char)w[gap + i];
	}
	memcpy(out, b, 16);
	return 1;
}

int inet_pton(int af, const char *restrict s, void *restrict out)
{
	switch (af) {
	case AF_INET:
		return pton4(s, out);
	case AF_INET6:
		return pton6(s, out);
	default:
		errno = EAFNOSUPPORT;
		return -1;
	}
}

const char *inet_ntop(int af, const void *restrict src, char *restrict dst, socklen_t len)
{
	const unsigned char *a = src;
	char buf[INET6_ADDRSTRLEN];
	int n;

	if (af == AF_INET) {
		n = snprintf(buf, sizeof(buf), "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
	} else if (af == AF_INET6) {
		uint16_t w[8];
		int best = -1, bestlen = 1, p = 0;

		for (int i = 0; i < 8; i++)
			w[i] = (uint16_t)(a[2 * i] << 8 | a[2 * i + 1]);
		for (int i = 0; i < 8;) { /* the longest run of two or more zero words */
			int j = i;
			while (j < 8 && w[j] == 0)
				j++;
			if (j - i > bestlen) {
				best = i;
				bestlen = j - i;
			}
			i = j == i ? i + 1 : j;
		}
		if (best == 0 && (bestlen == 6 || (bestlen == 5 && w[5] == 0xffff))) {
			n = snprintf(buf, sizeof(buf), "::%s%u.%u.%u.%u",
			             bestlen == 5 ? "ffff:" : "", a[12], a[13], a[14], a[15]);
		} else {
			for (int i = 0; i < 8; i++) {
				if (i == best) {
					p += snprintf(buf + p, sizeof(buf) - (size_t)p,
					              i == 0 ? "::" : ":");
					i += bestlen - 1;
					continue;
				}
				p += snprintf(buf + p, sizeof(buf) - (size_t)p, "%x%s", w[i],
				              i < 7 ? ":" : "");
			}
			n = p;
		}
	} else {
		errno = EAFNOSUPPORT;
		return NULL;
	}
	if (n < 0 || (socklen_t)n >= len) {
		errno = ENOSPC;
		return NULL;
	}
	memcpy(dst, buf, (size_t)n + 1);
	return dst;
}

/* --- names ------------------------------------------------------------------------------- */

/* The IPv4 address (network order) of a host name: numeric, localhost, or our own name. */
static int lookup4(const char *name, int numeric_only, in_addr_t *out)
{
	struct in_addr a;
	char self[64];

	if (inet_aton(name, &a)) {
		*out = a.s_addr;
		return 0;
	}
	if (numeric_only)
		return EAI_NONAME;
	if (strcasecmp(name, "localhost") == 0 || strcasecmp(name, "localhost.localdomain") == 0 ||
	    (gethostname(self, sizeof(self)) == 0 && strcasecmp(name, self) == 0)) {
		*out = htonl(INADDR_LOOPBACK);
		return 0;
	}
	return EAI_NONAME;
}

static const struct {
	const char *name;
	int port;
} services[] = {{"echo", 7},  {"discard", 9}, {"ftp", 21},  {"ssh", 22},   {"telnet", 23},
                {"smtp", 25}, {"domain", 53}, {"http", 80}, {"https", 443}};

static int service(const char *serv, int numeric_only, int *port)
{
	char *end;
	unsigned long v;

	if (!serv) {
		*port = 0;
		return 0;
	}
	v = strtoul(serv, &end, 10);
	if (*serv && *end == '\0') {
		if (v > 65535)
			return EAI_SERVICE;
		*port = (int)v;
		return 0;
	}
	if (numeric_only)
		return EAI_NONAME;
	for (size_t i = 0; i < sizeof(services) / sizeof(services[0]); i++)
		if (strcmp(serv, services[i].name) == 0) {
			*port = services[i].port;
			return 0;
		}
	return EAI_SERVICE;
}

struct ai_block {
	struct addrinfo ai;
	struct sockaddr_in sin;
	char canon[64];
};

int getaddrinfo(const char *restrict host, const char *restrict serv,
                const struct addrinfo *restrict hints, struct addrinfo **restrict res)
{
	static const int kinds[][2] = {{SOCK_STREAM, IPPROTO_TCP}, {SOCK_DGRAM, IPPROTO_UDP}};
	int flags = hints ? hints->ai_flags : 0, family = hints ? hints->ai_family : AF_UNSPEC;
	int socktype = hints ? hints->ai_socktype : 0, proto = hints ? hints->ai_protocol : 0;
	struct addrinfo *head = NULL, **tail = &head;
	in_addr_t addr;
	int port, err;

	if (!res)
		return EAI_FAIL;
	if (!host && !serv)
		return EAI_NONAME;
	if (flags & ~(AI_PASSIVE | AI_CANONNAME | AI_NUMERICHOST | AI_V4MAPPED | AI_ALL |
	              AI_ADDRCONFIG | AI_NUMERICSERV))
		return EAI_BADFLAGS;
	if (family != AF_UNSPEC && family != AF_INET && family != AF_INET6)
		return EAI_FAMILY;
	if (socktype != 0 && socktype != SOCK_STREAM && socktype != SOCK_DGRAM &&
	    socktype != SOCK_RAW)
		return EAI_SOCKTYPE;
	if ((err = service(serv, flags & AI_NUMERICSERV, &port)) != 0)
		return err;
	if (family == AF_INET6)
		return host ? EAI_NONAME : EAI_FAMILY; /* the stack has no IPv6 */
	if (!host)
		addr = htonl(flags & AI_PASSIVE ? INADDR_ANY : INADDR_LOOPBACK);
	else if ((err = lookup4(host, flags & AI_NUMERICHOST, &addr)) != 0)
		return err;
	for (size_t i = 0; i < 2; i++) {
		struct ai_block *b;

		if ((socktype && socktype != kinds[i][0]) || (proto && proto != kinds[i][1]))
			continue;
		b = calloc(1, sizeof(*b));
		if (!b) {
			freeaddrinfo(head);
			return EAI_MEMORY;
		}
		b->sin.sin_family = AF_INET;
		b->sin.sin_port = htons((uint16_t)port);
		b->sin.sin_addr.s_addr = addr;
		b->ai.ai_family = AF_INET;
		b->ai.ai_socktype = kinds[i][0];
		b->ai.ai_protocol = kinds[i][1];
		b->ai.ai_addrlen = sizeof(b->sin);
		b->ai.ai_addr = (struct sockaddr *)&b->sin;
		if ((flags & AI_CANONNAME) && !head) {
			snprintf(b->canon, sizeof(b->canon), "%s", host ? host : "localhost");
			b->ai.ai_canonname = b->canon;
		}
		*tail = &b->ai;
		tail = &b->ai.ai_next;
	}
	if (!head) /* e.g. SOCK_RAW, or a protocol that fits no socket type */
		return socktype == SOCK_RAW ? EAI_SOCKTYPE : EAI_SERVICE;
	*res = head;
	return 0;
}

void freeaddrinfo(struct addrinfo *ai)
{
	while (ai) {
		struct addrinfo *next = ai->ai_next;

		free(ai); /* the first member of its ai_block */
		ai = next;
	}
}

const char *gai_strerror(int err)
{
	switch (err) {
	case 0:
		return "Success";
	case EAI_BADFLAGS:
		return "Bad value for ai_flags";
	case EAI_NONAME:
		return "Name or service not known";
	case EAI_AGAIN:
		return "Temporary failure in name resolution";
	case EAI_FAIL:
		return "Non-recoverable failure in name resolution";
	case EAI_FAMILY:
		return "ai_family not supported";
	case EAI_SOCKTYPE:
		return "ai_socktype not supported";
	case EAI_SERVICE:
		return "Servname not supported for ai_socktype";
	case EAI_MEMORY:
		return "Memory allocation failure";
	case EAI_SYSTEM:
		return "System error";
	case EAI_OVERFLOW:
		return "Argument buffer overflow";
	default:
		return "Unknown error";
	}
}

int getnameinfo(const struct sockaddr *restrict sa, socklen_t salen, char *restrict host,
                socklen_t hostlen, char *restrict serv, socklen_t servlen, int flags)
{
	const struct sockaddr_in *sin = (const struct sockaddr_in *)sa;

	if (!sa || salen < sizeof(*sin))
		return EAI_FAMILY;
	if (sa->sa_family != AF_INET)
		return EAI_FAMILY;
	if (host && hostlen) {
		const char *name = NULL;
		char buf[INET_ADDRSTRLEN];

		if (!(flags & NI_NUMERICHOST) && ntohl(sin->sin_addr.s_addr) == INADDR_LOOPBACK)
			name = "localhost";
		if (!name) {
			if (flags & NI_NAMEREQD)
				return EAI_NONAME;
			name = inet_ntop(AF_INET, &sin->sin_addr, buf, sizeof(buf));
		}
		if (strlen(name) >= hostlen)
			return EAI_OVERFLOW;
		strcpy(host, name);
	}
	if (serv && servlen) {
		int port = ntohs(sin->sin_port);
		char buf[8];
		const char *name = NULL;

		if (!(flags & NI_NUMERICSERV))
			for (size_t i = 0; i < sizeof(services) / sizeof(services[0]); i++)
				if (services[i].port == port)
					name = services[i].name;
		if (!name) {
			snprintf(buf, sizeof(buf), "%d", port);
			name = buf;
		}
		if (strlen(name) >= servlen)
			return EAI_OVERFLOW;
		strcpy(serv, name);
	}
	return 0;
}

/* gethostbyname/gethostbyaddr: one static result per thread. */
static __thread struct {
	struct hostent h;
	char name[64];
	char *aliases[1];
	char *addrs[2];
	struct in_addr addr;
} host_result;

static struct hostent *host_entry(const char *name, in_addr_t addr)
{
	snprintf(host_result.name, sizeof(host_result.name), "%s", name);
	host_result.addr.s_addr = addr;
	host_result.aliases[0] = NULL;
	host_result.addrs[0] = (char *)&host_result.addr;
	host_result.addrs[1] = NULL;
	host_result.h =
	    (struct hostent){host_result.name, host_result.aliases, AF_INET, 4, host_result.addrs};
	return &host_result.h;
}

struct hostent *gethostbyname(const char *name)
{
	in_addr_t addr;

	if (!name || lookup4(name, 0, &addr) != 0) {
		h_errno = HOST_NOT_FOUND;
		return NULL;
	}
	return host_entry(name, addr);
}

struct hostent *gethostbyaddr(const void *a, socklen_t len, int type)
{
	char buf[INET_ADDRSTRLEN];
	in_addr_t addr;

	if (!a || type != AF_INET || len != 4) {
		h_errno = HOST_NOT_FOUND;
		return NULL;
	}
	memcpy(&addr, a, 4);
	if (ntohl(addr) == INADDR_LOOPBACK)
		return host_entry("localhost", addr);
	return host_entry(inet_ntop(AF_INET, &addr, buf, sizeof(buf)), addr);
}
