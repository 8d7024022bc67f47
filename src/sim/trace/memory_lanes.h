// Per-process memory over time (resident, private, shared KB) as the trace holds it, and the
// `processes` metrics derived from it. The engine's MemoryRecorder fills the lanes whenever a
// memory event changes a number; a fork changes the parent's numbers too (its pages become
// shared), so every live process is sampled after each memory event and unchanged values add
// no sample.
#pragma once
#include "sim/core/types.h"

#include <cstdint>
#include <span>
#include <vector>

namespace tl {

struct MemorySample {  // values hold from `time` until the next sample
  TimeNs time = 0;
  std::uint64_t resident_kb = 0;
  std::uint64_t private_kb = 0;
  std::uint64_t shared_kb = 0;
};
using MemoryLane = std::vector<MemorySample>;  // one process, sorted by time

struct ProcessMemoryMetrics {  // peaks over the process's life, each on its own
  std::uint64_t resident_kb = 0;
  std::uint64_t private_kb = 0;
  std::uint64_t shared_kb = 0;
};

std::vector<ProcessMemoryMetrics> process_memory_metrics(std::span<const MemoryLane> lanes);

}  // namespace tl
