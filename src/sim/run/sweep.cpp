#include "sim/run/sweep.h"

#include <string>

namespace tl {

Scenario SweepGrid::cell(std::size_t index) const {
  Scenario s = variants[variant_of(index)];
  s.machine.cores = cores_of(index);
  return s;
}

SweepResults run_sweep(const SweepGrid& grid, ThreadPool* pool, bool keep_traces) {
  SweepResults results(grid.cell_count());
  auto one = [&](std::size_t i) {
    RunResult r = run(grid.cell(i));
    if (!keep_traces) r.trace = Trace{};
    results[i] = std::make_shared<const RunResult>(std::move(r));
  };
  if (pool) {
    pool->parallel_for(results.size(), one);
  } else {
    for (std::size_t i = 0; i < results.size(); ++i) one(i);
  }
  return results;
}

std::vector<SpeedupRow> sweep_speedups(const SweepGrid& grid, const SweepResults& results, TimeNs baseline) {
  auto makespan = [&](std::size_t cell) -> TimeNs {
    const auto& r = cell < results.size() ? results[cell] : nullptr;
    return r && r->outcome == Outcome::Completed ? r->metrics.makespan : -1;
  };
  if (baseline < 0 && grid.cell_count() > 0) baseline = makespan(0);
  std::vector<SpeedupRow> rows(grid.variants.size());
  for (std::size_t v = 0; v < rows.size(); ++v) {
    rows[v].name = v < grid.names.size() ? grid.names[v] : "variant " + std::to_string(v);
    for (std::size_t c = 0; c < grid.cores.size(); ++c) {
      const TimeNs m = makespan(v * grid.cores.size() + c);
      rows[v].makespan.push_back(m);
      // baseline * 1000 fits in int64 up to ~106 simulated days; the parser caps times far lower.
      rows[v].speedup_milli.push_back(m > 0 && baseline > 0 ? baseline * 1000 / m : 0);
    }
  }
  return rows;
}

SweepSlicer::SweepSlicer(SweepGrid grid) : grid_(std::move(grid)), results_(grid_.cell_count()) {}

bool SweepSlicer::run_next() {
  if (done()) return false;
  results_[next_] = std::make_shared<const RunResult>(run(grid_.cell(next_)));
  ++next_;
  return true;
}

}  // namespace tl
