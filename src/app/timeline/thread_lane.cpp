#include "app/timeline/thread_lane.h"

#include "app/format.h"
#include "app/theme.h"
#include "app/timeline/fold.h"
#include "app/timeline/state_lane.h"

#include <algorithm>

namespace tl::app {
namespace {

std::span<const LaneStateSpan> lane_of(const TimelineContext& ctx, ThreadId thread) {
  const auto& lanes = ctx.run->thread_spans;
  return thread < lanes.size() ? std::span<const LaneStateSpan>(lanes[thread]) : std::span<const LaneStateSpan>();
}

}  // namespace

const LaneStateSpan* lane_span_at(std::span<const LaneStateSpan> lane, TimeNs t) {
  const auto it = std::partition_point(lane.begin(), lane.end(), [t](const LaneStateSpan& s) { return s.end <= t; });
  return it != lane.end() && it->start <= t ? &*it : nullptr;
}

const FoldRect* ThreadLane::draw(const TimelineContext& ctx, std::vector<FoldRect>& scratch,
                                 TimelineStats& stats) const {
  scratch.clear();
  const auto& lods = ctx.run->lod.threads;
  fold_spans(lane_of(ctx, thread_), thread_, ctx, scratch, stats, thread_ < lods.size() ? &lods[thread_] : nullptr);
  return draw_state_rects(ctx, scratch, thread_);
}

// The thread's colour and label and, at the playhead, its state.
void ThreadLane::draw_gutter(const TimelineContext& ctx, const ImRect& row) const {
  ImDrawList& dl = *ctx.draw;
  const float y = draw::text_y(row);
  const float x = row.Min.x + kThreadIndent;
  const float state_x = row.Min.x + kStateTextX;
  dl.AddRectFilled(ImVec2(x, y + 2), ImVec2(x + 9, y + 11), theme::thread_color(thread_));
  draw::fitted_text(dl, ImVec2(x + 14, y), theme::kTitle, ctx.thread_label(thread_), state_x - 6 - (x + 14));

  const std::span<const LaneStateSpan> lane = lane_of(ctx, thread_);
  const LaneStateSpan* at = lane_span_at(lane, ctx.playhead);
  const char* text = state_text_at(lane, ctx.playhead);
  const bool running = at != nullptr && at->state == ThreadState::Running && !at->switching;
  dl.PushClipRect(row.Min, row.Max, true);
  dl.AddText(ImVec2(state_x, y), running ? theme::kTitle : theme::kDimText, text);
  dl.PopClipRect();
}

void ThreadLane::tooltip(const TimelineContext& ctx, const FoldRect& rect) const {
  state_tooltip(rect, ctx.thread_label(rect.thread), state_meaning);
}

void ThreadLane::record(TimelineLayout& layout, const Rect& lane) const {
  if (thread_ < layout.thread_lanes.size()) layout.thread_lanes[thread_] = lane;
}

}  // namespace tl::app
