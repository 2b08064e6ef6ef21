/* SPDX-License-Identifier: BSD-3-Clause */
/* The guest's network link to a host tap device: rings in guest memory, a doorbell
 * (ioeventfd), an MSI (irqfd) and a thread that moves Ethernet frames (HERMIT_NETIF). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <linux/kvm.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>

#include <hermit/abi_mmnif.h>

#include "uhyve.h"

#define NET_MTU     HERMIT_MMNIF_MTU
#define NET_GSI     0 /* the one MSI route (split irqchip: no IOAPIC pins to collide with) */
#define FRAME_MAX   (HERMIT_ETH_HLEN + NET_MTU)
#define BATCH       64  /* frames per direction before the other direction gets a turn */
#define POLL_MS     100 /* the thread re-checks the end of the VM at least this often */
#define MSI_ADDRESS 0xfee00000u

struct uhyve_net {
	struct uhyve_vm *vm;
	int tap_fd, kick_fd, irq_fd, stop_fd;
	struct hermit_mmnif *shm; /* in guest memory: every value read from it is checked */
	uint64_t rx_head;         /* to_isle: we produce, our own copy of head */
	uint64_t tx_tail;         /* to_host: we consume, our own copy of tail */
	pthread_t thread;
	bool attached, broken;
	bool wired; /* KVM objects were (being) set up: no second attempt */
	/* counters, printed with HERMIT_VERBOSE */
	uint64_t kicks, irqs, to_guest, to_tap, dropped_len, dropped_full, loops;
};

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
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", vm->opt->netif);
	if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
		snprintf(err, errlen, "HERMIT_NETIF: cannot attach to tap device %s: %s",
		         vm->opt->netif, strerror(errno));
		close(fd);
		return -1;
	}
	n = calloc(1, sizeof(*n));
	if (!n) {
		snprintf(err, errlen, "HERMIT_NETIF: out of memory");
		close(fd);
		return -1;
	}
	n->vm = vm;
	n->tap_fd = fd;
	n->kick_fd = n->irq_fd = n->stop_fd = -1;
	vm->net = n;
	return 0;
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

/* guest -> tap: frames the guest produced since the last call. */
static void drain_to_host(struct uhyve_net *n)
{
	struct hermit_mmnif_ring *r = &n->shm->to_host;
	uint64_t head = __atomic_load_n(&r->head, __ATOMIC_ACQUIRE);
	unsigned done = 0;

	if (head - n->tx_tail > HERMIT_MMNIF_SLOTS) {
		net_broken(n, "to_host head, tail", head, n->tx_tail);
		return;
	}
	for (; n->tx_tail != head && done < BATCH * 4; n->tx_tail++, done++) {
		struct hermit_mmnif_slot *s = &r->slot[n->tx_tail % HERMIT_MMNIF_SLOTS];
		uint32_t len = __atomic_load_n(&s->len, __ATOMIC_RELAXED);

		if (len < HERMIT_ETH_HLEN || len > FRAME_MAX) {
			n->dropped_len++;
			continue;
		}
		/* The guest may change the frame while we write it: it only spoils its own
		 * frame; the length is our copy and within the slot. */
		if (write(n->tap_fd, s->data, len) == (ssize_t)len)
			n->to_tap++;
		else
			n->dropped_full++; /* the tap's queue is full or down: as a NIC would drop
			                    */
	}
	__atomic_store_n(&r->tail, n->tx_tail, __ATOMIC_RELEASE);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (done && __atomic_load_n(&r->producer_waiting, __ATOMIC_RELAXED)) {
		__atomic_store_n(&r->producer_waiting, 0, __ATOMIC_RELAXED);
		signal_guest(n);
	}
}

/* tap -> guest while there is room; returns true if the ring is full (stop reading). */
static bool fill_to_isle(struct uhyve_net *n)
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
		ssize_t len = read(n->tap_fd, s->data, sizeof(s->data));

		if (len < 0)
			break; /* EAGAIN: nothing more now */
		if (len < HERMIT_ETH_HLEN || len > FRAME_MAX)
			continue;
		__atomic_store_n(&s->len, (uint32_t)len, __ATOMIC_RELAXED);
		__atomic_store_n(&r->head, ++n->rx_head, __ATOMIC_RELEASE);
		n->to_guest++;
		done++;
	}
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (done && __atomic_load_n(&r->consumer_waiting, __ATOMIC_RELAXED)) {
		__atomic_store_n(&r->consumer_waiting, 0, __ATOMIC_RELAXED);
		signal_guest(n);
	}
	if (full) {
		/* Ask the guest for a doorbell when it frees a slot, then look again. */
		__atomic_store_n(&r->producer_waiting, 1, __ATOMIC_SEQ_CST);
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		full =
		    n->rx_head - __atomic_load_n(&r->tail, __ATOMIC_ACQUIRE) >= HERMIT_MMNIF_SLOTS;
	}
	return full;
}

static void *net_thread(void *arg)
{
	struct uhyve_net *n = arg;
	struct hermit_mmnif_ring *tx = &n->shm->to_host;
	bool rx_full = false;

	while (!uhyve_vm_ending(n->vm) && !n->broken) {
		struct pollfd p[3] = {
		    {n->stop_fd, POLLIN, 0},
		    {n->kick_fd, POLLIN, 0},
		    {n->tap_fd, rx_full ? 0 : POLLIN, 0},
		};
		uint64_t kicks;

		n->loops++;
		drain_to_host(n);
		rx_full = fill_to_isle(n);
		if (n->broken)
			break;
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
	memcpy(a.mac, vm->opt->net_mac, sizeof(a.mac));
	uhyve_verbose(vm, "network link attached to %s", vm->opt->netif);
out:
	pthread_mutex_unlock(&vm->lock);
	a.ret = ret;
	/* OUT fields only: ip .. ret */
	memcpy((char *)arg + offsetof(struct uhyve_net_attach, ip), &a.ip,
	       sizeof(a) - offsetof(struct uhyve_net_attach, ip));
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
		    "bad length, %llu tap full",
		    (unsigned long long)n->to_guest, (unsigned long long)n->to_tap,
		    (unsigned long long)n->kicks,
		    n->kicks ? (double)n->to_tap / (double)n->kicks : 0.0,
		    (unsigned long long)n->irqs,
		    n->irqs ? (double)n->to_guest / (double)n->irqs : 0.0,
		    (unsigned long long)n->dropped_len, (unsigned long long)n->dropped_full);
	}
	if (n->stop_fd >= 0)
		close(n->stop_fd);
	if (n->kick_fd >= 0)
		close(n->kick_fd);
	if (n->irq_fd >= 0)
		close(n->irq_fd);
	close(n->tap_fd);
	free(n);
	vm->net = NULL;
}
