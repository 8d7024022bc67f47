// A thread's lane, arrival to completion: running, ready, and blocked on what. Indented under
// its process's header.
#pragma once
#include "app/timeline/item.h"
#include "app/state/thread_spans.h"
#include "sim/trace/trace.h"

#include <span>

namespace tl::app {

inline constexpr float kThreadLaneH = 20.0f;
inline constexpr float kThreadLaneGap = 3.0f;
inline constexpr float kThreadIndent = 10.0f;  // under the process header's name

// The span of `lane` at `t`, if any.
const LaneStateSpan* lane_span_at(std::span<const LaneStateSpan> lane, TimeNs t);

class ThreadLane final : public TimelineItem {
 public:
  explicit ThreadLane(ThreadId thread) : thread_(thread) {}
  float height(const RowHeights&) const override { return kThreadLaneH; }
  float gap_after() const override { return kThreadLaneGap; }
  const FoldRect* draw(const TimelineContext& ctx, std::vector<FoldRect>& scratch,
                       TimelineStats& stats) const override;
  void draw_gutter(const TimelineContext& ctx, const ImRect& gutter) const override;
  void tooltip(const TimelineContext& ctx, const FoldRect& rect) const override;
  void record(TimelineLayout& layout, const Rect& lane) const override;

 private:
  ThreadId thread_;
};

}  // namespace tl::app
