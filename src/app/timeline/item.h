// One row of a timeline: a core lane, a thread lane, a process header; later
// memory and GIL lanes. The view lays items out top to bottom and hands each the frame's
// context with ctx.clip set to its lane rectangle (right of the gutter); items draw only there
// and in the gutter beside it. Tracy's TimelineItem is the model.
#pragma once
#include "app/rect.h"
#include "app/timeline/context.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace tl::app {

struct TimelineLayout {            // where the last frame put the rows (tl_state_json, tests)
  std::vector<Rect> core_lanes;    // [core] the rectangle a core's spans are drawn in
  std::vector<Rect> thread_lanes;  // [thread] the rectangle a thread's states are drawn in
  std::vector<Rect> task_lanes;    // [task] the rectangle an asyncio task's states are drawn in
  std::vector<Rect> process_rows;  // [process] its header row, lanes part
  Rect view;                       // the timeline's visible region (rows outside it are
                                   // scrolled out of view)
  TimeNs t0 = 0, t1 = 0;           // the time range the lanes showed
  Rect details;                    // the selected span's details window (empty: none)
};

struct RowHeights {  // this frame's row heights, by kind
  float core_lane;   // shared out by the view: cores fill what is left
};

class TimelineItem {
 public:
  virtual ~TimelineItem() = default;

  virtual float height(const RowHeights& heights) const = 0;
  virtual float gap_after() const = 0;
  // Draws into ctx.clip; returns the rectangle under the mouse, if any (for the tooltip; it
  // points into `scratch`, which the next item reuses).
  virtual const FoldRect* draw(const TimelineContext& ctx, std::vector<FoldRect>& scratch,
                               TimelineStats& stats) const = 0;
  // Left of the lanes: the row's name and what it is doing at the playhead.
  virtual void draw_gutter(const TimelineContext& ctx, const ImRect& gutter) const = 0;
  virtual void tooltip(const TimelineContext& ctx, const FoldRect& rect) const;
  // Notes where its lane rectangle went this frame.
  virtual void record(TimelineLayout& layout, const Rect& lane) const;
};

// Drawing helpers the item kinds share.
namespace draw {

struct PixelSpan {
  float x0, x1;
};
// Whole pixels, at least one wide, inside the lane: spans keep their exact colour on screen (no
// half-covered edge pixels) and a lone tiny span stays visible.
PixelSpan to_pixels(const FoldRect& rect, const TimelineContext& ctx);
// floor() for a screen coordinate, inline: the libm call was a measurable part of a frame that
// places thousands of rectangles.
inline float whole_pixels_below(float x) {
  const float t = float(static_cast<int>(x));
  return t > x ? t - 1.0f : t;
}
// Fills the lane with `background`, then one rectangle per entry of `rects`, inset_of(rect) px
// shorter top and bottom; returns the one under the mouse. A mixed fold is drawn as a stacked
// bar from the bottom: its largest part, then the next ones, each as tall as its share of the fold's
// time (part_colour gives their colours), so a summary still says who ran and for how long.
template <class ColourOf, class PartColourOf, class InsetOf>
const FoldRect* rects(const TimelineContext& ctx, const std::vector<FoldRect>& rects, ImU32 background,
                      ColourOf colour_of, PartColourOf part_colour, InsetOf inset_of) {
  ImDrawList& dl = *ctx.draw;
  const float y0 = ctx.clip.Min.y, y1 = ctx.clip.Max.y;
  dl.AddRectFilled(ctx.clip.Min, ctx.clip.Max, background);
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool mouse_in_lane = ctx.clip.Contains(mouse);
  const FoldRect* hovered = nullptr;
  // One reservation for the whole lane, for at most three parts of a fold: PrimRect then only
  // writes 4 vertices and 6 indices, and what parts too thin to draw did not use is given back.
  const auto part_h = [&](const FoldPart& part) { return float(static_cast<int>((y1 - y0) * part.share + 0.5f)); };
  int reserved = 0;
  for (const FoldRect& rect : rects) reserved += rect.mixed ? 3 : 1;
  dl.PrimReserve(reserved * 6, reserved * 4);
  int drawn = 0;
  for (const FoldRect& rect : rects) {
    const PixelSpan px = to_pixels(rect, ctx);
    if (rect.mixed) {
      float bottom = y1;
      for (const FoldPart& part : rect.parts) {
        const float h = part_h(part);
        if (h < 1) continue;
        dl.PrimRect(ImVec2(px.x0, std::max(y0, bottom - h)), ImVec2(px.x1, bottom), part_colour(part));
        ++drawn;
        bottom -= h;
      }
    } else {
      const float inset = inset_of(rect);
      dl.PrimRect(ImVec2(px.x0, y0 + inset), ImVec2(px.x1, y1 - inset), colour_of(rect));
      ++drawn;
    }
    if (mouse_in_lane && mouse.x >= px.x0 && mouse.x < px.x1) hovered = &rect;
  }
  dl.PrimUnreserve((reserved - drawn) * 6, (reserved - drawn) * 4);
  return hovered;
}
// Diagonal lines 5 px apart across [x0, x1) x [y0, y1), cut at the rectangle's sides.
void hatch(ImDrawList& dl, float x0, float x1, float y0, float y1, ImU32 color);
// `text` centred in [x0, x1) of the lane, only if it fits.
void label(const TimelineContext& ctx, float x0, float x1, const char* text, ImU32 background);
// A name in at most `width` px, cut with an ellipsis when longer ("transfer_ab" -> "transf…").
void fitted_text(ImDrawList& dl, ImVec2 pos, ImU32 color, const char* text, float width);
// The y at which a line of text sits centred in [y0, y1).
float text_y(const ImRect& row);
// The "from to (length)" line that ends every span tooltip.
void time_span_line(const FoldRect& rect);

}  // namespace draw
}  // namespace tl::app
