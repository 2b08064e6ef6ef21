/* SPDX-License-Identifier: BSD-3-Clause */
/* Unit tests of the option parser: environment, flags, precedence, good and bad values. */
#include <stdio.h>
#include <string.h>

#include "uhyve.h"
#include "unit.h"

#define MAXARGS 16

static struct uhyve_options opt;
static char err[512];

/* Parses "uhyve <args>" (space-separated) with the given environment (NULL-terminated). */
static enum uhyve_opt_result parse(const char *args, const char *env0, const char *env1)
{
	static char buf[512];
	char *argv[MAXARGS] = {"uhyve"}, *envp[3] = {(char *)env0, (char *)env1, NULL};
	int argc = 1;

	snprintf(buf, sizeof(buf), "%s", args);
	for (char *s = strtok(buf, " "); s && argc < MAXARGS - 1; s = strtok(NULL, " "))
		argv[argc++] = s;
	argv[argc] = NULL;
	err[0] = '\0';
	return uhyve_options_parse(&opt, argc, argv, envp, err, sizeof(err));
}

/* A bad value: check the whole message. */
static void bad(const char *name, const char *args, const char *env, const char *msg)
{
	enum uhyve_opt_result r = parse(args, env, NULL);

	unit_str(name, r == UHYVE_OPT_ERROR ? err : "(accepted)", msg);
}

static void test_defaults(void)
{
	parse("img a b", NULL, NULL);
	unit_u64("opt default cpus", opt.cpu_count, 1);
	unit_u64("opt default mem", opt.mem_size, 512ULL << 20);
	unit_u64("opt default node", (unsigned long long)opt.node, (unsigned long long)-1);
	unit_u64("opt default priv", (unsigned long long)opt.priv, (unsigned long long)-1);
	unit_str("opt image", opt.image, "img");
	unit_u64("opt guest argc", (unsigned)opt.guest_argc, 3);
	parse("img --mem 1G", NULL, NULL);
	unit_str("opt flags after the image belong to the guest", opt.guest_argv[1], "--mem");
	unit_u64("opt flags after the image are not parsed", opt.mem_size, 512ULL << 20);
	parse("-- --odd", NULL, NULL);
	unit_str("opt -- ends the options", opt.image, "--odd");
}

static void test_cpus(void)
{
	parse("img", "HERMIT_CPUS=4", NULL);
	unit_u64("opt cpus count", opt.cpu_count, 4);
	parse("img", "HERMIT_CPUS=3-5", NULL);
	unit_u64("opt cpus range count", opt.cpu_count, 3);
	unit_u64("opt cpus range first", (unsigned)opt.cpu_list[0], 3);
	unit_u64("opt cpus range last", (unsigned)opt.cpu_list[2], 5);
	parse("img", "HERMIT_CPUS=0,2,7-8", NULL);
	unit_u64("opt cpus list count", opt.cpu_count, 4);
	unit_u64("opt cpus list is a list", opt.has_cpu_list, 1);
	unit_u64("opt cpus list third", (unsigned)opt.cpu_list[2], 7);
#define CPUS_FORM "expected a count 1-64 or a host CPU list like 0-3 or 0,2,4"
	bad("opt cpus abc", "img", "HERMIT_CPUS=abc", "HERMIT_CPUS: bad value 'abc', " CPUS_FORM);
	bad("opt cpus 5-3", "img", "HERMIT_CPUS=5-3", "HERMIT_CPUS: bad value '5-3', " CPUS_FORM);
	bad("opt cpus 0", "img", "HERMIT_CPUS=0", "HERMIT_CPUS: bad value '0', " CPUS_FORM);
	bad("opt cpus too many", "img", "HERMIT_CPUS=65",
	    "HERMIT_CPUS: bad value '65', " CPUS_FORM);
	bad("opt cpus range too long", "img", "HERMIT_CPUS=0-64",
	    "HERMIT_CPUS: bad value '0-64', " CPUS_FORM);
	bad("opt cpus duplicate", "img", "HERMIT_CPUS=1,1",
	    "HERMIT_CPUS: bad value '1,1', " CPUS_FORM);
	bad("opt cpus empty", "img", "HERMIT_CPUS=", "HERMIT_CPUS: bad value '', " CPUS_FORM);
	bad("opt cpus trailing comma", "img", "HERMIT_CPUS=1,",
	    "HERMIT_CPUS: bad value '1,', " CPUS_FORM);
	bad("opt cpus open range", "img", "HERMIT_CPUS=3-",
	    "HERMIT_CPUS: bad value '3-', " CPUS_FORM);
	bad("opt cpus negative", "img", "HERMIT_CPUS=-1",
	    "HERMIT_CPUS: bad value '-1', " CPUS_FORM);
	bad("opt cpus flag", "--cpus x img", NULL, "--cpus: bad value 'x', " CPUS_FORM);
}

static void test_mem(void)
{
#define MEM_FORM "expected a size 16M-64G, multiple of 2M, with K/M/G suffix, e.g. 512M"
	parse("img", "HERMIT_MEM=1G", NULL);
	unit_u64("opt mem 1G", opt.mem_size, 1ULL << 30);
	parse("img", "HERMIT_MEM=65536M", NULL);
	unit_u64("opt mem 64G", opt.mem_size, 64ULL << 30);
	parse("img", "HERMIT_MEM=16384k", NULL);
	unit_u64("opt mem in KiB", opt.mem_size, 16ULL << 20);
	parse("img", "HERMIT_MEM=33554432", NULL);
	unit_u64("opt mem in bytes", opt.mem_size, 32ULL << 20);
	bad("opt mem 12Q", "img", "HERMIT_MEM=12Q", "HERMIT_MEM: bad value '12Q', " MEM_FORM);
	bad("opt mem too small", "img", "HERMIT_MEM=8M", "HERMIT_MEM: bad value '8M', " MEM_FORM);
	bad("opt mem too large", "img", "HERMIT_MEM=65G", "HERMIT_MEM: bad value '65G', " MEM_FORM);
	bad("opt mem overflow", "img", "HERMIT_MEM=99999999999999999999G",
	    "HERMIT_MEM: bad value '99999999999999999999G', " MEM_FORM);
	bad("opt mem odd", "img", "HERMIT_MEM=17M", "HERMIT_MEM: bad value '17M', " MEM_FORM);
	bad("opt mem suffix only", "img", "HERMIT_MEM=G", "HERMIT_MEM: bad value 'G', " MEM_FORM);
	bad("opt mem flag", "--mem=1T img", NULL, "--mem: bad value '1T', " MEM_FORM);
}

static void test_others(void)
{
	parse("--mem 256M img", "HERMIT_MEM=1G", NULL);
	unit_u64("opt flag overrides env", opt.mem_size, 256ULL << 20);
	parse("--verbose --hugepages --prefault=0 --timeout=5 --priv depriv --node 0 img",
	      "HERMIT_PREFAULT=1", NULL);
	unit_u64("opt bool flag alone", opt.verbose && opt.hugepages, 1);
	unit_u64("opt bool flag =0 overrides env", opt.prefault, 0);
	unit_u64("opt timeout", opt.timeout, 5);
	unit_u64("opt priv depriv", (unsigned)opt.priv, HERMIT_PRIV_DEPRIV);
	unit_u64("opt node", (unsigned)opt.node, 0);
	parse("img", "HERMIT_PRIV=classic", "HERMIT_ROOT=/srv");
	unit_u64("opt priv classic", (unsigned)opt.priv, HERMIT_PRIV_CLASSIC);
	unit_str("opt root", opt.root, "/srv");
	parse("img", "HERMIT_DEBUG=1234", NULL);
	unit_u64("opt debug port from env", opt.debug_port, 1234);
	parse("--debug 4321 img", "HERMIT_DEBUG=1234", NULL);
	unit_u64("opt debug port flag", opt.debug_port, 4321);
	bad("opt debug port too large", "--debug=65536 img", NULL,
	    "--debug: bad value '65536', expected a TCP port 1-65535 for gdb (0: no debugging)");
	bad("opt verbose 2", "img", "HERMIT_VERBOSE=2",
	    "HERMIT_VERBOSE: bad value '2', expected 0 or 1");
	bad("opt timeout negative", "img", "HERMIT_TIMEOUT=-1",
	    "HERMIT_TIMEOUT: bad value '-1', expected whole seconds, e.g. 10 (0: no timeout)");
	bad("opt priv bogus", "img", "HERMIT_PRIV=ring0",
	    "HERMIT_PRIV: bad value 'ring0', expected classic or depriv");
	bad("opt node bogus", "img", "HERMIT_NODE=x",
	    "HERMIT_NODE: bad value 'x', expected a NUMA node number, e.g. 0");
	bad("opt flag without value", "img --timeout", NULL, "(accepted)");
	bad("opt flag missing value", "--timeout", NULL,
	    "--timeout: bad value '', expected whole seconds, e.g. 10 (0: no timeout)");
	bad("opt unknown flag", "--fast img", NULL, "unknown option '--fast' (see uhyve --help)");
	bad("opt no image", "--verbose", NULL,
	    "no image given (usage: uhyve [options] IMAGE [ARGS...])");
	unit_u64("opt --help", parse("--help img", "HERMIT_CPUS=abc", NULL), UHYVE_OPT_ERROR);
	unit_u64("opt --help alone", parse("--help", NULL, NULL), UHYVE_OPT_HELP);
	unit_u64("opt --version", parse("--version", NULL, NULL), UHYVE_OPT_VERSION);
}

static void test_net(void)
{
	parse("img", NULL, NULL);
	unit_u64("opt net default: no link", opt.netif == NULL, 1);
	unit_u64("opt net default ip", opt.net_ip, 0x0a000502);
	unit_u64("opt net default gateway", opt.net_gateway, 0x0a000501);
	unit_u64("opt net default mask", opt.net_mask, 0xffffff00);
	unit_u64("opt net default mac", opt.net_mac[0] == 0x52 && opt.net_mac[5] == 0x56, 1);
	parse("--ip 192.168.29.2 --mac=02:00:0A:0b:FF:01 img", "HERMIT_NETIF=tap7",
	      "HERMIT_GATEWAY=192.168.29.1");
	unit_str("opt netif from env", opt.netif, "tap7");
	unit_u64("opt ip flag", opt.net_ip, 0xc0a81d02);
	unit_u64("opt gateway env", opt.net_gateway, 0xc0a81d01);
	unit_u64("opt mac flag",
	         opt.net_mac[2] == 0x0a && opt.net_mac[3] == 0x0b && opt.net_mac[4] == 0xff &&
	             opt.net_mac[5] == 1,
	         1);
	parse("--mask 255.255.0.0 --gateway 0.0.0.0 img", NULL, NULL);
	unit_u64("opt mask", opt.net_mask, 0xffff0000);
	unit_u64("opt gateway none", opt.net_gateway, 0);
	bad("opt ip three parts", "--ip 10.0.5 img", NULL,
	    "--ip: bad value '10.0.5', expected an IPv4 address like 10.0.5.2");
	bad("opt ip part too large", "img", "HERMIT_IP=10.0.5.256",
	    "HERMIT_IP: bad value '10.0.5.256', expected an IPv4 address like 10.0.5.2");
	bad("opt ip trailing", "--ip 1.2.3.4x img", NULL,
	    "--ip: bad value '1.2.3.4x', expected an IPv4 address like 10.0.5.2");
	bad("opt mask with holes", "img", "HERMIT_MASK=255.0.255.0",
	    "HERMIT_MASK: bad value '255.0.255.0', expected a netmask like 255.255.255.0");
	bad("opt mac multicast", "img", "HERMIT_NETIF_MAC=01:00:5e:00:00:01",
	    "HERMIT_NETIF_MAC: bad value '01:00:5e:00:00:01', expected a unicast MAC like "
	    "52:54:00:12:34:56");
	bad("opt mac short", "--mac 52:54:00:12:34 img", NULL,
	    "--mac: bad value '52:54:00:12:34', expected a unicast MAC like 52:54:00:12:34:56");
	bad("opt netif with slash", "img", "HERMIT_NETIF=../tap0",
	    "HERMIT_NETIF: bad value '../tap0', expected a host tap device name, e.g. tap0");
	bad("opt netif too long", "img", "HERMIT_NETIF=tap0123456789abcd",
	    "HERMIT_NETIF: bad value 'tap0123456789abcd', expected a host tap device name, e.g. "
	    "tap0");
	parse("img", NULL, NULL);
	unit_u64("opt net-gso default", opt.net_gso, 1);
	unit_u64("opt net-csum default", opt.net_csum, 1);
	unit_u64("opt net-poll default: by placement", (uint64_t)(int64_t)opt.net_poll_us,
	         (uint64_t)-1);
	parse("--net-gso=0 --net-poll 120 img", NULL, NULL);
	unit_u64("opt net-gso flag", opt.net_gso, 0);
	unit_u64("opt net-poll flag", (uint64_t)opt.net_poll_us, 120);
	parse("--net-csum=0 img", NULL, NULL);
	unit_u64("opt net-csum flag", opt.net_csum, 0);
	parse("img", "HERMIT_NET_CSUM=0", NULL);
	unit_u64("opt net-csum env", opt.net_csum, 0);
	parse("--net-gso img", "HERMIT_NET_GSO=0", "HERMIT_NET_POLL=0");
	unit_u64("opt net-gso alone overrides env", opt.net_gso, 1);
	unit_u64("opt net-poll env 0", (uint64_t)opt.net_poll_us, 0);
	bad("opt net-poll too large", "img", "HERMIT_NET_POLL=100001",
	    "HERMIT_NET_POLL: bad value '100001', expected microseconds 0-100000, e.g. 50");
	bad("opt net-gso 2", "--net-gso=2 img", NULL, "--net-gso: bad value '2', expected 0 or 1");
	bad("opt net-csum x", "img", "HERMIT_NET_CSUM=x",
	    "HERMIT_NET_CSUM: bad value 'x', expected 0 or 1");
}

void test_options(void)
{
	test_net();
	test_defaults();
	test_cpus();
	test_mem();
	test_others();
}
