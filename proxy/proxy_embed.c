/* SPDX-License-Identifier: BSD-3-Clause */
/* `_proxy` binaries: the proxy with a HermitCore image and a trailer appended, and their start. */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "proxy.h"

#define SELF_EXE "/proc/self/exe"

void proxy_trailer_make(struct proxy_trailer *t, uint64_t proxy_size, uint64_t image_size)
{
	*t = (struct proxy_trailer){
	    .offset = proxy_size, .size = image_size, .magic = PROXY_EMBED_MAGIC};
}

int proxy_trailer_check(const struct proxy_trailer *t, uint64_t file_size)
{
	if (file_size < sizeof(*t) || t->magic != PROXY_EMBED_MAGIC)
		return -ENOENT;
	/* The image must end exactly where the trailer begins; no sum can wrap. */
	if (t->offset == 0 || t->offset > file_size - sizeof(*t) ||
	    t->size != file_size - sizeof(*t) - t->offset || t->reserved)
		return -EINVAL;
	return 0;
}

/* Copies len bytes of in from off to the current position of out; 0 or -1 (errno set). */
static int copy_range(int in, uint64_t off, uint64_t len, int out)
{
	char buf[65536];

	while (len) {
		size_t want = len < sizeof(buf) ? (size_t)len : sizeof(buf);
		ssize_t n = pread(in, buf, want, (off_t)off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			errno = n ? errno : EIO;
			return -1;
		}
		for (ssize_t done = 0, w; done < n; done += w) {
			w = write(out, buf + done, (size_t)(n - done));
			if (w < 0 && errno == EINTR)
				w = 0;
			else if (w < 0)
				return -1;
		}
		off += (uint64_t)n;
		len -= (uint64_t)n;
	}
	return 0;
}

/* The running binary: its fd, and the size of the proxy part (without an embedded image). */
static int open_self(uint64_t *proxy_size, struct proxy_trailer *t, int *embedded)
{
	struct stat st;
	int fd = open(SELF_EXE, O_RDONLY | O_CLOEXEC);

	*embedded = 0;
	if (fd < 0)
		return -1;
	if (fstat(fd, &st)) {
		close(fd);
		return -1;
	}
	*proxy_size = (uint64_t)st.st_size;
	if (st.st_size >= (off_t)sizeof(*t) &&
	    pread(fd, t, sizeof(*t), st.st_size - (off_t)sizeof(*t)) == (ssize_t)sizeof(*t)) {
		int ret = proxy_trailer_check(t, (uint64_t)st.st_size);

		if (ret == 0) {
			*proxy_size = t->offset;
			*embedded = 1;
		} else if (ret == -EINVAL) {
			*embedded = -1;
		}
	}
	return fd;
}

static int write_embedded(int self, uint64_t proxy_size, int image, uint64_t image_size, int out)
{
	struct proxy_trailer t;

	proxy_trailer_make(&t, proxy_size, image_size);
	if (copy_range(self, 0, proxy_size, out) || copy_range(image, 0, image_size, out))
		return -1;
	return write(out, &t, sizeof(t)) == (ssize_t)sizeof(t) ? 0 : -1;
}

int proxy_embed(const char *image, const char *out)
{
	struct proxy_trailer t;
	uint64_t proxy_size;
	int self, in, fd, embedded, ret;
	struct stat st;

	ret = proxy_image_check(image);
	if (ret)
		return ret;
	self = open_self(&proxy_size, &t, &embedded);
	if (self < 0)
		err(PROXY_EX_OSERR, "open %s", SELF_EXE);
	in = open(image, O_RDONLY | O_CLOEXEC);
	if (in < 0 || fstat(in, &st)) {
		warn("cannot open %s", image);
		ret = PROXY_EX_NO_IMAGE;
		goto out_self;
	}
	fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	if (fd < 0) {
		warn("cannot create %s", out);
		ret = PROXY_EX_OSERR;
		goto out_in;
	}
	if (write_embedded(self, proxy_size, in, (uint64_t)st.st_size, fd)) {
		warn("write %s", out);
		unlink(out);
		ret = PROXY_EX_OSERR;
	}
	close(fd);
out_in:
	if (in >= 0)
		close(in);
out_self:
	close(self);
	return ret;
}

/* The image's name: the binary's name without "_proxy" (hello_proxy -> hello). */
static void image_name(char *name, size_t size)
{
	char exe[PATH_MAX];
	ssize_t n = readlink(SELF_EXE, exe, sizeof(exe) - 1);
	const char *base = exe;
	size_t len;

	exe[n > 0 ? n : 0] = '\0';
	if (strrchr(exe, '/'))
		base = strrchr(exe, '/') + 1;
	len = strlen(base);
	if (len > 6 && !strcmp(base + len - 6, "_proxy"))
		len -= 6;
	if (len == 0 || len >= size)
		snprintf(name, size, "image");
	else
		snprintf(name, size, "%.*s", (int)len, base);
}

static char tmp_dir[PATH_MAX], tmp_file[PATH_MAX];

/* A new file $TMPDIR/hermit-XXXXXX/<name> (a path both uhyve and the module can open, with
 * the image's name, which the application sees as argv[0]). */
static int create_image_file(void)
{
	const char *dir = getenv("TMPDIR");
	char name[NAME_MAX + 1];
	int fd;

	if (!dir || !*dir)
		dir = "/tmp";
	image_name(name, sizeof(name));
	if ((size_t)snprintf(tmp_dir, sizeof(tmp_dir), "%s/hermit-XXXXXX", dir) >=
	        sizeof(tmp_dir) ||
	    !mkdtemp(tmp_dir)) {
		tmp_dir[0] = '\0';
		return -1;
	}
	if ((size_t)snprintf(tmp_file, sizeof(tmp_file), "%s/%s", tmp_dir, name) >=
	    sizeof(tmp_file)) {
		errno = ENAMETOOLONG;
		tmp_file[0] = '\0';
		proxy_embedded_cleanup();
		return -1;
	}
	fd = open(tmp_file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		proxy_embedded_cleanup();
	return fd;
}

void proxy_embedded_cleanup(void)
{
	if (tmp_file[0])
		unlink(tmp_file);
	if (tmp_dir[0])
		rmdir(tmp_dir);
	tmp_file[0] = tmp_dir[0] = '\0';
}

const char *proxy_embedded_path(void)
{
	return tmp_file[0] ? tmp_file : NULL;
}

int proxy_embedded_image(void)
{
	struct proxy_trailer t;
	uint64_t proxy_size;
	int self, fd, embedded, ret = 1;

	self = open_self(&proxy_size, &t, &embedded);
	if (self < 0 || embedded <= 0) {
		if (self >= 0)
			close(self);
		if (embedded < 0)
			warnx("%s: damaged trailer of the embedded image", SELF_EXE);
		return embedded < 0 ? -PROXY_EX_BAD_IMAGE : 0;
	}
	fd = create_image_file();
	if (fd < 0) {
		warn("cannot create a file for the embedded image in %s", tmp_dir);
		close(self);
		return -PROXY_EX_OSERR;
	}
	if (copy_range(self, t.offset, t.size, fd)) {
		warn("copy of the embedded image to %s", tmp_file);
		proxy_embedded_cleanup();
		ret = -PROXY_EX_OSERR;
	}
	close(fd);
	close(self);
	return ret;
}

static pid_t child;

static void forward_signal(int sig)
{
	kill(child, sig);
}

/* uhyve mode: uhyve runs as a child, so that the image file can be removed when it ends. */
int proxy_run_uhyve_embedded(const struct proxy_args *args)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
	struct sigaction sa = {.sa_handler = forward_signal};
	int status;

	child = fork();
	if (child < 0)
		err(PROXY_EX_OSERR, "fork");
	if (child == 0)
		_exit(proxy_run_uhyve(args));
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
	while (waitpid(child, &status, 0) < 0)
		if (errno != EINTR)
			err(PROXY_EX_OSERR, "waitpid");
	proxy_embedded_cleanup();
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
