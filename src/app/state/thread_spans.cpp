#include "app/state/thread_spans.h"

#include <algorithm>

namespace tl::app {

std::vector<std::vector<LaneStateSpan>> thread_lane_spans(const Trace& trace) {
  // Every core's switch-in spans, by the thread switched to (each list sorted by start).
  std::vector<std::vector<CoreSpan>> switches(trace.threads.size());
  for (const auto& core : trace.cores)
    for (const CoreSpan& span : core)
      if (span.kind == CoreSpanKind::Overhead && span.thread < switches.size()) switches[span.thread].push_back(span);
  for (auto& list : switches)
    std::sort(list.begin(), list.end(), [](const CoreSpan& a, const CoreSpan& b) { return a.start < b.start; });

  std::vector<std::vector<LaneStateSpan>> lanes(trace.threads.size());
  for (std::size_t t = 0; t < trace.threads.size(); ++t) {
    const std::vector<CoreSpan>& cuts = switches[t];
    std::vector<LaneStateSpan>& lane = lanes[t];
    lane.reserve(trace.threads[t].size() + cuts.size());
    std::size_t next = 0;
    for (const StateSpan& span : trace.threads[t]) {
      if (span.state != ThreadState::Running) {
        lane.push_back({span.start, span.end, span.state, false});
        continue;
      }
      TimeNs at = span.start;
      while (next < cuts.size() && cuts[next].end <= at) ++next;  // switches before this span
      while (next < cuts.size() && cuts[next].start < span.end) {
        const TimeNs from = std::max(at, cuts[next].start), to = std::min(span.end, cuts[next].end);
        if (from > at) lane.push_back({at, from, ThreadState::Running, false});
        if (to > from) lane.push_back({from, to, ThreadState::Running, true});
        at = std::max(at, to);
        if (cuts[next].end > span.end) break;  // continues into the next Running span
        ++next;
      }
      if (at < span.end) lane.push_back({at, span.end, ThreadState::Running, false});
    }
  }
  return lanes;
}

}  // namespace tl::app
