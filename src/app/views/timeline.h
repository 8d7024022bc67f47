// The per-core timeline: a time axis, one lane per core, a playhead. Built to stay interactive
// with millions of spans: each lane binary-searches the visible window (tl::visible), folds
// runs of spans thinner than kFoldPx into one rectangle, and reserves its vertices in one go.
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
// kFoldPx after the previous one ends, becomes one fold (coloured by its thread when it holds
// only one). So a lane draws at most about width / kFoldPx rectangles, whatever its span count.
void fold_spans(std::span<const CoreSpan> lane, const LaneContext& ctx, std::vector<FoldRect>& out,
                TimelineStats& stats);

// ---------------------------------------------------------------------------------------------
// [SECTION] Lanes
// ---------------------------------------------------------------------------------------------
class CoreLane {                         // one core's spans (Tracy: one class per lane kind)
 public:
  CoreLane(const AppState& state, CoreId core);
  // Draws into ctx.clip; returns the rectangle under the mouse, if any (for the tooltip).
  const FoldRect* draw(const LaneContext& ctx, std::vector<FoldRect>& scratch,
                       TimelineStats& stats) const;

 private:
  const AppState&          state_;
  std::span<const CoreSpan> spans_;
};

// ---------------------------------------------------------------------------------------------
// [SECTION] The view
// ---------------------------------------------------------------------------------------------
// Draws the timeline into a child region of `size`; records lane rectangles in state.layout
// and drawing counts in state.stats. Mouse wheel zooms, drag pans, the axis scrubs the playhead.
void draw_timeline(AppState& state, ImVec2 size);
// The height the timeline wants for `cores` lanes at their most comfortable size.
float timeline_preferred_height(int cores);

}  // namespace tl::app
