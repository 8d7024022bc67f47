// The race step-through: one shared variable's loads, adds and stores, one row per operation in
// time order and one column per thread, with the value read or written, lost updates marked,
// and the variable's value at the playhead. The selection follows the playhead (the last
// operation at or before it); stepping (the buttons, Left/Right, a click on a row) moves the
// playhead to the operation and pauses playback.
#pragma once
#include "app/rect.h"
#include "app/state/playback.h"
#include "app/state/run_slot.h"
#include "app/views/race_steps.h"

#include <imgui.h>
#include <vector>

namespace tl::app {

struct RaceRow {  // a row drawn last frame
  std::int64_t step = 0;
  Rect rect;
  bool lost = false;
};

struct RaceViewLayout {
  Rect list;            // the step list
  Rect scrub;           // the playhead slider
  Rect previous, next;  // the step buttons
  std::vector<RaceRow> rows;
  std::int64_t variable = -1;  // shared_variables index shown, -1: none
  std::int64_t selected = -1;  // step at the playhead, -1: before the first
  std::size_t steps = 0;
  std::int64_t value = 0;  // the variable at the playhead
  std::uint64_t lost = 0;  // updates lost by then
};

class RaceView {
 public:
  // Rebuilt when the run on screen changes.
  const RaceHistory& history(const ShownRun& run);
  // Draws into `size`; may move the playhead and pause playback (stepping).
  void draw(const ShownRun& run, Playback& playback, ImVec2 size);
  const RaceViewLayout& layout() const { return layout_; }

  // Stepping, as the buttons and keys do: one operation later (+1) or earlier (-1).
  void step(Playback& playback, int direction);

 private:
  void follow_playhead(TimeNs playhead);
  void select(Playback& playback, std::int64_t step);

  ResultPtr built_for_;  // the run the history was built for
  RaceHistory history_;
  std::int64_t variable_ = -1;
  std::int64_t selected_ = -1;
  TimeNs selected_at_ = -1;  // the playhead the selection was made at
  bool scroll_ = false;      // bring the selection into view this frame
  RaceViewLayout layout_;
};

}  // namespace tl::app
