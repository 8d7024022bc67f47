// OSTEP cpu-sched-mlfq/mlfq.py on the threadlab engine: the engine's mlfq policy on one core,
// one tick = kUnitNs, jobs as threads that alternate ioFreq ticks of CPU with ioTime of I/O.
#pragma once
#include "sim/ostep/common.h"
#include "sim/scenario/scenario.h"

namespace tl::ostep {

struct MlfqJob {
  std::int64_t start = 0;
  std::int64_t run = 0;
  std::int64_t io_freq = 0;  // 0: never does I/O
};

struct MlfqOptions {
  std::vector<std::int64_t> quantum;    // [queue], index 0 = lowest priority (as mlfq.py numbers them)
  std::vector<std::int64_t> allotment;  // [queue], as given (the lowest may be <= 0: unused)
  std::int64_t boost = 0;
  std::int64_t io_time = 5;
  bool stay = false;    // -S
  bool iobump = false;  // -I
  bool solve = false;   // -c
  bool random = false;
  std::int64_t seed = 0;
  std::vector<MlfqJob> jobs;
};

Parsed<MlfqOptions> parse_mlfq_args(std::span<const std::string> args);

Scenario mlfq_scenario(const MlfqOptions& options);

struct MlfqJobResult {
  std::int64_t response = 0;    // ticks: first run - start
  std::int64_t turnaround = 0;  // ticks: end - start
};

struct MlfqReport {
  std::vector<MlfqJobResult> jobs;  // by job id
  double avg_response = 0, avg_turnaround = 0;
};

MlfqReport solve_mlfq(const MlfqOptions& options);

std::string format_mlfq(const MlfqOptions& options, const MlfqReport* report);

}  // namespace tl::ostep
