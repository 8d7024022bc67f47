// Cost per simulated event as the workload grows, one dimension at a time: n, 2n, 4n, 8n
// threads, processes, mutex waiters, channel receivers, processes of GIL-sharing threads, and
// asyncio tasks on one event loop.
// Prints the time per engine step at each size and its growth factor against n: about 1.0
// is O(1) per event, 2x at 8n is the "within 2x" target, 8x means a per-event sweep over the
// dimension (a linear scan). A plain program (no Google Benchmark) so it also builds for wasm.
// Times are CPU time of this process (std::clock): the build machine is shared and loaded, and
// wall time would measure the other jobs as much as this one. Each size runs at least five times
// and for at least 0.4 s of CPU, and the median run counts: a run of the smallest size takes
// about 3 ms, where one cache-cold or interrupted run (or one lucky one, for a best-of) moved the
// growth factor by half its value between otherwise equal measurements.
// Run: build/<dir>/bench/engine_scaling [--quick] [DIMENSION...]
#include "sim/engine/engine.h"

#include <ctime>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

namespace {

std::string repeat_threads(int n, const std::string& thread) {
  std::string out;
  for (int i = 0; i < n; ++i) out += (i ? "," : "") + thread;
  return out;
}

// n threads of one process, each alternating compute and I/O.
std::string threads_doc(int n) {
  return R"({"machine":{"profile":"native","cores":8},"processes":[{"threads":[)" +
         repeat_threads(n, R"({"program":[{"repeat":20,"do":[{"compute_us":100},{"io_us":1000}]}]})") + "]}]}";
}

// n single-thread processes with the same program.
std::string processes_doc(int n) {
  std::string procs;
  for (int i = 0; i < n; ++i)
    procs += std::string(i ? "," : "") + R"({"threads":[{"program":[{"repeat":20,"do":[{"compute_us":100},{"io_us":1000}]}]}]})";
  return R"({"machine":{"profile":"native","cores":8},"processes":[)" + procs + "]}";
}

// n threads contending for one mutex: up to n - 8 sleep on it at once.
std::string waiters_doc(int n) {
  return R"({"machine":{"profile":"native","cores":8},"processes":[{"threads":[)" +
         repeat_threads(n, R"({"program":[{"repeat":20,"do":[{"lock":"m"},{"compute_us":10},{"unlock":"m"},{"compute_us":10}]}]})") +
         "]}]}";
}

// n receivers wait on one queue; one sender feeds them all, 20 rounds.
std::string receivers_doc(int n) {
  return R"({"machine":{"profile":"native","cores":8},"channels":{"q":"queue"},"processes":[{"threads":[)" +
         std::string(R"({"program":[{"repeat":)") + std::to_string(20 * n) +
         R"(,"do":[{"send":"q","bytes":8},{"compute_us":1}]}]},)" +
         repeat_threads(n, R"({"program":[{"repeat":20,"do":[{"receive":"q"},{"compute_us":10}]}]})") + "]}]}";
}

// n processes of 2 Python threads under their GILs.
std::string gil_doc(int n) {
  std::string procs;
  const std::string t = R"({"program":[{"repeat":20,"do":[{"compute_us":2000},{"io_us":1000}]}]})";
  for (int i = 0; i < n; ++i) procs += std::string(i ? "," : "") + R"({"threads":[)" + t + "," + t + "]}";
  return R"({"machine":{"profile":"python","cores":8},"runtime":{"python":"3.11"},"processes":[)" + procs + "]}";
}

// n asyncio tasks on one thread's event loop, each alternating compute and an I/O await: the
// loop's ready queue and its heap of awaits grow with n.
std::string asyncio_doc(int n) {
  return R"({"machine":{"profile":"python","cores":8},"runtime":{"gil":true},"processes":[{"threads":[
      {"program":[{"event_loop":{"tasks":[{"count":)" +
         std::to_string(n) + R"(,"program":[{"repeat":20,"do":[{"compute_us":100},{"io_us":1000}]}]}]}}]}]}]})";
}

struct Figure {
  double ns_per_event = 0;
  std::uint64_t events = 0;
};

Figure measure(const std::string& json) {
  const tl::ParseResult parsed = tl::parse_scenario(json);
  if (!parsed.scenario) {
    std::fprintf(stderr, "%s\n", tl::format_error(parsed.errors.front()).c_str());
    return {};
  }
  constexpr int kMinRuns = 5;
  constexpr double kMinSeconds = 0.4;
  std::vector<double> seconds;
  double total = 0;
  std::uint64_t events = 0;
  while (static_cast<int>(seconds.size()) < kMinRuns || total < kMinSeconds) {
    const std::clock_t t0 = std::clock();
    const tl::RunResult r = tl::run(*parsed.scenario);
    const double s = static_cast<double>(std::clock() - t0) / CLOCKS_PER_SEC;
    events = r.events;
    seconds.push_back(s);
    total += s;
  }
  std::nth_element(seconds.begin(), seconds.begin() + seconds.size() / 2, seconds.end());
  const double median = seconds[seconds.size() / 2];
  return {median * 1e9 / static_cast<double>(events ? events : 1), events};
}

}  // namespace

int main(int argc, char** argv) {
#if defined(__GLIBC__)
  // Keep freed memory in the process so every repeated run reuses warm pages: by default glibc
  // serves a run's large trace vectors from fresh mmaps (and trims the heap after it), so the
  // larger sizes paid the kernel's page zeroing on every run while the smaller ones reused the
  // same pages, and the growth factor measured that difference rather than the engine.
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
  bool quick = false;
  std::vector<std::string> only;  // dimensions named on the command line; none: all
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--quick") == 0) quick = true;
    else only.emplace_back(argv[i]);
  }
  struct Dimension {
    const char* name;
    int base;
    std::function<std::string(int)> doc;
  };
  const Dimension dims[] = {
      {"threads", 500, threads_doc},
      {"processes", 250, processes_doc},
      {"mutex_waiters", 250, waiters_doc},
      {"channel_receivers", 250, receivers_doc},
      {"gil_processes", 125, gil_doc},
      {"asyncio_tasks", 500, asyncio_doc},
  };
  std::printf("%-18s %8s %10s %12s %8s\n", "dimension", "n", "events", "ns/event", "growth");
  for (const Dimension& d : dims) {
    if (!only.empty() && std::find(only.begin(), only.end(), d.name) == only.end()) continue;
    double base_ns = 0;
    for (int k = 1; k <= (quick ? 2 : 8); k *= 2) {
      const int n = d.base * k;
      const Figure f = measure(d.doc(n));
      if (k == 1) base_ns = f.ns_per_event;
      std::printf("%-18s %8d %10llu %12.1f %7.2fx\n", d.name, n, static_cast<unsigned long long>(f.events),
                  f.ns_per_event, base_ns > 0 ? f.ns_per_event / base_ns : 0.0);
      std::fflush(stdout);
    }
  }
  return 0;
}
