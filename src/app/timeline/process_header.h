// A process's header row above its threads' lanes, which also divides them from the core lanes
// above: its name, how it started (initial, fork, spawn) and, at the playhead, its resident and
// private memory from the trace's memory lanes.
#pragma once
#include "app/timeline/item.h"

#include <string>

namespace tl::app {

inline constexpr float kProcessRowH = 22.0f;
inline constexpr float kProcessRowGap = 0.0f;

class ProcessHeader final : public TimelineItem {
 public:
  explicit ProcessHeader(ProcessId process) : process_(process) {}
  float height(const RowHeights&) const override { return kProcessRowH; }
  float gap_after() const override { return kProcessRowGap; }
  const FoldRect* draw(const TimelineContext& ctx, std::vector<FoldRect>& scratch,
                       TimelineStats& stats) const override;
  void draw_gutter(const TimelineContext& ctx, const ImRect& gutter) const override;
  void record(TimelineLayout& layout, const Rect& lane) const override;

 private:
  ProcessId process_;
};

// How `process` started and its memory at `t`: "forked process, resident 2,048 KB, private 512
// KB"; "..., not started yet" before its first memory sample, "..., exited" once its memory is
// gone for good; just how it started when the run has no memory lanes.
const char* origin_words(ProcessOrigin origin);  // "forked process"
std::string process_summary(const Scenario& scenario, const RunResult& result, ProcessId process, TimeNs t);

}  // namespace tl::app
