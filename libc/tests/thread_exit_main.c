/* SPDX-License-Identifier: BSD-3-Clause */
/* The main thread calls pthread_exit while a worker still runs: the program must go on
 * until the worker ends, then exit(0) running atexit handlers and flushing stdio. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static pthread_t main_thread;

static void at_exit(void)
{
	printf("thread_exit_main: atexit ran\n"); /* left in the buffer: exit must flush it */
}

static void *worker(void *arg)
{
	void *result = NULL;

	(void)arg;
	usleep(50000);
	if (pthread_join(main_thread, &result) != 0 || result != (void *)7)
		printf("thread_exit_main: FAIL joining the main thread\n");
	printf("thread_exit_main: worker done\n");
	return NULL;
}

int main(void)
{
	pthread_t t;

	setvbuf(stdout, NULL, _IOFBF, 4096);
	atexit(at_exit);
	main_thread = pthread_self();
	if (pthread_create(&t, NULL, worker, NULL))
		return 1;
	pthread_exit((void *)7);
}
