// OSTEP cpu-sched/scheduler.py on the threadlab engine: FIFO, SJF and RR over jobs that all
// arrive at time 0, one core, free context switches (see docs/cli.md, "OSTEP mapping").
#pragma once
#include "sim/ostep/common.h"
#include "sim/scenario/scenario.h"

namespace tl::ostep {

enum class SchedPolicy : std::uint8_t { Fifo,
                                        Sjf,
                                        Rr };

struct SchedulerOptions {
  SchedPolicy policy = SchedPolicy::Fifo;
  std::string policy_name = "FIFO";
  std::int64_t quantum = 1;  // units; scheduler.py takes an int
  bool solve = false;        // -c
  // The job list: explicit (-l, lengths in 1e-6 units) or drawn from seed/jobs/maxlen.
  std::string jlist;  // as given, echoed in "ARG jlist"
  bool random = false;
  std::int64_t jobs = 3;
  std::int64_t maxlen = 10;
  std::int64_t seed = 0;
  std::vector<std::int64_t> lengths;  // 1e-6 units == engine ns
};

Parsed<SchedulerOptions> parse_scheduler_args(std::span<const std::string> args);

Scenario scheduler_scenario(const SchedulerOptions& options);

struct SchedulerJob {
  std::int64_t length = 0;  // ns (== 1e-6 units), exact
  TimeNs response = 0;      // from the engine's metrics, exact
  TimeNs turnaround = 0;
  TimeNs wait = 0;
  // The same numbers as scheduler.py computes them, in Python floats summed in its order, so
  // that '%.2f' rounds exactly as the tool does even where float sums are not exact.
  double response_f = 0, turnaround_f = 0, wait_f = 0;
};

struct SchedulerSlice {  // one "Run job N for X secs" line of the execution trace
  int job;
  double start;  // Python's accumulated float clock
  double ran;
  bool done;
};

struct SchedulerReport {
  std::vector<SchedulerJob> jobs;  // by job id
  std::vector<int> stats_order;    // order of the "Final statistics" lines
  std::vector<SchedulerSlice> slices;
  double avg_response = 0, avg_turnaround = 0, avg_wait = 0;
};

// Runs the engine. Throws std::runtime_error if the engine's schedule cannot be what the
// policy promises (an engine bug, reported as an internal error).
SchedulerReport solve_scheduler(const SchedulerOptions& options);

// scheduler.py's text: the ARG lines and job list, then with -c the solution.
std::string format_scheduler(const SchedulerOptions& options, const SchedulerReport* report);

}  // namespace tl::ostep
