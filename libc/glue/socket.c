/* SPDX-License-Identifier: BSD-3-Clause */
/* BSD sockets for applications, on lwIP (built into liblwip.a by lwip/Makefile, with this
 * file). The application sees Linux's layouts and numbers (<sys/socket.h>, <netinet/in.h>
 * here); lwIP has BSD-style ones, so addresses, option names and flags are converted.
 *
 * The stack starts at the first socket(): tcpip_init() starts lwIP's thread (a pthread) and
 * brings up the loopback interface, 127.0.0.1. A socket's descriptor is a slot reserved in
 * the host's descriptor table (socket_hooks.h), mapped here to the lwIP socket index. */
#include "lwip/opt.h" /* first: arch/cc.h sets FD_SETSIZE before newlib's headers */
#include "lwip/netif.h"
#include "hermit_netif.h"
#include "lwip/sockets.h"
#include "lwip/tcpip.h"

#include <pthread.h>
#include <string.h>

#include "glue.h"
#include "socket_hooks.h"

#define FD_MAX 1024

/* Linux's numbers, as in libc/include/sys/socket.h, netinet/in.h, netinet/tcp.h. */
#define L_AF_UNSPEC     0
#define L_AF_UNIX       1
#define L_AF_INET       2
#define L_AF_INET6      10
#define L_SOCK_STREAM   1
#define L_SOCK_DGRAM    2
#define L_SOCK_RAW      3
#define L_SOCK_NONBLOCK 04000
#define L_SOCK_CLOEXEC  02000000
#define L_SOL_SOCKET    1
#define L_IPPROTO_IP    0
#define L_IPPROTO_TCP   6
#define L_TCP_NODELAY   1
#define L_TCP_MAXSEG    2
#define L_MSG_OOB       0x1
#define L_MSG_PEEK      0x2
#define L_MSG_CTRUNC    0x8
#define L_MSG_TRUNC     0x20
#define L_MSG_DONTWAIT  0x40
#define L_MSG_WAITALL   0x100
#define L_MSG_NOSIGNAL  0x4000
#define L_MSG_MORE      0x8000
#define L_FIONREAD      0x541B
#define L_FIONBIO       0x5421
#define L_SO_SNDBUF     7

/* Linux's sockaddr_in and pollfd. */
struct l_sockaddr_in {
	uint16_t family;
	uint16_t port;
	uint32_t addr;
	uint8_t zero[8];
};

struct l_pollfd {
	int fd;
	short events;
	short revents;
};
#define L_POLLIN   0x001
#define L_POLLPRI  0x002
#define L_POLLOUT  0x004
#define L_POLLERR  0x008
#define L_POLLHUP  0x010
#define L_POLLNVAL 0x020

struct l_msghdr {
	void *name;
	uint32_t namelen;
	struct iovec *iov;
	size_t iovlen;
	void *control;
	size_t controllen;
	int flags;
};

/* Per descriptor: the lwIP socket, a connect() in progress (for SO_ERROR), SO_SNDBUF as set. */
static int lwip_of[FD_MAX];
static unsigned char connecting[FD_MAX];
/* A TCP socket that never connected nor was accepted: reads fail with ENOTCONN, as on Linux
 * (lwIP would block for ever, or say EAGAIN). */
static unsigned char unconnected[FD_MAX];
static int sndbuf[FD_MAX];

/* --- start-up ----------------------------------------------------------------------------- */

static pthread_once_t stack_once = PTHREAD_ONCE_INIT;

static void stack_ready(void *arg)
{
	struct netif *n;

	/* Loopback needs no checksums (as Linux's lo). */
	NETIF_FOREACH(n)
	{
		if (n->name[0] == 'l' && n->name[1] == 'o')
			NETIF_SET_CHECKSUM_CTRL(n, NETIF_CHECKSUM_DISABLE_ALL);
	}
	hermit_netif_start();
	sys_sem_signal((sys_sem_t *)arg);
}

static void stack_start(void)
{
	sys_sem_t done;

	sys_sem_new(&done, 0);
	tcpip_init(stack_ready, &done);
	sys_arch_sem_wait(&done, 0);
	sys_sem_free(&done);
}

/* --- descriptors -------------------------------------------------------------------------- */

/* A slot in the host's table: /dev/null, else a duplicate of a standard stream. */
static int reserve_fd(void)
{
	int fd = sys_open("/dev/null", HERMIT_O_RDONLY | HERMIT_O_CLOEXEC, 0);

	for (int std = 0; fd < 0 && fd != -HERMIT_EMFILE && std < 3; std++)
		fd = sys_dup(std, 0, 0);
	if (fd >= FD_MAX) {
		sys_close(fd);
		fd = -HERMIT_EMFILE;
	}
	return fd;
}

/* The lwIP socket behind fd, or -1 with errno EBADF (not open) or ENOTSOCK (a file). */
static int sock(int fd)
{
	struct hermit_stat st;

	if (glue_is_socket(fd))
		return lwip_of[fd];
	if (fd < 0 || sys_fstat(fd, &st) < 0)
		return glue_fail(EBADF);
	return glue_fail(ENOTSOCK);
}

/* sock() for the receiving calls. */
static int rsock(int fd)
{
	int s = sock(fd);

	if (s >= 0 && unconnected[fd])
		return glue_fail(ENOTCONN);
	return s;
}

/* Gives lwIP socket s a descriptor; closes s when there is none. */
static int install(int s, int nonblock)
{
	int fd = reserve_fd();

	if (fd < 0) {
		lwip_close(s);
		return (int)glue_result(fd);
	}
	lwip_of[fd] = s;
	connecting[fd] = 0;
	unconnected[fd] = 0;
	sndbuf[fd] = 0;
	if (nonblock) {
		u32_t on = 1;
		lwip_ioctl(s, FIONBIO, &on);
	}
	__atomic_store_n(&glue_fd_flags[fd], GLUE_FD_SOCKET | (nonblock ? GLUE_FD_NONBLOCK : 0),
	                 __ATOMIC_RELEASE);
	return fd;
}

int glue_sock_close(int fd)
{
	int s = lwip_of[fd];

	glue_fd_flags[fd] = 0;
	lwip_close(s);
	return (int)glue_result(sys_close(fd));
}

/* --- addresses and flags ------------------------------------------------------------------ */

/* Linux sockaddr -> lwIP's; returns 0 or -1 with errno. */
static int addr_in(const void *la, socklen_t len, struct sockaddr_in *out)
{
	struct l_sockaddr_in a;

	if (!la)
		return glue_fail(EFAULT);
	if (len < sizeof(uint16_t))
		return glue_fail(EINVAL);
	memset(&a, 0, sizeof(a));
	memcpy(&a, la, len < sizeof(a) ? len : sizeof(a));
	if (a.family == L_AF_INET && len < sizeof(a))
		return glue_fail(EINVAL);
	if (a.family != L_AF_INET && a.family != L_AF_UNSPEC)
		return glue_fail(EAFNOSUPPORT);
	memset(out, 0, sizeof(*out));
	out->sin_len = sizeof(*out);
	out->sin_family = a.family == L_AF_INET ? AF_INET : AF_UNSPEC;
	out->sin_port = a.port;
	out->sin_addr.s_addr = a.addr;
	return 0;
}

/* lwIP's sockaddr -> Linux's, truncated to *len as the kernel does; *len = the full size. */
static void addr_out(const struct sockaddr_in *in, void *la, socklen_t *len)
{
	struct l_sockaddr_in a = {
	    .family = L_AF_INET, .port = in->sin_port, .addr = in->sin_addr.s_addr};

	if (!la || !len)
		return;
	memcpy(la, &a, *len < sizeof(a) ? *len : sizeof(a));
	*len = sizeof(a);
}

static int msg_flags_in(int f)
{
	return (f & L_MSG_PEEK ? MSG_PEEK : 0) | (f & L_MSG_WAITALL ? MSG_WAITALL : 0) |
	       (f & L_MSG_OOB ? MSG_OOB : 0) | (f & L_MSG_DONTWAIT ? MSG_DONTWAIT : 0) |
	       (f & L_MSG_MORE ? MSG_MORE : 0) | (f & L_MSG_NOSIGNAL ? MSG_NOSIGNAL : 0);
}

/* A reset while connecting is a refusal (lwIP reports ECONNRESET, Linux ECONNREFUSED). */
static int connect_errno(int e)
{
	return e == ECONNRESET ? ECONNREFUSED : e;
}

/* --- the socket calls --------------------------------------------------------------------- */

int socket(int domain, int type, int protocol)
{
	int kind = type & ~(L_SOCK_NONBLOCK | L_SOCK_CLOEXEC);
	int s;

	if (domain != L_AF_INET)
		return glue_fail(EAFNOSUPPORT);
	if (kind != L_SOCK_STREAM && kind != L_SOCK_DGRAM && kind != L_SOCK_RAW)
		return glue_fail(EINVAL);
	if ((kind == L_SOCK_STREAM && protocol != 0 && protocol != IPPROTO_TCP) ||
	    (kind == L_SOCK_DGRAM && protocol != 0 && protocol != IPPROTO_UDP))
		return glue_fail(EPROTONOSUPPORT);
	pthread_once(&stack_once, stack_start);
	s = lwip_socket(AF_INET, kind, protocol);
	if (s < 0)
		return -1;
	int fd = install(s, type & L_SOCK_NONBLOCK);
	if (fd >= 0 && kind == L_SOCK_STREAM)
		unconnected[fd] = 1;
	return fd;
}

int socketpair(int domain, int type, int protocol, int fds[2])
{
	(void)type;
	(void)protocol;
	(void)fds;
	return glue_fail(domain == L_AF_UNIX ? EOPNOTSUPP : EAFNOSUPPORT);
}

int bind(int fd, const void *addr, socklen_t len)
{
	struct sockaddr_in a;
	int s = sock(fd);

	if (s < 0 || addr_in(addr, len, &a) < 0)
		return -1;
	if (a.sin_family != AF_INET)
		return glue_fail(EAFNOSUPPORT);
	return lwip_bind(s, (struct sockaddr *)&a, sizeof(a));
}

int listen(int fd, int backlog)
{
	int s = sock(fd);

	if (s < 0)
		return -1;
	if (backlog > 255 || backlog < 0)
		backlog = 255; /* lwIP keeps the backlog in a byte */
	return lwip_listen(s, backlog);
}

int accept4(int fd, void *addr, socklen_t *len, int flags)
{
	struct sockaddr_in a;
	socklen_t alen = sizeof(a);
	int s = sock(fd), ns;

	if (s < 0)
		return -1;
	if (flags & ~(L_SOCK_NONBLOCK | L_SOCK_CLOEXEC))
		return glue_fail(EINVAL);
	ns = lwip_accept(s, (struct sockaddr *)&a, &alen);
	if (ns < 0)
		return -1;
	fd = install(ns, flags & L_SOCK_NONBLOCK);
	if (fd >= 0)
		addr_out(&a, addr, len);
	return fd;
}

int accept(int fd, void *addr, socklen_t *len)
{
	return accept4(fd, addr, len, 0);
}

int connect(int fd, const void *addr, socklen_t len)
{
	struct sockaddr_in a;
	int s = sock(fd), ret;

	if (s < 0 || addr_in(addr, len, &a) < 0)
		return -1;
	ret = lwip_connect(s, (struct sockaddr *)&a, sizeof(a));
	if (ret < 0) {
		if (errno == EINPROGRESS)
			connecting[fd] = 1;
		else
			errno = connect_errno(errno);
	}
	if (ret == 0 || errno == EINPROGRESS || errno == EISCONN)
		unconnected[fd] = 0;
	return ret;
}

ssize_t send(int fd, const void *buf, size_t len, int flags)
{
	int s = sock(fd);

	return s < 0 ? -1 : lwip_send(s, buf, len, msg_flags_in(flags));
}

ssize_t recv(int fd, void *buf, size_t len, int flags)
{
	int s = rsock(fd);

	return s < 0 ? -1 : lwip_recv(s, buf, len, msg_flags_in(flags));
}

ssize_t sendto(int fd, const void *buf, size_t len, int flags, const void *addr, socklen_t alen)
{
	struct sockaddr_in a;
	int s = sock(fd);

	if (s < 0)
		return -1;
	if (!addr)
		return lwip_send(s, buf, len, msg_flags_in(flags));
	if (addr_in(addr, alen, &a) < 0)
		return -1;
	return lwip_sendto(s, buf, len, msg_flags_in(flags), (struct sockaddr *)&a, sizeof(a));
}

ssize_t recvfrom(int fd, void *buf, size_t len, int flags, void *addr, socklen_t *alen)
{
	struct sockaddr_in a;
	socklen_t n = sizeof(a);
	int s = rsock(fd);
	ssize_t ret;

	if (s < 0)
		return -1;
	memset(&a, 0, sizeof(a));
	ret = lwip_recvfrom(s, buf, len, msg_flags_in(flags), (struct sockaddr *)&a, &n);
	if (ret >= 0 && addr && alen) {
		if (a.sin_family == AF_INET)
			addr_out(&a, addr, alen);
		else
			*alen = 0; /* a stream socket: no address, as Linux */
	}
	return ret;
}

ssize_t sendmsg(int fd, const struct l_msghdr *m, int flags)
{
	struct sockaddr_in a;
	struct msghdr lm;
	int s = sock(fd);

	if (s < 0)
		return -1;
	if (!m)
		return glue_fail(EFAULT);
	if (m->iovlen > 1024)
		return glue_fail(EMSGSIZE);
	memset(&lm, 0, sizeof(lm));
	if (m->name) {
		if (addr_in(m->name, m->namelen, &a) < 0)
			return -1;
		lm.msg_name = &a;
		lm.msg_namelen = sizeof(a);
	}
	lm.msg_iov = m->iov;
	lm.msg_iovlen = (int)m->iovlen;
	return lwip_sendmsg(s, &lm, msg_flags_in(flags));
}

ssize_t recvmsg(int fd, struct l_msghdr *m, int flags)
{
	struct sockaddr_in a;
	struct msghdr lm;
	int s = rsock(fd);
	ssize_t ret;

	if (s < 0)
		return -1;
	if (!m)
		return glue_fail(EFAULT);
	if (m->iovlen > 1024)
		return glue_fail(EMSGSIZE);
	memset(&lm, 0, sizeof(lm));
	memset(&a, 0, sizeof(a));
	lm.msg_name = &a;
	lm.msg_namelen = sizeof(a);
	lm.msg_iov = m->iov;
	lm.msg_iovlen = (int)m->iovlen;
	ret = lwip_recvmsg(s, &lm, msg_flags_in(flags));
	if (ret < 0)
		return ret;
	if (m->name) {
		socklen_t n = m->namelen;

		if (a.sin_family == AF_INET) {
			addr_out(&a, m->name, &n);
			m->namelen = n;
		} else {
			m->namelen = 0;
		}
	}
	m->controllen = 0;
	m->flags = (lm.msg_flags & MSG_TRUNC ? L_MSG_TRUNC : 0) |
	           (lm.msg_flags & MSG_CTRUNC ? L_MSG_CTRUNC : 0);
	return ret;
}

int shutdown(int fd, int how)
{
	int s = sock(fd);

	if (s < 0)
		return -1;
	if (how < SHUT_RD || how > SHUT_RDWR)
		return glue_fail(EINVAL);
	return lwip_shutdown(s, how);
}

int getsockname(int fd, void *addr, socklen_t *len)
{
	struct sockaddr_in a;
	socklen_t n = sizeof(a);
	int s = sock(fd);

	if (s < 0)
		return -1;
	if (!addr || !len)
		return glue_fail(EFAULT);
	if (lwip_getsockname(s, (struct sockaddr *)&a, &n) < 0)
		return -1;
	addr_out(&a, addr, len);
	return 0;
}

int getpeername(int fd, void *addr, socklen_t *len)
{
	struct sockaddr_in a;
	socklen_t n = sizeof(a);
	int s = sock(fd);

	if (s < 0)
		return -1;
	if (!addr || !len)
		return glue_fail(EFAULT);
	if (lwip_getpeername(s, (struct sockaddr *)&a, &n) < 0)
		return -1;
	addr_out(&a, addr, len);
	return 0;
}

/* --- options ------------------------------------------------------------------------------ */

/* lwIP's level and name for Linux's, or -1: unknown (ENOPROTOOPT). 0 in *name for the
 * options handled here (SO_SNDBUF, TCP_MAXSEG). */
static int opt_in(int level, int name, int *lname)
{
	static const short so[][2] = {
	    {1, SO_DEBUG},      {2, SO_REUSEADDR}, {3, SO_TYPE},       {4, SO_ERROR},
	    {5, SO_DONTROUTE},  {6, SO_BROADCAST}, {8, SO_RCVBUF},     {9, SO_KEEPALIVE},
	    {10, SO_OOBINLINE}, {13, SO_LINGER},   {15, SO_REUSEADDR}, {18, SO_RCVLOWAT},
	    {19, SO_SNDLOWAT},  {20, SO_RCVTIMEO}, {21, SO_SNDTIMEO},  {30, SO_ACCEPTCONN},
	};
	static const short tcp[][2] = {
	    {1, TCP_NODELAY}, {4, TCP_KEEPIDLE}, {5, TCP_KEEPINTVL}, {6, TCP_KEEPCNT}};

	*lname = 0;
	switch (level) {
	case L_SOL_SOCKET:
		if (name == L_SO_SNDBUF)
			return SOL_SOCKET;
		for (size_t i = 0; i < sizeof(so) / sizeof(so[0]); i++)
			if (so[i][0] == name) {
				*lname = so[i][1];
				return SOL_SOCKET;
			}
		return -1;
	case L_IPPROTO_TCP:
		if (name == L_TCP_MAXSEG)
			return IPPROTO_TCP;
		for (size_t i = 0; i < sizeof(tcp) / sizeof(tcp[0]); i++)
			if (tcp[i][0] == name) {
				*lname = tcp[i][1];
				return IPPROTO_TCP;
			}
		return -1;
	case L_IPPROTO_IP:
		if (name == IP_TOS || name == IP_TTL) {
			*lname = name; /* same numbers */
			return IPPROTO_IP;
		}
		return -1;
	default:
		return -1;
	}
}

int setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
	int s = sock(fd), lname, llevel;

	if (s < 0)
		return -1;
	llevel = opt_in(level, name, &lname);
	if (llevel < 0)
		return glue_fail(ENOPROTOOPT);
	if (!val)
		return glue_fail(EFAULT);
	if (lname == 0) { /* SO_SNDBUF, TCP_MAXSEG: accepted; lwIP's send buffer is fixed */
		if (len < sizeof(int))
			return glue_fail(EINVAL);
		if (level == L_SOL_SOCKET)
			sndbuf[fd] = *(const int *)val;
		return 0;
	}
	return lwip_setsockopt(s, llevel, lname, val, len);
}

int getsockopt(int fd, int level, int name, void *val, socklen_t *len)
{
	int s = sock(fd), lname, llevel, ret;

	if (s < 0)
		return -1;
	llevel = opt_in(level, name, &lname);
	if (llevel < 0)
		return glue_fail(ENOPROTOOPT);
	if (!val || !len)
		return glue_fail(EFAULT);
	if (lname == 0) {
		int v = level == L_SOL_SOCKET ? (sndbuf[fd] ? sndbuf[fd] : TCP_SND_BUF) : TCP_MSS;

		if (*len < sizeof(int))
			return glue_fail(EINVAL);
		*(int *)val = v;
		*len = sizeof(int);
		return 0;
	}
	ret = lwip_getsockopt(s, llevel, lname, val, len);
	if (ret == 0 && llevel == SOL_SOCKET && lname == SO_ERROR && *len >= sizeof(int)) {
		int *e = val;

		if (connecting[fd] && *e)
			*e = connect_errno(*e);
		if (*e)
			connecting[fd] = 0;
	}
	return ret;
}

/* --- file calls on sockets (socket_hooks.h) ----------------------------------------------- */

ssize_t glue_sock_read(int fd, void *buf, size_t len)
{
	if (unconnected[fd])
		return glue_fail(ENOTCONN);
	return lwip_read(lwip_of[fd], buf, len);
}

ssize_t glue_sock_write(int fd, const void *buf, size_t len)
{
	return lwip_write(lwip_of[fd], buf, len);
}

ssize_t glue_sock_readv(int fd, const void *iov, int n)
{
	if (unconnected[fd])
		return glue_fail(ENOTCONN);
	return lwip_readv(lwip_of[fd], iov, n);
}

ssize_t glue_sock_writev(int fd, const void *iov, int n)
{
	return lwip_writev(lwip_of[fd], iov, n);
}

int glue_sock_nonblock(int fd, int on)
{
	int was = (glue_fd_flags[fd] & GLUE_FD_NONBLOCK) != 0;
	u32_t v = on > 0;

	if (on < 0)
		return was;
	if (lwip_ioctl(lwip_of[fd], FIONBIO, &v) < 0)
		return -1;
	if (on)
		__atomic_fetch_or(&glue_fd_flags[fd], GLUE_FD_NONBLOCK, __ATOMIC_RELAXED);
	else
		__atomic_fetch_and(&glue_fd_flags[fd], (unsigned char)~GLUE_FD_NONBLOCK,
		                   __ATOMIC_RELAXED);
	return was;
}

int glue_sock_ioctl(int fd, unsigned long req, void *arg)
{
	int n;

	if (!arg)
		return glue_fail(EFAULT);
	switch (req) {
	case L_FIONBIO:
		return glue_sock_nonblock(fd, *(int *)arg != 0) < 0 ? -1 : 0;
	case L_FIONREAD:
		if (lwip_ioctl(lwip_of[fd], FIONREAD, &n) < 0)
			return -1;
		*(int *)arg = n;
		return 0;
	default:
		return glue_fail(ENOTTY);
	}
}

int glue_sock_fstat(int fd, struct stat *st)
{
	(void)fd;
	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFSOCK | 0777;
	st->st_nlink = 1;
	st->st_blksize = 64 * 1024;
	return 0;
}

/* --- poll over sockets and host descriptors ----------------------------------------------- */

static short events_in(short e)
{
	return (e & L_POLLIN ? POLLIN : 0) | (e & L_POLLOUT ? POLLOUT : 0) |
	       (e & L_POLLPRI ? POLLPRI : 0);
}

static short events_out(short e)
{
	return (e & POLLIN ? L_POLLIN : 0) | (e & POLLOUT ? L_POLLOUT : 0) |
	       (e & POLLPRI ? L_POLLPRI : 0) | (e & POLLERR ? L_POLLERR : 0) |
	       (e & POLLHUP ? L_POLLHUP : 0) | (e & POLLNVAL ? L_POLLNVAL : 0);
}

static int64_t now_ms(void)
{
	struct hermit_timespec ts;

	sys_clock_gettime(HERMIT_CLOCK_MONOTONIC, &ts);
	return ts.sec * 1000 + ts.nsec / 1000000;
}

/* Sockets alone: one lwip_poll that sleeps until an event or the timeout. With host
 * descriptors in the set too: non-blocking rounds over both, yielding and then sleeping 1 ms
 * between rounds, as pipe.c's poll does for host descriptors. */
int glue_sock_poll(void *fdsv, unsigned n, int timeout)
{
	struct l_pollfd *fds = fdsv;
	struct pollfd *lp;
	struct l_pollfd *hp;
	unsigned *hidx, ns = 0, nh = 0;
	int64_t deadline = timeout > 0 ? now_ms() + timeout : 0;
	int ready = -1;

	if (n > FD_MAX)
		return glue_fail(EINVAL);
	lp = malloc(n * (sizeof(*lp) + sizeof(*hp) + sizeof(*hidx)));
	if (!lp)
		return glue_fail(ENOMEM);
	hp = (struct l_pollfd *)(lp + n);
	hidx = (unsigned *)(hp + n);
	for (unsigned i = 0; i < n; i++) {
		fds[i].revents = 0;
		if (glue_is_socket(fds[i].fd)) {
			lp[ns].fd = lwip_of[fds[i].fd];
			lp[ns].events = events_in(fds[i].events);
			lp[ns].revents = 0;
			ns++;
		} else if (fds[i].fd >= 0) {
			hp[nh] = fds[i];
			hidx[nh++] = i;
		}
	}
	for (unsigned round = 0;; round++) {
		int wait = 0, got = 0;

		if (nh == 0)
			wait = timeout < 0 ? -1 : timeout == 0 ? 0 : (int)(deadline - now_ms());
		if (wait < -1)
			wait = 0;
		if (lwip_poll(lp, ns, wait) < 0)
			break;
		if (nh) {
			int64_t r = sys_poll(hp, nh);

			if (r < 0) {
				glue_result(r);
				break;
			}
		}
		/* Results back in the caller's order. */
		for (unsigned i = 0, si = 0, hi = 0; i < n; i++) {
			if (glue_is_socket(fds[i].fd))
				fds[i].revents = events_out(lp[si++].revents);
			else if (hi < nh && hidx[hi] == i)
				fds[i].revents = hp[hi++].revents;
			if (fds[i].revents)
				got++;
		}
		if (got || timeout == 0 || (timeout > 0 && now_ms() >= deadline) || nh == 0) {
			ready = got;
			break;
		}
		if (round < 16) {
			sys_yield();
		} else {
			struct hermit_timespec ts = {0, 1000000};
			sys_nanosleep(&ts);
		}
	}
	free(lp);
	return ready;
}
