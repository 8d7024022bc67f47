#include "sim/engine/memory_recorder.h"

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

void MemoryRecorder::memory_changed(TimeNs now, std::span<const PageChange> changes, const MemoryModel& memory,
                                    std::span<const AddressSpaceId> space_of,
                                    std::span<const ProcessId> changed) {
  for (const PageChange& c : changes) pages_.events.push_back(PageEvent{now, c});
  // An exited process reads as all zeros: its lane drops to nothing at its exit.
  for (ProcessId p : changed)
    if (p < space_of.size() && p < lanes_.size() && space_of[p] != kNoSpace) note(now, p, memory.usage(space_of[p]));
}

PageEvents MemoryRecorder::take_pages(std::span<const AddressSpaceId> space_of) {
  for (ProcessId p = 0; p < space_of.size(); ++p) {
    const AddressSpaceId s = space_of[p];
    if (s == kNoSpace) continue;
    if (pages_.space_process.size() <= s) pages_.space_process.resize(s + 1, 0);
    pages_.space_process[s] = p;
  }
  return std::move(pages_);
}

void MemoryRecorder::note_all(TimeNs now, const MemoryModel& model, std::span<const AddressSpaceId> space_of) {
  for (std::uint32_t p = 0; p < space_of.size() && p < lanes_.size(); ++p) {
    if (space_of[p] == kNoSpace) continue;
    // An exited process reads as all zeros: its lane drops to nothing at its exit.
    note(now, p, model.usage(space_of[p]));
  }
}

}  // namespace tl
