#include "sim/trace/memory_lanes.h"

#include <algorithm>

namespace tl {

void MemoryRecorder::note(TimeNs now, std::uint32_t process, const MemoryUsage& usage) {
  MemoryLane& lane = lanes_.at(process);
  const MemorySample s{now, usage.resident_kb(), usage.private_kb(), usage.shared_kb()};
  auto same = [&](const MemorySample& o) {
    return o.resident_kb == s.resident_kb && o.private_kb == s.private_kb && o.shared_kb == s.shared_kb;
  };
  if (!lane.empty() && lane.back().time == now) {
    lane.back() = s;
    if (lane.size() > 1 && same(lane[lane.size() - 2])) lane.pop_back();
    return;
  }
  if (!lane.empty() && same(lane.back())) return;
  lane.push_back(s);
}

void MemoryRecorder::note_all(TimeNs now, const MemoryModel& model, std::span<const AddressSpaceId> space_of) {
  for (std::uint32_t p = 0; p < space_of.size() && p < lanes_.size(); ++p) {
    if (space_of[p] == kNoSpace) continue;
    // An exited process reads as all zeros: its lane drops to nothing at its exit.
    note(now, p, model.usage(space_of[p]));
  }
}

std::vector<ProcessMemoryMetrics> process_memory_metrics(std::span<const MemoryLane> lanes) {
  std::vector<ProcessMemoryMetrics> out(lanes.size());
  for (std::size_t p = 0; p < lanes.size(); ++p)
    for (const MemorySample& s : lanes[p]) {
      out[p].resident_kb = std::max(out[p].resident_kb, s.resident_kb);
      out[p].private_kb  = std::max(out[p].private_kb, s.private_kb);
      out[p].shared_kb   = std::max(out[p].shared_kb, s.shared_kb);
    }
  return out;
}

}  // namespace tl
