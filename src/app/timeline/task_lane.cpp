#include "app/timeline/task_lane.h"

#include "app/format.h"
#include "app/theme.h"
#include "app/timeline/fold.h"
#include "app/timeline/state_lane.h"

#include <string>

namespace tl::app {
namespace {

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

const FoldRect* TaskLane::draw(const TimelineContext& ctx, std::vector<FoldRect>& scratch,
                               TimelineStats& stats) const {
  scratch.clear();
  fold_spans(lane_of(ctx, task_), thread_, ctx, scratch, stats);
  return draw_state_rects(ctx, scratch, thread_);
}

void TaskLane::draw_gutter(const TimelineContext& ctx, const ImRect& row) const {
  ImDrawList& dl = *ctx.draw;
  const float y = draw::text_y(row);
  const float x = row.Min.x + kTaskIndent;
  const float state_x = row.Min.x + kStateTextX;
  const auto& tasks = ctx.run->scenario.tasks;
  const char* name = task_ < tasks.size() ? tasks[task_].name.c_str() : "task";
  // A hollow square of the loop thread's colour: a task, not a thread of its own.
  dl.AddRect(ImVec2(x, y + 3), ImVec2(x + 8, y + 11), theme::thread_color(thread_));
  draw::fitted_text(dl, ImVec2(x + 13, y), theme::kDimText, name, state_x - 6 - (x + 13));
  dl.PushClipRect(row.Min, row.Max, true);
  dl.AddText(ImVec2(state_x, y), theme::kDimText, state_text_at(lane_of(ctx, task_), ctx.playhead));
  dl.PopClipRect();
}

void TaskLane::tooltip(const TimelineContext& ctx, const FoldRect& rect) const {
  const auto& tasks = ctx.run->scenario.tasks;
  const std::string who = "task " + (task_ < tasks.size() ? tasks[task_].name : std::string());
  state_tooltip(rect, who.c_str(), task_meaning);
}

void TaskLane::record(TimelineLayout& layout, const Rect& lane) const {
  if (task_ < layout.task_lanes.size()) layout.task_lanes[task_] = lane;
}

}  // namespace tl::app
