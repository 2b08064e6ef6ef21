/* SPDX-License-Identifier: BSD-3-Clause */
/* Process calls newlib expects: one process that can only end or fail to make others
 * (signals: signal.c). */
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "glue.h"

void _exit(int status)
{
	sys_exit(status);
}

pid_t getpid(void)
{
	return sys_getpid();
}

/* One process per image: creating or replacing processes fails with ENOSYS, with one line
 * on stderr saying so (programs rarely print why their fork failed). */
static int unsupported(const char *what)
{
	static const char pre[] = "hermit: ", post[] = ": not supported (one process per image)\n";
	size_t n = 0;

	while (what[n])
		n++;
	sys_write(2, pre, sizeof(pre) - 1);
	sys_write(2, what, n);
	sys_write(2, post, sizeof(post) - 1);
	return glue_fail(ENOSYS);
}

pid_t fork(void)
{
	return unsupported("fork");
}

pid_t vfork(void)
{
	return unsupported("vfork");
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	(void)path;
	(void)argv;
	(void)envp;
	return unsupported("execve");
}

int execv(const char *path, char *const argv[])
{
	(void)path;
	(void)argv;
	return unsupported("execv");
}

int execvp(const char *file, char *const argv[])
{
	(void)file;
	(void)argv;
	return unsupported("execvp");
}

int execvpe(const char *file, char *const argv[], char *const envp[])
{
	(void)file;
	(void)argv;
	(void)envp;
	return unsupported("execvpe");
}

int fexecve(int fd, char *const argv[], char *const envp[])
{
	(void)fd;
	(void)argv;
	(void)envp;
	return unsupported("fexecve");
}

int execl(const char *path, const char *arg, ...)
{
	(void)path;
	(void)arg;
	return unsupported("execl");
}

int execlp(const char *file, const char *arg, ...)
{
	(void)file;
	(void)arg;
	return unsupported("execlp");
}

int execle(const char *path, const char *arg, ...)
{
	(void)path;
	(void)arg;
	return unsupported("execle");
}

/* No shell: system(NULL) says so with 0, a command fails (POSIX: -1 when no child could be
 * made). */
int system(const char *cmd)
{
	return cmd ? unsupported("system") : 0;
}

FILE *popen(const char *cmd, const char *mode)
{
	(void)cmd;
	(void)mode;
	unsupported("popen");
	return NULL;
}

int pclose(FILE *f)
{
	(void)f;
	return glue_fail(ECHILD);
}

/* posix_spawn fails with ENOSYS (returned, as POSIX has it); the attribute and file-action
 * objects work, so that programs get as far as the spawn itself. */
int posix_spawn(pid_t *restrict pid, const char *restrict path,
                const posix_spawn_file_actions_t *actions, const posix_spawnattr_t *restrict attr,
                char *const argv[], char *const envp[])
{
	(void)pid;
	(void)path;
	(void)actions;
	(void)attr;
	(void)argv;
	(void)envp;
	unsupported("posix_spawn");
	return ENOSYS;
}

int posix_spawnp(pid_t *restrict pid, const char *restrict file,
                 const posix_spawn_file_actions_t *actions, const posix_spawnattr_t *restrict attr,
                 char *const argv[], char *const envp[])
{
	(void)pid;
	(void)file;
	(void)actions;
	(void)attr;
	(void)argv;
	(void)envp;
	unsupported("posix_spawnp");
	return ENOSYS;
}

/* The objects are opaque pointers in newlib's <spawn.h>: one allocation each, holding
 * what a spawn would need (nothing is ever spawned). */
struct __posix_spawnattr {
	short flags;
	pid_t pgroup;
	sigset_t sigdefault, sigmask;
};

struct __posix_spawn_file_actions {
	int count;
};

int posix_spawnattr_init(posix_spawnattr_t *attr)
{
	*attr = calloc(1, sizeof(**attr));
	return *attr ? 0 : ENOMEM;
}

int posix_spawnattr_destroy(posix_spawnattr_t *attr)
{
	free(*attr);
	*attr = NULL;
	return 0;
}

int posix_spawnattr_getflags(const posix_spawnattr_t *restrict attr, short *restrict flags)
{
	*flags = (*attr)->flags;
	return 0;
}

int posix_spawnattr_setflags(posix_spawnattr_t *attr, short flags)
{
	if (flags & ~(POSIX_SPAWN_RESETIDS | POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSCHEDPARAM |
	              POSIX_SPAWN_SETSCHEDULER | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
		return EINVAL;
	(*attr)->flags = flags;
	return 0;
}

int posix_spawnattr_getpgroup(const posix_spawnattr_t *restrict attr, pid_t *restrict pgroup)
{
	*pgroup = (*attr)->pgroup;
	return 0;
}

int posix_spawnattr_setpgroup(posix_spawnattr_t *attr, pid_t pgroup)
{
	(*attr)->pgroup = pgroup;
	return 0;
}

int posix_spawnattr_getsigdefault(const posix_spawnattr_t *restrict attr, sigset_t *restrict set)
{
	*set = (*attr)->sigdefault;
	return 0;
}

int posix_spawnattr_setsigdefault(posix_spawnattr_t *restrict attr, const sigset_t *restrict set)
{
	(*attr)->sigdefault = *set;
	return 0;
}

int posix_spawnattr_getsigmask(const posix_spawnattr_t *restrict attr, sigset_t *restrict set)
{
	*set = (*attr)->sigmask;
	return 0;
}

int posix_spawnattr_setsigmask(posix_spawnattr_t *restrict attr, const sigset_t *restrict set)
{
	(*attr)->sigmask = *set;
	return 0;
}

int posix_spawn_file_actions_init(posix_spawn_file_actions_t *fa)
{
	*fa = calloc(1, sizeof(**fa));
	return *fa ? 0 : ENOMEM;
}

int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t *fa)
{
	free(*fa);
	*fa = NULL;
	return 0;
}

int posix_spawn_file_actions_addopen(posix_spawn_file_actions_t *restrict fa, int fd,
                                     const char *restrict path, int flags, mode_t mode)
{
	(void)path;
	(void)flags;
	(void)mode;
	if (fd < 0)
		return EBADF;
	(*fa)->count++;
	return 0;
}

int posix_spawn_file_actions_addclose(posix_spawn_file_actions_t *fa, int fd)
{
	if (fd < 0)
		return EBADF;
	(*fa)->count++;
	return 0;
}

int posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t *fa, int fd, int newfd)
{
	if (fd < 0 || newfd < 0)
		return EBADF;
	(*fa)->count++;
	return 0;
}

pid_t wait(int *status)
{
	(void)status;
	return glue_fail(ECHILD);
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	(void)pid;
	(void)status;
	(void)options;
	return glue_fail(ECHILD);
}
