#include "sim/sweep.h"

namespace tl {

Scenario SweepGrid::cell(std::size_t index) const {
  Scenario s = variants[variant_of(index)];
  s.machine.cores = cores_of(index);
  return s;
}

SweepResults run_sweep(const SweepGrid& grid, ThreadPool* pool) {
  SweepResults results(grid.cell_count());
  auto one = [&](std::size_t i) { results[i] = std::make_shared<const RunResult>(run(grid.cell(i))); };
  if (pool) {
    pool->parallel_for(results.size(), one);
  } else {
    for (std::size_t i = 0; i < results.size(); ++i) one(i);
  }
  return results;
}

SweepSlicer::SweepSlicer(SweepGrid grid) : grid_(std::move(grid)), results_(grid_.cell_count()) {}

bool SweepSlicer::run_next() {
  if (done()) return false;
  results_[next_] = std::make_shared<const RunResult>(run(grid_.cell(next_)));
  ++next_;
  return true;
}

}  // namespace tl
