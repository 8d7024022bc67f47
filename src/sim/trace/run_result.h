// What a run produces, as every reader (views, metrics, summaries, exports) sees it: the
// outcome, the trace, the metrics derived from it, and the final shared state. Plain data:
// readers of results need neither the engine nor the runtime models.
#pragma once
#include "sim/trace/metrics.h"
#include "sim/trace/trace.h"

#include <cstdint>
#include <vector>

namespace tl {

enum class Outcome : std::uint8_t {
  Completed,    // every thread finished
  Deadlock,     // threads wait for mutexes that can never be released; see RunResult::waits
  TimeLimit,    // Limits::max_sim_time reached
  EventLimit,   // Limits::max_events reached
  Cancelled,    // RunOptions::cancel was set; the trace ends where the run stopped
  MemoryLimit,  // the trace reached Limits::max_trace_bytes
};
const char* to_string(Outcome outcome);

struct WaitEdge {  // at the end of a deadlocked run: waiter waits for mutex held by holder
  ThreadId waiter;
  ProcessId process;
  MutexId mutex;
  ThreadId holder;  // kNoThread if nobody holds it (cannot happen with hand-off)
};

struct RunResult {
  Outcome outcome = Outcome::Completed;
  Trace trace;
  Metrics metrics;
  std::vector<WaitEdge> waits;                        // non-empty iff outcome == Deadlock
  std::vector<std::vector<std::int64_t>> final_vars;  // [process][var]
  // [process][var] increments that completed (a non-atomic one at its store, an atomic one at
  // once): final - initial - increments is what a race lost.
  std::vector<std::vector<std::uint64_t>> increments;
  std::uint64_t events = 0;  // engine steps taken (benchmarks)
};

}  // namespace tl
