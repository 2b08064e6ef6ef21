/* SPDX-License-Identifier: BSD-3-Clause */
/* Process calls newlib expects: one process that can only end, signal itself or fail. */
#include <signal.h>
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

pid_t fork(void)
{
	return glue_fail(ENOSYS);
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	(void)path;
	(void)argv;
	(void)envp;
	return glue_fail(ENOSYS);
}

pid_t wait(int *status)
{
	(void)status;
	return glue_fail(ECHILD);
}
