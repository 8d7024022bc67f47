// A parallel sweep: the same workload on a grid of machines (core counts x variants such as
// threads/processes and GIL on/off), for the speedup chart. Every cell is an independent,
// deterministic run, so results are stored by grid position and never depend on how many
// workers ran them or in what order they finished.
#pragma once
#include "sim/engine/engine.h"
#include "sim/run/thread_pool.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace tl {

struct SweepGrid {
  std::vector<std::uint32_t> cores;  // columns, e.g. 1..16
  std::vector<Scenario> variants;    // rows; each cell overrides machine.cores
  std::vector<std::string> names;    // one per variant ("threads", "processes+gil", ...)

  std::size_t cell_count() const { return cores.size() * variants.size(); }
  // Grid order: variant-major, so cell(v * cores.size() + c) is variants[v] on cores[c].
  std::size_t variant_of(std::size_t cell) const { return cell / cores.size(); }
  std::uint32_t cores_of(std::size_t cell) const { return cores[cell % cores.size()]; }
  Scenario cell(std::size_t index) const;
};

using SweepResults = std::vector<std::shared_ptr<const RunResult>>;  // grid order

// One variant's row of the speedup chart. Speedup is in thousandths (integer, so the chart and
// the CLI print the same digits on every platform): baseline makespan * 1000 / makespan.
struct SpeedupRow {
  std::string name;
  std::vector<TimeNs> makespan;             // per core count; -1 if that run did not complete
  std::vector<std::int64_t> speedup_milli;  // 0 where makespan is -1 or 0
};
// `baseline` is the makespan every row is compared with; by default (-1) the first variant's
// run on the first core count, so rows compare with each other (threads vs processes), not
// each with itself.
std::vector<SpeedupRow> sweep_speedups(const SweepGrid& grid, const SweepResults& results, TimeNs baseline = -1);

// Runs every cell; on `pool` if given, else on the caller in grid order. Without `keep_traces`
// each result keeps its outcome and metrics but drops its trace as soon as the cell is done, so
// a large grid holds one trace per worker at a time instead of one per cell.
SweepResults run_sweep(const SweepGrid& grid, ThreadPool* pool = nullptr, bool keep_traces = true);

// The same sweep one cell per call, for a caller that cannot block (the single-threaded web
// build runs one cell per frame). Gives exactly run_sweep's results.
class SweepSlicer {
 public:
  explicit SweepSlicer(SweepGrid grid);
  bool run_next();  // runs the next cell; false when all are done
  bool done() const { return next_ == results_.size(); }
  std::size_t completed() const { return next_; }
  const SweepGrid& grid() const { return grid_; }
  const SweepResults& results() const { return results_; }

 private:
  SweepGrid grid_;
  SweepResults results_;
  std::size_t next_ = 0;
};

}  // namespace tl
