// Per-process memory over time (resident, private, shared KB), recorded from the MemoryModel
// whenever a memory event changes it, and the `processes` metrics derived from it. A fork
// changes the parent's numbers too (its pages become shared), so the engine records every
// live process after each memory event; unchanged values add no sample.
#pragma once
#include "sim/runtime/memory_model.h"
#include "sim/core/types.h"

#include <cstdint>
#include <span>
#include <vector>

namespace tl {

struct MemorySample {               // values hold from `time` until the next sample
  TimeNs        time        = 0;
  std::uint64_t resident_kb = 0;
  std::uint64_t private_kb  = 0;
  std::uint64_t shared_kb   = 0;
};
using MemoryLane = std::vector<MemorySample>;   // one process, sorted by time

struct ProcessMemoryMetrics {       // peaks over the process's life, each on its own
  std::uint64_t resident_kb = 0;
  std::uint64_t private_kb  = 0;
  std::uint64_t shared_kb   = 0;
};

class MemoryRecorder {
 public:
  explicit MemoryRecorder(std::size_t processes) : lanes_(processes) {}
  // Records `usage` for `process` at `now`. A second sample at the same instant replaces the
  // first (only the state at the end of an instant is observable); a repeat adds nothing.
  void note(TimeNs now, std::uint32_t process, const MemoryUsage& usage);
  // Records every process; space_of[p] is its address space (kNoSpace: not started yet).
  void note_all(TimeNs now, const MemoryModel& model, std::span<const AddressSpaceId> space_of);
  std::vector<MemoryLane> take() { return std::move(lanes_); }
  const std::vector<MemoryLane>& lanes() const { return lanes_; }

  static constexpr AddressSpaceId kNoSpace = ~AddressSpaceId{0};

 private:
  std::vector<MemoryLane> lanes_;
};

std::vector<ProcessMemoryMetrics> process_memory_metrics(std::span<const MemoryLane> lanes);

}  // namespace tl
