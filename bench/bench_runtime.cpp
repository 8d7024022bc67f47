// What the runtime model costs per engine step: the GIL and the memory model.
//   BM_GilLarge:   the engine's speed workload (bench/large_scenario.h: 32 processes x threads, rr,
//                  compute/I/O/lock/increment) under profile textbook (no GIL, all costs 0)
//                  and under profile python with the GIL on; same programs, so the difference
//                  per step is the price of acquire/release/drop requests and costs by kind.
//   BM_ForkWrite:  a parent forks many children that loop over heap writes (copy-on-write
//                  faults first, then in-place writes) with compute and I/O: the memory model
//                  and its lanes on the hot path.
// Each reports events/s and ns/event (s/event printed with an SI prefix: "41n" = 41 ns).
// Run: build/<dir>/bench/bench_runtime.
#include "large_scenario.h"
#include "sim/engine/engine.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

namespace {

tl::Scenario parse_or_die(const std::string& json) {
  auto parsed = tl::parse_scenario(json);
  if (!parsed.scenario) {
    std::fprintf(stderr, "%s\n", tl::format_error(parsed.errors.front()).c_str());
    std::abort();
  }
  return std::move(*parsed.scenario);
}

void run_and_count(benchmark::State& state, const tl::Scenario& scenario) {
  std::uint64_t events = 0, cow = 0;
  for (auto _ : state) {
    tl::RunResult r = tl::run(scenario);
    events = r.events;
    cow = 0;
    for (const auto& lane : r.trace.memory) cow += lane.size();
    benchmark::DoNotOptimize(r.trace.makespan);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(events) * state.iterations());
  state.counters["events"] = static_cast<double>(events);
  state.counters["memory_samples"] = static_cast<double>(cow);
  state.counters["events_per_s"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["s_per_event"] = benchmark::Counter(
      static_cast<double>(events), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

// arg 0: 0 = textbook, 1 = python + GIL. arg 1: cores. 1024 threads in 32 processes.
void BM_GilLarge(benchmark::State& state) {
  static std::map<std::pair<int, int>, tl::Scenario> cache;
  const int python = static_cast<int>(state.range(0)), cores = static_cast<int>(state.range(1));
  auto it = cache.find({python, cores});
  if (it == cache.end()) {
    tl::bench::LargeScenarioShape shape;
    shape.cores = cores;
    shape.threads_per_proc = 32;
    shape.profile = python ? "python" : "textbook";
    shape.gil = python != 0;
    it = cache.emplace(std::pair{python, cores}, parse_or_die(tl::bench::large_scenario_json(shape))).first;
  }
  state.SetLabel(python ? "python+gil" : "textbook");
  run_and_count(state, it->second);
}
BENCHMARK(BM_GilLarge)->Args({0, 8})->Args({1, 8})->Args({0, 64})->Args({1, 64})->Unit(benchmark::kMillisecond);

// A parent (python profile: 5 MB heap = 1280 pages) forks `children`, each looping
// `iterations` times over compute, 20 heap writes of 64 pages and an I/O, then waits for all.
std::string fork_write_json(int children, int iterations) {
  std::string j = R"({"machine":{"profile":"python","cores":8},"scheduler":{"policy":"rr","quantum_us":1000},"processes":[)";
  j += R"({"name":"parent","threads":[{"program":[)";
  for (int c = 0; c < children; ++c) j += R"({"fork":"c)" + std::to_string(c) + R"("},)";
  for (int c = 0; c < children; ++c) j += std::string(c ? "," : "") + R"({"wait":"c)" + std::to_string(c) + R"("})";
  j += "]}]}";
  for (int c = 0; c < children; ++c) {
    j += R"(,{"name":"c)" + std::to_string(c) + R"(","start":"fork","threads":[{"program":[{"repeat":)" +
         std::to_string(iterations) + R"(,"do":[{"compute_us":)" + std::to_string(20 + c % 7) + "}";
    for (int w = 0; w < 20; ++w) j += R"(,{"write":"heap","pages":64,"first_page":)" + std::to_string(w * 64) + "}";
    j += R"(,{"io_us":50}]}]}]})";
  }
  return j + "]}";
}

void BM_ForkWrite(benchmark::State& state) {
  static std::map<int, tl::Scenario> cache;
  const int children = static_cast<int>(state.range(0));
  auto it = cache.find(children);
  if (it == cache.end()) it = cache.emplace(children, parse_or_die(fork_write_json(children, 200))).first;
  run_and_count(state, it->second);
}
BENCHMARK(BM_ForkWrite)->Arg(16)->Arg(64)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
