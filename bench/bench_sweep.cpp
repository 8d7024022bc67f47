// Sweep speed-up with pool size (issue #4): the same grid of independent runs (cores 1..16 x
// 4 variants) on pools of 1, 2, ... workers. On this 2-core machine the 2-worker pool should
// take about half the time of the 1-worker pool; results are identical whatever the size
// (checked by tests/sim4, not here). Run: build/<dir>/bench/bench_sweep.
#include "large_scenario.h"
#include "sim/sweep.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>

namespace {

tl::SweepGrid make_grid() {
  tl::bench::LargeScenarioShape shape;
  shape.processes        = 4;
  shape.threads_per_proc = 16;
  shape.iterations       = 20;
  tl::SweepGrid grid;
  for (std::uint32_t c = 1; c <= 16; ++c) grid.cores.push_back(c);
  // Four rows of different weight, standing in for threads/processes x GIL on/off.
  for (int v = 0; v < 4; ++v) {
    shape.iterations = 10 + 5 * v;
    auto parsed = tl::parse_scenario(tl::bench::large_scenario_json(shape));
    if (!parsed.scenario) {
      std::fprintf(stderr, "%s\n", tl::format_error(parsed.errors.front()).c_str());
      std::abort();
    }
    grid.variants.push_back(std::move(*parsed.scenario));
    grid.names.push_back("variant " + std::to_string(v));
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
