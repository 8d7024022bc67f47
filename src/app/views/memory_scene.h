// Everything the memory view prepares on the CPU each frame, UI-free (tests and bench/ drive it
// without ImGui): the replay at the playhead, the layout and the smaps figures (redone only when
// a page event was applied or the area changed), and the page instances (every frame: recent
// changes fade).
#pragma once
#include "app/render/page_batch.h"
#include "app/views/memory_layout.h"
#include "app/views/memory_replay.h"

#include <memory>
#include <vector>

namespace tl::app {

class MemoryScene {
 public:
  // `pages` must outlive the scene (or the next reset()).
  void reset(const PageEvents& pages);
  bool ready() const { return replay_ != nullptr; }
  // Brings everything to `playhead`; `fade` is how long a changed page shines.
  void update(TimeNs playhead, TimeNs fade, std::uint32_t processes, const MemoryLayoutInput& in);

  const MemoryReplay& replay() const { return *replay_; }
  const MemoryLayout& layout() const { return layout_; }
  const PageBatch& batch() const { return batch_; }
  const std::vector<SmapsFigures>& smaps() const { return smaps_; }  // [column]
  // When the process of `space` exited (its memory was freed), or -1 if it never did.
  TimeNs exit_time(AddressSpaceId space) const {
    return space < exit_times_.size() ? exit_times_[space] : TimeNs(-1);
  }

 private:
  std::unique_ptr<MemoryReplay> replay_;
  MemoryLayout layout_;
  PageBatch batch_;
  std::vector<SmapsFigures> smaps_;
  std::vector<TimeNs> exit_times_;  // [address space], from the run's Exit events
  std::size_t laid_applied_ = ~std::size_t{0};
  MemoryLayoutInput laid_for_;
  std::uint32_t laid_processes_ = 0;
};

}  // namespace tl::app
