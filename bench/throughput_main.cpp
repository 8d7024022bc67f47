// Portable engine throughput probe: the same workload natively and as wasm under Node
// (scripts/bench.sh compares the two). Prints one line of figures; Google Benchmark is not
// available for emcc, so this measures with steady_clock over whole runs.
#include "large_scenario.h"
#include "sim/engine/engine.h"

#include <chrono>
#include <cstdio>

int main() {
  const tl::bench::LargeScenarioShape shape;
  auto parsed = tl::parse_scenario(tl::bench::large_scenario_json(shape));
  if (!parsed.scenario) {
    for (auto& e : parsed.errors) std::fprintf(stderr, "%s\n", tl::format_error(e).c_str());
    return 1;
  }
  double best_s = 1e30;
  std::uint64_t events = 0, spans = 0;
  for (int rep = 0; rep < 3; ++rep) {
    const auto t0 = std::chrono::steady_clock::now();
    const tl::RunResult r = tl::run(*parsed.scenario);
    const auto t1 = std::chrono::steady_clock::now();
    events = r.events;
    spans = 0;
    for (auto& lane : r.trace.cores) spans += lane.size();
    for (auto& lane : r.trace.threads) spans += lane.size();
    const double s = std::chrono::duration<double>(t1 - t0).count();
    if (s < best_s) best_s = s;
  }
  std::printf("threads=%d cores=%d events=%llu spans=%llu best_s=%.3f events_per_s=%.0f\n",
              shape.processes * shape.threads_per_proc, shape.cores,
              static_cast<unsigned long long>(events), static_cast<unsigned long long>(spans),
              best_s, static_cast<double>(events) / best_s);
  return 0;
}
