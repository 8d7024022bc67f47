// The metrics a check or quote may name, and the thread states: one table read by the parser
// (is this name known, which fields does it need) and by the evaluator (how to compute it).
#pragma once
#include "sim/trace/trace.h"

#include <optional>
#include <string>
#include <string_view>

namespace tl::lessons {

enum class MetricScope : unsigned char {
  Run,      // one number per run
  Thread,   // per thread, aggregated over the selected threads
  Core,     // per core, summed (or one "core")
  Process,  // per process, summed (or one "process")
  Var,      // a shared variable ("var", optionally "process")
};

struct MetricInfo {
  const char* base;
  char unit;  // 't': a time, written _ns/_us/_ms/_s; 'k': a size, _kb/_mb; 0: none
  MetricScope scope;
  const char* default_agg;  // Thread scope: mean, sum, max, min
  bool needs_state;         // state_*, state_count
  bool text;                // outcome: compared with a string
  const char* meaning;      // for docs and the CLI
};

// Splits "turnaround_ms" into its table row and unit; nullopt if unknown.
struct MetricName {
  const MetricInfo* info = nullptr;
  std::int64_t unit_ns = 1;  // times: ns per unit; sizes: KB per unit (1024 for _mb)
};
std::optional<MetricName> find_metric(std::string_view name);
std::string metric_list();  // for "unknown metric" messages

std::optional<ThreadState> find_state(std::string_view name);
std::string state_list();

}  // namespace tl::lessons
