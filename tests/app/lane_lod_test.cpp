// Lane summaries (levels of detail): folding from them must show what folding span by span
// shows (wide spans exactly, idle gaps as gaps, who ran most in each fold), without reading
// the spans.
#include "app/state/lane_lod.h"
#include "app/timeline/fold.h"

#include <algorithm>
#include <cstdint>
#include <gtest/gtest.h>
#include <map>
#include <vector>

namespace tl::app {
namespace {

CoreSpan span(TimeNs start, TimeNs end, ThreadId thread, bool overhead = false) {
  return {start, end, thread, overhead ? CoreSpanKind::Overhead : CoreSpanKind::Run};
}

TimelineContext context(TimeNs t0, TimeNs t1, float width_px) {
  TimelineContext ctx;
  ctx.t0 = t0;
  ctx.t1 = t1;
  ctx.px_per_ns = double(width_px) / double(t1 - t0);
  ctx.clip = ImRect(0, 0, width_px, 20);
  return ctx;
}

struct Gap {
  TimeNs start, end;
};

// Three threads taking turns in spans of 1..9 ns with a switch cost now and then; every 997
// spans a span of 20 us, every 1499 an idle gap of 30 us.
struct Lane {
  std::vector<CoreSpan> spans;
  std::vector<Gap> gaps;
};

Lane make_lane(std::size_t count) {
  Lane lane;
  std::uint32_t seed = 7;
  TimeNs t = 0;
  for (std::size_t i = 0; i < count; ++i) {
    seed = seed * 1664525u + 1013904223u;
    if (i % 1499 == 1498) {
      lane.gaps.push_back({t, t + 30'000});
      t += 30'000;
    }
    const TimeNs length = i % 997 == 996 ? 20'000 : 1 + TimeNs(seed >> 28) % 9;
    lane.spans.push_back(span(t, t + length, ThreadId((seed >> 16) % 3), i % 5 == 0));
    t += length;
  }
  return lane;
}

TEST(LaneLod, ShortLanesGetNoSummary) {
  std::vector<CoreSpan> lane;
  for (TimeNs t = 0; t < TimeNs(kLodMinSpans - 1) * 10; t += 10) lane.push_back(span(t, t + 9, 0));
  EXPECT_TRUE(build_lane_lod(lane).levels.empty());
}

TEST(LaneLod, EveryLevelAccountsForAllTheBusyTime) {
  // Two threads and one's switch cost make three parts, so nothing is left out of a bucket.
  std::vector<CoreSpan> lane;
  TimeNs busy = 0;
  for (TimeNs t = 0; t < 400'000; t += 10) {
    lane.push_back(span(t, t + 7, ThreadId(t / 10 % 2), t % 140 == 0));
    busy += 7;
  }
  const LaneLod lod = build_lane_lod(lane);
  ASSERT_GE(lod.levels.size(), 3u);
  for (const LodLevel& level : lod.levels) {
    double sum = 0;
    std::uint64_t starts = 0;
    for (const LodBucket& bucket : level.buckets) {
      starts += bucket.starts;
      for (const LodPart& part : bucket.parts) sum += part.ns;
    }
    EXPECT_NEAR(sum, double(busy), double(busy) * 1e-4) << "level of " << level.width << " ns";
    EXPECT_EQ(starts, lane.size());
  }
  EXPECT_EQ(lod.levels[1].width, lod.levels[0].width * 2);
}

class FoldFromSummary : public ::testing::TestWithParam<double> {};  // fraction of the lane shown

TEST_P(FoldFromSummary, ShowsWhatFoldingSpanBySpanShows) {
  const Lane lane = make_lane(60'000);
  const LaneLod lod = build_lane_lod(lane.spans);
  const TimeNs makespan = lane.spans.back().end;
  const TimeNs t1 = TimeNs(double(makespan) * GetParam());
  const TimelineContext ctx = context(0, t1, 1600);
  const double fold_ns = double(kFoldPx) / ctx.px_per_ns;
  ASSERT_NE(lod.level_for(fold_ns), nullptr) << "zoomed out far enough to use the summary";

  std::vector<FoldRect> exact, summary;
  TimelineStats exact_stats, summary_stats;
  fold_spans(lane.spans, ctx, exact, exact_stats);
  fold_spans(lane.spans, ctx, summary, summary_stats, &lod);
  EXPECT_EQ(summary_stats.spans_visible, exact_stats.spans_visible);
  EXPECT_LE(summary.size(), exact.size() * 3 / 2 + 10) << "about as many rectangles";

  // Every span a fold would not hide is drawn as itself, exactly.
  for (const CoreSpan& s : lane.spans) {
    if (double(s.end - s.start) < fold_ns || s.start >= t1) continue;
    const bool found = std::any_of(summary.begin(), summary.end(), [&](const FoldRect& r) {
      return r.start == s.start && r.end == s.end && r.thread == s.thread && r.count == 1;
    });
    EXPECT_TRUE(found) << "span " << s.start << ".." << s.end;
  }
  // An idle gap wider than a fold stays empty.
  for (const Gap& gap : lane.gaps) {
    if (gap.start >= t1 || double(gap.end - gap.start) < fold_ns) continue;
    for (const FoldRect& r : summary) EXPECT_FALSE(r.start < gap.end && r.end > gap.start) << "gap at " << gap.start;
  }
  // Each fold's largest part is the thread (or switch cost) that really had most of its time.
  int folds = 0;
  for (const FoldRect& r : summary) {
    if (!r.mixed) continue;
    ++folds;
    std::map<std::pair<ThreadId, bool>, TimeNs> time;
    const auto first = std::partition_point(lane.spans.begin(), lane.spans.end(), [&](const CoreSpan& s) { return s.end <= r.start; });
    for (auto it = first; it != lane.spans.end() && it->start < r.end; ++it)
      time[{it->thread, it->kind == CoreSpanKind::Overhead}] += std::min(it->end, r.end) - std::max(it->start, r.start);
    TimeNs most = 0;
    for (const auto& [part, ns] : time) most = std::max(most, ns);
    const TimeNs largest = time[{r.parts[0].thread, r.parts[0].overhead}];
    EXPECT_GE(double(largest), 0.8 * double(most)) << "fold at " << r.start;
    EXPECT_GE(r.parts[0].share, r.parts[1].share) << "largest first";
  }
  EXPECT_GT(folds, 20);
}

INSTANTIATE_TEST_SUITE_P(Zooms, FoldFromSummary, ::testing::Values(1.0, 0.5, 0.2));

TEST(FoldFromSummary, ADeepZoomReadsTheSpansThemselves) {
  const Lane lane = make_lane(60'000);
  const LaneLod lod = build_lane_lod(lane.spans);
  const TimelineContext ctx = context(100'000, 101'000, 1600);
  ASSERT_EQ(lod.level_for(double(kFoldPx) / ctx.px_per_ns), nullptr);
  std::vector<FoldRect> exact, summary;
  TimelineStats stats;
  fold_spans(lane.spans, ctx, exact, stats);
  fold_spans(lane.spans, ctx, summary, stats, &lod);
  ASSERT_EQ(summary.size(), exact.size());
  for (std::size_t i = 0; i < exact.size(); ++i) {
    EXPECT_EQ(summary[i].start, exact[i].start);
    EXPECT_EQ(summary[i].end, exact[i].end);
    EXPECT_EQ(summary[i].count, exact[i].count);
  }
}

}  // namespace
}  // namespace tl::app
