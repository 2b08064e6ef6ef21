/* SPDX-License-Identifier: BSD-3-Clause */
/* CMake sample: N threads compress and uncompress their own data with zlib, print checksums. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define LEN         (256 * 1024)
#define MAX_THREADS 16

struct job {
	int id;
	int ok;
	uLong zlen;
	uLong crc;
};

static void *work(void *arg)
{
	struct job *j = arg;
	uLongf zlen = compressBound(LEN), blen = LEN;
	unsigned char *in = malloc(LEN), *z = malloc(zlen), *back = malloc(LEN);

	if (!in || !z || !back)
		return NULL;
	for (int i = 0; i < LEN; i++) /* compressible, different per thread */
		in[i] = (unsigned char)((i / (7 + j->id)) ^ (i % 13) * j->id);
	j->ok = compress2(z, &zlen, in, LEN, 6) == Z_OK &&
	        uncompress(back, &blen, z, zlen) == Z_OK && blen == LEN && !memcmp(in, back, LEN);
	j->zlen = zlen;
	j->crc = crc32(0, z, (uInt)zlen);
	free(in);
	free(z);
	free(back);
	return NULL;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 4, ok = 1;
	pthread_t t[MAX_THREADS];
	struct job jobs[MAX_THREADS];

	if (n < 1 || n > MAX_THREADS) {
		fprintf(stderr, "usage: %s [THREADS 1-%d]\n", argv[0], MAX_THREADS);
		return 2;
	}
	for (int i = 0; i < n; i++) {
		jobs[i] = (struct job){.id = i};
		if (pthread_create(&t[i], NULL, work, &jobs[i]) != 0)
			return 1;
	}
	for (int i = 0; i < n; i++) {
		pthread_join(t[i], NULL);
		printf("thread %d: %lu bytes, crc %08lx\n", i, jobs[i].zlen, jobs[i].crc);
		ok &= jobs[i].ok;
	}
	printf("zlib %s, %d threads: %s\n", zlibVersion(), n, ok ? "ok" : "FAILED");
	return !ok;
}
