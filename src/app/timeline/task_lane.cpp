#include "app/timeline/task_lane.h"

#include "app/format.h"
#include "app/theme.h"
#include "app/timeline/fold.h"

#include <algorithm>
#include <cmath>

namespace tl::app {
namespace {

constexpr float kStateX = 108.0f;  // as the thread lanes: the state at the playhead

std::span<const StateSpan> lane_of(const TimelineContext& ctx, std::size_t task) {
  const auto& tasks = ctx.run->result->trace.tasks;
  return task < tasks.size() ? std::span<const StateSpan>(tasks[task]) : std::span<const StateSpan>();
}

// A task's states say something else than a thread's: it never holds a core of its own.
const char* task_meaning(ThreadState state) {
  switch (state) {
    case ThreadState::Running: return "its step runs on the event loop's thread (one task at a time per loop)";
    case ThreadState::Ready: return "in the loop's ready queue, or its thread is waiting for a core or the GIL";
    case ThreadState::BlockedIo: return "awaiting an I/O; the loop's thread runs the other tasks meanwhile";
    case ThreadState::Sleeping: return "awaiting asyncio.sleep; the loop's thread runs the other tasks meanwhile";
    default: return state_meaning(state);
  }
}

}  // namespace

const char* task_state_text(std::span<const StateSpan> lane, TimeNs t) {
  const auto it = std::partition_point(lane.begin(), lane.end(), [t](const StateSpan& s) { return s.end <= t; });
  if (it != lane.end() && it->start <= t) return state_short(it->state);
  return !lane.empty() && t >= lane.back().end ? "done" : "";
}

const FoldRect* TaskLane::draw(const TimelineContext& ctx, std::vector<FoldRect>& scratch,
                               TimelineStats& stats) const {
  scratch.clear();
  fold_spans(lane_of(ctx, task_), thread_, ctx, scratch, stats);
  const float inset = std::floor((ctx.clip.Max.y - ctx.clip.Min.y) * 0.15f);
  const auto colour = [this](ThreadState state) { return theme::state_color(state, thread_); };
  const FoldRect* hovered = draw::rects(
      ctx, scratch, theme::kThreadLane, [&](const FoldRect& r) { return colour(r.state); },
      [&](const FoldPart& part) { return colour(part.state); },
      [inset](const FoldRect& r) { return r.state == ThreadState::Running ? 0.0f : inset; });

  ImDrawList& dl = *ctx.draw;
  dl.PushClipRect(ctx.clip.Min, ctx.clip.Max, true);
  for (const FoldRect& rect : scratch) {
    if (rect.mixed) continue;
    const draw::PixelSpan px = draw::to_pixels(rect, ctx);
    if (rect.state == ThreadState::Ready && px.x1 - px.x0 >= 4)
      draw::hatch(dl, px.x0, px.x1, ctx.clip.Min.y + inset, ctx.clip.Max.y - inset, theme::ready_hatch(thread_));
    if (rect.state != ThreadState::Running) draw::label(ctx, px.x0, px.x1, state_short(rect.state), colour(rect.state));
  }
  dl.PopClipRect();
  return hovered;
}

void TaskLane::draw_gutter(const TimelineContext& ctx, const ImRect& row) const {
  ImDrawList& dl = *ctx.draw;
  const float y = draw::text_y(row);
  const float x = row.Min.x + kTaskIndent;
  const float state_x = row.Min.x + kStateX;
  const auto& tasks = ctx.run->scenario.tasks;
  const char* name = task_ < tasks.size() ? tasks[task_].name.c_str() : "task";
  // A hollow square of the loop thread's colour: a task, not a thread of its own.
  dl.AddRect(ImVec2(x, y + 3), ImVec2(x + 8, y + 11), theme::thread_color(thread_));
  draw::fitted_text(dl, ImVec2(x + 13, y), theme::kDimText, name, state_x - 6 - (x + 13));
  dl.PushClipRect(row.Min, row.Max, true);
  dl.AddText(ImVec2(state_x, y), theme::kDimText, task_state_text(lane_of(ctx, task_), ctx.playhead));
  dl.PopClipRect();
}

void TaskLane::tooltip(const TimelineContext& ctx, const FoldRect& rect) const {
  const auto& tasks = ctx.run->scenario.tasks;
  const char* name = task_ < tasks.size() ? tasks[task_].name.c_str() : "task";
  if (rect.mixed) {
    ImGui::Text("task %s: %u state changes folded (each under %.0f px): zoom in to see them", name, rect.count, kFoldPx);
    for (const FoldPart& part : rect.parts)
      if (part.share > 0) ImGui::Text("%3.0f%% %s", double(part.share) * 100.0, state_name(part.state));
  } else {
    const TimeText length = format_time(rect.end - rect.start);
    ImGui::Text("task %s %s for %s", name, state_name(rect.state), length.c_str());
    ImGui::TextUnformatted(task_meaning(rect.state));
    if (rect.count > 1) ImGui::TextDisabled("%u spans in a row, folded", rect.count);
  }
  draw::time_span_line(rect);
}

void TaskLane::record(TimelineLayout& layout, const Rect& lane) const {
  if (task_ < layout.task_lanes.size()) layout.task_lanes[task_] = lane;
}

}  // namespace tl::app
