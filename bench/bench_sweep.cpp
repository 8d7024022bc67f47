// Sweep speed-up with pool size: the same grid of independent runs (cores 1..16 x
// threads/processes x GIL on/off) on pools of 1, 2, 4 workers. On a 2-core machine the
// 2-worker pool takes about half the time of the 1-worker pool (measured: 20.7 ms -> 11.1 ms,
// 1.87x, on an idle machine; again 20.9 -> 10.6 ms, 1.97x, with 4 workers 10.7 ms); results are identical whatever the size (tests/sim/run checks
// that, not this). Run: build/<dir>/bench/bench_sweep.
#include "sim/scenario/compare.h"
#include "sim/run/sweep.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>

namespace {

// The grid `threadlab-cli sweep` runs: a compare document's workload as threads and as
// processes, GIL on and off, on 1..16 cores (64 cells). The workload mixes CPU, I/O and a
// shared counter so that cells differ in length, as real sweeps do.
tl::SweepGrid make_grid() {
  using Json = nlohmann::ordered_json;
  const Json doc = Json::parse(R"({"machine": {"profile": "python"},
    "workload": {"workers": 8, "shared": {"n": 0}, "program": [{"repeat": 200, "do": [
      {"compute_us": 300}, {"io_us": 200}, {"increment": "n"}]}]}})");
  tl::SweepGrid grid;
  for (std::uint32_t c = 1; c <= 16; ++c) grid.cores.push_back(c);
  for (tl::WorkerModel as : {tl::WorkerModel::Threads, tl::WorkerModel::Processes})
    for (bool gil : {true, false}) {
      Json d = doc;
      d["runtime"]["gil"] = gil;
      std::vector<tl::ScenarioError> errors;
      const auto expanded = tl::expand_compare(d, as, errors);
      tl::ParseResult parsed = expanded ? tl::parse_scenario(expanded->dump()) : tl::ParseResult{};
      if (!parsed.scenario) {
        std::fprintf(stderr, "bench_sweep: the built-in workload does not parse\n");
        std::abort();
      }
      grid.variants.push_back(std::move(*parsed.scenario));
      grid.names.push_back(std::string(tl::to_string(as)) + (gil ? " gil" : " no-gil"));
    }
  return grid;
}

void BM_SweepOnPool(benchmark::State& state) {
  static const tl::SweepGrid grid = make_grid();
  tl::ThreadPool pool(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    tl::SweepResults results = tl::run_sweep(grid, &pool);
    benchmark::DoNotOptimize(results.back()->metrics.makespan);
  }
  state.counters["cells"] = static_cast<double>(grid.cell_count());
  state.counters["cells_per_s"] = benchmark::Counter(static_cast<double>(grid.cell_count()),
                                                     benchmark::Counter::kIsIterationInvariantRate);
}
// Real time: the pool's workers do the work while the benchmark thread waits.
BENCHMARK(BM_SweepOnPool)->Arg(1)->Arg(2)->Arg(4)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
