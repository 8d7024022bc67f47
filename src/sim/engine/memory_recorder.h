// Records the runtime's memory into the trace: after every memory event the RuntimeModel
// reports what changed and the model. Each change becomes a page event with its time, and when
// a mapping changed (not just a write in place) the usage of each process it changed becomes a
// memory lane sample (the others' lanes already end with their current usage). This is the one place that reads the MemoryModel to build results, so readers
// of a trace never compile against the model.
#pragma once
#include "sim/runtime/runtime_model.h"
#include "sim/trace/memory_lanes.h"
#include "sim/trace/page_events.h"

#include <span>
#include <vector>

namespace tl {

class MemoryRecorder final : public MemoryObserver {
 public:
  explicit MemoryRecorder(std::size_t processes) : lanes_(processes) {}
  // Records `usage` for `process` at `now`. A second sample at the same instant replaces the
  // first (only the state at the end of an instant is observable); a repeat adds nothing.
  void note(TimeNs now, std::uint32_t process, const MemoryUsage& usage);
  // Records every process; space_of[p] is its address space (kNoSpace: not started yet).
  void note_all(TimeNs now, const MemoryModel& model, std::span<const AddressSpaceId> space_of);
  void memory_changed(TimeNs now, std::span<const PageChange> changes, const MemoryModel& memory,
                      std::span<const AddressSpaceId> space_of, std::span<const ProcessId> changed) override;

  std::vector<MemoryLane> take() { return std::move(lanes_); }
  const std::vector<MemoryLane>& lanes() const { return lanes_; }
  // The page events so far; space_process is filled in from `space_of` (kNoSpace entries skipped).
  PageEvents take_pages(std::span<const AddressSpaceId> space_of);
  const std::vector<PageEvent>& page_events() const { return pages_.events; }

 private:
  std::vector<MemoryLane> lanes_;
  PageEvents pages_;
};

}  // namespace tl
