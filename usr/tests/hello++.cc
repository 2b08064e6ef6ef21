// SPDX-License-Identifier: BSD-3-Clause
// hello++: the C++ runtime in an image: static constructors in order, exceptions across
// frames and threads, RTTI, iostreams to a host file, a std::thread pool, futures, mutexes,
// condition variables, chrono, thread_local. The output is the same as on Linux (run.sh
// compares it with this source built by the host's g++).
//   hello++ FILE        all checks, FILE is written and read back; last line "hello++: ok"
//   hello++ --uncaught  throws std::runtime_error out of main (terminate, abort: status 134)
//   hello++ --uncaught-thread  the same out of a std::thread's function
//   hello++ --filesystem DIR  std::filesystem on the host's files under DIR (made, removed)
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cxxabi.h>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <iomanip>
#include <iostream>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <typeinfo>
#include <vector>

namespace {

int failures;

void check(bool ok, const std::string &what)
{
	std::cout << (ok ? "ok   " : "FAIL ") << what << '\n';
	if (!ok)
		failures++;
}

// --- static initialisation order --------------------------------------------------------

// A function-local static: constructed on first use, whichever constructor comes first.
std::vector<std::string> &init_log()
{
	static std::vector<std::string> log;
	return log;
}

struct Tracer {
	const char *name;
	explicit Tracer(const char *n) : name(n) { init_log().push_back(n); }
	// After main: std::cout may already be flushed for the last time, stdio is not.
	~Tracer() { std::printf("destroyed %s\n", name); }
};

// init_priority runs before every default-priority constructor; the others in order.
Tracer early __attribute__((init_priority(1000)))("early (priority 1000)");
Tracer first("first");
Tracer second("second");
int computed = static_cast<int>(init_log().size()) * 10; // dynamic init, after second

void static_init()
{
	std::string order;
	for (const auto &s : init_log())
		order += (order.empty() ? "" : ", ") + s;
	std::cout << "static init: " << order << '\n';
	check(init_log().size() == 3 && computed == 30, "static constructors in order");
}

// --- exceptions across frames -----------------------------------------------------------

struct DeepError : std::runtime_error {
	int depth;
	DeepError(const std::string &m, int d) : std::runtime_error(m), depth(d) {}
};

int unwound;

struct Guard {
	~Guard() { unwound++; }
};

int recurse(int n)
{
	Guard g;
	if (n == 0)
		throw DeepError("thrown 12 frames down", 12);
	return recurse(n - 1) + 1;
}

std::string demangle(const char *name)
{
	int status = 0;
	std::unique_ptr<char, void (*)(void *)> s(abi::__cxa_demangle(name, nullptr, nullptr, &status),
						  std::free);
	return status == 0 ? s.get() : name;
}

void exceptions()
{
	try {
		recurse(11);
		check(false, "exception thrown");
	} catch (const std::runtime_error &e) {
		std::cout << "caught " << demangle(typeid(e).name()) << ": " << e.what() << '\n';
		check(dynamic_cast<const DeepError *>(&e) &&
			  dynamic_cast<const DeepError &>(e).depth == 12,
		      "caught by base class, dynamic_cast to the thrown type");
	}
	check(unwound == 12, "12 destructors ran while unwinding");

	// Rethrow, nested exceptions, catch (...).
	try {
		try {
			throw std::out_of_range("inner");
		} catch (...) {
			std::throw_with_nested(std::logic_error("outer"));
		}
	} catch (const std::logic_error &e) {
		std::string inner;
		try {
			std::rethrow_if_nested(e);
		} catch (const std::out_of_range &in) {
			inner = in.what();
		}
		check(std::string(e.what()) == "outer" && inner == "inner", "nested exceptions");
	}

	// Library exceptions.
	std::vector<int> v(3);
	try {
		v.at(7) = 1;
		check(false, "vector::at throws");
	} catch (const std::out_of_range &) {
		check(true, "vector::at throws std::out_of_range");
	}
	try {
		(void)std::stoi("not a number");
	} catch (const std::invalid_argument &e) {
		check(true, std::string("stoi throws std::invalid_argument (") + e.what() + ")");
	}
}

// --- RTTI -------------------------------------------------------------------------------

struct Shape {
	virtual ~Shape() = default;
	virtual double area() const = 0;
};
struct Square : Shape {
	double s;
	explicit Square(double x) : s(x) {}
	double area() const override { return s * s; }
};
struct Circle : Shape {
	double r;
	explicit Circle(double x) : r(x) {}
	double area() const override { return 3.0 * r * r; }
};

void rtti()
{
	std::vector<std::unique_ptr<Shape>> shapes;
	shapes.emplace_back(new Square(2));
	shapes.emplace_back(new Circle(1));
	shapes.emplace_back(new Square(3));
	int squares = 0;
	double area = 0;
	for (const auto &s : shapes) {
		std::cout << "shape " << demangle(typeid(*s).name()) << " area " << s->area() << '\n';
		if (dynamic_cast<Square *>(s.get()))
			squares++;
		area += s->area();
	}
	check(squares == 2 && area == 16.0, "dynamic_cast and virtual calls");
	check(typeid(*shapes[0]) == typeid(Square) && typeid(*shapes[1]) != typeid(Square),
	      "typeid comparisons");
	try {
		(void)dynamic_cast<Square &>(*shapes[1]);
		check(false, "bad_cast");
	} catch (const std::bad_cast &) {
		check(true, "dynamic_cast to a reference throws std::bad_cast");
	}
}

// --- iostreams to a host file -----------------------------------------------------------

void files(const char *path)
{
	{
		std::ofstream out(path);
		check(static_cast<bool>(out), "ofstream opens the host file");
		for (int i = 1; i <= 20; i++)
			out << std::setw(3) << i << ' ' << std::fixed << std::setprecision(3)
			    << 1.0 / i << ' ' << std::hex << i * 255 << std::dec << '\n';
	}
	std::ifstream in(path);
	std::string line;
	int lines = 0;
	double sum = 0;
	while (std::getline(in, line)) {
		std::istringstream fields(line);
		int i;
		double x;
		fields >> i >> x;
		sum += x;
		lines++;
	}
	std::cout << "file: " << lines << " lines, sum " << std::setprecision(3) << sum << '\n';
	check(lines == 20, "ifstream reads it back");
}

// --- threads ----------------------------------------------------------------------------

// A fixed pool of workers taking jobs from one queue (mutex + condition variable).
class Pool {
	std::mutex lock;
	std::condition_variable cv;
	std::deque<std::function<void()>> jobs;
	bool stopping = false;
	std::vector<std::thread> workers;

	void work()
	{
		for (;;) {
			std::function<void()> job;
			{
				std::unique_lock<std::mutex> l(lock);
				cv.wait(l, [this] { return stopping || !jobs.empty(); });
				if (jobs.empty())
					return;
				job = std::move(jobs.front());
				jobs.pop_front();
			}
			job();
		}
	}

public:
	explicit Pool(int n)
	{
		for (int i = 0; i < n; i++)
			workers.emplace_back(&Pool::work, this);
	}
	~Pool()
	{
		{
			std::lock_guard<std::mutex> l(lock);
			stopping = true;
		}
		cv.notify_all();
		for (auto &w : workers)
			w.join();
	}
	template <class F> auto submit(F f) -> std::future<decltype(f())>
	{
		auto task = std::make_shared<std::packaged_task<decltype(f())()>>(std::move(f));
		auto result = task->get_future();
		{
			std::lock_guard<std::mutex> l(lock);
			jobs.emplace_back([task] { (*task)(); });
		}
		cv.notify_one();
		return result;
	}
};

std::atomic<int> tl_made, tl_gone;

struct PerThread {
	int uses = 0;
	PerThread() { tl_made++; }
	~PerThread() { tl_gone++; }
};
thread_local PerThread per_thread;

void threads()
{
	long long total = 0;
	int thrown = 0;
	{
		Pool pool(4);
		std::vector<std::future<long long>> results;
		for (long long i = 1; i <= 100; i++)
			results.push_back(pool.submit([i]() -> long long {
				per_thread.uses++;
				if (i % 25 == 0)
					throw std::domain_error("job " + std::to_string(i));
				return i * i;
			}));
		for (auto &r : results) {
			try {
				total += r.get();
			} catch (const std::domain_error &e) {
				thrown++;
			}
		}
	}
	std::cout << "pool: sum of squares " << total << ", " << thrown << " jobs threw\n";
	check(total == 338350 - (625 + 2500 + 5625 + 10000) && thrown == 4,
	      "thread pool, futures, exceptions carried to the caller");
	check(tl_made == tl_gone && tl_made >= 1 && tl_made <= 4,
	      "the pool's thread_local objects destroyed with their threads");
	int made = tl_made, gone = tl_gone;
	std::vector<std::thread> three;
	for (int i = 0; i < 3; i++)
		three.emplace_back([] { per_thread.uses += 2; });
	for (auto &t : three)
		t.join();
	check(tl_made - made == 3 && tl_gone - gone == 3,
	      "thread_local: one object per thread, destroyed at thread exit");

	// An exception_ptr taken in one thread, rethrown in another.
	std::exception_ptr ep;
	std::thread t([&ep] {
		try {
			recurse(3);
		} catch (...) {
			ep = std::current_exception();
		}
	});
	t.join();
	try {
		std::rethrow_exception(ep);
	} catch (const DeepError &e) {
		check(e.depth == 12, "exception_ptr across threads");
	}

	// std::async, mutex contention.
	std::mutex m;
	long counter = 0;
	std::vector<std::future<void>> adders;
	for (int i = 0; i < 4; i++)
		adders.push_back(std::async(std::launch::async, [&] {
			for (int k = 0; k < 10000; k++) {
				std::lock_guard<std::mutex> l(m);
				counter++;
			}
		}));
	for (auto &a : adders)
		a.get();
	check(counter == 40000, "std::async and std::mutex");
}

void chrono()
{
	using namespace std::chrono;
	auto t0 = steady_clock::now();
	std::this_thread::sleep_for(milliseconds(20));
	auto slept = duration_cast<milliseconds>(steady_clock::now() - t0).count();
	check(slept >= 20 && slept < 5000, "sleep_for(20 ms) on the steady clock");

	std::mutex m;
	std::condition_variable cv;
	std::unique_lock<std::mutex> l(m);
	check(cv.wait_for(l, milliseconds(10)) == std::cv_status::timeout,
	      "condition_variable::wait_for times out");
	auto now = system_clock::to_time_t(system_clock::now());
	check(now > 1500000000, "system_clock is the wall clock");
}

// std::filesystem over forwarded files: a tree made, walked, renamed and removed.
int filesystem(const char *dir)
{
	namespace fs = std::filesystem;
	fs::path d = dir;
	fs::remove_all(d);
	check(fs::create_directories(d / "a" / "b"), "create_directories");
	std::ofstream(d / "a" / "x.txt") << "hello, filesystem\n";
	std::set<std::string> names;
	for (const auto &e : fs::recursive_directory_iterator(d))
		names.insert(fs::relative(e.path(), d).string() + (e.is_directory() ? "/" : ""));
	for (const auto &n : names)
		std::cout << "entry " << n << '\n';
	check(fs::file_size(d / "a" / "x.txt") == 18 && fs::is_directory(d / "a" / "b"),
	      "file_size, is_directory");
	fs::rename(d / "a" / "x.txt", d / "y.txt");
	check(fs::exists(d / "y.txt") && !fs::exists(d / "a" / "x.txt"), "rename");
	std::error_code ec;
	auto size = fs::file_size(d / "missing", ec);
	std::cout << "missing file: " << ec.message() << '\n';
	check(size == static_cast<std::uintmax_t>(-1), "file_size of a missing file");
	check(fs::path(dir).filename() == d.filename() && d.is_absolute() == (dir[0] == '/'),
	      "path decomposition");
	std::cout << "removed " << fs::remove_all(d) << '\n';
	check(!fs::exists(d), "remove_all");
	std::cout << (failures ? "hello++ --filesystem: failed" : "hello++ --filesystem: ok") << '\n';
	return failures ? 1 : 0;
}

} // namespace

int main(int argc, char **argv)
{
	if (argc == 2 && std::string(argv[1]) == "--uncaught-thread") {
		std::cout << "hello++: throwing out of a thread" << std::endl;
		std::thread([] { throw std::runtime_error("uncaught in a thread"); }).join();
		return 0;
	}
	if (argc == 3 && std::string(argv[1]) == "--filesystem")
		return filesystem(argv[2]);
	if (argc == 2 && std::string(argv[1]) == "--uncaught") {
		std::cout << "hello++: throwing out of main" << std::endl;
		throw std::runtime_error("uncaught in hello++");
	}
	if (argc != 2) {
		std::cerr << "usage: hello++ FILE | --uncaught | --uncaught-thread | --filesystem DIR\n";
		return 64;
	}
	std::cout << "Hello from C++ " << __cplusplus << '\n';
	static_init();
	exceptions();
	rtti();
	files(argv[1]);
	threads();
	chrono();
	if (failures) {
		std::cout << "hello++: " << failures << " checks failed\n";
		return 1;
	}
	std::cout << "hello++: ok" << std::endl;
	return 0;
}
