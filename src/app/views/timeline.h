// The timeline: a time axis, one lane per core ("which thread runs where"), then a "threads"
// section with one lane per simulated thread ("what each thread is doing": running, ready,
// blocked on what), and a playhead across both. Built to stay interactive with millions of
// spans: each lane binary-searches the visible window (tl::visible), folds runs of spans
// thinner than kFoldPx into one rectangle, and reserves its vertices in one go. Both lane
// kinds share that code (LaneContext, fold_spans, Lane).
//
// [SECTION] Lane context and folding (pure, tested directly)
// [SECTION] Lanes
// [SECTION] The view
#pragma once
#include "app/app.h"

#include <imgui.h>
#include <imgui_internal.h>   // ImRect
#include <span>
#include <vector>

namespace tl::app {

// ---------------------------------------------------------------------------------------------
// [SECTION] Lane context and folding
// ---------------------------------------------------------------------------------------------
inline constexpr float kFoldPx = 3.0f;   // spans thinner than this are folded with neighbours

struct LaneContext {                     // everything a lane needs to draw itself
  TimeNs      t0        = 0;             // visible range [t0, t1)
  TimeNs      t1        = 1;
  double      px_per_ns = 1.0;
  ImRect      clip;                      // the lane's rectangle; nothing is drawn outside it
  ImDrawList* draw      = nullptr;

  float x_of(TimeNs t) const { return clip.Min.x + float(double(t - t0) * px_per_ns); }
  TimeNs t_of(float x) const { return t0 + TimeNs(double(x - clip.Min.x) / px_per_ns); }
};

// Turns the spans of one lane visible in ctx into the rectangles to draw, appended to `out`:
// spans at least kFoldPx wide stay themselves; a run of thinner spans, each starting less than
// kFoldPx after the previous one ends, becomes one fold (coloured by its thread, or state,
// when it holds only one). So a lane draws at most about width / kFoldPx rectangles, whatever
// its span count. One loop serves both lane kinds.
void fold_spans(std::span<const CoreSpan> lane, const LaneContext& ctx, std::vector<FoldRect>& out,
                TimelineStats& stats);
void fold_spans(std::span<const StateSpan> lane, ThreadId thread, const LaneContext& ctx,
                std::vector<FoldRect>& out, TimelineStats& stats);

// ---------------------------------------------------------------------------------------------
// [SECTION] Lanes
// ---------------------------------------------------------------------------------------------
// Lanes draw into ctx.clip and return the rectangle under the mouse, if any (for the tooltip;
// it points into `scratch`, which the next lane reuses). Tracy-like: one class per lane kind.
class Lane {                             // what every lane kind shares
 public:
  explicit Lane(const AppState& state) : state_(state) {}

 protected:
  // Fills the lane, then one rectangle per entry of `rects`, `inset` px shorter top and bottom
  // where inset_of(rect) says so; returns the one under the mouse.
  template <class ColourOf, class InsetOf>
  const FoldRect* draw_rects(const LaneContext& ctx, const std::vector<FoldRect>& rects, ImU32 background,
                             ColourOf colour_of, InsetOf inset_of) const;
  // `text` centred in [x0, x1) of the lane, only if it fits.
  static void label(const LaneContext& ctx, float x0, float x1, const char* text, ImU32 background);

  const AppState& state_;
};

class CoreLane : public Lane {           // which thread a core runs, and its switch costs
 public:
  CoreLane(const AppState& state, CoreId core);
  const FoldRect* draw(const LaneContext& ctx, std::vector<FoldRect>& scratch, TimelineStats& stats) const;

 private:
  std::span<const CoreSpan> spans_;
};

class ThreadLane : public Lane {         // one thread's states, arrival to completion
 public:
  ThreadLane(const AppState& state, ThreadId thread);
  const FoldRect* draw(const LaneContext& ctx, std::vector<FoldRect>& scratch, TimelineStats& stats) const;

 private:
  ThreadId                   thread_;
  std::span<const StateSpan> spans_;
};

// ---------------------------------------------------------------------------------------------
// [SECTION] The view
// ---------------------------------------------------------------------------------------------
// Draws the timeline into a child region of `size` (it scrolls when the lanes do not fit; the
// wheel over the lane names scrolls, over the lanes it zooms); records lane rectangles in
// state.layout and drawing counts in state.stats. Drag pans, the axis scrubs the playhead.
void draw_timeline(AppState& state, ImVec2 size);
// The height the timeline wants for `cores` and `threads` lanes at their most comfortable
// size, and the least it needs to show them all without scrolling.
float timeline_preferred_height(int cores, int threads);
float timeline_min_height(int cores, int threads);

}  // namespace tl::app
