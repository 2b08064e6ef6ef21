/* SPDX-License-Identifier: BSD-3-Clause */
/* alarm, setitimer/getitimer (ITIMER_REAL) and pause: SIGALRM from a kernel timer thread. */
#include <signal.h>
#include <stdlib.h>
#include <sys/time.h>
#include <unistd.h>

#include "glue.h"

/*
 * One timer thread, spawned at the first alarm: it sleeps on `timer_seq` until the expiry
 * (CLOCK_MONOTONIC ns, 0 = disarmed), then runs the main thread's SIGALRM disposition in
 * its own context (the handler runs on the timer thread, as if the signal had been
 * delivered to a thread that does not block it) and wakes pause().
 */
static volatile int32_t timer_seq;  /* bumped when the timer is (re)armed */
static volatile int32_t signal_seq; /* bumped after each delivered signal */
static volatile uint64_t expiry_ns, interval_ns;
static int32_t timer_started;

static uint64_t now_ns(void)
{
	struct hermit_timespec ts;

	sys_clock_gettime(HERMIT_CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.sec * 1000000000ULL + (uint64_t)ts.nsec;
}

static void deliver_alarm(void)
{
	void (*h)(int) = SIG_DFL;

	if (_impure_ptr->_sig_func)
		h = _impure_ptr->_sig_func[SIGALRM];
	if (h == SIG_IGN)
		return;
	if (h == SIG_DFL)
		sys_exit(128 + SIGALRM); /* terminated by SIGALRM, as a shell reports it */
	h(SIGALRM);
	__atomic_add_fetch(&signal_seq, 1, __ATOMIC_SEQ_CST);
	sys_futex_wake(&signal_seq, 1 << 30);
}

static void timer_thread(void *arg)
{
	(void)arg;
	for (;;) {
		int32_t seq = __atomic_load_n(&timer_seq, __ATOMIC_ACQUIRE);
		uint64_t due = expiry_ns;

		if (due && now_ns() >= due) {
			expiry_ns = interval_ns ? due + interval_ns : 0;
			deliver_alarm();
			continue;
		}
		sys_futex_wait(&timer_seq, seq, due);
	}
}

static int arm(uint64_t value_ns, uint64_t every_ns)
{
	if (!__atomic_exchange_n(&timer_started, 1, __ATOMIC_SEQ_CST)) {
		struct hermit_spawn_attr attr = {.stack_size = 64 << 10, .cpu = HERMIT_CPU_ANY};
		int64_t tid = sys_spawn(timer_thread, NULL, &attr);

		if (tid < 0) {
			timer_started = 0;
			return (int)glue_result(tid);
		}
	}
	interval_ns = every_ns;
	expiry_ns = value_ns ? now_ns() + value_ns : 0;
	__atomic_add_fetch(&timer_seq, 1, __ATOMIC_SEQ_CST);
	sys_futex_wake(&timer_seq, 1);
	return 0;
}

static void remaining(struct itimerval *old)
{
	uint64_t due = expiry_ns, now = now_ns(), left = due > now ? due - now : (due ? 1000 : 0);

	old->it_value.tv_sec = left / 1000000000ULL;
	old->it_value.tv_usec = (left % 1000000000ULL) / 1000;
	old->it_interval.tv_sec = interval_ns / 1000000000ULL;
	old->it_interval.tv_usec = (interval_ns % 1000000000ULL) / 1000;
}

int getitimer(int which, struct itimerval *cur)
{
	if (which != ITIMER_REAL)
		return glue_fail(EINVAL);
	remaining(cur);
	return 0;
}

int setitimer(int which, const struct itimerval *restrict val, struct itimerval *restrict old)
{
	if (which != ITIMER_REAL || val->it_value.tv_usec < 0 || val->it_value.tv_usec >= 1000000 ||
	    val->it_interval.tv_usec < 0 || val->it_interval.tv_usec >= 1000000)
		return glue_fail(EINVAL);
	if (old)
		remaining(old);
	return arm((uint64_t)val->it_value.tv_sec * 1000000000ULL + val->it_value.tv_usec * 1000ULL,
	           (uint64_t)val->it_interval.tv_sec * 1000000000ULL +
	               val->it_interval.tv_usec * 1000ULL);
}

unsigned alarm(unsigned seconds)
{
	struct itimerval v = {.it_value = {seconds, 0}}, old;

	if (setitimer(ITIMER_REAL, &v, &old) < 0)
		return 0;
	return (unsigned)old.it_value.tv_sec + (old.it_value.tv_usec ? 1 : 0);
}

int pause(void)
{
	int32_t seq = __atomic_load_n(&signal_seq, __ATOMIC_ACQUIRE);

	while (__atomic_load_n(&signal_seq, __ATOMIC_ACQUIRE) == seq)
		sys_futex_wait(&signal_seq, seq, 0);
	return glue_fail(EINTR);
}
