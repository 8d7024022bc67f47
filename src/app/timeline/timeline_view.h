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
#include <optional>
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

  // The span the learner clicked (its row and rectangle), shown in a details window until
  // cleared (Esc, its close button, a click off the spans, a new run).
  struct Selection {
    std::size_t item;  // the row, top to bottom
    FoldRect rect;
  };
  const std::optional<Selection>& selection() const { return selection_; }
  void clear_selection() { selection_.reset(); }
  bool dragging() const { return ImGui::IsMouseDown(ImGuiMouseButton_Left) && active_; }

 private:
  struct Drag {
    bool on_axis = false;   // scrubbing the playhead, not panning
    bool moved = false;     // past the click slop: a pan, not a click
    TimeNs t0 = 0, t1 = 0;  // the range at the press
    float press_x = 0;
  };

  void build_items(const ShownRun& run);  // when the run changed
  float height_for(const ShownRun& run, float core_lane_h);
  void handle_input(TimeRange& range, Playback& playback, TimeNs makespan, const TimelineContext& ctx,
                    float axis_bottom);
  void draw_selection_outline(const TimelineContext& ctx, const ImRect& row) const;
  void draw_details(const TimelineContext& ctx, ImVec2 corner);

  std::string id_;
  std::vector<std::unique_ptr<TimelineItem>> items_;
  std::size_t core_items_ = 0;
  const RunResult* built_for_ = nullptr;
  TimelineLayout layout_;
  TimelineStats stats_;
  std::vector<FoldRect> scratch_;  // reused by every lane: no allocation per frame
  Drag drag_;
  bool active_ = false;   // the lanes hold the mouse (a pan or a scrub in progress)
  bool clicked_ = false;  // this frame released a press that did not move
  std::optional<Selection> selection_;
};

}  // namespace tl::app
