#include "app/timeline/thread_lane.h"

#include "app/format.h"
#include "app/theme.h"
#include "app/timeline/fold.h"

#include <cmath>

namespace tl::app {
namespace {

constexpr float kStateX = 108.0f;  // the state at the playhead, room for "receive" before the lanes

ImU32 rect_color(const FoldRect& rect) {
  return rect.mixed ? theme::kFoldMixed : theme::state_color(rect.state, rect.thread);
}

}  // namespace

const char* thread_state_text(std::span<const StateSpan> lane, TimeNs t) {
  const auto at = visible(lane, t, t + 1);
  if (!at.empty()) return state_short(at.front().state);
  // Outside its spans a thread has either not arrived yet (a forked or created thread starts
  // late) or finished.
  return !lane.empty() && t >= lane.back().end ? "done" : "";
}

const FoldRect* ThreadLane::draw(const TimelineContext& ctx, std::vector<FoldRect>& scratch,
                                 TimelineStats& stats) const {
  scratch.clear();
  fold_spans(ctx.run->result->trace.threads[thread_], thread_, ctx, scratch, stats);
  // Waiting is drawn shorter than running, so the eye finds where each thread made progress.
  const float inset = std::floor((ctx.clip.Max.y - ctx.clip.Min.y) * 0.15f);
  const FoldRect* hovered = draw::rects(ctx, scratch, theme::kThreadLane, rect_color, [inset](const FoldRect& r) {
    return r.mixed || r.state == ThreadState::Running ? 0.0f : inset;
  });

  ImDrawList& dl = *ctx.draw;
  dl.PushClipRect(ctx.clip.Min, ctx.clip.Max, true);
  for (const FoldRect& rect : scratch) {
    if (rect.mixed) continue;
    const draw::PixelSpan px = draw::to_pixels(rect, ctx);
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

  const auto& lane = ctx.run->result->trace.threads[thread_];
  const auto at = visible(std::span<const StateSpan>(lane), ctx.playhead, ctx.playhead + 1);
  const char* text = thread_state_text(lane, ctx.playhead);
  const bool running = !at.empty() && at.front().state == ThreadState::Running;
  dl.PushClipRect(row.Min, row.Max, true);
  dl.AddText(ImVec2(state_x, y), running ? theme::kTitle : theme::kDimText, text);
  dl.PopClipRect();
}

void ThreadLane::tooltip(const TimelineContext& ctx, const FoldRect& rect) const {
  const char* name = ctx.thread_label(rect.thread);
  if (rect.mixed) {
    ImGui::Text("%s: %u state changes folded (each under %.0f px): zoom in to see them", name, rect.count, kFoldPx);
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
