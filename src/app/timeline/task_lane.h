// An asyncio task's lane, under the thread whose event loop runs it: when its steps run on
// that thread, when it waits in the loop's ready queue, and when it awaits (I/O, sleep) while
// the thread is free for the other tasks. What the learner compares with a thread per download.
#pragma once
#include "app/timeline/item.h"
#include "sim/trace/trace.h"

#include <cstddef>

namespace tl::app {

inline constexpr float kTaskLaneH = 16.0f;
inline constexpr float kTaskLaneGap = 2.0f;
inline constexpr float kTaskIndent = 22.0f;  // under its loop thread's name

class TaskLane final : public TimelineItem {
 public:
  TaskLane(std::size_t task, ThreadId loop_thread) : task_(task), thread_(loop_thread) {}
  float height(const RowHeights&) const override { return kTaskLaneH; }
  float gap_after() const override { return kTaskLaneGap; }
  const FoldRect* draw(const TimelineContext& ctx, std::vector<FoldRect>& scratch,
                       TimelineStats& stats) const override;
  void draw_gutter(const TimelineContext& ctx, const ImRect& gutter) const override;
  void tooltip(const TimelineContext& ctx, const FoldRect& rect) const override;
  void record(TimelineLayout& layout, const Rect& lane) const override;

 private:
  std::size_t task_;
  ThreadId thread_;  // the thread whose event loop runs the task: its colour is the task's
};

}  // namespace tl::app
