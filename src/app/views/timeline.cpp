// [SECTION] Folding
// [SECTION] CoreLane
// [SECTION] Axis, interaction, playhead
#include "app/views/timeline.h"

#include "app/format.h"
#include "app/theme.h"

#include <algorithm>
#include <cmath>

namespace tl::app {

// ---------------------------------------------------------------------------------------------
// [SECTION] Folding
// ---------------------------------------------------------------------------------------------
void fold_spans(std::span<const CoreSpan> lane, const LaneContext& ctx, std::vector<FoldRect>& out,
                TimelineStats& stats) {
  const std::span<const CoreSpan> spans = visible(lane, ctx.t0, ctx.t1);
  stats.spans_visible += spans.size();
  const double min_ns = double(kFoldPx) / ctx.px_per_ns;
  const auto thin = [min_ns](const CoreSpan& s) { return double(s.end - s.start) < min_ns; };

  std::size_t i = 0;
  while (i < spans.size()) {
    const CoreSpan& first = spans[i];
    FoldRect rect{first.start, first.end, first.thread, 1, first.kind == CoreSpanKind::Overhead};
    std::size_t next = i + 1;
    if (thin(first)) {
      while (next < spans.size() && thin(spans[next]) &&
             double(spans[next].start - rect.end) < min_ns) {
        if (spans[next].thread != rect.thread) rect.thread = kNoThread;
        rect.overhead = rect.overhead && spans[next].kind == CoreSpanKind::Overhead;
        rect.end = spans[next].end;
        ++rect.count;
        ++next;
      }
    }
    if (rect.count == 1) {
      ++stats.spans_drawn;
    } else {
      ++stats.folds_drawn;
      stats.spans_folded += rect.count;
    }
    out.push_back(rect);
    i = next;
  }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] CoreLane
// ---------------------------------------------------------------------------------------------
namespace {

ImU32 rect_color(const FoldRect& rect) {
  if (rect.overhead) return theme::kOverhead;
  if (rect.thread == kNoThread) return theme::kFoldMixed;
  return theme::thread_color(rect.thread);
}

struct PixelSpan {
  float x0, x1;
};

// Whole pixels, at least one wide, inside the lane: spans keep their exact colour on screen
// (no half-covered edge pixels) and a lone tiny span stays visible.
PixelSpan to_pixels(const FoldRect& rect, const LaneContext& ctx) {
  float x0 = std::floor(std::max(ctx.x_of(rect.start), ctx.clip.Min.x));
  float x1 = std::floor(std::min(ctx.x_of(rect.end), ctx.clip.Max.x));
  if (x1 < x0 + 1) x1 = x0 + 1;
  if (x1 > ctx.clip.Max.x) x0 = (x1 = ctx.clip.Max.x) - 1;
  return {x0, x1};
}

}  // namespace

CoreLane::CoreLane(const AppState& state, CoreId core)
    : state_(state), spans_(state.result.trace.cores[core]) {}

const FoldRect* CoreLane::draw(const LaneContext& ctx, std::vector<FoldRect>& scratch,
                               TimelineStats& stats) const {
  ImDrawList& dl = *ctx.draw;
  const float y0 = ctx.clip.Min.y, y1 = ctx.clip.Max.y;
  dl.AddRectFilled(ctx.clip.Min, ctx.clip.Max, theme::kLaneIdle);

  scratch.clear();
  fold_spans(spans_, ctx, scratch, stats);

  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool mouse_in_lane = ctx.clip.Contains(mouse);
  const FoldRect* hovered = nullptr;

  // One reservation for the whole lane: PrimRect then only writes 4 vertices and 6 indices.
  dl.PrimReserve(int(scratch.size()) * 6, int(scratch.size()) * 4);
  for (const FoldRect& rect : scratch) {
    const PixelSpan px = to_pixels(rect, ctx);
    dl.PrimRect(ImVec2(px.x0, y0), ImVec2(px.x1, y1), rect_color(rect));
    if (mouse_in_lane && mouse.x >= px.x0 && mouse.x < px.x1) hovered = &rect;
  }

  // Decorations only where there is room: names inside wide spans, hatching on switch costs.
  const float text_h = ImGui::GetTextLineHeight();
  dl.PushClipRect(ctx.clip.Min, ctx.clip.Max, true);
  for (const FoldRect& rect : scratch) {
    const PixelSpan px = to_pixels(rect, ctx);
    const float w = px.x1 - px.x0;
    if (rect.overhead) {
      if (w < 4) continue;
      for (float x = px.x0 - (y1 - y0); x < px.x1; x += 5)
        dl.AddLine(ImVec2(x, y1), ImVec2(x + (y1 - y0), y0), theme::kOverheadHatch, 1.0f);
    } else if (rect.thread < state_.scenario.threads.size()) {   // a span, or a fold of one thread
      const char* name = state_.scenario.threads[rect.thread].name.c_str();
      const float text_w = ImGui::CalcTextSize(name).x;
      if (text_w + 8 > w) continue;
      const float x = std::max(px.x0 + 4, std::min(px.x0 + (w - text_w) * 0.5f, px.x1 - 4 - text_w));
      dl.AddText(ImVec2(std::floor(x), std::floor((y0 + y1 - text_h) * 0.5f)),
                 theme::text_on(rect_color(rect)), name);
    }
  }
  dl.PopClipRect();
  return hovered;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Axis, interaction, playhead
// ---------------------------------------------------------------------------------------------
namespace {

constexpr float  kGutterW    = 136.0f;   // core labels left of the lanes
constexpr float  kAxisH      = 22.0f;
constexpr float  kLaneGap    = 4.0f;
constexpr float  kMinLaneH   = 24.0f;    // spans stay at least this tall (browser tests need 20)
constexpr float  kMaxLaneH   = 64.0f;
constexpr float  kTickMinPx  = 90.0f;    // labels need about this much room
constexpr TimeNs kMinRangeNs = 50;       // deepest zoom

// Keeps [t0, t1) inside the run and at least kMinRangeNs wide.
void set_view(AppState& state, double t0, double t1) {
  const double makespan = double(std::max<TimeNs>(state.result.trace.makespan, 1));
  double range = std::clamp(t1 - t0, double(std::min<TimeNs>(kMinRangeNs, TimeNs(makespan))), makespan);
  t0 = std::clamp(t0, 0.0, makespan - range);
  state.view_t0 = TimeNs(std::llround(t0));
  state.view_t1 = std::max(state.view_t0 + 1, TimeNs(std::llround(t0 + range)));
}

void handle_input(AppState& state, const LaneContext& ctx, float axis_bottom) {
  ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsItemHovered()) {
    if (io.MouseWheel != 0.0f) {                // zoom about the time under the mouse
      const double factor = std::pow(1.25, -double(io.MouseWheel));
      const double at = double(ctx.t_of(io.MousePos.x));
      set_view(state, at - (at - double(ctx.t0)) * factor, at + (double(ctx.t1) - at) * factor);
    }
    if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) zoom_to_fit(state);
  }
  if (!ImGui::IsItemActive()) return;
  if (io.MouseClickedPos[0].y < axis_bottom) {  // on the axis: scrub the playhead
    state.playhead = std::clamp<TimeNs>(ctx.t_of(io.MousePos.x), 0, state.result.trace.makespan);
  } else if (io.MouseDelta.x != 0.0f) {         // on the lanes: pan
    const double shift = double(io.MouseDelta.x) / ctx.px_per_ns;
    set_view(state, double(state.view_t0) - shift, double(state.view_t1) - shift);
  }
}

void draw_axis(const LaneContext& ctx, const ImRect& axis, float lanes_bottom) {
  ImDrawList& dl = *ctx.draw;
  const TimeNs step = nice_step(double(kTickMinPx) / ctx.px_per_ns);
  dl.PushClipRect(ImVec2(axis.Min.x - 1, axis.Min.y), ImVec2(axis.Max.x + 1, lanes_bottom), true);
  for (TimeNs t = (ctx.t0 + step - 1) / step * step; t <= ctx.t1; t += step) {
    const float x = std::floor(ctx.x_of(t));
    dl.AddLine(ImVec2(x + 0.5f, axis.Max.y - 6), ImVec2(x + 0.5f, axis.Max.y), theme::kAxisText);
    dl.AddLine(ImVec2(x + 0.5f, axis.Max.y), ImVec2(x + 0.5f, lanes_bottom), theme::kGrid);
    const TimeText label = format_tick(t, step);
    const float label_w = ImGui::CalcTextSize(label.c_str()).x;
    if (x + 3 + label_w <= axis.Max.x)   // a label cut by the edge would crowd its neighbour
      dl.AddText(ImVec2(x + 3, axis.Min.y + 2), theme::kAxisText, label.c_str());
  }
  dl.PopClipRect();
  dl.AddLine(ImVec2(axis.Min.x, axis.Max.y - 0.5f), ImVec2(axis.Max.x, axis.Max.y - 0.5f), theme::kGrid);
}

// The core's name and, at the playhead, the thread it is running: the animated part.
void draw_gutter(const AppState& state, CoreId core, const ImRect& row, ImDrawList& dl) {
  const float line_h = ImGui::GetTextLineHeight();
  const float y = std::floor((row.Min.y + row.Max.y - line_h) * 0.5f);
  char label[16];
  std::snprintf(label, sizeof label, "core %u", unsigned(core));
  dl.PushClipRect(row.Min, row.Max, true);
  dl.AddText(ImVec2(row.Min.x, y), theme::kDimText, label);

  const auto& lane = state.result.trace.cores[core];
  const auto at = visible(lane, state.playhead, state.playhead + 1);
  const float chip_x = row.Min.x + 62;   // after "core 15"
  if (at.empty()) {
    dl.AddText(ImVec2(chip_x, y), theme::kDimText, "idle");
  } else {
    const CoreSpan& span = at.front();
    const bool overhead = span.kind == CoreSpanKind::Overhead;
    dl.AddRectFilled(ImVec2(chip_x, y + 2), ImVec2(chip_x + 9, y + 11),
                     overhead ? theme::kOverheadHatch : theme::thread_color(span.thread));
    const char* name = span.thread < state.scenario.threads.size()
                           ? state.scenario.threads[span.thread].name.c_str() : "?";
    dl.AddText(ImVec2(chip_x + 14, y), theme::kTitle, overhead ? "switch" : name);
  }
  dl.PopClipRect();
}

void draw_playhead(const AppState& state, const LaneContext& ctx, const ImRect& axis, float bottom) {
  if (state.playhead < ctx.t0 || state.playhead > ctx.t1) return;
  const float x = std::floor(ctx.x_of(state.playhead)) + 0.5f;
  ImDrawList& dl = *ctx.draw;
  dl.AddLine(ImVec2(x, axis.Min.y + 4), ImVec2(x, bottom), theme::kPlayhead, 2.0f);
  dl.AddTriangleFilled(ImVec2(x - 6, axis.Min.y), ImVec2(x + 6, axis.Min.y), ImVec2(x, axis.Min.y + 8),
                       theme::kPlayhead);
}

void draw_tooltip(const AppState& state, const FoldRect& rect) {
  ImGui::BeginTooltip();
  const TimeText from = format_time(rect.start), to = format_time(rect.end),
                 length = format_time(rect.end - rect.start);
  if (rect.count > 1) {
    ImGui::Text("%u spans folded (each under %.0f px): zoom in to see them", rect.count, kFoldPx);
  } else {
    const char* name = rect.thread < state.scenario.threads.size()
                           ? state.scenario.threads[rect.thread].name.c_str() : "?";
    ImGui::Text(rect.overhead ? "context switch to %s" : "%s running", name);
  }
  ImGui::TextDisabled("%s to %s (%s)", from.c_str(), to.c_str(), length.c_str());
  ImGui::EndTooltip();
}

}  // namespace

float timeline_preferred_height(int cores) {
  return kAxisH + 2 + float(std::max(cores, 1)) * (kMaxLaneH + kLaneGap) + 2 * ImGui::GetStyle().WindowPadding.y;
}

void draw_timeline(AppState& state, ImVec2 size) {
  state.stats = {};
  const Trace& trace = state.result.trace;
  const CoreId cores = CoreId(trace.cores.size());
  state.layout.lanes.assign(cores, Rect{});

  ImGui::BeginChild("timeline", size, false, ImGuiWindowFlags_NoScrollWithMouse);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float lane_h = std::clamp(
      std::floor((avail.y - kAxisH - 2) / float(std::max<CoreId>(cores, 1)) - kLaneGap), kMinLaneH,
      kMaxLaneH);
  const float lanes_x0 = origin.x + kGutterW;
  const float lanes_x1 = origin.x + std::max(avail.x - 6, kGutterW + 50);
  const float lanes_y0 = origin.y + kAxisH + 2;
  const float lanes_y1 = lanes_y0 + float(cores) * (lane_h + kLaneGap);
  const ImRect axis(lanes_x0, origin.y, lanes_x1, origin.y + kAxisH);

  ImGui::SetCursorScreenPos(ImVec2(lanes_x0, origin.y));
  ImGui::InvisibleButton("##timeline", ImVec2(lanes_x1 - lanes_x0, lanes_y1 - origin.y));

  LaneContext ctx;
  ctx.draw = ImGui::GetWindowDrawList();
  const auto update_view = [&] {
    ctx.t0 = state.view_t0;
    ctx.t1 = std::max(state.view_t1, state.view_t0 + 1);
    ctx.px_per_ns = double(lanes_x1 - lanes_x0) / double(ctx.t1 - ctx.t0);
    ctx.clip = ImRect(lanes_x0, lanes_y0, lanes_x1, lanes_y1);
  };
  update_view();
  handle_input(state, ctx, axis.Max.y);
  update_view();   // this frame already shows the new zoom, pan or playhead

  draw_axis(ctx, axis, lanes_y1);
  FoldRect hovered{};               // a copy: the scratch is reused by the next lane
  bool     has_hovered = false;
  for (CoreId core = 0; core < cores; ++core) {
    const float y = lanes_y0 + float(core) * (lane_h + kLaneGap);
    LaneContext lane_ctx = ctx;
    lane_ctx.clip = ImRect(lanes_x0, y, lanes_x1, y + lane_h);
    if (const FoldRect* h = CoreLane(state, core).draw(lane_ctx, state.scratch, state.stats)) {
      hovered = *h;
      has_hovered = true;
    }
    state.layout.lanes[core] = Rect{lanes_x0, y, lanes_x1, y + lane_h};
    draw_gutter(state, core, ImRect(origin.x, y, lanes_x0 - 8, y + lane_h), *ctx.draw);
  }
  draw_playhead(state, ctx, axis, lanes_y1 - kLaneGap);
  if (has_hovered && !ImGui::IsItemActive()) draw_tooltip(state, hovered);

  ImGui::SetCursorScreenPos(ImVec2(origin.x, lanes_y1));
  ImGui::Dummy(ImVec2(1, 1));   // lets the child scroll when 16 lanes do not fit
  ImGui::EndChild();
}

}  // namespace tl::app
