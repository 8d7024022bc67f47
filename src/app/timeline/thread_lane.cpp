#include "app/timeline/thread_lane.h"

#include "app/format.h"
#include "app/theme.h"
#include "app/timeline/fold.h"

#include <algorithm>
#include <cmath>

namespace tl::app {
namespace {

constexpr float kStateX = 108.0f;  // the state at the playhead, room for "receive" before the lanes

ImU32 rect_color(const FoldRect& rect) {
  return rect.overhead ? theme::kOverhead : theme::state_color(rect.state, rect.thread);
}

std::span<const LaneStateSpan> lane_of(const TimelineContext& ctx, ThreadId thread) {
  const auto& lanes = ctx.run->thread_spans;
  return thread < lanes.size() ? std::span<const LaneStateSpan>(lanes[thread]) : std::span<const LaneStateSpan>();
}

}  // namespace

const LaneStateSpan* lane_span_at(std::span<const LaneStateSpan> lane, TimeNs t) {
  const auto it = std::partition_point(lane.begin(), lane.end(), [t](const LaneStateSpan& s) { return s.end <= t; });
  return it != lane.end() && it->start <= t ? &*it : nullptr;
}

const char* thread_state_text(std::span<const LaneStateSpan> lane, TimeNs t) {
  if (const LaneStateSpan* at = lane_span_at(lane, t)) return at->switching ? "switch" : state_short(at->state);
  // Outside its spans a thread has either not arrived yet (a forked or created thread starts
  // late) or finished.
  return !lane.empty() && t >= lane.back().end ? "done" : "";
}

const FoldRect* ThreadLane::draw(const TimelineContext& ctx, std::vector<FoldRect>& scratch,
                                 TimelineStats& stats) const {
  scratch.clear();
  const auto& lods = ctx.run->lod.threads;
  fold_spans(lane_of(ctx, thread_), thread_, ctx, scratch, stats, thread_ < lods.size() ? &lods[thread_] : nullptr);
  // Waiting is drawn shorter than running, so the eye finds where each thread made progress.
  const float inset = std::floor((ctx.clip.Max.y - ctx.clip.Min.y) * 0.15f);
  const FoldRect* hovered = draw::rects(
      ctx, scratch, theme::kThreadLane, rect_color,
      [this](const FoldPart& part) { return part.overhead ? theme::kOverhead : theme::state_color(part.state, thread_); },
      [inset](const FoldRect& r) { return r.state == ThreadState::Running ? 0.0f : inset; });

  ImDrawList& dl = *ctx.draw;
  dl.PushClipRect(ctx.clip.Min, ctx.clip.Max, true);
  for (const FoldRect& rect : scratch) {
    if (rect.mixed) continue;
    const draw::PixelSpan px = draw::to_pixels(rect, ctx);
    if (rect.overhead) {  // switching into the thread: hatched like the core's switch cost
      if (px.x1 - px.x0 >= 4) draw::hatch(dl, px.x0, px.x1, ctx.clip.Min.y, ctx.clip.Max.y, theme::kOverheadHatch);
      continue;
    }
    if (rect.state == ThreadState::Ready && px.x1 - px.x0 >= 4)
      draw::hatch(dl, px.x0, px.x1, ctx.clip.Min.y + inset, ctx.clip.Max.y - inset, theme::ready_hatch(thread_));
    if (rect.state != ThreadState::Running)  // running needs no word: it is the colour
      draw::label(ctx, px.x0, px.x1, state_short(rect.state), rect_color(rect));
  }
  dl.PopClipRect();
  return hovered;
}

// The thread's colour and label and, at the playhead, its state.
void ThreadLane::draw_gutter(const TimelineContext& ctx, const ImRect& row) const {
  ImDrawList& dl = *ctx.draw;
  const float y = draw::text_y(row);
  const float x = row.Min.x + kThreadIndent;
  const float state_x = row.Min.x + kStateX;
  dl.AddRectFilled(ImVec2(x, y + 2), ImVec2(x + 9, y + 11), theme::thread_color(thread_));
  draw::fitted_text(dl, ImVec2(x + 14, y), theme::kTitle, ctx.thread_label(thread_), state_x - 6 - (x + 14));

  const std::span<const LaneStateSpan> lane = lane_of(ctx, thread_);
  const LaneStateSpan* at = lane_span_at(lane, ctx.playhead);
  const char* text = thread_state_text(lane, ctx.playhead);
  const bool running = at != nullptr && at->state == ThreadState::Running && !at->switching;
  dl.PushClipRect(row.Min, row.Max, true);
  dl.AddText(ImVec2(state_x, y), running ? theme::kTitle : theme::kDimText, text);
  dl.PopClipRect();
}

void ThreadLane::tooltip(const TimelineContext& ctx, const FoldRect& rect) const {
  const char* name = ctx.thread_label(rect.thread);
  if (rect.mixed) {
    ImGui::Text("%s: %u state changes folded (each under %.0f px): zoom in to see them", name, rect.count, kFoldPx);
    for (const FoldPart& part : rect.parts)
      if (part.share > 0)
        ImGui::Text("%3.0f%% %s", double(part.share) * 100.0, part.overhead ? "switching in" : state_name(part.state));
  } else if (rect.overhead) {
    const TimeText length = format_time(rect.end - rect.start);
    ImGui::Text("%s: a core switching to it for %s", name, length.c_str());
    ImGui::TextUnformatted("The context switch's cost: the core saves one thread and loads this one; no work yet.");
  } else {
    const TimeText length = format_time(rect.end - rect.start);
    ImGui::Text("%s %s for %s", name, state_name(rect.state), length.c_str());
    ImGui::TextUnformatted(state_meaning(rect.state));
    if (rect.count > 1) ImGui::TextDisabled("%u spans in a row, folded", rect.count);
  }
  draw::time_span_line(rect);
}

void ThreadLane::record(TimelineLayout& layout, const Rect& lane) const {
  if (thread_ < layout.thread_lanes.size()) layout.thread_lanes[thread_] = lane;
}

}  // namespace tl::app
