/* SPDX-License-Identifier: BSD-3-Clause */
/* Process calls newlib expects: one process that can only end, signal itself or fail. */
#include <signal.h>
#include <stdio.h>
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

/* Signals whose default action is to do nothing. */
static int signal_is_ignored(int sig)
{
	return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT;
}

/* newlib's raise() calls kill(getpid(), sig) for a signal left at SIG_DFL (abort() does
 * so with SIGABRT): the default action ends the program, with the shell's 128 + sig. */
int kill(pid_t pid, int sig)
{
	if (pid != 0 && pid != getpid())
		return glue_fail(ESRCH);
	if (sig < 0 || sig >= NSIG)
		return glue_fail(EINVAL);
	if (sig == 0 || signal_is_ignored(sig))
		return 0;
	sys_exit(128 + sig);
}

/* One thread of control receives no asynchronous signals: the mask is only remembered. */
static sigset_t signal_mask;

int sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
	sigset_t mask = signal_mask;

	if (old)
		*old = mask;
	if (!set)
		return 0;
	switch (how) {
	case SIG_BLOCK:
		mask |= *set;
		break;
	case SIG_UNBLOCK:
		mask &= ~*set;
		break;
	case SIG_SETMASK:
		mask = *set;
		break;
	default:
		return glue_fail(EINVAL);
	}
	signal_mask = mask;
	return 0;
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

int posix_spawn(pid_t *pid, const char *path, const void *actions, const void *attr,
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

int posix_spawnp(pid_t *pid, const char *file, const void *actions, const void *attr,
                 char *const argv[], char *const envp[])
{
	return posix_spawn(pid, file, actions, attr, argv, envp);
}

pid_t wait(int *status)
{
	(void)status;
	return glue_fail(ECHILD);
}
