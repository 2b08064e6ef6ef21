/* SPDX-License-Identifier: BSD-3-Clause */
/* The stack size of the threads libgomp creates when OMP_STACKSIZE is not set. The kernel
 * allocates thread stacks in full when a thread is created (Linux only reserves address
 * space), so the C library's default of 8 MiB would let 64 threads take 512 MiB, all of an
 * image's default memory. 2 MiB each, as other OpenMP runtimes choose; OMP_STACKSIZE sets
 * any other size. */
#define GOMP_DEFAULT_STACKSIZE (2UL << 20)
