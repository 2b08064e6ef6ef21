/* SPDX-License-Identifier: BSD-3-Clause */
/* The guest's network link to a host tap device: rings in guest memory, a doorbell
 * (ioeventfd), an MSI (irqfd) and a thread that moves Ethernet frames (HERMIT_NETIF). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <linux/kvm.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/uio.h>

#include <hermit/abi_mmnif.h>

#include "uhyve.h"

#define NET_MTU          HERMIT_MMNIF_MTU
#define NET_GSI          0 /* the one MSI route (split irqchip: no IOAPIC pins to collide with) */
#define FRAME_MAX        (HERMIT_ETH_HLEN + NET_MTU)
#define BATCH            64 /* frames per direction before the other direction gets a turn */
#define MERGE_MAX        64 /* guest frames merged into one GSO frame (and < 64 KiB) */
#define RX_BUF           (sizeof(struct virtio_net_hdr) + 65536 + HERMIT_ETH_HLEN)
#define POLL_US_FREE_CPU 50  /* HERMIT_NET_POLL's default with a host CPU of its own */
#define POLL_MS          100 /* the thread re-checks the end of the VM at least this often */
#define MSI_ADDRESS      0xfee00000u

struct uhyve_net {
	struct uhyve_vm *vm;
	int tap_fd, kick_fd, irq_fd, stop_fd;
	struct hermit_mmnif *shm; /* in guest memory: every value read from it is checked */
	uint64_t rx_head;         /* to_isle: we produce, our own copy of head */
	uint64_t tx_tail;         /* to_host: we consume, our own copy of tail */
	pthread_t thread;
	bool attached, broken;
	bool wired;       /* KVM objects were (being) set up: no second attempt */
	bool gso;         /* the tap has IFF_VNET_HDR: merge and split TCP segments */
	uint32_t offload; /* HERMIT_NET_OFFLOAD_* answered to the guest (gso only) */
	int host_cpu;     /* the thread's host CPU (none of a vCPU), -1: none free */
	uint64_t poll_ns; /* the thread polls this long after the last frame before sleeping */
	/* gso: the frame read from the tap (virtio_net_hdr first) and the guest frames it still
	 * has to give (rx_next < rx_segs) */
	uint8_t *rx_buf;
	uint32_t rx_len;
	int rx_segs, rx_next;
	/* counters, printed with HERMIT_VERBOSE */
	uint64_t kicks, irqs, to_guest, to_tap, dropped_len, dropped_full, loops;
	uint64_t tap_writes, tap_reads, polls, csum_filled, csum_marked;
};

/* The highest allowed host CPU that no vCPU is pinned to, or -1 (also when the vCPUs are
 * not pinned). Called before any thread is pinned. */
static int free_host_cpu(const struct uhyve_vm *vm)
{
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof(set), &set) < 0)
		return -1;
	for (unsigned i = 0; i < vm->ncpus; i++) {
		if (vm->vcpu[i].host_cpu < 0)
			return -1;
		CPU_CLR(vm->vcpu[i].host_cpu, &set);
	}
	for (int c = CPU_SETSIZE - 1; c >= 0; c--)
		if (CPU_ISSET(c, &set))
			return c;
	return -1;
}

/*
 * With IFF_VNET_HDR, the offloads we can take (checksums left to us, TCPv4 up to 64 KiB);
 * without, none. The setting belongs to the device and outlives us: a persistent tap that a
 * previous uhyve set up for offloads would otherwise hand a plain link 64 KiB frames and
 * frames with their checksums left open, which the guest must drop.
 */
static int tap_offload(int fd, bool gso, char *err, size_t errlen)
{
	if (ioctl(fd, TUNSETOFFLOAD, gso ? TUN_F_CSUM | TUN_F_TSO4 : 0) < 0) {
		snprintf(err, errlen, "HERMIT_NET_GSO: TUNSETOFFLOAD: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* Opens the tap before the guest starts, so that a bad HERMIT_NETIF is a usage error. */
int uhyve_net_open(struct uhyve_vm *vm, char *err, size_t errlen)
{
	struct uhyve_net *n;
	struct ifreq ifr;
	int fd;

	if (!vm->opt->netif)
		return 0;
	fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		snprintf(err, errlen, "HERMIT_NETIF: /dev/net/tun: %s", strerror(errno));
		return -1;
	}
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI | (vm->opt->net_gso ? IFF_VNET_HDR : 0);
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", vm->opt->netif);
	if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
		snprintf(err, errlen, "HERMIT_NETIF: cannot attach to tap device %s: %s",
		         vm->opt->netif, strerror(errno));
		goto out_close;
	}
	if (tap_offload(fd, vm->opt->net_gso, err, errlen))
		goto out_close;
	n = calloc(1, sizeof(*n));
	if (!n || (vm->opt->net_gso && !(n->rx_buf = malloc(RX_BUF)))) {
		snprintf(err, errlen, "HERMIT_NETIF: out of memory");
		free(n);
		goto out_close;
	}
	n->vm = vm;
	n->tap_fd = fd;
	n->kick_fd = n->irq_fd = n->stop_fd = -1;
	n->gso = vm->opt->net_gso;
	n->host_cpu = free_host_cpu(vm);
	n->poll_ns = 1000ull * (uint64_t)(vm->opt->net_poll_us >= 0 ? vm->opt->net_poll_us
	                                  : n->host_cpu >= 0        ? POLL_US_FREE_CPU
	                                                            : 0);
	vm->net = n;
	return 0;
out_close:
	close(fd);
	return -1;
}

/* A guest that breaks the ring protocol loses its link; uhyve and the VM go on. */
static void net_broken(struct uhyve_net *n, const char *what, uint64_t a, uint64_t b)
{
	if (!n->broken)
		fprintf(stderr,
		        "uhyve: guest error: network ring broken (%s: %llu, %llu), link stopped\n",
		        what, (unsigned long long)a, (unsigned long long)b);
	n->broken = true;
}

static void signal_guest(struct uhyve_net *n)
{
	uint64_t one = 1;

	if (write(n->irq_fd, &one, sizeof(one)) == sizeof(one))
		n->irqs++;
}

static struct hermit_mmnif_slot *tx_slot(struct uhyve_net *n, uint64_t i)
{
	return &n->shm->to_host.slot[i % HERMIT_MMNIF_SLOTS];
}

/* A frame's flags as the guest wrote them: only what the link offers counts. */
static uint32_t tx_flags(struct uhyve_net *n, uint64_t i)
{
	uint32_t f = __atomic_load_n(&tx_slot(n, i)->flags, __ATOMIC_RELAXED);

	return n->offload & HERMIT_NET_OFFLOAD_TX_CSUM ? f & HERMIT_MMNIF_F_CSUM_PARTIAL : 0;
}

/* A frame's length as the guest wrote it, or 0 if it is out of bounds. */
static uint32_t tx_len(struct uhyve_net *n, uint64_t i)
{
	uint32_t len = __atomic_load_n(&tx_slot(n, i)->len, __ATOMIC_RELAXED);

	return len < HERMIT_ETH_HLEN || len > FRAME_MAX ? 0 : len;
}

static void tap_write(struct uhyve_net *n, struct iovec *iov, int cnt, unsigned frames)
{
	ssize_t want = 0;

	for (int i = 0; i < cnt; i++)
		want += (ssize_t)iov[i].iov_len;
	n->tap_writes++;
	/* The guest may change a frame while we write it: it only spoils its own frame; the
	 * lengths are our copies and within the slots. */
	if (writev(n->tap_fd, iov, cnt) == want)
		n->to_tap += frames;
	else
		n->dropped_full +=
		    frames; /* the tap's queue is full or down: as a NIC would drop */
}

/* gso: one guest frame with its own virtio_net_hdr; the tap's reader fills a checksum the
 * guest left to us (HERMIT_MMNIF_F_CSUM_PARTIAL). */
static void send_single(struct uhyve_net *n, uint8_t *data, uint32_t len, uint32_t flags)
{
	struct virtio_net_hdr vh = {0};
	uint8_t hdr[UHYVE_TCP_HDR_MAX];
	uint32_t hdr_len;
	struct iovec iov[3] = {{&vh, sizeof(vh)}, {data, len}};

	if (flags && !uhyve_l4_csum_partial(data, len, hdr, &hdr_len, &vh)) {
		iov[1] = (struct iovec){hdr, hdr_len};
		iov[2] = (struct iovec){data + hdr_len, len - hdr_len};
		n->csum_filled++;
		tap_write(n, iov, 3, 1);
		return;
	}
	tap_write(n, iov, 2, 1);
}

/*
 * gso: the frame at tx_tail and the TCP segments of the same flow that follow it in the ring
 * (in sequence, all as long as the first but the last) as one frame with a virtio_net_hdr
 * (GSO TCPv4): the host stack takes up to 64 KiB at once. Returns the frames consumed.
 */
static unsigned send_merged(struct uhyve_net *n, uint64_t head, uint32_t len)
{
	struct uhyve_tcp_seg first, next;
	struct virtio_net_hdr vh = {0};
	struct iovec iov[2 + MERGE_MAX];
	uint8_t *data = tx_slot(n, n->tx_tail)->data;
	uint32_t payload, last, l;
	unsigned k = 1;
	bool psh;

	iov[0] = (struct iovec){&vh, sizeof(vh)};
	if (uhyve_tcp_parse(data, len, &first)) {
		send_single(n, data, len, tx_flags(n, n->tx_tail));
		return 1;
	}
	payload = last = first.payload;
	psh = first.hdr[HERMIT_ETH_HLEN + 20 + 13] & 0x08;
	iov[1] = (struct iovec){first.hdr, first.hdr_len};
	iov[2] = (struct iovec){data + first.hdr_len, first.payload};
	for (; n->tx_tail + k != head && k < MERGE_MAX && last == first.payload; k++) {
		uint8_t *d = tx_slot(n, n->tx_tail + k)->data;

		if (!(l = tx_len(n, n->tx_tail + k)) || uhyve_tcp_parse(d, l, &next) ||
		    next.payload > first.payload ||
		    first.hdr_len + payload + next.payload > 65535 ||
		    !uhyve_tcp_follows(&first, first.seq + payload, &next))
			break;
		iov[2 + k] = (struct iovec){d + next.hdr_len, next.payload};
		payload += next.payload;
		last = next.payload;
		psh |= next.hdr[HERMIT_ETH_HLEN + 20 + 13] & 0x08;
	}
	if (k == 1) {
		send_single(n, data, len, tx_flags(n, n->tx_tail)); /* alone */
		return 1;
	}
	/* The tap's reader sums the whole (the guest's checksums, if any, are not used). */
	uhyve_tcp_merged_header(&first, payload, psh, &vh);
	tap_write(n, iov, (int)(2 + k), k);
	return k;
}

/* guest -> tap: frames the guest produced since the last call; returns how many. */
static unsigned drain_to_host(struct uhyve_net *n)
{
	struct hermit_mmnif_ring *r = &n->shm->to_host;
	uint64_t head = __atomic_load_n(&r->head, __ATOMIC_ACQUIRE);
	unsigned done = 0, k;

	if (head - n->tx_tail > HERMIT_MMNIF_SLOTS) {
		net_broken(n, "to_host head, tail", head, n->tx_tail);
		return 0;
	}
	while (n->tx_tail != head && done < BATCH * 4) {
		uint32_t len = tx_len(n, n->tx_tail);

		if (!len) {
			n->dropped_len++;
			k = 1;
		} else if (n->gso) {
			k = send_merged(n, head, len);
		} else {
			struct iovec iov = {tx_slot(n, n->tx_tail)->data, len};

			tap_write(n, &iov, 1, 1);
			k = 1;
		}
		n->tx_tail += k;
		done += k;
	}
	__atomic_store_n(&r->tail, n->tx_tail, __ATOMIC_RELEASE);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (done && __atomic_load_n(&r->producer_waiting, __ATOMIC_RELAXED)) {
		__atomic_store_n(&r->producer_waiting, 0, __ATOMIC_RELAXED);
		signal_guest(n);
	}
	return done;
}

/* gso: the next guest frame from the tap's (large) frame into data and its slot flags: its
 * length, 0 for a frame we cannot use (dropped and counted), -1 if the tap has nothing now. */
static ssize_t next_rx_frame(struct uhyve_net *n, uint8_t *data, uint32_t *flags)
{
	struct virtio_net_hdr vh;
	const size_t vhs = sizeof(vh);
	uint32_t len;

	if (n->rx_next >= n->rx_segs) {
		ssize_t got = read(n->tap_fd, n->rx_buf, RX_BUF);

		if (got < 0)
			return -1;
		n->tap_reads++;
		memcpy(&vh, n->rx_buf, vhs);
		n->rx_len = got > (ssize_t)vhs ? (uint32_t)(got - (ssize_t)vhs) : 0;
		n->rx_segs = n->rx_len >= HERMIT_ETH_HLEN
		                 ? uhyve_tso_count(&vh, n->rx_buf + vhs, n->rx_len)
		                 : -1;
		n->rx_next = 0;
		if (n->rx_segs < 0) {
			n->dropped_len++;
			return 0;
		}
	}
	memcpy(&vh, n->rx_buf, vhs);
	len = uhyve_tso_segment(&vh, n->rx_buf + vhs, n->rx_len, (unsigned)n->rx_next++,
	                        n->offload & HERMIT_NET_OFFLOAD_RX_CSUM, data, flags);
	if (!len)
		n->dropped_len++;
	return len;
}

/* tap -> guest while there is room; returns true if the ring is full (stop reading), adds
 * the frames it passed to *moved. */
static bool fill_to_isle(struct uhyve_net *n, unsigned *moved)
{
	struct hermit_mmnif_ring *r = &n->shm->to_isle;
	unsigned done = 0;
	bool full = false;

	for (;;) {
		uint64_t tail = __atomic_load_n(&r->tail, __ATOMIC_ACQUIRE);

		if (n->rx_head - tail > HERMIT_MMNIF_SLOTS) {
			net_broken(n, "to_isle head, tail", n->rx_head, tail);
			return true;
		}
		if (n->rx_head - tail == HERMIT_MMNIF_SLOTS) {
			full = true;
			break;
		}
		if (done == BATCH)
			break;
		struct hermit_mmnif_slot *s = &r->slot[n->rx_head % HERMIT_MMNIF_SLOTS];
		uint32_t flags = 0;
		ssize_t len;

		len = n->gso ? next_rx_frame(n, s->data, &flags)
		             : read(n->tap_fd, s->data, sizeof(s->data));
		if (len < 0)
			break; /* EAGAIN: nothing more now */
		if (!n->gso)
			n->tap_reads++;
		if (len < HERMIT_ETH_HLEN || len > FRAME_MAX)
			continue;
		__atomic_store_n(&s->len, (uint32_t)len, __ATOMIC_RELAXED);
		__atomic_store_n(&s->flags, flags, __ATOMIC_RELAXED);
		n->csum_marked += flags != 0;
		__atomic_store_n(&r->head, ++n->rx_head, __ATOMIC_RELEASE);
		n->to_guest++;
		done++;
	}
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (done && __atomic_load_n(&r->consumer_waiting, __ATOMIC_RELAXED)) {
		__atomic_store_n(&r->consumer_waiting, 0, __ATOMIC_RELAXED);
		signal_guest(n);
	}
	*moved += done;
	if (full) {
		/* Ask the guest for a doorbell when it frees a slot, then look again. */
		__atomic_store_n(&r->producer_waiting, 1, __ATOMIC_SEQ_CST);
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		full =
		    n->rx_head - __atomic_load_n(&r->tail, __ATOMIC_ACQUIRE) >= HERMIT_MMNIF_SLOTS;
	}
	return full;
}

/*
 * Moves frames both ways until the link is idle, then polls up to poll_ns for more (the
 * guest does not ring while consumer_waiting is clear, and every doorbell or MSI costs the
 * guest a trap), then sleeps in poll(2) on the doorbell, the tap and the stop eventfd.
 */
static void *net_thread(void *arg)
{
	struct uhyve_net *n = arg;
	struct hermit_mmnif_ring *tx = &n->shm->to_host;
	bool rx_full = false;
	uint64_t idle_since = 0;

	uhyve_numa_pin_self(n->host_cpu);
	while (!uhyve_vm_ending(n->vm) && !n->broken) {
		struct pollfd p[3] = {
		    {n->stop_fd, POLLIN, 0},
		    {n->kick_fd, POLLIN, 0},
		    {n->tap_fd, rx_full ? 0 : POLLIN, 0},
		};
		uint64_t kicks;
		unsigned moved;

		n->loops++;
		moved = drain_to_host(n);
		rx_full = fill_to_isle(n, &moved);
		if (n->broken)
			break;
		if (moved || (!rx_full && n->rx_next < n->rx_segs)) {
			idle_since = 0;
			continue;
		}
		if (n->poll_ns) {
			uint64_t now = uhyve_now_ns();

			if (!idle_since)
				idle_since = now;
			if (now - idle_since < n->poll_ns) {
				n->polls++;
				if (n->host_cpu >= 0)
					__builtin_ia32_pause();
				else
					sched_yield(); /* the vCPUs' CPUs: let them run */
				continue;
			}
		}
		idle_since = 0;
		/* Sleep only with to_host empty and consumer_waiting set (the guest kicks). */
		__atomic_store_n(&tx->consumer_waiting, 1, __ATOMIC_SEQ_CST);
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		if (__atomic_load_n(&tx->head, __ATOMIC_ACQUIRE) != n->tx_tail) {
			__atomic_store_n(&tx->consumer_waiting, 0, __ATOMIC_RELAXED);
			continue;
		}
		if (poll(p, 3, POLL_MS) < 0 && errno != EINTR)
			break;
		__atomic_store_n(&tx->consumer_waiting, 0, __ATOMIC_RELAXED);
		if (p[0].revents)
			break;
		if (p[1].revents && read(n->kick_fd, &kicks, sizeof(kicks)) == sizeof(kicks))
			n->kicks += kicks;
	}
	return NULL;
}

/* KVM: the doorbell port signals kick_fd, irq_fd raises an MSI with the guest's vector. */
static int net_kvm_wire(struct uhyve_net *n, uint32_t vector, uint32_t apic_id)
{
	struct uhyve_vm *vm = n->vm;
	struct kvm_irq_routing *routing;
	int ret;
	struct kvm_ioeventfd io = {
	    .addr = UHYVE_PORT_BASE + UHYVE_HC_NET_KICK,
	    .len = 4,
	    .flags = KVM_IOEVENTFD_FLAG_PIO,
	};
	struct kvm_irqfd irqfd = {.gsi = NET_GSI};

	n->kick_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	n->irq_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	n->stop_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (n->kick_fd < 0 || n->irq_fd < 0 || n->stop_fd < 0)
		return -errno;
	routing = calloc(1, sizeof(*routing) + sizeof(routing->entries[0]));
	if (!routing)
		return -HERMIT_ENOMEM;
	routing->nr = 1;
	routing->entries[0].gsi = NET_GSI;
	routing->entries[0].type = KVM_IRQ_ROUTING_MSI;
	routing->entries[0].u.msi.address_lo = MSI_ADDRESS | (apic_id & 0xff) << 12;
	routing->entries[0].u.msi.data = vector; /* fixed delivery, edge */
	ret = ioctl(vm->vm_fd, KVM_SET_GSI_ROUTING, routing) < 0 ? -errno : 0;
	free(routing);
	if (ret)
		return ret;
	io.fd = n->kick_fd;
	if (ioctl(vm->vm_fd, KVM_IOEVENTFD, &io) < 0)
		return -errno;
	irqfd.fd = (uint32_t)n->irq_fd;
	if (ioctl(vm->vm_fd, KVM_IRQFD, &irqfd) < 0)
		return -errno;
	return 0;
}

void uhyve_hc_net_attach(struct uhyve_vcpu *cpu, void *arg)
{
	struct uhyve_vm *vm = cpu->vm;
	struct uhyve_net *n = vm->net;
	struct uhyve_net_attach a;
	struct hermit_mmnif *m;
	uint32_t vector, apic_id;
	int ret;

	memcpy(&a, arg, sizeof(a));
	memset(&a.ip, 0, sizeof(a) - offsetof(struct uhyve_net_attach, ip)); /* OUT fields */
	pthread_mutex_lock(&vm->lock);
	if (!n) {
		ret = -HERMIT_ENODEV;
		goto out;
	}
	if (n->attached || n->wired) {
		ret = -HERMIT_EBUSY; /* once only, also after a failed attempt to wire KVM */
		goto out;
	}
	m = uhyve_gpa_p(vm, a.rings.addr, sizeof(*m));
	if (!m || a.rings.addr % 4096) {
		ret = -HERMIT_EINVAL;
		goto out;
	}
	/* Each field is read once, then checked: another vCPU may change it meanwhile. */
	vector = __atomic_load_n(&m->isle_vector, __ATOMIC_RELAXED);
	apic_id = __atomic_load_n(&m->isle_apic_id, __ATOMIC_RELAXED);
	if (__atomic_load_n(&m->magic, __ATOMIC_RELAXED) != HERMIT_MMNIF_MAGIC ||
	    __atomic_load_n(&m->version, __ATOMIC_RELAXED) != HERMIT_MMNIF_VERSION ||
	    __atomic_load_n(&m->size, __ATOMIC_RELAXED) != sizeof(*m) || vector < 32 ||
	    vector > 255 || apic_id > 255) {
		ret = -HERMIT_EINVAL;
		goto out;
	}
	n->shm = m;
	if (n->gso && vm->opt->net_csum) /* what the guest takes of what we can do */
		n->offload = __atomic_load_n(&m->offload, __ATOMIC_RELAXED) &
		             (HERMIT_NET_OFFLOAD_TX_CSUM | HERMIT_NET_OFFLOAD_RX_CSUM);
	n->rx_head = __atomic_load_n(&m->to_isle.head, __ATOMIC_RELAXED);
	n->tx_tail = __atomic_load_n(&m->to_host.tail, __ATOMIC_RELAXED);
	if (n->rx_head != __atomic_load_n(&m->to_isle.tail, __ATOMIC_RELAXED) ||
	    n->tx_tail != __atomic_load_n(&m->to_host.head, __ATOMIC_RELAXED)) {
		ret = -HERMIT_EINVAL; /* the rings must start empty */
		goto out;
	}
	n->wired = true;
	ret = net_kvm_wire(n, vector, apic_id);
	if (ret)
		goto out;
	ret = -pthread_create(&n->thread, NULL, net_thread, n);
	if (ret)
		goto out;
	n->attached = true;
	a.ip = vm->opt->net_ip;
	a.netmask = vm->opt->net_mask;
	a.gateway = vm->opt->net_gateway;
	a.mtu = NET_MTU;
	a.offload = n->offload;
	memcpy(a.mac, vm->opt->net_mac, sizeof(a.mac));
	uhyve_verbose(vm, "network link attached to %s", vm->opt->netif);
out:
	pthread_mutex_unlock(&vm->lock);
	a.ret = ret;
	/* OUT fields only: ip .. ret */
	memcpy((char *)arg + offsetof(struct uhyve_net_attach, ip), &a.ip,
	       sizeof(a) - offsetof(struct uhyve_net_attach, ip));
}

/* The rings as the guest left them (HERMIT_VERBOSE): after a stall, who waits for whom. */
static void net_print_rings(struct uhyve_net *n)
{
	const struct hermit_mmnif_ring *in = &n->shm->to_isle, *out = &n->shm->to_host;

	uhyve_verbose(n->vm,
	              "net rings: to_guest head %llu tail %llu waiting consumer %u producer %u; "
	              "to_tap head %llu tail %llu waiting consumer %u producer %u; %llu loops",
	              (unsigned long long)in->head, (unsigned long long)in->tail,
	              in->consumer_waiting, in->producer_waiting, (unsigned long long)out->head,
	              (unsigned long long)out->tail, out->consumer_waiting, out->producer_waiting,
	              (unsigned long long)n->loops);
}

/* After the vCPUs ended: stops the thread, prints the counters, closes everything. */
void uhyve_net_close(struct uhyve_vm *vm)
{
	struct uhyve_net *n = vm->net;
	uint64_t one = 1;

	if (!n)
		return;
	if (n->attached) {
		if (write(n->stop_fd, &one, sizeof(one)) < 0)
			perror("uhyve: net stop");
		pthread_join(n->thread, NULL);
		uhyve_verbose(
		    vm,
		    "net: %llu frames to the guest, %llu to the tap; %llu doorbells "
		    "(%.1f frames each), %llu interrupts (%.1f frames each); dropped: %llu "
		    "bad length, %llu tap full; tap reads %llu, writes %llu (%.1f frames each); "
		    "gso %d, poll %llu us, thread on host CPU %d, %llu polls; checksum offload %u: "
		    "%llu filled, %llu marked valid",
		    (unsigned long long)n->to_guest, (unsigned long long)n->to_tap,
		    (unsigned long long)n->kicks,
		    n->kicks ? (double)n->to_tap / (double)n->kicks : 0.0,
		    (unsigned long long)n->irqs,
		    n->irqs ? (double)n->to_guest / (double)n->irqs : 0.0,
		    (unsigned long long)n->dropped_len, (unsigned long long)n->dropped_full,
		    (unsigned long long)n->tap_reads, (unsigned long long)n->tap_writes,
		    n->tap_writes ? (double)n->to_tap / (double)n->tap_writes : 0.0, n->gso,
		    (unsigned long long)(n->poll_ns / 1000), n->host_cpu,
		    (unsigned long long)n->polls, n->offload, (unsigned long long)n->csum_filled,
		    (unsigned long long)n->csum_marked);
		net_print_rings(n);
	}
	if (n->stop_fd >= 0)
		close(n->stop_fd);
	if (n->kick_fd >= 0)
		close(n->kick_fd);
	if (n->irq_fd >= 0)
		close(n->irq_fd);
	close(n->tap_fd);
	free(n->rx_buf);
	free(n);
	vm->net = NULL;
}
