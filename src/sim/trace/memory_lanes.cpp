#include "sim/trace/memory_lanes.h"

#include <algorithm>

namespace tl {

std::vector<ProcessMemoryMetrics> process_memory_metrics(std::span<const MemoryLane> lanes) {
  std::vector<ProcessMemoryMetrics> out(lanes.size());
  for (std::size_t p = 0; p < lanes.size(); ++p)
    for (const MemorySample& s : lanes[p]) {
      out[p].resident_kb = std::max(out[p].resident_kb, s.resident_kb);
      out[p].private_kb = std::max(out[p].private_kb, s.private_kb);
      out[p].shared_kb = std::max(out[p].shared_kb, s.shared_kb);
    }
  return out;
}

}  // namespace tl
