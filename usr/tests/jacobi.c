/* SPDX-License-Identifier: BSD-3-Clause */
/* Jacobi iteration on a diagonally dominant linear system, rows split across threads. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_THREADS     64
#define DEFAULT_THREADS 2
#define DEFAULT_N       300
#define MAX_ITER        500
#define STOP_DELTA      1e-13 /* stop when no unknown moved more than this */
#define TOLERANCE       1e-9  /* relative residual and error allowed at the end */

struct system {
	int n;
	double *a; /* n x n, row-major */
	double *b;
	double *x_true;
	double *x[2]; /* iterates; iteration k reads x[k % 2] and writes x[(k + 1) % 2] */
	int threads;
	double delta[2][MAX_THREADS]; /* per-thread largest change, by iteration parity */
	pthread_barrier_t barrier;
	int iterations;
};

struct worker {
	pthread_t id;
	struct system *sys;
	int index;
};

static double off_diagonal(int i, int j)
{
	return 1.0 / (1.0 + abs(i - j)) * ((i + j) % 3 == 0 ? -1.0 : 1.0);
}

/* A has off-diagonal entries summing to less than half the diagonal (in absolute value):
 * Jacobi then converges at least by a factor 2 per iteration. b = A * x_true. */
static void build_system(struct system *s)
{
	int n = s->n, i, j;

	for (i = 0; i < n; i++) {
		double off = 0.0;

		s->x_true[i] = (double)(i % 7) - 3.0;
		for (j = 0; j < n; j++) {
			s->a[i * n + j] = i == j ? 0.0 : off_diagonal(i, j);
			off += fabs(s->a[i * n + j]);
		}
		s->a[i * n + i] = 2.0 * off + 1.0;
	}
	for (i = 0; i < n; i++) {
		double sum = 0.0;

		for (j = 0; j < n; j++)
			sum += s->a[i * n + j] * s->x_true[j];
		s->b[i] = sum;
		s->x[0][i] = 0.0;
	}
}

static double sweep_rows(struct system *s, int first, int end, const double *in, double *out)
{
	double largest = 0.0;
	int n = s->n, i, j;

	for (i = first; i < end; i++) {
		double sum = s->b[i];

		for (j = 0; j < n; j++) {
			if (j != i)
				sum -= s->a[i * n + j] * in[j];
		}
		out[i] = sum / s->a[i * n + i];
		if (fabs(out[i] - in[i]) > largest)
			largest = fabs(out[i] - in[i]);
	}
	return largest;
}

/* One barrier per iteration: the parity-indexed delta array keeps a fast thread's next
 * write away from the values a slow thread is still reading. */
static void *solve(void *arg)
{
	struct worker *w = arg;
	struct system *s = w->sys;
	int first = s->n * w->index / s->threads;
	int end = s->n * (w->index + 1) / s->threads;
	int k, t;

	for (k = 0; k < MAX_ITER; k++) {
		double largest = 0.0;

		s->delta[k % 2][w->index] =
		    sweep_rows(s, first, end, s->x[k % 2], s->x[(k + 1) % 2]);
		pthread_barrier_wait(&s->barrier);
		for (t = 0; t < s->threads; t++)
			largest = fmax(largest, s->delta[k % 2][t]);
		if (largest < STOP_DELTA)
			break;
	}
	if (w->index == 0)
		s->iterations = k + 1;
	return NULL;
}

static int check_solution(const struct system *s)
{
	const double *x = s->x[s->iterations % 2];
	double res = 0.0, norm_b = 0.0, err = 0.0;
	int n = s->n, i, j;

	for (i = 0; i < n; i++) {
		double r = -s->b[i];

		for (j = 0; j < n; j++)
			r += s->a[i * n + j] * x[j];
		res = fmax(res, fabs(r));
		norm_b = fmax(norm_b, fabs(s->b[i]));
		err = fmax(err, fabs(x[i] - s->x_true[i]));
	}
	printf("jacobi: n=%d, %d threads, %d iterations, residual %.3e, error %.3e\n", n,
	       s->threads, s->iterations, res / norm_b, err);
	if (s->iterations >= MAX_ITER || !(res / norm_b < TOLERANCE) || !(err < TOLERANCE)) {
		printf("jacobi: FAIL: expected residual and error < %g, got %.3e and %.3e\n",
		       TOLERANCE, res / norm_b, err);
		return 1;
	}
	printf("jacobi: ok\n");
	return 0;
}

int main(int argc, char **argv)
{
	static struct worker workers[MAX_THREADS];
	static struct system s;
	int i, e;

	s.threads = argc > 1 ? atoi(argv[1]) : DEFAULT_THREADS;
	s.n = argc > 2 ? atoi(argv[2]) : DEFAULT_N;
	if (s.threads < 1 || s.threads > MAX_THREADS || s.n < s.threads || s.n > 4096) {
		printf("usage: jacobi [threads 1..%d] [n threads..4096]\n", MAX_THREADS);
		return 2;
	}
	s.a = malloc(sizeof(double) * (size_t)s.n * (size_t)s.n);
	s.b = malloc(sizeof(double) * (size_t)s.n);
	s.x_true = malloc(sizeof(double) * (size_t)s.n);
	s.x[0] = malloc(sizeof(double) * (size_t)s.n);
	s.x[1] = malloc(sizeof(double) * (size_t)s.n);
	if (!s.a || !s.b || !s.x_true || !s.x[0] || !s.x[1]) {
		printf("jacobi: FAIL: malloc for n=%d\n", s.n);
		return 1;
	}
	build_system(&s);
	e = pthread_barrier_init(&s.barrier, NULL, (unsigned)s.threads);
	if (e) {
		printf("jacobi: FAIL: pthread_barrier_init: %s\n", strerror(e));
		return 1;
	}
	for (i = 0; i < s.threads; i++) {
		workers[i] = (struct worker){.sys = &s, .index = i};
		e = pthread_create(&workers[i].id, NULL, solve, &workers[i]);
		if (e) {
			printf("jacobi: FAIL: pthread_create %d: %s\n", i, strerror(e));
			return 1;
		}
	}
	for (i = 0; i < s.threads; i++)
		pthread_join(workers[i].id, NULL);
	pthread_barrier_destroy(&s.barrier);
	return check_solution(&s);
}
