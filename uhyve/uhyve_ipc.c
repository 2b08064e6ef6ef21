/* SPDX-License-Identifier: BSD-3-Clause */
/* In-guest IPC on host objects: pipes and eventfds (both non-blocking on the host: the guest
 * waits for them itself), and one non-blocking poll over guest fds. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stddef.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "uhyve_files.h"

#define get_fd uhyve_files_get_fd
#define put_fd uhyve_files_put_fd

void uhyve_hc_pipe(struct uhyve_vcpu *cpu, void *arg)
{
	struct uhyve_files *f = cpu->vm->files;
	struct uhyve_pipe a;
	int h[2];

	memcpy(&a, arg, sizeof(a));
	a.fds[0] = a.fds[1] = -1;
	if (a.flags & ~HERMIT_O_CLOEXEC) {
		a.ret = -HERMIT_EINVAL;
	} else if (pipe2(h, O_NONBLOCK | O_CLOEXEC) < 0) {
		a.ret = -errno;
	} else if ((a.fds[0] = uhyve_files_install(f, h[0], 0)) < 0) {
		a.ret = a.fds[0];
		close(h[1]);
	} else if ((a.fds[1] = uhyve_files_install(f, h[1], 0)) < 0) {
		a.ret = a.fds[1];
		pthread_mutex_lock(&f->lock);
		f->host[a.fds[0]] = -1;
		pthread_mutex_unlock(&f->lock);
		close(h[0]);
	} else {
		a.ret = 0;
	}
	if (a.ret)
		a.fds[0] = a.fds[1] = -1;
	memcpy((char *)arg + offsetof(struct uhyve_pipe, fds), a.fds, sizeof(a.fds));
	uhyve_put_ret32(arg, offsetof(struct uhyve_pipe, ret), a.ret);
}

struct guest_pollfd {
	int32_t fd;
	int16_t events, revents;
};

/* One poll(2) with timeout 0 over host duplicates of the guest's fds. */
void uhyve_hc_poll(struct uhyve_vcpu *cpu, void *arg)
{
	static __thread struct pollfd hp[UHYVE_POLL_MAX];
	static __thread struct guest_pollfd gp[UHYVE_POLL_MAX];
	struct uhyve_poll a;
	void *fds;
	uint64_t i;
	int n;

	memcpy(&a, arg, sizeof(a));
	fds = uhyve_gpa_p(cpu->vm, a.fds.addr, a.nfds * sizeof(gp[0]));
	if (a.nfds > UHYVE_POLL_MAX) {
		a.ret = -HERMIT_EINVAL;
	} else if (!fds) {
		a.ret = -HERMIT_EFAULT;
	} else {
		memcpy(gp, fds, a.nfds * sizeof(gp[0]));
		for (i = 0; i < a.nfds; i++) {
			hp[i].fd = gp[i].fd < 0 ? -1 : get_fd(cpu->vm->files, gp[i].fd);
			hp[i].events = gp[i].events;
			hp[i].revents = 0;
		}
		n = poll(hp, a.nfds, 0);
		a.ret = n < 0 ? -errno : 0;
		for (i = 0; i < a.nfds; i++) {
			/* A guest fd that is not open: POLLNVAL, as Linux reports it. */
			gp[i].revents = gp[i].fd >= 0 && hp[i].fd < 0 ? POLLNVAL : hp[i].revents;
			if (n >= 0 && gp[i].revents)
				a.ret++;
			if (hp[i].fd >= 0)
				put_fd(hp[i].fd);
		}
		if (n >= 0)
			for (i = 0; i < a.nfds; i++) /* only the revents fields go back */
				memcpy((char *)fds + i * sizeof(gp[0]) +
				           offsetof(struct guest_pollfd, revents),
				       &gp[i].revents, sizeof(gp[i].revents));
	}
	uhyve_put_ret64(arg, offsetof(struct uhyve_poll, ret), a.ret);
}

/* An eventfd: the counter lives in the host kernel, so that poll sees it with the rest. */
void uhyve_hc_eventfd(struct uhyve_vcpu *cpu, void *arg)
{
	struct uhyve_eventfd a;
	int h;

	memcpy(&a, arg, sizeof(a));
	if (a.flags & ~(HERMIT_EFD_SEMAPHORE | HERMIT_O_CLOEXEC) || a.initval > UINT32_MAX) {
		a.ret = -HERMIT_EINVAL;
	} else {
		h = eventfd((unsigned)a.initval,
		            EFD_NONBLOCK | EFD_CLOEXEC |
		                (a.flags & HERMIT_EFD_SEMAPHORE ? EFD_SEMAPHORE : 0));
		a.ret = h < 0 ? -errno : uhyve_files_install(cpu->vm->files, h, 0);
	}
	uhyve_put_ret32(arg, offsetof(struct uhyve_eventfd, ret), a.ret);
}
