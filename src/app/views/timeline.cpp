// [SECTION] Folding
// [SECTION] Lanes: what both kinds share, CoreLane, ThreadLane
// [SECTION] Axis, interaction, gutter, playhead
// [SECTION] The view
#include "app/views/timeline.h"

#include "app/format.h"
#include "app/theme.h"

#include <algorithm>
#include <cmath>
#include <cfloat>
#include <cstdio>
#include <cstring>

namespace tl::app {

// ---------------------------------------------------------------------------------------------
// [SECTION] Folding
// ---------------------------------------------------------------------------------------------
namespace {

// The one folding loop. Traits say how a span starts a rectangle and how a further thin span
// joins one; everything about widths, gaps and counting is here, once.
template <class Span, class Traits>
void fold_lane(std::span<const Span> lane, const LaneContext& ctx, std::vector<FoldRect>& out,
               TimelineStats& stats, const Traits& traits) {
  const std::span<const Span> spans = visible(lane, ctx.t0, ctx.t1);
  stats.spans_visible += spans.size();
  const double min_ns = double(kFoldPx) / ctx.px_per_ns;
  const auto thin = [min_ns](const Span& s) { return double(s.end - s.start) < min_ns; };

  std::size_t i = 0;
  while (i < spans.size()) {
    FoldRect rect = traits.first(spans[i]);
    std::size_t next = i + 1;
    if (thin(spans[i])) {
      while (next < spans.size() && thin(spans[next]) &&
             double(spans[next].start - rect.end) < min_ns) {
        traits.join(rect, spans[next]);
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

struct CoreFold {
  FoldRect first(const CoreSpan& s) const {
    return {s.start, s.end, s.thread, 1, s.kind == CoreSpanKind::Overhead, ThreadState::Running, false};
  }
  void join(FoldRect& rect, const CoreSpan& s) const {
    if (s.thread != rect.thread) {
      rect.thread = kNoThread;
      rect.mixed = true;
    }
    rect.overhead = rect.overhead && s.kind == CoreSpanKind::Overhead;
  }
};

struct StateFold {
  ThreadId thread;
  FoldRect first(const StateSpan& s) const { return {s.start, s.end, thread, 1, false, s.state, false}; }
  void join(FoldRect& rect, const StateSpan& s) const { rect.mixed = rect.mixed || s.state != rect.state; }
};

}  // namespace

void fold_spans(std::span<const CoreSpan> lane, const LaneContext& ctx, std::vector<FoldRect>& out,
                TimelineStats& stats) {
  fold_lane(lane, ctx, out, stats, CoreFold{});
}

void fold_spans(std::span<const StateSpan> lane, ThreadId thread, const LaneContext& ctx,
                std::vector<FoldRect>& out, TimelineStats& stats) {
  fold_lane(lane, ctx, out, stats, StateFold{thread});
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Lanes
// ---------------------------------------------------------------------------------------------
namespace {

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

// Diagonal lines 5 px apart across [x0, x1) x [y0, y1), cut at the rectangle's sides so that
// they never stray into the neighbouring span.
void hatch(ImDrawList& dl, float x0, float x1, float y0, float y1, ImU32 color) {
  const float h = y1 - y0;
  for (float x = x0 - h; x < x1; x += 5) {   // the line from (x, y1) up to (x + h, y0)
    const float a = std::max(x, x0), b = std::min(x + h, x1);
    if (b <= a) continue;
    dl.AddLine(ImVec2(a, y1 - (a - x)), ImVec2(b, y1 - (b - x)), color, 1.0f);
  }
}

ImU32 core_rect_color(const FoldRect& rect) {
  if (rect.overhead) return theme::kOverhead;
  if (rect.mixed) return theme::kFoldMixed;
  return theme::thread_color(rect.thread);
}

ImU32 thread_rect_color(const FoldRect& rect) {
  return rect.mixed ? theme::kFoldMixed : theme::state_color(rect.state, rect.thread);
}

}  // namespace

template <class ColourOf, class InsetOf>
const FoldRect* Lane::draw_rects(const LaneContext& ctx, const std::vector<FoldRect>& rects, ImU32 background,
                                 ColourOf colour_of, InsetOf inset_of) const {
  ImDrawList& dl = *ctx.draw;
  const float y0 = ctx.clip.Min.y, y1 = ctx.clip.Max.y;
  dl.AddRectFilled(ctx.clip.Min, ctx.clip.Max, background);

  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool mouse_in_lane = ctx.clip.Contains(mouse);
  const FoldRect* hovered = nullptr;
  // One reservation for the whole lane: PrimRect then only writes 4 vertices and 6 indices.
  dl.PrimReserve(int(rects.size()) * 6, int(rects.size()) * 4);
  for (const FoldRect& rect : rects) {
    const PixelSpan px = to_pixels(rect, ctx);
    const float inset = inset_of(rect);
    dl.PrimRect(ImVec2(px.x0, y0 + inset), ImVec2(px.x1, y1 - inset), colour_of(rect));
    if (mouse_in_lane && mouse.x >= px.x0 && mouse.x < px.x1) hovered = &rect;
  }
  return hovered;
}

void Lane::label(const LaneContext& ctx, float x0, float x1, const char* text, ImU32 background) {
  const float text_w = ImGui::CalcTextSize(text).x;
  const float w = x1 - x0;
  if (text_w + 8 > w) return;
  const float x = std::max(x0 + 4, std::min(x0 + (w - text_w) * 0.5f, x1 - 4 - text_w));
  const float y = (ctx.clip.Min.y + ctx.clip.Max.y - ImGui::GetTextLineHeight()) * 0.5f;
  ctx.draw->AddText(ImVec2(std::floor(x), std::floor(y)), theme::text_on(background), text);
}

CoreLane::CoreLane(const AppState& state, CoreId core)
    : Lane(state), spans_(state.result->trace.cores[core]) {}

const FoldRect* CoreLane::draw(const LaneContext& ctx, std::vector<FoldRect>& scratch,
                               TimelineStats& stats) const {
  scratch.clear();
  fold_spans(spans_, ctx, scratch, stats);
  const FoldRect* hovered = draw_rects(ctx, scratch, theme::kLaneIdle, core_rect_color,
                                       [](const FoldRect&) { return 0.0f; });

  // Decorations only where there is room: names inside wide spans, hatching on switch costs.
  ImDrawList& dl = *ctx.draw;
  dl.PushClipRect(ctx.clip.Min, ctx.clip.Max, true);
  for (const FoldRect& rect : scratch) {
    const PixelSpan px = to_pixels(rect, ctx);
    if (rect.overhead) {
      if (px.x1 - px.x0 >= 4) hatch(dl, px.x0, px.x1, ctx.clip.Min.y, ctx.clip.Max.y, theme::kOverheadHatch);
    } else if (!rect.mixed && rect.thread < state_.scenario.threads.size()) {   // one thread's
      label(ctx, px.x0, px.x1, state_.scenario.threads[rect.thread].name.c_str(), core_rect_color(rect));
    }
  }
  dl.PopClipRect();
  return hovered;
}

ThreadLane::ThreadLane(const AppState& state, ThreadId thread)
    : Lane(state), thread_(thread), spans_(state.result->trace.threads[thread]) {}

const FoldRect* ThreadLane::draw(const LaneContext& ctx, std::vector<FoldRect>& scratch,
                                 TimelineStats& stats) const {
  scratch.clear();
  fold_spans(spans_, thread_, ctx, scratch, stats);
  // Waiting is drawn shorter than running, so the eye finds where each thread made progress.
  const float inset = std::floor((ctx.clip.Max.y - ctx.clip.Min.y) * 0.15f);
  const FoldRect* hovered = draw_rects(ctx, scratch, theme::kThreadLane, thread_rect_color,
                                       [inset](const FoldRect& r) {
                                         return r.mixed || r.state == ThreadState::Running ? 0.0f : inset;
                                       });

  ImDrawList& dl = *ctx.draw;
  dl.PushClipRect(ctx.clip.Min, ctx.clip.Max, true);
  for (const FoldRect& rect : scratch) {
    if (rect.mixed) continue;
    const PixelSpan px = to_pixels(rect, ctx);
    if (rect.state == ThreadState::Ready && px.x1 - px.x0 >= 4)
      hatch(dl, px.x0, px.x1, ctx.clip.Min.y + inset, ctx.clip.Max.y - inset, theme::ready_hatch(thread_));
    if (rect.state != ThreadState::Running)   // running needs no word: it is the colour
      label(ctx, px.x0, px.x1, state_short(rect.state), thread_rect_color(rect));
  }
  dl.PopClipRect();
  return hovered;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Axis, interaction, gutter, playhead
// ---------------------------------------------------------------------------------------------
namespace {

constexpr float  kGutterW     = 136.0f;   // core and thread labels left of the lanes
constexpr float  kAxisH       = 22.0f;
constexpr float  kLaneGap     = 3.0f;
constexpr float  kMinLaneH    = 21.0f;    // spans stay at least this tall (browser tests need 20)
constexpr float  kMaxLaneH    = 64.0f;
constexpr float  kSectionH    = 22.0f;    // the "threads" heading between the two sections
constexpr float  kThreadLaneH = 20.0f;
constexpr float  kThreadGap   = 3.0f;
constexpr float  kTickMinPx   = 90.0f;    // labels need about this much room
constexpr TimeNs kMinRangeNs  = 50;       // deepest zoom

// Keeps [t0, t1) inside the run and at least kMinRangeNs wide.
void set_view(AppState& state, double t0, double t1) {
  const double makespan = double(std::max<TimeNs>(state.result->trace.makespan, 1));
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
    state.playhead = std::clamp<TimeNs>(ctx.t_of(io.MousePos.x), 0, state.result->trace.makespan);
  } else if (io.MouseDelta.x != 0.0f) {         // on the lanes: pan
    const double shift = double(io.MouseDelta.x) / ctx.px_per_ns;
    set_view(state, double(state.view_t0) - shift, double(state.view_t1) - shift);
  }
}

// The wheel zooms over the lanes, so the lanes cannot scroll the usual way: over the names
// left of them it scrolls (when 16 cores and many threads do not fit).
void scroll_with_wheel_over_gutter(float lanes_x0) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.MouseWheel == 0.0f || io.MousePos.x >= lanes_x0) return;
  if (!ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows)) return;
  ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseWheel * 3 * (kThreadLaneH + kThreadGap));
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

// Left of the axis: while a newer run is being simulated the old one stays on screen, and
// this says so.
void draw_pending_marker(const AppState& state, const ImRect& gutter, ImDrawList& dl) {
  if (!state.pending) return;
  dl.PushClipRect(gutter.Min, gutter.Max, true);
  dl.AddText(ImVec2(gutter.Min.x, gutter.Min.y + 2), theme::kAccent, "simulating\xE2\x80\xA6");
  dl.PopClipRect();
}

constexpr float kChipOffset = 62.0f;   // after "core 15"

// A name in at most `width` px: cut with an ellipsis when longer ("transfer_ab" -> "transf…"),
// so a clipped name never runs into the text after it. The tooltip has the whole name.
void add_fitted_text(ImDrawList& dl, ImVec2 pos, ImU32 color, const char* text, float width) {
  const ImFont& font = *ImGui::GetFont();
  const float size = ImGui::GetFontSize();
  const char* end = text + std::strlen(text);
  if (font.CalcTextSizeA(size, FLT_MAX, 0, text, end).x <= width) {
    dl.AddText(pos, color, text, end);
    return;
  }
  static constexpr const char* kEllipsis = "\xE2\x80\xA6";
  const float room = width - font.CalcTextSizeA(size, FLT_MAX, 0, kEllipsis).x;
  const char* cut = text;
  while (cut < end) {
    const char* next = cut + 1;
    while (next < end && (static_cast<unsigned char>(*next) & 0xC0) == 0x80) ++next;   // whole UTF-8 characters
    if (font.CalcTextSizeA(size, FLT_MAX, 0, text, next).x > room) break;
    cut = next;
  }
  dl.AddText(pos, color, text, cut);
  dl.AddText(ImVec2(pos.x + font.CalcTextSizeA(size, FLT_MAX, 0, text, cut).x, pos.y), color, kEllipsis);
}

// The core's name and, at the playhead, the thread it is running: the animated part.
void draw_core_gutter(const AppState& state, CoreId core, const ImRect& row, ImDrawList& dl) {
  const float y = std::floor((row.Min.y + row.Max.y - ImGui::GetTextLineHeight()) * 0.5f);
  char label[16];
  std::snprintf(label, sizeof label, "core %u", unsigned(core));
  dl.PushClipRect(row.Min, row.Max, true);
  dl.AddText(ImVec2(row.Min.x, y), theme::kDimText, label);

  const auto at = visible(std::span<const CoreSpan>(state.result->trace.cores[core]), state.playhead,
                          state.playhead + 1);
  const float chip_x = row.Min.x + kChipOffset;
  if (at.empty()) {
    dl.AddText(ImVec2(chip_x, y), theme::kDimText, "idle");
  } else {
    const CoreSpan& span = at.front();
    const bool overhead = span.kind == CoreSpanKind::Overhead;
    dl.AddRectFilled(ImVec2(chip_x, y + 2), ImVec2(chip_x + 9, y + 11),
                     overhead ? theme::kOverheadHatch : theme::thread_color(span.thread));
    const char* name = span.thread < state.scenario.threads.size()
                           ? state.scenario.threads[span.thread].name.c_str() : "?";
    add_fitted_text(dl, ImVec2(chip_x + 14, y), theme::kTitle, overhead ? "switch" : name, row.Max.x - chip_x - 14);
  }
  dl.PopClipRect();
}

// The thread's colour and name and, at the playhead, its state.
void draw_thread_gutter(const AppState& state, ThreadId thread, const ImRect& row, ImDrawList& dl) {
  const float y = std::floor((row.Min.y + row.Max.y - ImGui::GetTextLineHeight()) * 0.5f);
  const float state_x = row.Min.x + kChipOffset + 14;   // under the cores' thread names
  dl.AddRectFilled(ImVec2(row.Min.x, y + 2), ImVec2(row.Min.x + 9, y + 11), theme::thread_color(thread));
  add_fitted_text(dl, ImVec2(row.Min.x + 14, y), theme::kTitle, state.scenario.threads[thread].name.c_str(),
                  state_x - 6 - (row.Min.x + 14));

  const auto at = visible(std::span<const StateSpan>(state.result->trace.threads[thread]), state.playhead,
                          state.playhead + 1);
  const bool done = at.empty() && state.playhead > 0;
  const char* text = at.empty() ? (done ? "done" : "") : state_short(at.front().state);
  const bool running = !at.empty() && at.front().state == ThreadState::Running;
  dl.PushClipRect(row.Min, row.Max, true);
  dl.AddText(ImVec2(state_x, y), running ? theme::kTitle : theme::kDimText, text);
  dl.PopClipRect();
}

void draw_section_heading(const ImRect& row, float lanes_x0, float lanes_x1, ImDrawList& dl) {
  // The axis grid stops here: the heading's words stay clear of its lines.
  dl.AddRectFilled(ImVec2(lanes_x0 - 1, row.Min.y), ImVec2(lanes_x1 + 1, row.Max.y - 1),
                   ImGui::GetColorU32(ImGuiCol_ChildBg));
  const float y = std::floor(row.Max.y - ImGui::GetTextLineHeight() - 3);
  dl.AddText(ImVec2(row.Min.x, y), theme::kAccent, "threads");
  dl.AddText(ImVec2(lanes_x0, y), theme::kDimText, "what each thread is doing");
  const float line_y = std::floor(row.Min.y + 2) + 0.5f;
  dl.AddLine(ImVec2(row.Min.x, line_y), ImVec2(lanes_x1, line_y), theme::kGrid);
}

void draw_playhead(const AppState& state, const LaneContext& ctx, const ImRect& axis, float bottom) {
  if (state.playhead < ctx.t0 || state.playhead > ctx.t1) return;
  const float x = std::floor(ctx.x_of(state.playhead)) + 0.5f;
  ImDrawList& dl = *ctx.draw;
  dl.AddLine(ImVec2(x, axis.Min.y + 4), ImVec2(x, bottom), theme::kPlayhead, 2.0f);
  dl.AddTriangleFilled(ImVec2(x - 6, axis.Min.y), ImVec2(x + 6, axis.Min.y), ImVec2(x, axis.Min.y + 8),
                       theme::kPlayhead);
}

const char* thread_name(const AppState& state, ThreadId thread) {
  return thread < state.scenario.threads.size() ? state.scenario.threads[thread].name.c_str() : "?";
}

void draw_core_tooltip(const AppState& state, const FoldRect& rect) {
  if (rect.count > 1)
    ImGui::Text("%u spans folded (each under %.0f px): zoom in to see them", rect.count, kFoldPx);
  else
    ImGui::Text(rect.overhead ? "context switch to %s" : "%s running", thread_name(state, rect.thread));
}

void draw_thread_tooltip(const AppState& state, const FoldRect& rect) {
  const char* name = thread_name(state, rect.thread);
  if (rect.mixed) {
    ImGui::Text("%s: %u state changes folded (each under %.0f px): zoom in to see them", name, rect.count,
                kFoldPx);
    return;
  }
  const TimeText length = format_time(rect.end - rect.start);
  ImGui::Text("%s %s for %s", name, state_name(rect.state), length.c_str());
  ImGui::TextUnformatted(state_meaning(rect.state));
  if (rect.count > 1) ImGui::TextDisabled("%u spans in a row, folded", rect.count);
}

void draw_tooltip(const AppState& state, const FoldRect& rect, bool thread_lane) {
  ImGui::BeginTooltip();
  if (thread_lane) draw_thread_tooltip(state, rect);
  else draw_core_tooltip(state, rect);
  const TimeText from = format_time(rect.start), to = format_time(rect.end),
                 length = format_time(rect.end - rect.start);
  ImGui::TextDisabled("%s to %s (%s)", from.c_str(), to.c_str(), length.c_str());
  ImGui::EndTooltip();
}

float threads_block_height(int threads) {
  return threads > 0 ? kSectionH + float(threads) * (kThreadLaneH + kThreadGap) : 0.0f;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] The view
// ---------------------------------------------------------------------------------------------
// Both leave 2 px for the Dummy that ends the content: a child exactly as tall as its
// lanes would otherwise grow a scrollbar (and lose its width) for one pixel.
float timeline_preferred_height(int cores, int threads) {
  return kAxisH + 2 + float(std::max(cores, 1)) * (kMaxLaneH + kLaneGap) + threads_block_height(threads) + 2;
}

float timeline_min_height(int cores, int threads) {
  return kAxisH + 2 + float(std::max(cores, 1)) * (kMinLaneH + kLaneGap) + threads_block_height(threads) + 2;
}

void draw_timeline(AppState& state, ImVec2 size) {
  state.stats = {};
  const Trace& trace = state.result->trace;
  const CoreId cores = CoreId(trace.cores.size());
  // A thread lane needs the scenario's name for it; both come from the same run.
  const ThreadId threads = ThreadId(std::min(trace.threads.size(), state.scenario.threads.size()));
  state.layout.lanes.assign(cores, Rect{});
  state.layout.thread_lanes.assign(threads, Rect{});

  ImGui::BeginChild("timeline", size, false, ImGuiWindowFlags_NoScrollWithMouse);
  const ImVec2 window_pos = ImGui::GetWindowPos(), window_size = ImGui::GetWindowSize();
  state.layout.timeline = Rect{window_pos.x, window_pos.y, window_pos.x + window_size.x, window_pos.y + window_size.y};
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float threads_h = threads_block_height(int(threads));
  // Core lanes share what the thread lanes leave, between kMinLaneH and kMaxLaneH each.
  const float lane_h = std::clamp(
      std::floor((avail.y - kAxisH - 2 - threads_h) / float(std::max<CoreId>(cores, 1)) - kLaneGap), kMinLaneH,
      kMaxLaneH);
  const float lanes_x0 = origin.x + kGutterW;
  const float lanes_x1 = origin.x + std::max(avail.x - 6, kGutterW + 50);
  const float lanes_y0 = origin.y + kAxisH + 2;
  const float cores_y1 = lanes_y0 + float(cores) * (lane_h + kLaneGap);
  const float threads_y0 = cores_y1 + kSectionH;
  const float bottom = cores_y1 + threads_h;
  const ImRect axis(lanes_x0, origin.y, lanes_x1, origin.y + kAxisH);

  scroll_with_wheel_over_gutter(lanes_x0);
  ImGui::SetCursorScreenPos(ImVec2(lanes_x0, origin.y));
  ImGui::InvisibleButton("##timeline", ImVec2(lanes_x1 - lanes_x0, std::max(bottom - origin.y, 1.0f)));

  LaneContext ctx;
  ctx.draw = ImGui::GetWindowDrawList();
  const auto update_view = [&] {
    ctx.t0 = state.view_t0;
    ctx.t1 = std::max(state.view_t1, state.view_t0 + 1);
    ctx.px_per_ns = double(lanes_x1 - lanes_x0) / double(ctx.t1 - ctx.t0);
    ctx.clip = ImRect(lanes_x0, lanes_y0, lanes_x1, bottom);
  };
  update_view();
  handle_input(state, ctx, axis.Max.y);
  update_view();   // this frame already shows the new zoom, pan or playhead

  draw_axis(ctx, axis, bottom);
  draw_pending_marker(state, ImRect(origin.x, origin.y, lanes_x0 - 8, origin.y + kAxisH), *ctx.draw);
  FoldRect hovered{};               // a copy: the scratch is reused by the next lane
  bool     has_hovered = false, hovered_thread_lane = false;
  const auto keep = [&](const FoldRect* h, bool thread_lane) {
    if (h == nullptr) return;
    hovered = *h;
    has_hovered = true;
    hovered_thread_lane = thread_lane;
  };
  for (CoreId core = 0; core < cores; ++core) {
    const float y = lanes_y0 + float(core) * (lane_h + kLaneGap);
    LaneContext lane_ctx = ctx;
    lane_ctx.clip = ImRect(lanes_x0, y, lanes_x1, y + lane_h);
    state.layout.lanes[core] = Rect{lanes_x0, y, lanes_x1, y + lane_h};
    // Lanes scrolled out of the child cost nothing: per-frame work follows what is on screen,
    // not how many cores or threads the run has.
    if (!ImGui::IsRectVisible(ImVec2(origin.x, y), ImVec2(lanes_x1, y + lane_h))) continue;
    keep(CoreLane(state, core).draw(lane_ctx, state.scratch, state.stats), false);
    draw_core_gutter(state, core, ImRect(origin.x, y, lanes_x0 - 8, y + lane_h), *ctx.draw);
  }
  if (threads > 0)
    draw_section_heading(ImRect(origin.x, cores_y1, lanes_x0 - 8, threads_y0), lanes_x0, lanes_x1, *ctx.draw);
  for (ThreadId thread = 0; thread < threads; ++thread) {
    const float y = threads_y0 + float(thread) * (kThreadLaneH + kThreadGap);
    LaneContext lane_ctx = ctx;
    lane_ctx.clip = ImRect(lanes_x0, y, lanes_x1, y + kThreadLaneH);
    state.layout.thread_lanes[thread] = Rect{lanes_x0, y, lanes_x1, y + kThreadLaneH};
    if (!ImGui::IsRectVisible(ImVec2(origin.x, y), ImVec2(lanes_x1, y + kThreadLaneH))) continue;
    keep(ThreadLane(state, thread).draw(lane_ctx, state.scratch, state.stats), true);
    draw_thread_gutter(state, thread, ImRect(origin.x, y, lanes_x0 - 8, y + kThreadLaneH), *ctx.draw);
  }
  draw_playhead(state, ctx, axis, bottom - (threads > 0 ? kThreadGap : kLaneGap));
  if (has_hovered && !ImGui::IsItemActive()) draw_tooltip(state, hovered, hovered_thread_lane);

  ImGui::SetCursorScreenPos(ImVec2(origin.x, bottom));
  ImGui::Dummy(ImVec2(1, 1));   // lets the child scroll when the lanes do not fit
  ImGui::EndChild();
}

}  // namespace tl::app
