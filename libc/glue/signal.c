/* SPDX-License-Identifier: BSD-3-Clause */
/* Signals of the one process: dispositions, the mask, pending signals, delivery (kill,
 * sigqueue, timers), pause and sigsuspend. */
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "glue.h"

/*
 * Signals come only from the image itself: kill/sigqueue to itself (delivered at once, in
 * the caller), raise (newlib's: it calls a handler itself, resetting a signal() handler to
 * SIG_DFL first, and calls kill for SIG_DFL), and the timers of timer.c (delivered on the
 * timer thread, as if to a thread that does not block the signal). The mask is the
 * process's: a signal blocked by sigprocmask stays pending (once per number) and is
 * delivered by the call that unblocks it. Dispositions live in newlib's table (signal());
 * a handler set with sigaction is reached through dispatch(), which keeps its flags.
 */

/* Default action "ignore" (the others end the program). Without job control, stop and
 * continue signals are ignored too. */
static int ignored_by_default(int sig)
{
	return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT ||
	       sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

/* A program ended by a signal exits with 128 + the signal's Linux number, as a shell on
 * Linux reports it (newlib numbers some signals differently). */
static int linux_signo(int sig)
{
	static const unsigned char map[NSIG] = {
	    [SIGBUS] = 7,   [SIGUSR1] = 10, [SIGUSR2] = 12, [SIGCHLD] = 17, [SIGCONT] = 18,
	    [SIGSTOP] = 19, [SIGTSTP] = 20, [SIGURG] = 23,  [SIGIO] = 29,   [SIGSYS] = 31,
	};

	return sig > 0 && sig < NSIG && map[sig] ? map[sig] : sig;
}

static volatile sigset_t signal_mask, pending;
volatile int32_t glue_signal_seq; /* bumped after each delivered signal: pause() */

#ifndef SA_RESETHAND
#define SA_RESETHAND 0x80000000
#endif

static struct sigaction actions[NSIG];

static void call_action(int sig, siginfo_t *info)
{
	struct sigaction a = actions[sig];

	if (a.sa_flags & SA_RESETHAND) {
		actions[sig].sa_handler = SIG_DFL;
		signal(sig, SIG_DFL);
	}
	if (a.sa_flags & SA_SIGINFO)
		a.sa_sigaction(sig, info, NULL);
	else if (a.sa_handler != SIG_DFL && a.sa_handler != SIG_IGN)
		a.sa_handler(sig);
}

/* What newlib's raise() calls for a handler set with sigaction (raise has reset the table
 * entry to SIG_DFL: put it back unless SA_RESETHAND). */
static void dispatch(int sig)
{
	siginfo_t info = {.si_signo = sig, .si_code = SI_USER, .si_pid = 1};

	if (!(actions[sig].sa_flags & SA_RESETHAND))
		signal(sig, dispatch);
	call_action(sig, &info);
}

static _sig_func_ptr current_handler(int sig)
{
	/* The main thread's table: other threads share it (libc/README.md). */
	return _impure_ptr->_sig_func ? _impure_ptr->_sig_func[sig] : SIG_DFL;
}

static void deliver_now(int sig, siginfo_t *info)
{
	_sig_func_ptr h = current_handler(sig);

	if (h == SIG_IGN || (h == SIG_DFL && ignored_by_default(sig)))
		return;
	if (h == SIG_DFL)
		sys_exit(128 + linux_signo(sig));
	if (h == dispatch)
		call_action(sig, info);
	else
		h(sig);
	__atomic_add_fetch(&glue_signal_seq, 1, __ATOMIC_SEQ_CST);
	sys_futex_wake(&glue_signal_seq, 1 << 30);
}

void glue_signal_deliver(int sig, siginfo_t *info)
{
	sigset_t bit = (sigset_t)1 << sig;

	if (sig == SIGKILL || !(__atomic_load_n(&signal_mask, __ATOMIC_SEQ_CST) & bit)) {
		deliver_now(sig, info);
		return;
	}
	__atomic_fetch_or(&pending, bit, __ATOMIC_SEQ_CST);
	/* Unblocked meanwhile: whoever clears the pending bit delivers it. */
	if (!(__atomic_load_n(&signal_mask, __ATOMIC_SEQ_CST) & bit) &&
	    (__atomic_fetch_and(&pending, ~bit, __ATOMIC_SEQ_CST) & bit))
		deliver_now(sig, info);
}

/* Delivers the pending signals that are no longer blocked; returns how many. */
static int deliver_unblocked(void)
{
	int n = 0;

	for (int sig = 1; sig < NSIG; sig++) {
		sigset_t bit = (sigset_t)1 << sig;
		siginfo_t info = {.si_signo = sig, .si_code = SI_USER, .si_pid = 1};

		if ((pending & bit) && !(signal_mask & bit) &&
		    (__atomic_fetch_and(&pending, ~bit, __ATOMIC_SEQ_CST) & bit)) {
			deliver_now(sig, &info);
			n++;
		}
	}
	return n;
}

int kill(pid_t pid, int sig)
{
	siginfo_t info = {.si_signo = sig, .si_code = SI_USER, .si_pid = 1};

	if (pid != 0 && pid != -1 && pid != getpid())
		return glue_fail(ESRCH);
	if (sig < 0 || sig >= NSIG)
		return glue_fail(EINVAL);
	if (sig)
		glue_signal_deliver(sig, &info);
	return 0;
}

int sigqueue(pid_t pid, int sig, const union sigval value)
{
	siginfo_t info = {.si_signo = sig, .si_code = SI_QUEUE, .si_value = value, .si_pid = 1};

	if (pid != getpid())
		return glue_fail(ESRCH);
	if (sig < 0 || sig >= NSIG)
		return glue_fail(EINVAL);
	if (sig)
		glue_signal_deliver(sig, &info);
	return 0;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
	sigset_t mask = signal_mask, keep = ((sigset_t)1 << SIGKILL) | ((sigset_t)1 << SIGSTOP);

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
	__atomic_store_n(&signal_mask, mask & ~keep, __ATOMIC_SEQ_CST);
	deliver_unblocked();
	return 0;
}

int sigpending(sigset_t *set)
{
	*set = pending;
	return 0;
}

int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
	_sig_func_ptr prev, h;

	if (sig <= 0 || sig >= NSIG || (act && (sig == SIGKILL || sig == SIGSTOP)))
		return glue_fail(EINVAL);
	prev = current_handler(sig);
	if (act) {
		h = act->sa_handler;
		if (signal(sig, h == SIG_DFL || h == SIG_IGN ? h : dispatch) == SIG_ERR)
			return -1;
	}
	if (old) {
		*old = actions[sig];
		if (prev != dispatch) {
			old->sa_handler = prev;
			old->sa_flags = 0;
		}
	}
	if (act)
		actions[sig] = *act;
	return 0;
}

int pause(void)
{
	int32_t seq = __atomic_load_n(&glue_signal_seq, __ATOMIC_ACQUIRE);

	while (__atomic_load_n(&glue_signal_seq, __ATOMIC_ACQUIRE) == seq)
		sys_futex_wait(&glue_signal_seq, seq, 0);
	return glue_fail(EINTR);
}

/* Waits with `mask` in place for a signal to be delivered (one pending and now unblocked
 * counts at once), then puts the old mask back. */
int sigsuspend(const sigset_t *mask)
{
	int32_t seq = __atomic_load_n(&glue_signal_seq, __ATOMIC_ACQUIRE);
	sigset_t old;

	sigprocmask(SIG_SETMASK, mask, &old); /* delivers what it unblocks */
	while (__atomic_load_n(&glue_signal_seq, __ATOMIC_ACQUIRE) == seq)
		sys_futex_wait(&glue_signal_seq, seq, 0);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return glue_fail(EINTR);
}
