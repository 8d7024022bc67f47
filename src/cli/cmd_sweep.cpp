// `threadlab-cli sweep FILE --cores A..B [--json]`: a compare document run on every core count
// as threads and as processes, each with the GIL on and off, on a thread pool; prints the
// speedup of every cell against threads+GIL on the first core count.
#include "cli/commands.h"
#include "sim/scenario/compare.h"
#include "sim/core/format.h"
#include "sim/run/sweep.h"

#include <cstdio>
#include <ostream>

namespace tl::cli {

std::optional<Scenario> load_compare_variant(const std::string& file, const std::string& text, WorkerModel as,
                                             std::optional<bool> gil, Streams io);

int cmd_sweep(std::span<const std::string> args, Streams io) {
  SweepArgs a;
  if (std::string bad = parse_sweep_args(args, a); !bad.empty()) {
    io.err << "error: " << bad << "\n";
    return kExitBadInput;
  }
  const std::string& file = a.file;
  const bool json = a.json;
  const std::vector<std::uint32_t>& cores = a.cores;
  std::string reason;
  const std::optional<std::string> text = read_text_file(file, reason);
  if (!text) {
    io.err << "error: " << file << ": " << reason << "\n";
    return kExitBadInput;
  }
  SweepGrid grid;
  grid.cores = cores;
  for (WorkerModel m : {WorkerModel::Threads, WorkerModel::Processes})
    for (bool gil : {true, false}) {
      std::optional<Scenario> sc = load_compare_variant(file, *text, m, gil, io);
      if (!sc) return kExitBadInput;
      grid.variants.push_back(std::move(*sc));
      grid.names.push_back(std::string(to_string(m)) + (gil ? "+gil" : ""));
    }
  ThreadPool pool(ThreadPool::hardware_threads());  // 1 in builds without threads
  // Only makespans are printed: dropping each cell's trace keeps a 1024-cell grid's memory
  // to what the pool's workers are running.
  const SweepResults results = run_sweep(grid, &pool, /*keep_traces=*/false);
  const std::vector<SpeedupRow> rows = sweep_speedups(grid, results);
  if (json) {
    io.out << "{\"cores\":[";
    for (std::size_t c = 0; c < cores.size(); ++c) io.out << (c ? "," : "") << cores[c];
    io.out << "],\"rows\":[";
    for (std::size_t r = 0; r < rows.size(); ++r) {
      io.out << (r ? "," : "") << "\n  {\"name\":\"" << rows[r].name << "\",\"makespan_us\":[";
      for (std::size_t c = 0; c < cores.size(); ++c) io.out << (c ? "," : "") << format_us(rows[r].makespan[c]);
      io.out << "],\"speedup\":[";
      for (std::size_t c = 0; c < cores.size(); ++c) io.out << (c ? "," : "") << format_thousandths(rows[r].speedup_milli[c]);
      io.out << "]}";
    }
    io.out << "]}\n";
    return kExitOk;
  }
  io.out << "speedup against " << rows[0].name << " on " << cores[0] << " core(s)\n"
         << "cores            ";
  for (std::uint32_t c : cores) {
    char b[16];
    std::snprintf(b, sizeof b, "%8u", c);
    io.out << b;
  }
  io.out << "\n";
  for (const SpeedupRow& row : rows) {
    char b[32];
    std::snprintf(b, sizeof b, "%-17s", row.name.c_str());
    io.out << b;
    for (std::int64_t s : row.speedup_milli) {
      std::snprintf(b, sizeof b, "%8s", format_thousandths(s).c_str());
      io.out << b;
    }
    io.out << "\n";
  }
  return kExitOk;
}

}  // namespace tl::cli
