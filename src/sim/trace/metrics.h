// Numbers a learner reads off a run. Derived from the Trace (not tracked twice), so what the
// timeline shows and what the tables say cannot disagree.
#pragma once
#include "sim/scenario/scenario.h"
#include "sim/trace/trace.h"

#include <vector>

namespace tl {

struct LatencyStats {
  TimeNs mean = 0;  // rounded down to the ns
  TimeNs max = 0;
  std::uint64_t count = 0;
};

struct ThreadMetrics {
  TimeNs turnaround = 0;        // completion - arrival
  TimeNs response = 0;          // first time on a core - arrival
  TimeNs wait = 0;              // time Ready (runnable but not on a core)
  TimeNs cpu = 0;               // time Running, excluding switch overhead
  TimeNs gil_wait = 0;          // time WaitingGil (runnable, but another thread holds the GIL)
  LatencyStats wakeup_latency;  // from the end of each blocked span to running again (GIL waits included)
  bool finished = false;
};

// An asyncio task, from its loop's start (when it was scheduled) to its end.
struct TaskMetrics {
  TimeNs turnaround = 0;        // end - loop start
  TimeNs running = 0;           // its loop's thread running its steps (the loop's own work for it included)
  TimeNs ready = 0;             // in the ready queue, or its thread waiting for a core or the GIL
  TimeNs awaiting = 0;          // awaiting I/O or asyncio.sleep (or in a blocking call it made)
  LatencyStats wakeup_latency;  // from each await's end to running again: how long the loop kept it waiting
  bool finished = false;
};

struct CoreMetrics {
  TimeNs busy = 0;      // running threads
  TimeNs overhead = 0;  // paying switch costs
};

struct Metrics {
  TimeNs makespan = 0;
  std::uint64_t context_switches = 0;
  std::vector<ThreadMetrics> threads;
  std::vector<TaskMetrics> tasks;  // [task] (Scenario::tasks); empty without event loops
  std::vector<CoreMetrics> cores;
  std::vector<ProcessMemoryMetrics> processes;  // [process] peak resident/private/shared KB
  std::uint64_t ipc_bytes_copied = 0;
  std::uint64_t migrations = 0;  // a thread dispatched on another core than before
  // SMT: hardware threads per core (cores.size() / smt physical cores); time hardware threads
  // ran beside a busy sibling, each at its share of the core.
  std::uint32_t smt = 1;
  std::uint32_t physical_cores = 0;
  TimeNs smt_shared = 0;
};

Metrics compute_metrics(const Scenario& scenario, const Trace& trace);

}  // namespace tl
