/* SPDX-License-Identifier: BSD-3-Clause */
/* Parses uhyve's environment variables and command-line flags into struct uhyve_options. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uhyve.h"

const char uhyve_usage[] =
    "usage: uhyve [options] IMAGE [ARGS...]\n"
    "Runs a HermitCore image (static x86_64 ELF, EI_OSABI 0x42) in a KVM virtual machine.\n"
    "\n"
    "Options (each also as an environment variable; flags override the environment):\n"
    "  --cpus N|LIST     HERMIT_CPUS     vCPU count 1-64, or host CPUs like 0-3 or 0,2,4 (1)\n"
    "  --mem SIZE        HERMIT_MEM      guest RAM, 16M-64G, multiple of 2M, K/M/G (512M)\n"
    "  --node N          HERMIT_NODE     host NUMA node (the node uhyve starts on)\n"
    "  --verbose 0|1     HERMIT_VERBOSE  report placement and timings, dump the kernel log\n"
    "  --hugepages 0|1   HERMIT_HUGEPAGES  back RAM with hugetlbfs pages if the pool has room\n"
    "  --prefault 0|1    HERMIT_PREFAULT   touch all guest RAM before the guest starts\n"
    "  --timeout SECS    HERMIT_TIMEOUT  stop the guest after SECS seconds (0: never)\n"
    "  --priv MODEL      HERMIT_PRIV     classic|depriv (detected from the host KVM)\n"
    "  --root DIR        HERMIT_ROOT     confine the guest's file paths to DIR\n"
    "  --debug PORT      HERMIT_DEBUG    wait for gdb on 127.0.0.1:PORT before the first\n"
    "                                    instruction (0: no debugging)\n"
    "  --netif TAP       HERMIT_NETIF    attach the guest's network link to host tap TAP\n"
    "  --ip A.B.C.D      HERMIT_IP       the guest's address (10.0.5.2)\n"
    "  --gateway A.B.C.D HERMIT_GATEWAY  its gateway (10.0.5.1; 0.0.0.0: none)\n"
    "  --mask A.B.C.D    HERMIT_MASK     its netmask (255.255.255.0)\n"
    "  --mac MAC         HERMIT_NETIF_MAC  its MAC address (52:54:00:12:34:56)\n"
    "  --net-gso 0|1     HERMIT_NET_GSO  TCP segments merged/split as 64 KiB tap frames (1)\n"
    "  --net-csum 0|1    HERMIT_NET_CSUM with --net-gso 1: TCP/UDP checksums filled and\n"
    "                                    checked by the host's stack, not the guest (1)\n"
    "  --net-poll US     HERMIT_NET_POLL the link thread polls US microseconds before it\n"
    "                                    sleeps (50 with a host CPU free of vCPUs, else 0)\n"
    "  --help, --version\n"
    "Boolean flags given without a value mean 1.\n"
    "\n"
    "Exit status:\n"
    "  0-255  the application's exit status\n"
    "  64     bad option or value\n"
    "  65     bad image (not a HermitCore ELF, bad segments)\n"
    "  66     image not found or unreadable\n"
    "  69     /dev/kvm missing, no permission, or a KVM capability missing\n"
    "  71     host resource error (memory, mmap, threads)\n"
    "  124    HERMIT_TIMEOUT elapsed\n"
    "  125    guest kernel panic\n"
    "  126    guest crashed (triple fault, KVM internal error, ABI violation)\n"
    "  137    killed from gdb\n";

typedef int (*opt_setter)(struct uhyve_options *o, const char *val);

/* Parses a whole decimal number in [min, max]; 0 or -1. */
static int parse_uint(const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* "a-b" or "a,b,c" or a mix: distinct host CPUs, in the order given. */
static int parse_cpu_list(struct uhyve_options *o, const char *s)
{
	char buf[512], *save, *tok;
	unsigned n = 0;

	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *dash = strchr(tok, '-');
		uint64_t a, b;

		if (dash)
			*dash = '\0';
		if (parse_uint(tok, 0, 4095, &a) || (dash && parse_uint(dash + 1, 0, 4095, &b)))
			return -1;
		if (!dash)
			b = a;
		if (b < a || n + (b - a + 1) > HERMIT_MAX_CPUS)
			return -1;
		for (uint64_t c = a; c <= b; c++) {
			for (unsigned i = 0; i < n; i++)
				if (o->cpu_list[i] == (int)c)
					return -1;
			o->cpu_list[n++] = (int)c;
		}
	}
	if (n == 0 || s[strlen(s) - 1] == ',')
		return -1;
	o->cpu_count = n;
	o->has_cpu_list = true;
	return 0;
}

static int set_cpus(struct uhyve_options *o, const char *s)
{
	uint64_t n;

	o->has_cpu_list = false;
	if (strpbrk(s, ",-"))
		return parse_cpu_list(o, s);
	if (parse_uint(s, 1, HERMIT_MAX_CPUS, &n))
		return -1;
	o->cpu_count = (unsigned)n;
	return 0;
}

static int set_mem(struct uhyve_options *o, const char *s)
{
	char num[32];
	size_t len = strlen(s);
	uint64_t v, shift = 0;

	if (len == 0 || len >= sizeof(num))
		return -1;
	memcpy(num, s, len + 1);
	switch (num[len - 1]) {
	case 'k':
	case 'K':
		shift = 10;
		break;
	case 'm':
	case 'M':
		shift = 20;
		break;
	case 'g':
	case 'G':
		shift = 30;
		break;
	default:
		break;
	}
	if (shift)
		num[len - 1] = '\0';
	if (parse_uint(num, 1, UHYVE_MEM_MAX >> shift, &v))
		return -1;
	v <<= shift;
	if (v < UHYVE_MEM_MIN || v > UHYVE_MEM_MAX || v % (2ULL << 20))
		return -1;
	o->mem_size = v;
	return 0;
}

static int set_node(struct uhyve_options *o, const char *s)
{
	uint64_t v;

	if (parse_uint(s, 0, 1023, &v))
		return -1;
	o->node = (int)v;
	return 0;
}

static int set_bool(bool *b, const char *s)
{
	if (!strcmp(s, "1"))
		*b = true;
	else if (!strcmp(s, "0"))
		*b = false;
	else
		return -1;
	return 0;
}

static int set_verbose(struct uhyve_options *o, const char *s)
{
	return set_bool(&o->verbose, s);
}

static int set_hugepages(struct uhyve_options *o, const char *s)
{
	return set_bool(&o->hugepages, s);
}

static int set_prefault(struct uhyve_options *o, const char *s)
{
	return set_bool(&o->prefault, s);
}

static int set_timeout(struct uhyve_options *o, const char *s)
{
	uint64_t v;

	if (parse_uint(s, 0, 1000000, &v))
		return -1;
	o->timeout = (unsigned)v;
	return 0;
}

static int set_priv(struct uhyve_options *o, const char *s)
{
	if (!strcmp(s, "classic"))
		o->priv = HERMIT_PRIV_CLASSIC;
	else if (!strcmp(s, "depriv"))
		o->priv = HERMIT_PRIV_DEPRIV;
	else
		return -1;
	return 0;
}

static int set_root(struct uhyve_options *o, const char *s)
{
	if (!*s)
		return -1;
	o->root = s;
	return 0;
}

static int set_debug(struct uhyve_options *o, const char *s)
{
	uint64_t v;

	if (parse_uint(s, 0, 65535, &v))
		return -1;
	o->debug_port = (unsigned)v;
	return 0;
}

static int set_netif(struct uhyve_options *o, const char *s)
{
	/* A Linux interface name: 1-15 bytes, no '/', no spaces. */
	if (!*s || strlen(s) > 15 || strpbrk(s, "/ \t\n:"))
		return -1;
	o->netif = s;
	return 0;
}

/* Dotted quad, each part 0-255, exactly four parts; host byte order. */
static int parse_ipv4(const char *s, uint32_t *out)
{
	uint32_t v = 0;

	for (int part = 0; part < 4; part++) {
		unsigned n = 0, digits = 0;

		while (*s >= '0' && *s <= '9' && digits < 4) {
			n = n * 10 + (unsigned)(*s++ - '0');
			digits++;
		}
		if (!digits || digits > 3 || n > 255)
			return -1;
		v = v << 8 | n;
		if (part < 3 && *s++ != '.')
			return -1;
	}
	if (*s)
		return -1;
	*out = v;
	return 0;
}

static int set_ip(struct uhyve_options *o, const char *s)
{
	return parse_ipv4(s, &o->net_ip);
}

static int set_gateway(struct uhyve_options *o, const char *s)
{
	return parse_ipv4(s, &o->net_gateway);
}

/* A netmask: contiguous ones from the top, at least /1. */
static int set_mask(struct uhyve_options *o, const char *s)
{
	uint32_t m;

	if (parse_ipv4(s, &m) || m == 0 || (~m & (~m + 1)) != 0)
		return -1;
	o->net_mask = m;
	return 0;
}

/* xx:xx:xx:xx:xx:xx in hex, unicast (bit 0 of the first byte clear). */
static int set_mac(struct uhyve_options *o, const char *s)
{
	uint8_t mac[6];

	for (int i = 0; i < 6; i++) {
		unsigned v = 0;

		for (int d = 0; d < 2; d++, s++) {
			unsigned c = (unsigned char)*s;

			if (c >= '0' && c <= '9')
				v = v * 16 + c - '0';
			else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
				v = v * 16 + (c | 0x20) - 'a' + 10;
			else
				return -1;
		}
		mac[i] = (uint8_t)v;
		if (i < 5 && *s++ != ':')
			return -1;
	}
	if (*s || (mac[0] & 1))
		return -1;
	memcpy(o->net_mac, mac, sizeof(mac));
	return 0;
}

static int set_net_gso(struct uhyve_options *o, const char *s)
{
	return set_bool(&o->net_gso, s);
}

static int set_net_csum(struct uhyve_options *o, const char *s)
{
	return set_bool(&o->net_csum, s);
}

static int set_net_poll(struct uhyve_options *o, const char *s)
{
	uint64_t v;

	if (parse_uint(s, 0, 100000, &v))
		return -1;
	o->net_poll_us = (int)v;
	return 0;
}

struct opt_desc {
	const char *env;  /* environment variable */
	const char *flag; /* long flag without the dashes */
	const char *form; /* accepted form, for the error message */
	opt_setter set;
	bool boolean; /* the flag alone means 1 */
};

static const struct opt_desc opts[] = {
    {"HERMIT_CPUS", "cpus", "a count 1-64 or a host CPU list like 0-3 or 0,2,4", set_cpus, false},
    {"HERMIT_MEM", "mem", "a size 16M-64G, multiple of 2M, with K/M/G suffix, e.g. 512M", set_mem,
     false},
    {"HERMIT_NODE", "node", "a NUMA node number, e.g. 0", set_node, false},
    {"HERMIT_VERBOSE", "verbose", "0 or 1", set_verbose, true},
    {"HERMIT_HUGEPAGES", "hugepages", "0 or 1", set_hugepages, true},
    {"HERMIT_PREFAULT", "prefault", "0 or 1", set_prefault, true},
    {"HERMIT_TIMEOUT", "timeout", "whole seconds, e.g. 10 (0: no timeout)", set_timeout, false},
    {"HERMIT_PRIV", "priv", "classic or depriv", set_priv, false},
    {"HERMIT_ROOT", "root", "a directory", set_root, false},
    {"HERMIT_DEBUG", "debug", "a TCP port 1-65535 for gdb (0: no debugging)", set_debug, false},
    {"HERMIT_NETIF", "netif", "a host tap device name, e.g. tap0", set_netif, false},
    {"HERMIT_IP", "ip", "an IPv4 address like 10.0.5.2", set_ip, false},
    {"HERMIT_GATEWAY", "gateway", "an IPv4 address like 10.0.5.1", set_gateway, false},
    {"HERMIT_MASK", "mask", "a netmask like 255.255.255.0", set_mask, false},
    {"HERMIT_NETIF_MAC", "mac", "a unicast MAC like 52:54:00:12:34:56", set_mac, false},
    {"HERMIT_NET_GSO", "net-gso", "0 or 1", set_net_gso, true},
    {"HERMIT_NET_CSUM", "net-csum", "0 or 1", set_net_csum, true},
    {"HERMIT_NET_POLL", "net-poll", "microseconds 0-100000, e.g. 50", set_net_poll, false},
};

#define NOPTS (sizeof(opts) / sizeof(opts[0]))

static enum uhyve_opt_result bad_value(char *err, size_t errlen, const char *name, const char *val,
                                       const char *form)
{
	snprintf(err, errlen, "%s: bad value '%s', expected %s", name, val, form);
	return UHYVE_OPT_ERROR;
}

static const char *env_lookup(char **envp, const char *name)
{
	size_t len = strlen(name);

	for (; envp && *envp; envp++)
		if (!strncmp(*envp, name, len) && (*envp)[len] == '=')
			return *envp + len + 1;
	return NULL;
}

static void set_defaults(struct uhyve_options *o)
{
	memset(o, 0, sizeof(*o));
	o->cpu_count = 1;
	o->mem_size = UHYVE_MEM_DEFAULT;
	o->node = -1;
	o->priv = -1;
	o->net_ip = 0x0a000502;      /* 10.0.5.2 */
	o->net_gateway = 0x0a000501; /* 10.0.5.1 */
	o->net_mask = 0xffffff00;
	memcpy(o->net_mac, (const uint8_t[]){0x52, 0x54, 0x00, 0x12, 0x34, 0x56}, 6);
	o->net_gso = true;
	o->net_csum = true;
	o->net_poll_us = -1;
}

/* One "--name[=value]" flag at argv[*i]; may consume argv[*i + 1]. */
static enum uhyve_opt_result parse_flag(struct uhyve_options *o, int argc, char **argv, int *i,
                                        char *err, size_t errlen)
{
	const char *arg = argv[*i] + 2, *eq = strchr(arg, '='), *val;
	size_t len = eq ? (size_t)(eq - arg) : strlen(arg);

	if (!strcmp(arg, "help"))
		return UHYVE_OPT_HELP;
	if (!strcmp(arg, "version"))
		return UHYVE_OPT_VERSION;
	for (size_t k = 0; k < NOPTS; k++) {
		const struct opt_desc *d = &opts[k];

		if (strlen(d->flag) != len || strncmp(d->flag, arg, len))
			continue;
		if (eq)
			val = eq + 1;
		else if (d->boolean)
			val = "1";
		else if (*i + 1 < argc)
			val = argv[++*i];
		else
			return bad_value(err, errlen, argv[*i], "", d->form);
		if (d->set(o, val)) {
			char name[32];

			snprintf(name, sizeof(name), "--%s", d->flag);
			return bad_value(err, errlen, name, val, d->form);
		}
		return UHYVE_OPT_RUN;
	}
	snprintf(err, errlen, "unknown option '%s' (see uhyve --help)", argv[*i]);
	return UHYVE_OPT_ERROR;
}

enum uhyve_opt_result uhyve_options_parse(struct uhyve_options *o, int argc, char **argv,
                                          char **envp, char *err, size_t errlen)
{
	enum uhyve_opt_result r;
	int i;

	set_defaults(o);
	for (size_t k = 0; k < NOPTS; k++) {
		const char *val = env_lookup(envp, opts[k].env);

		if (val && opts[k].set(o, val))
			return bad_value(err, errlen, opts[k].env, val, opts[k].form);
	}
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		}
		if (!strcmp(argv[i], "-h"))
			return UHYVE_OPT_HELP;
		if (strncmp(argv[i], "--", 2))
			break;
		r = parse_flag(o, argc, argv, &i, err, errlen);
		if (r != UHYVE_OPT_RUN)
			return r;
	}
	if (i >= argc) {
		snprintf(err, errlen, "no image given (usage: uhyve [options] IMAGE [ARGS...])");
		return UHYVE_OPT_ERROR;
	}
	o->image = argv[i];
	o->guest_argc = argc - i;
	o->guest_argv = argv + i;
	return UHYVE_OPT_RUN;
}
