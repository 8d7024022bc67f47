// A timeline: a time axis over a column of items (core lanes, then per process a header row and
// its threads' lanes) and a playhead across them all. It owns what is
// its own (scroll, the items, statistics, scratch) and borrows what may be shared: the run it
// shows, the visible TimeRange and the Playback. Two views handed the same TimeRange zoom and
// pan together.
//
// Built to stay interactive with millions of spans: items scrolled out of view are skipped,
// and every lane folds spans too thin to see (fold.h) and reserves its vertices in one go.
#pragma once
#include "app/state/playback.h"
#include "app/state/run_slot.h"
#include "app/state/time_range.h"
#include "app/timeline/item.h"

#include <memory>
#include <string>
#include <vector>

namespace tl::app {

class TimelineView {
 public:
  explicit TimelineView(std::string id = "timeline") : id_(std::move(id)) {}

  // Draws `run` into a child region of `size` (it scrolls when the rows do not fit; the wheel
  // over the names scrolls, over the lanes it zooms `range`). Drag pans `range`, the axis
  // scrubs playback.playhead, a double click fits the run. `pending`: a newer run is being
  // simulated, which the view says above the names.
  void draw(const ShownRun& run, TimeRange& range, Playback& playback, bool pending, ImVec2 size);

  // The height the view wants for `run` at its most comfortable, and the least it needs to
  // show every row without scrolling.
  float preferred_height(const ShownRun& run);
  float min_height(const ShownRun& run);

  const TimelineLayout& layout() const { return layout_; }
  const TimelineStats& stats() const { return stats_; }

 private:
  void build_items(const ShownRun& run);  // when the run changed
  float height_for(const ShownRun& run, float core_lane_h);

  std::string id_;
  std::vector<std::unique_ptr<TimelineItem>> items_;
  std::size_t core_items_ = 0;
  const RunResult* built_for_ = nullptr;
  TimelineLayout layout_;
  TimelineStats stats_;
  std::vector<FoldRect> scratch_;  // reused by every lane: no allocation per frame
};

}  // namespace tl::app
