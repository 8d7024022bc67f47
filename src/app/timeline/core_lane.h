// A core's lane: which thread it runs when, and the context switches it pays for.
#pragma once
#include "app/timeline/item.h"

namespace tl::app {

inline constexpr float kMinCoreLaneH = 21.0f;  // spans stay at least this tall (browser tests need 20)
inline constexpr float kMaxCoreLaneH = 64.0f;
inline constexpr float kCoreLaneGap = 3.0f;

class CoreLane final : public TimelineItem {
 public:
  explicit CoreLane(CoreId core) : core_(core) {}
  float height(const RowHeights& heights) const override { return heights.core_lane; }
  float gap_after() const override { return kCoreLaneGap; }
  const FoldRect* draw(const TimelineContext& ctx, std::vector<FoldRect>& scratch,
                       TimelineStats& stats) const override;
  void draw_gutter(const TimelineContext& ctx, const ImRect& gutter) const override;
  void tooltip(const TimelineContext& ctx, const FoldRect& rect) const override;
  void record(TimelineLayout& layout, const Rect& lane) const override;

 private:
  CoreId core_;
};

}  // namespace tl::app
