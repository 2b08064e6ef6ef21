// SPDX-License-Identifier: BSD-3-Clause
// omp_tasks++: OpenMP tasks in C++ (x86_64-hermit-g++ -fopenmp): a recursive task tree over
// a std::vector, task dependences, taskloop with a reduction, an exception caught inside a
// task, std::mutex and std::atomic from tasks. Prints "omp_tasks++: ok" when all hold.
#include <atomic>
#include <cstdio>
#include <map>
#include <mutex>
#include <numeric>
#include <omp.h>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

int failures;

void check(bool ok, const char *what)
{
	if (!ok) {
		std::printf("FAIL %s\n", what);
		failures++;
	}
}

long fib(int n)
{
	if (n < 2)
		return n;
	long a, b;
#pragma omp task shared(a) if (n > 12)
	a = fib(n - 1);
#pragma omp task shared(b) if (n > 12)
	b = fib(n - 2);
#pragma omp taskwait
	return a + b;
}

// Sum of a range by splitting it into tasks down to 1000 elements.
long long tree_sum(const std::vector<int> &v, size_t lo, size_t hi)
{
	if (hi - lo <= 1000)
		return std::accumulate(v.begin() + lo, v.begin() + hi, 0LL);
	long long left, right;
	size_t mid = lo + (hi - lo) / 2;
#pragma omp task shared(left, v)
	left = tree_sum(v, lo, mid);
#pragma omp task shared(right, v)
	right = tree_sum(v, mid, hi);
#pragma omp taskwait
	return left + right;
}

} // namespace

int main()
{
	std::vector<int> v(1000000);
	std::iota(v.begin(), v.end(), 1);
	long f = 0;
	long long sum = 0;
	std::atomic<int> threw{0};
	std::map<int, int> by_thread;
	std::mutex m;
	std::string chain;
	long long squares = 0;

#pragma omp parallel
#pragma omp single
	{
		f = fib(27);
		sum = tree_sum(v, 0, v.size());

		// Tasks that throw and catch inside themselves (an exception may not leave a task).
		for (int i = 0; i < 64; i++) {
#pragma omp task firstprivate(i) shared(threw, m, by_thread)
			{
				try {
					if (i % 8 == 0)
						throw std::runtime_error("task " + std::to_string(i));
				} catch (const std::runtime_error &) {
					threw++;
				}
				std::lock_guard<std::mutex> l(m);
				by_thread[omp_get_thread_num()]++;
			}
		}

		// Dependences order these three tasks whatever thread runs them.
#pragma omp task depend(out : chain) shared(chain)
		chain += "a";
#pragma omp task depend(inout : chain) shared(chain)
		chain += "b";
#pragma omp task depend(inout : chain) shared(chain)
		chain += "c";

#pragma omp taskloop reduction(+ : squares) grainsize(100)
		for (long long i = 1; i <= 10000; i++)
			squares += i * i;
	}

	int tasks = 0;
	for (const auto &kv : by_thread)
		tasks += kv.second;
	std::printf("omp_tasks++: %d threads, fib(27) = %ld, sum = %lld, %d tasks on %zu threads\n",
		    omp_get_max_threads(), f, sum, tasks, by_thread.size());
	check(f == 196418, "fib(27) with tasks");
	check(sum == 500000500000LL, "tree sum with tasks");
	check(threw == 8 && tasks == 64, "exceptions caught inside tasks");
	check(chain == "abc", "task dependences");
	check(squares == 333383335000LL, "taskloop reduction");
	if (failures)
		return 1;
	std::printf("omp_tasks++: ok\n");
	return 0;
}
