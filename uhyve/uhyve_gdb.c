/* SPDX-License-Identifier: BSD-3-Clause */
/* GDB remote protocol server (HERMIT_DEBUG=port): one gdb on 127.0.0.1, stops, memory, resume. */
#include <err.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <linux/kvm.h>

#include "uhyve_gdb.h"

#define PACKET_MAX    0x4000
#define GDB_EXIT_KILL 137 /* gdb's kill: as if SIGKILL had ended the application */
#define SIGTRAP_NR    5
#define SIGINT_NR     2

/*
 * Locking: `lock` is held by the vCPU thread that serves gdb during a stop, so one stop is
 * served at a time and others wait. `io_lock` guards `stopped`, `interrupt` and the socket
 * while the guest runs; the watcher thread reads Ctrl-C (0x03) only when !stopped.
 */
struct uhyve_gdb {
	struct uhyve_vm *vm;
	int listen_fd, fd;
	pthread_mutex_t lock;
	struct uhyve_gdb_bp bps[UHYVE_GDB_MAX_BPS];
	unsigned nbps;
	struct uhyve_gdb_arch arch;
	bool detached; /* gdb left: the guest runs on without debugging */

	pthread_mutex_t io_lock;
	pthread_cond_t io_cond;
	bool stopped, interrupt, quit;
	pthread_t watcher;
	bool watcher_started;

	char in[PACKET_MAX + 1], out[PACKET_MAX + 1];
};

static const char hexdigit[] = "0123456789abcdef";

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static void to_hex(char *dst, const uint8_t *src, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		dst[2 * i] = hexdigit[src[i] >> 4];
		dst[2 * i + 1] = hexdigit[src[i] & 15];
	}
	dst[2 * n] = '\0';
}

static int from_hex(uint8_t *dst, const char *src, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int hi = hexval(src[2 * i]), lo = hi < 0 ? -1 : hexval(src[2 * i + 1]);

		if (lo < 0)
			return -1;
		dst[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

/* Parses a hex number ending at one of the characters in `stop` (or the string's end). */
static int parse_hex(const char **s, const char *stop, uint64_t *v)
{
	const char *p = *s;

	*v = 0;
	if (hexval(*p) < 0)
		return -1;
	while (hexval(*p) >= 0)
		*v = *v << 4 | (uint64_t)hexval(*p++);
	if (*p && !strchr(stop, *p))
		return -1;
	*s = *p ? p + 1 : p;
	return 0;
}

static int send_all(struct uhyve_gdb *g, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = send(g->fd, buf, len, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR && !uhyve_vm_ending(g->vm))
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static int send_packet(struct uhyve_gdb *g, const char *data)
{
	static char frame[PACKET_MAX + 8];
	size_t len = strlen(data);
	unsigned sum = 0;

	for (size_t i = 0; i < len; i++)
		sum += (uint8_t)data[i];
	frame[0] = '$';
	memcpy(frame + 1, data, len);
	snprintf(frame + 1 + len, 4, "#%02x", sum & 0xff);
	return send_all(g, frame, len + 4);
}

static int recv_byte(struct uhyve_gdb *g)
{
	uint8_t c;
	ssize_t n;

	do {
		n = recv(g->fd, &c, 1, 0);
	} while (n < 0 && errno == EINTR && !uhyve_vm_ending(g->vm));
	return n == 1 ? c : -1;
}

/* Reads one packet into g->in (acknowledged); -1 when gdb is gone or the VM ends. */
static int recv_packet(struct uhyve_gdb *g)
{
	for (;;) {
		unsigned sum = 0, want;
		size_t len = 0;
		int c, hi, lo;

		while ((c = recv_byte(g)) != '$')
			if (c < 0)
				return -1;
		while ((c = recv_byte(g)) != '#') {
			if (c < 0)
				return -1;
			if (len < PACKET_MAX)
				g->in[len++] = (char)c;
			sum += (unsigned)c;
		}
		g->in[len] = '\0';
		hi = hexval((char)recv_byte(g));
		lo = hexval((char)recv_byte(g));
		want = (unsigned)(hi << 4 | lo);
		if (hi >= 0 && lo >= 0 && want == (sum & 0xff) && len < PACKET_MAX)
			return send_all(g, "+", 1);
		if (send_all(g, "-", 1))
			return -1;
	}
}

/* ---- breakpoints (Z/z packets) ---- */

static int find_bp(const struct uhyve_gdb *g, unsigned type, uint64_t addr)
{
	for (unsigned i = 0; i < g->nbps; i++)
		if (g->bps[i].addr == addr && g->bps[i].type == type)
			return (int)i;
	return -1;
}

static const char *cmd_breakpoint(struct uhyve_gdb *g, const char *p, bool insert)
{
	uint64_t type, addr, kind;
	int i;

	if (parse_hex(&p, ",", &type) || parse_hex(&p, ",", &addr) || parse_hex(&p, ";", &kind))
		return "E22";
	if (type > UHYVE_GDB_BP_HW)
		return ""; /* watchpoints: not supported */
	i = find_bp(g, (unsigned)type, addr);
	if (!insert) {
		if (i >= 0)
			g->bps[i] = g->bps[--g->nbps];
		return "OK";
	}
	if (i >= 0)
		return "OK";
	if (!uhyve_gpa_p(g->vm, addr, 1))
		return "E14";
	if (g->nbps == UHYVE_GDB_MAX_BPS ||
	    uhyve_gdb_arch_bp_check(&g->arch, g->bps, g->nbps, (unsigned)type))
		return "E28";
	g->bps[g->nbps++] = (struct uhyve_gdb_bp){.addr = addr, .type = (unsigned)type};
	return "OK";
}

/* ---- memory and registers ---- */

static const char *cmd_read_mem(struct uhyve_gdb *g, const char *p)
{
	uint64_t addr, len;
	const uint8_t *src;

	if (parse_hex(&p, ",", &addr) || parse_hex(&p, "", &len))
		return "E22";
	if (len > PACKET_MAX / 2)
		len = PACKET_MAX / 2;
	src = uhyve_gpa_p(g->vm, addr, len);
	if (!src)
		return "E14";
	to_hex(g->out, src, len);
	return g->out;
}

static const char *cmd_write_mem(struct uhyve_gdb *g, const char *p)
{
	uint64_t addr, len;
	uint8_t *dst;

	if (parse_hex(&p, ",", &addr) || parse_hex(&p, ":", &len) || strlen(p) != 2 * len)
		return "E22";
	dst = uhyve_gpa_p(g->vm, addr, len);
	if (!dst)
		return "E14";
	return from_hex(dst, p, len) ? "E22" : "OK";
}

static const char *cmd_read_regs(struct uhyve_gdb *g, struct uhyve_vcpu *cpu)
{
	uint8_t regs[UHYVE_GDB_REGS_LEN];

	if (uhyve_gdb_arch_read_regs(cpu, regs))
		return "E05";
	to_hex(g->out, regs, sizeof(regs));
	return g->out;
}

static const char *cmd_write_regs(struct uhyve_vcpu *cpu, const char *p)
{
	uint8_t regs[UHYVE_GDB_REGS_LEN];

	if (strlen(p) != 2 * sizeof(regs) || from_hex(regs, p, sizeof(regs)))
		return "E22";
	return uhyve_gdb_arch_write_regs(cpu, regs) ? "E05" : "OK";
}

/* p/P: one register, through the whole 'g' image (offsets of the amd64 description). */
static int reg_slot(uint64_t nr, size_t *off, size_t *len)
{
	if (nr < 17) {
		*off = nr * 8, *len = 8;
	} else if (nr < 24) {
		*off = 136 + (nr - 17) * 4, *len = 4;
	} else if (nr < 32) {
		*off = 164 + (nr - 24) * 10, *len = 10;
	} else if (nr < 40) {
		*off = 244 + (nr - 32) * 4, *len = 4;
	} else if (nr < 56) {
		*off = 276 + (nr - 40) * 16, *len = 16;
	} else if (nr == 56) {
		*off = 532, *len = 4;
	} else {
		return -1;
	}
	return 0;
}

static const char *cmd_one_reg(struct uhyve_gdb *g, struct uhyve_vcpu *cpu, const char *p,
                               bool write)
{
	uint8_t regs[UHYVE_GDB_REGS_LEN];
	uint64_t nr;
	size_t off, len;

	if (parse_hex(&p, "=", &nr) || reg_slot(nr, &off, &len))
		return write ? "E22" : "";
	if (uhyve_gdb_arch_read_regs(cpu, regs))
		return "E05";
	if (!write) {
		to_hex(g->out, regs + off, len);
		return g->out;
	}
	if (strlen(p) != 2 * len || from_hex(regs + off, p, len))
		return "E22";
	return uhyve_gdb_arch_write_regs(cpu, regs) ? "E05" : "OK";
}

/* ---- queries and the stop reply ---- */

static const char *cmd_query(struct uhyve_gdb *g, struct uhyve_vcpu *cpu, const char *p)
{
	if (!strncmp(p, "qSupported", 10)) {
		snprintf(g->out, sizeof(g->out), "PacketSize=%x;swbreak+;hwbreak+", PACKET_MAX);
		return g->out;
	}
	if (!strcmp(p, "qAttached"))
		return "1";
	if (!strcmp(p, "qC") || !strcmp(p, "qfThreadInfo")) {
		snprintf(g->out, sizeof(g->out), "%s%x", p[1] == 'C' ? "QC" : "m", cpu->id + 1);
		return g->out;
	}
	if (!strcmp(p, "qsThreadInfo"))
		return "l";
	return "";
}

static void stop_reply(char *buf, size_t size, const struct uhyve_vcpu *cpu,
                       enum uhyve_gdb_event ev, int sig)
{
	const char *why = ev == UHYVE_GDB_SWBREAK   ? "swbreak:;"
	                  : ev == UHYVE_GDB_HWBREAK ? "hwbreak:;"
	                                            : "";

	snprintf(buf, size, "T%02xthread:%x;%s", sig, cpu->id + 1, why);
}

/* ---- the stop session ---- */

enum session_end {
	SESSION_RESUME,
	SESSION_STEP,
	SESSION_DETACH,
	SESSION_GONE,
};

static void detach(struct uhyve_gdb *g, struct uhyve_vcpu *cpu)
{
	g->nbps = 0;
	g->detached = true;
	uhyve_gdb_arch_unpatch(&g->arch, g->vm);
	uhyve_gdb_arch_arm(&g->arch, cpu, g->bps, 0, false);
}

static int resume_at(struct uhyve_vcpu *cpu, const char *p)
{
	uint64_t pc;

	if (!*p)
		return 0;
	if (parse_hex(&p, "", &pc))
		return -1;
	return uhyve_gdb_arch_set_pc(cpu, pc);
}

/* One packet; returns -1 to go on, or how the session ends. */
static int dispatch(struct uhyve_gdb *g, struct uhyve_vcpu *cpu, const char *stop)
{
	const char *p = g->in, *reply;

	switch (p[0]) {
	case '?':
		reply = stop;
		break;
	case 'g':
		reply = cmd_read_regs(g, cpu);
		break;
	case 'G':
		reply = cmd_write_regs(cpu, p + 1);
		break;
	case 'p':
	case 'P':
		reply = cmd_one_reg(g, cpu, p + 1, p[0] == 'P');
		break;
	case 'm':
		reply = cmd_read_mem(g, p + 1);
		break;
	case 'M':
		reply = cmd_write_mem(g, p + 1);
		break;
	case 'Z':
	case 'z':
		reply = cmd_breakpoint(g, p + 1, p[0] == 'Z');
		break;
	case 'c':
	case 's':
		if (resume_at(cpu, p + 1) == 0)
			return p[0] == 'c' ? SESSION_RESUME : SESSION_STEP;
		reply = "E22";
		break;
	case 'D':
		send_packet(g, "OK");
		return SESSION_DETACH;
	case 'k':
		uhyve_vm_end(g->vm, NULL, 0, GDB_EXIT_KILL, "killed by gdb");
		return SESSION_GONE;
	case 'H':
	case 'T':
		reply = "OK";
		break;
	case 'q':
		reply = cmd_query(g, cpu, p);
		break;
	default:
		reply = ""; /* unsupported: X, vCont, watchpoints, ... */
		break;
	}
	return send_packet(g, reply) ? SESSION_GONE : -1;
}

static void set_stopped(struct uhyve_gdb *g, bool stopped)
{
	pthread_mutex_lock(&g->io_lock);
	g->stopped = stopped;
	pthread_cond_broadcast(&g->io_cond);
	pthread_mutex_unlock(&g->io_lock);
}

/* Serves gdb while cpu is stopped (g->lock held); arms the resume gdb asks for. */
static void serve(struct uhyve_gdb *g, struct uhyve_vcpu *cpu, enum uhyve_gdb_event ev, int sig,
                  bool announce)
{
	char stop[64];
	int end;

	uhyve_gdb_arch_disarm(&g->arch, g->vm, g->bps, g->nbps);
	set_stopped(g, true);
	stop_reply(stop, sizeof(stop), cpu, ev, sig);
	if (announce && send_packet(g, stop))
		end = SESSION_GONE;
	else
		while ((end = recv_packet(g) ? SESSION_GONE : dispatch(g, cpu, stop)) < 0)
			;
	if (end == SESSION_GONE || end == SESSION_DETACH) {
		detach(g, cpu);
	} else if (uhyve_gdb_arch_arm(&g->arch, cpu, g->bps, g->nbps, end == SESSION_STEP)) {
		warnx("gdb: cannot arm breakpoints or single-step on cpu %u, detaching", cpu->id);
		detach(g, cpu);
	}
	set_stopped(g, false);
}

/* ---- the watcher: Ctrl-C from gdb while the guest runs ---- */

static void *watch_interrupts(void *arg)
{
	struct uhyve_gdb *g = arg;
	struct pollfd pfd = {.fd = g->fd, .events = POLLIN};
	uint8_t c;

	pthread_mutex_lock(&g->io_lock);
	while (!g->quit) {
		if (g->stopped || g->detached) {
			pthread_cond_wait(&g->io_cond, &g->io_lock);
			continue;
		}
		pthread_mutex_unlock(&g->io_lock);
		poll(&pfd, 1, 100);
		pthread_mutex_lock(&g->io_lock);
		if (g->stopped || g->quit || !(pfd.revents & (POLLIN | POLLHUP)))
			continue;
		if (recv(g->fd, &c, 1, MSG_DONTWAIT) == 1 && c == 0x03) {
			struct uhyve_vcpu *cpu = &g->vm->vcpu[0];

			g->interrupt = true;
			cpu->run->immediate_exit = 1;
			pthread_kill(cpu->thread, SIGUSR1);
		} else if (pfd.revents & POLLHUP) {
			g->detached = true; /* gdb vanished while the guest ran */
		}
	}
	pthread_mutex_unlock(&g->io_lock);
	return NULL;
}

/* ---- entry points from the rest of uhyve ---- */

int uhyve_gdb_listen(struct uhyve_vm *vm)
{
	struct sockaddr_in sa = {
	    .sin_family = AF_INET,
	    .sin_port = htons((uint16_t)vm->opt->debug_port),
	    .sin_addr.s_addr = htonl(INADDR_LOOPBACK), /* never reachable from the network */
	};
	struct uhyve_gdb *g = calloc(1, sizeof(*g));
	int one = 1, ret;

	if (!g)
		return -ENOMEM;
	g->vm = vm;
	g->fd = -1;
	g->listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (g->listen_fd < 0)
		goto out_free;
	setsockopt(g->listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(g->listen_fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(g->listen_fd, 1) < 0)
		goto out_close;
	pthread_mutex_init(&g->lock, NULL);
	pthread_mutex_init(&g->io_lock, NULL);
	pthread_cond_init(&g->io_cond, NULL);
	uhyve_gdb_arch_init(&g->arch, vm);
	vm->gdb = g;
	fprintf(stderr, "uhyve: waiting for gdb on 127.0.0.1:%u (target remote :%u)\n",
	        vm->opt->debug_port, vm->opt->debug_port);
	return 0;

out_close:
	ret = -errno;
	close(g->listen_fd);
	free(g);
	return ret;
out_free:
	ret = -errno;
	free(g);
	return ret;
}

static int accept_gdb(struct uhyve_gdb *g)
{
	int one = 1;

	do {
		g->fd = accept4(g->listen_fd, NULL, NULL, SOCK_CLOEXEC);
	} while (g->fd < 0 && errno == EINTR && !uhyve_vm_ending(g->vm));
	if (g->fd < 0)
		return -errno;
	close(g->listen_fd);
	g->listen_fd = -1;
	setsockopt(g->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (pthread_create(&g->watcher, NULL, watch_interrupts, g) == 0)
		g->watcher_started = true;
	return 0;
}

void uhyve_gdb_first_stop(struct uhyve_vcpu *cpu)
{
	struct uhyve_gdb *g = cpu->vm->gdb;

	if (!g || cpu->id != 0)
		return;
	pthread_mutex_lock(&g->lock);
	if (accept_gdb(g) == 0) {
		uhyve_verbose(cpu->vm, "gdb connected");
		serve(g, cpu, UHYVE_GDB_TRAP, SIGTRAP_NR, false);
	} else if (!uhyve_vm_ending(cpu->vm)) {
		warn("gdb: accept on 127.0.0.1:%u", cpu->vm->opt->debug_port);
		g->detached = true;
	}
	pthread_mutex_unlock(&g->lock);
}

bool uhyve_gdb_handle_exit(struct uhyve_vcpu *cpu)
{
	struct uhyve_gdb *g = cpu->vm->gdb;
	enum uhyve_gdb_event ev;

	if (!g)
		return false;
	pthread_mutex_lock(&g->lock);
	ev = uhyve_gdb_arch_decode(&g->arch, cpu, g->bps, g->nbps);
	if (ev == UHYVE_GDB_REARM)
		uhyve_gdb_arch_arm(&g->arch, cpu, g->bps, g->nbps, false);
	else if (ev != UHYVE_GDB_NONE && ev != UHYVE_GDB_RESUME && !g->detached)
		serve(g, cpu, ev, SIGTRAP_NR, true);
	pthread_mutex_unlock(&g->lock);
	return ev != UHYVE_GDB_NONE;
}

void uhyve_gdb_check_interrupt(struct uhyve_vcpu *cpu)
{
	struct uhyve_gdb *g = cpu->vm->gdb;
	bool stop;

	if (!g || uhyve_vm_ending(cpu->vm))
		return;
	pthread_mutex_lock(&g->io_lock);
	stop = g->interrupt;
	g->interrupt = false;
	pthread_mutex_unlock(&g->io_lock);
	if (!stop)
		return;
	cpu->run->immediate_exit = 0;
	pthread_mutex_lock(&g->lock);
	if (!g->detached)
		serve(g, cpu, UHYVE_GDB_TRAP, SIGINT_NR, true);
	pthread_mutex_unlock(&g->lock);
}

void uhyve_gdb_close(struct uhyve_vm *vm, int status)
{
	struct uhyve_gdb *g = vm->gdb;
	char msg[8];

	if (!g)
		return;
	pthread_mutex_lock(&g->io_lock);
	g->quit = true;
	pthread_cond_broadcast(&g->io_cond);
	pthread_mutex_unlock(&g->io_lock);
	if (g->watcher_started)
		pthread_join(g->watcher, NULL);
	if (g->fd >= 0 && !g->detached) {
		snprintf(msg, sizeof(msg), "W%02x", status & 0xff);
		send_packet(g, msg);
	}
	if (g->fd >= 0)
		close(g->fd);
	if (g->listen_fd >= 0)
		close(g->listen_fd);
	free(g);
	vm->gdb = NULL;
}
