/* SPDX-License-Identifier: BSD-3-Clause */
/* Thread-specific data: a global table of keys, per-thread values in static TLS, and the
 * destructors run when a thread ends. */
#include "pthread_internal.h"

/* A key is in use while its sequence number is odd; deleting and re-creating it bumps
 * the number, so values stored under the old key read as NULL. Guarded by keys_lock. */
static struct {
	unsigned seq;
	void (*destructor)(void *);
} keys[PTHREAD_KEYS_MAX];
static int keys_lock;

static __thread struct {
	void *value;
	unsigned seq;
} values[PTHREAD_KEYS_MAX];

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *))
{
	unsigned k;

	futex_lock(&keys_lock);
	for (k = 0; k < PTHREAD_KEYS_MAX; k++) {
		if (!(keys[k].seq & 1)) {
			keys[k].destructor = destructor;
			__atomic_store_n(&keys[k].seq, keys[k].seq + 1, __ATOMIC_RELEASE);
			break;
		}
	}
	futex_unlock(&keys_lock);
	if (k == PTHREAD_KEYS_MAX)
		return EAGAIN;
	*key = k;
	return 0;
}

int pthread_key_delete(pthread_key_t key)
{
	int err = 0;

	if (key >= PTHREAD_KEYS_MAX)
		return EINVAL;
	futex_lock(&keys_lock);
	if (keys[key].seq & 1)
		__atomic_store_n(&keys[key].seq, keys[key].seq + 1, __ATOMIC_RELEASE);
	else
		err = EINVAL;
	futex_unlock(&keys_lock);
	return err;
}

void *pthread_getspecific(pthread_key_t key)
{
	if (key >= PTHREAD_KEYS_MAX ||
	    values[key].seq != __atomic_load_n(&keys[key].seq, __ATOMIC_ACQUIRE))
		return NULL;
	return values[key].value;
}

int pthread_setspecific(pthread_key_t key, const void *value)
{
	unsigned seq;

	if (key >= PTHREAD_KEYS_MAX)
		return EINVAL;
	seq = __atomic_load_n(&keys[key].seq, __ATOMIC_ACQUIRE);
	if (!(seq & 1))
		return EINVAL;
	values[key].value = (void *)value;
	values[key].seq = seq;
	return 0;
}

/* POSIX: repeat while destructors leave values behind, at most ITERATIONS times. */
void run_key_destructors(void)
{
	int round, k, ran;

	for (round = 0; round < PTHREAD_DESTRUCTOR_ITERATIONS; round++) {
		ran = 0;
		for (k = 0; k < PTHREAD_KEYS_MAX; k++) {
			void (*destructor)(void *) = keys[k].destructor;
			void *value = pthread_getspecific(k);

			if (!value || !destructor)
				continue;
			values[k].value = NULL;
			destructor(value);
			ran = 1;
		}
		if (!ran)
			break;
	}
}
