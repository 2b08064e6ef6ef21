// SPDX-License-Identifier: GPL-2.0
/* Checks /dev/hermit-isleN from user space: single opener, mmap, WAIT, SET_ARGS, stop on close. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <hermit/abi_isle.h>

static int failed;

static void check(int ok, const char *name, const char *detail)
{
	printf("%s %s%s%s\n", ok ? "PASS" : "FAIL", name, ok ? "" : ": ",
	       ok ? "" : detail);
	failed |= !ok;
}

static int write_file(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY), ret = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, val, strlen(val)) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

static void read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, size - 1);

	buf[n < 0 ? 0 : n] = '\0';
	if (fd >= 0)
		close(fd);
}

/* isle-dev ISLE CPUS: the image path must be set already. */
int main(int argc, char **argv)
{
	char dev[64], sys[128], buf[4096], msg[128];
	static char blob[64];
	struct hermit_args *args = (struct hermit_args *)blob;
	struct hermit_isle_args_req req = { (uintptr_t)blob, 0 };
	struct hermit_isle_chan *chan;
	int fd, fd2, ret;
	uint64_t memsize;
	void *mem;

	if (argc != 3) {
		fprintf(stderr, "usage: isle-dev ISLE CPUS\n");
		return 2;
	}
	snprintf(dev, sizeof(dev), HERMIT_ISLE_DEV_PREFIX "%s", argv[1]);
	snprintf(sys, sizeof(sys), "/sys/hermit/isle%s/memsize", argv[1]);
	read_file(sys, buf, sizeof(buf));
	memsize = strtoull(buf, NULL, 0);

	fd = open(dev, O_RDWR);
	check(fd >= 0, "dev-open", strerror(errno));
	if (fd < 0)
		return 1;
	fd2 = open(dev, O_RDWR);
	check(fd2 < 0 && errno == EBUSY, "dev-single-opener", "second open worked");
	ret = ioctl(fd, HERMIT_ISLE_IOC_WAIT, 1000);
	check(ret < 0 && errno == ESRCH, "dev-wait-not-running", strerror(errno));
	mem = mmap(NULL, memsize + 4096, PROT_READ, MAP_SHARED, fd, 0);
	check(mem == MAP_FAILED && errno == EINVAL, "dev-mmap-too-long",
	      "mapped beyond memsize");

	args->argc = 2;
	args->envc = 1;
	memcpy(args->strings, "img\0-x\0A=1", 11);
	args->strings_size = 11;
	req.size = sizeof(*args) + 11;
	ret = ioctl(fd, HERMIT_ISLE_IOC_SET_ARGS, &req);
	check(ret == 0, "dev-set-args", strerror(errno));
	req.size = HERMIT_ISLE_ARGS_MAX + 1;
	ret = ioctl(fd, HERMIT_ISLE_IOC_SET_ARGS, &req);
	check(ret < 0 && errno == EINVAL, "dev-set-args-too-big", "accepted");

	snprintf(sys, sizeof(sys), "/sys/hermit/isle%s/cpus", argv[1]);
	ret = write_file(sys, argv[2]);
	check(ret == 0, "dev-boot", strerror(-ret));
	if (ret)
		return 1;
	mem = mmap(NULL, memsize, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	check(mem != MAP_FAILED, "dev-mmap", strerror(errno));
	if (mem == MAP_FAILED)
		return 1;
	chan = (struct hermit_isle_chan *)((char *)mem + HERMIT_ISLE_CHAN_ADDR);
	check(chan->magic == HERMIT_ISLE_CHAN_MAGIC, "dev-mmap-chan-magic", "bad magic");
	check(memcmp((char *)mem + HERMIT_ISLE_ARGS_ADDR, blob, sizeof(*args) + 11) == 0,
	      "dev-args-in-isle", "blob differs");

	/* The test image publishes one ring entry once Linux waits, and notifies. */
	ret = ioctl(fd, HERMIT_ISLE_IOC_WAIT, 5000000);
	snprintf(msg, sizeof(msg), "ret %d errno %s, seq %llu", ret, strerror(errno),
		 (unsigned long long)chan->ring[0].seq);
	check(ret == 0 && chan->ring[0].seq == 1, "dev-wait-ring-entry", msg);
	check(chan->linux_waiting == 0, "dev-wait-clears-linux-waiting", "still 1");
	printf("INFO notify_apic_id=%u notify_vector=%u\n", chan->notify_apic_id,
	       chan->notify_vector);
	/* The entry stays unserved: WAIT returns at once. */
	ret = ioctl(fd, HERMIT_ISLE_IOC_WAIT, 1000);
	check(ret == 0, "dev-wait-pending", strerror(errno));
	chan->tail = 1;	/* served: now WAIT times out */
	ret = ioctl(fd, HERMIT_ISLE_IOC_WAIT, 20000);
	check(ret < 0 && errno == ETIMEDOUT, "dev-wait-timeout", strerror(errno));

	munmap(mem, memsize);
	close(fd);
	read_file(sys, buf, sizeof(buf));
	check(strcmp(buf, "-1\n") == 0, "dev-close-stops", buf);
	return failed;
}
