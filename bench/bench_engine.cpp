// Engine speed and memory figures (targets: >= 10 M simulated events/s natively on one
// core; memory per simulated thread and per trace span). Run: build/native/bench/bench_engine.
#include "alloc_counter.h"
#include "large_scenario.h"
#include "sim/engine/engine.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>

namespace {

const tl::Scenario& scenario_for(const tl::bench::LargeScenarioShape& shape) {
  static std::vector<std::pair<tl::bench::LargeScenarioShape, tl::Scenario>> cache;
  for (auto& [s, sc] : cache)
    if (s.cores == shape.cores && s.processes == shape.processes &&
        s.threads_per_proc == shape.threads_per_proc && s.iterations == shape.iterations &&
        s.profile == shape.profile && s.gil == shape.gil)
      return sc;
  auto parsed = tl::parse_scenario(tl::bench::large_scenario_json(shape));
  if (!parsed.scenario) {
    std::fprintf(stderr, "%s\n", tl::format_error(parsed.errors.front()).c_str());
    std::abort();
  }
  cache.emplace_back(shape, std::move(*parsed.scenario));
  return cache.back().second;
}

std::uint64_t span_count(const tl::Trace& trace) {
  std::uint64_t n = 0;
  for (auto& lane : trace.cores) n += lane.size();
  for (auto& lane : trace.threads) n += lane.size();
  return n;
}

void BM_EngineLarge(benchmark::State& state) {
  tl::bench::LargeScenarioShape shape;
  shape.cores = static_cast<int>(state.range(0));
  shape.threads_per_proc = static_cast<int>(state.range(1)) / shape.processes;
  const tl::Scenario& scenario = scenario_for(shape);
  std::uint64_t events = 0, spans = 0;
  for (auto _ : state) {
    tl::RunResult r = tl::run(scenario);
    events = r.events;
    spans = span_count(r.trace);
    benchmark::DoNotOptimize(r.trace.makespan);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(events) * state.iterations());
  state.counters["events"] = static_cast<double>(events);
  state.counters["spans"] = static_cast<double>(spans);
  state.counters["events_per_s"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_EngineLarge)->Args({64, 4000})->Args({8, 1024})->Args({1, 256})->Unit(benchmark::kMillisecond);

// Peak heap bytes while a run is in progress (engine state plus the trace it builds), divided
// per simulated thread and per recorded span; retained_MB is what the result keeps afterwards
// (BM_MarginalMemoryPerThread isolates the cost of one more thread).
// trace_B_per_span counts lane capacity: 24 B/span (sizeof a span) since the engine trims
// lanes at the end of a run, 37.1 B/span before (doubling growth).
void BM_MemoryPerThreadAndSpan(benchmark::State& state) {
  tl::bench::LargeScenarioShape shape;
  shape.threads_per_proc = static_cast<int>(state.range(0)) / shape.processes;
  const tl::Scenario& scenario = scenario_for(shape);
  for (auto _ : state) {
    tl::bench::alloc_reset_peak();
    const std::size_t before = tl::bench::alloc_live_bytes();
    tl::RunResult r = tl::run(scenario);
    const double peak = static_cast<double>(tl::bench::alloc_peak_bytes() - before);
    const double retained = static_cast<double>(tl::bench::alloc_live_bytes() - before);  // the RunResult
    const double threads = static_cast<double>(scenario.threads.size());
    const double spans = static_cast<double>(span_count(r.trace));
    std::size_t trace_bytes = 0;
    for (auto& lane : r.trace.cores) trace_bytes += lane.capacity() * sizeof(tl::CoreSpan);
    for (auto& lane : r.trace.threads) trace_bytes += lane.capacity() * sizeof(tl::StateSpan);
    state.counters["peak_MB"] = peak / 1e6;
    state.counters["retained_MB"] = retained / 1e6;
    state.counters["trace_B_per_span"] = static_cast<double>(trace_bytes) / spans;
    state.counters["peak_B_per_thread"] = peak / threads;
    state.counters["spans"] = spans;
  }
}
BENCHMARK(BM_MemoryPerThreadAndSpan)->Arg(4000)->Iterations(1)->Unit(benchmark::kMillisecond);

// What one more simulated thread costs: the peak heap of a run with 2N threads minus that of
// a run with N, over N. Each thread does one short burst, so this is the engine's per-thread
// state plus the handful of spans such a thread leaves, not the trace of a long program.
void BM_MarginalMemoryPerThread(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  auto scenario_with = [](int threads) {
    std::string j = R"({"machine":{"cores":64,"profile":"textbook"},"processes":[{"name":"P","threads":[)";
    for (int t = 0; t < threads; ++t)
      j += (t ? "," : "") + std::string(R"({"name":"t)") + std::to_string(t) +
           R"(","program":[{"compute_us":5}]})";
    j += "]}]}";
    auto parsed = tl::parse_scenario(j);
    if (!parsed.scenario) std::abort();
    return std::move(*parsed.scenario);
  };
  const tl::Scenario small = scenario_with(n), large = scenario_with(2 * n);
  auto peak_of = [](const tl::Scenario& s) {
    tl::bench::alloc_reset_peak();
    const std::size_t before = tl::bench::alloc_live_bytes();
    tl::RunResult r = tl::run(s);
    benchmark::DoNotOptimize(r.trace.makespan);
    return static_cast<double>(tl::bench::alloc_peak_bytes() - before);
  };
  for (auto _ : state) {
    const double per_thread = (peak_of(large) - peak_of(small)) / n;
    state.counters["B_per_thread"] = per_thread;
  }
}
BENCHMARK(BM_MarginalMemoryPerThread)->Arg(4096)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_Parse(benchmark::State& state) {
  const std::string json = tl::bench::large_scenario_json({});
  for (auto _ : state) benchmark::DoNotOptimize(tl::parse_scenario(json));
  state.SetBytesProcessed(static_cast<std::int64_t>(json.size()) * state.iterations());
}
BENCHMARK(BM_Parse)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
