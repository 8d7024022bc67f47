// The memory view: a playhead slider, then a column per process with its segments as grids of pages coloured by state
// (legend on top), its threads pointing at their stacks and at the one heap they share, its
// smaps figures, messages in flight between processes (pipes copy, queues pass a reference),
// and a tooltip on the page under the pointer (who maps its frame, since when). Pages are
// drawn by the instanced page renderer in one call (render/page_draw.h).
#pragma once
#include "app/rect.h"
#include "app/render/page_batch.h"
#include "app/state/playback.h"
#include "app/state/run_slot.h"
#include "app/views/memory_layout.h"
#include "app/views/memory_replay.h"
#include "app/views/memory_scene.h"

#include <array>
#include <imgui.h>
#include <memory>
#include <string>
#include <vector>

namespace tl::app {

struct MessageMark {  // a message in flight at the playhead
  Rect at;            // where it is drawn now
  bool copy = false;  // a pipe or mp queue copies it; a queue passes a reference
};

struct MemoryViewLayout {
  Rect area;    // columns' area
  Rect legend;  // the legend row
  Rect scrub;   // the playhead slider
  std::vector<MessageMark> messages;
};

class MemoryView {
 public:
  // Draws into `size`. The playhead slider and the Left/Right keys (to the previous/next page
  // event) move the playhead and pause playback.
  void draw(const ShownRun& run, Playback& playback, ImVec2 size);

  const MemoryLayout& columns() const { return scene_.layout(); }
  const MemoryViewLayout& layout() const { return view_; }
  const PageBatch& batch() const { return scene_.batch(); }
  const MemoryReplay* replay() const { return scene_.ready() ? &scene_.replay() : nullptr; }
  TimeNs exit_time(AddressSpaceId space) const { return scene_.exit_time(space); }
  // Pages per look in each column, as drawn last frame: [column][PageLook].
  std::vector<std::array<std::size_t, kPageLooks>> look_counts() const;

 private:
  void sync(const ShownRun& run, TimeNs playhead, const Rect& area, float line_h);
  void draw_columns(const ShownRun& run, ImDrawList& list) const;
  void draw_threads(const ShownRun& run, ImDrawList& list) const;
  void draw_messages(const ShownRun& run, TimeNs playhead, ImDrawList& list);
  void draw_hover(const ShownRun& run) const;

  ResultPtr result_;  // keeps the page events the scene reads alive
  MemoryScene scene_;
  MemoryViewLayout view_;
};

// Moves the playhead to the next (+1) or previous (-1) page event and pauses.
void step_page_event(const ShownRun& run, Playback& playback, int direction);

// "1.5 MB", "12 KB": kB as smaps prints them, in the unit that reads best.
std::string format_kb(std::uint64_t kb);

}  // namespace tl::app
