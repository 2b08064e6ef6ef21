/* SPDX-License-Identifier: BSD-3-Clause */
/* Computes pi as the integral of 4/(1+x^2) over [0,1] split across threads; checks it. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_THREADS     64
#define DEFAULT_THREADS 4
#define DEFAULT_STEPS   2000000L
#define TOLERANCE       1e-9

struct slice {
	pthread_t id;
	long first, end; /* steps [first, end) */
	double step;
	double sum;
};

/* Midpoint rule: its error for this integrand is far below TOLERANCE at these step counts. */
static void *integrate(void *arg)
{
	struct slice *s = arg;
	double sum = 0.0;
	long i;

	for (i = s->first; i < s->end; i++) {
		double x = ((double)i + 0.5) * s->step;
		sum += 4.0 / (1.0 + x * x);
	}
	s->sum = sum * s->step;
	return NULL;
}

int main(int argc, char **argv)
{
	static struct slice slices[MAX_THREADS];
	int threads = argc > 1 ? atoi(argv[1]) : DEFAULT_THREADS;
	long steps = argc > 2 ? atol(argv[2]) : DEFAULT_STEPS;
	double pi = 0.0;
	int i, e;

	if (threads < 1 || threads > MAX_THREADS || steps < 100000) {
		printf("usage: pi [threads 1..%d] [steps >= 100000]\n", MAX_THREADS);
		return 2;
	}
	for (i = 0; i < threads; i++) {
		slices[i].first = steps * i / threads;
		slices[i].end = steps * (i + 1) / threads;
		slices[i].step = 1.0 / (double)steps;
		e = pthread_create(&slices[i].id, NULL, integrate, &slices[i]);
		if (e) {
			printf("pi: FAIL: pthread_create %d: %s\n", i, strerror(e));
			return 1;
		}
	}
	for (i = 0; i < threads; i++) {
		e = pthread_join(slices[i].id, NULL);
		if (e) {
			printf("pi: FAIL: pthread_join %d: %s\n", i, strerror(e));
			return 1;
		}
		pi += slices[i].sum;
	}
	printf("pi: %d threads, %ld steps: %.15f (error %.3e)\n", threads, steps, pi,
	       fabs(pi - M_PI));
	if (!(fabs(pi - M_PI) < TOLERANCE)) {
		printf("pi: FAIL: expected %.15f within %g, got %.15f\n", M_PI, TOLERANCE, pi);
		return 1;
	}
	printf("pi: ok\n");
	return 0;
}
