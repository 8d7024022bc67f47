// Culling and folding: what keeps a timeline with very many spans interactive.
#include "app/timeline/fold.h"
#include "app/timeline/timeline_view.h"
#include "headless.h"

#include <gtest/gtest.h>

namespace tl::app::test {
namespace {

TimelineContext context(TimeNs t0, TimeNs t1, float width) {
  TimelineContext ctx;
  ctx.t0 = t0;
  ctx.t1 = t1;
  ctx.px_per_ns = double(width) / double(t1 - t0);
  ctx.clip = ImRect(0, 0, width, 24);
  return ctx;
}

CoreSpan span(TimeNs start, TimeNs end, ThreadId thread) {
  return CoreSpan{start, end, thread, CoreSpanKind::Run};
}

TEST(Fold, WideSpansStayThemselves) {
  const std::vector<CoreSpan> lane = {span(0, 100, 0), span(100, 200, 1), span(300, 400, 0)};
  std::vector<FoldRect> out;
  TimelineStats stats;
  fold_spans(lane, context(0, 400, 400), out, stats);  // 1 px per ns: every span 100 px
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[1].thread, 1u);
  EXPECT_EQ(out[1].count, 1u);
  EXPECT_EQ(stats.spans_drawn, 3u);
  EXPECT_EQ(stats.folds_drawn, 0u);
}

TEST(Fold, ARunOfThinSpansOfOneThreadBecomesOneFoldAndSeveralThreadsAFoldPerWindow) {
  std::vector<CoreSpan> lane;
  for (TimeNs t = 0; t < 1000; t += 10) lane.push_back(span(t, t + 8, 2));  // one thread
  for (TimeNs t = 5000; t < 6000; t += 10) lane.push_back(span(t, t + 8, ThreadId(t / 10 % 3)));
  std::vector<FoldRect> out;
  TimelineStats stats;
  fold_spans(lane, context(0, 10000, 1000), out, stats);  // 0.1 px per ns: each span 0.8 px
  ASSERT_GE(out.size(), 2u);
  EXPECT_EQ(out[0].count, 100u);
  EXPECT_EQ(out[0].thread, 2u);
  EXPECT_FALSE(out[0].mixed);
  EXPECT_EQ(out[0].start, 0);
  EXPECT_EQ(out[0].end, 998);
  // Three threads taking turns: folds about kFoldPx wide, each a summary of who ran.
  std::uint32_t folded = 0;
  for (std::size_t i = 1; i < out.size(); ++i) {
    const FoldRect& r = out[i];
    folded += r.count;
    if (r.count == 1) continue;  // a lone thin span at a window's edge stays itself
    EXPECT_TRUE(r.mixed);
    EXPECT_LE(double(r.end - r.start), 2 * 30.0) << "at most two fold widths";
    EXPECT_NE(r.parts[0].thread, r.parts[1].thread);
    EXPECT_GT(r.parts[1].share, 0.0f);
    EXPECT_LE(r.parts[0].share + r.parts[1].share, 1.0f);
    EXPECT_GE(r.parts[0].share, r.parts[1].share) << "largest first";
  }
  EXPECT_EQ(folded, 100u);
  EXPECT_EQ(out.back().end, 5998);
  EXPECT_EQ(stats.spans_folded + stats.spans_drawn, 200u);
  EXPECT_EQ(stats.spans_visible, 200u);
}

TEST(Fold, AFoldsSummaryWeighsItsPartsByTime) {
  // In each 30 ns window thread 0 runs 20 ns and thread 1 runs 4 ns.
  std::vector<CoreSpan> lane;
  for (TimeNs t = 0; t < 3000; t += 30) {
    lane.push_back(span(t, t + 20, 0));
    lane.push_back(span(t + 20, t + 24, 1));
  }
  std::vector<FoldRect> out;
  TimelineStats stats;
  fold_spans(lane, context(0, 30000, 300), out, stats);  // 0.01 px per ns: kFoldPx = 300 ns
  ASSERT_FALSE(out.empty());
  for (const FoldRect& r : out) {
    if (r.end - r.start < 250) continue;  // the last, partial one
    EXPECT_EQ(r.parts[0].thread, 0u);
    EXPECT_EQ(r.parts[1].thread, 1u);
    EXPECT_NEAR(r.parts[0].share, 20.0 / 30.0, 0.08);
    EXPECT_NEAR(r.parts[1].share, 4.0 / 30.0, 0.05);
  }
}

TEST(Fold, AMillionSpansAtFullZoomOutAreFoldedWithoutVisitingEachOne) {
  std::vector<CoreSpan> lane;
  for (TimeNs t = 0; t < 10'000'000; t += 10) lane.push_back(span(t, t + 9, ThreadId(t / 10 % 2)));
  std::vector<FoldRect> out;
  TimelineStats stats;
  fold_spans(lane, context(0, 10'000'000, 1000), out, stats);
  EXPECT_EQ(stats.spans_visible, 1'000'000u);
  EXPECT_EQ(stats.spans_folded, 1'000'000u);
  EXPECT_LE(out.size(), 1000u / std::size_t(kFoldPx) + 2);
}

TEST(Fold, ThinSpansFarApartAreNotJoined) {
  const std::vector<CoreSpan> lane = {span(0, 5, 0), span(500, 505, 1), span(900, 905, 0)};
  std::vector<FoldRect> out;
  TimelineStats stats;
  fold_spans(lane, context(0, 1000, 100), out, stats);  // gaps of 50 px
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(stats.folds_drawn, 0u);
  EXPECT_EQ(stats.spans_drawn, 3u);
}

TEST(Fold, OnlyTheVisibleWindowIsLookedAt) {
  std::vector<CoreSpan> lane;
  for (TimeNs t = 0; t < 1'000'000; t += 100) lane.push_back(span(t, t + 50, 0));
  std::vector<FoldRect> out;
  TimelineStats stats;
  fold_spans(lane, context(500'000, 501'000, 1000), out, stats);
  EXPECT_LE(stats.spans_visible, 11u);
  EXPECT_GE(stats.spans_visible, 10u);
  for (const FoldRect& r : out) {
    EXPECT_GT(r.end, 500'000);
    EXPECT_LT(r.start, 501'000);
  }
}

// 4 threads x 40 ms in 4 us slices on 2 cores: 40,000 spans.
AppState many_spans_app() {
  AppState state;
  load_scenario(state, compute_scenario(4, 40'000'000, 4'000, 2), "many");
  wait_for_run(state);
  return state;
}

TEST(Timeline, ZoomedOutTheLanesDrawFoldsNotEverySpan) {
  HeadlessUi ui(1280, 800);
  AppState state = many_spans_app();
  const Trace& trace = state.result().trace;
  std::size_t spans = 0;
  for (const auto& lane : trace.cores) spans += lane.size();
  ASSERT_GE(spans, 40'000u);
  for (const auto& lane : trace.threads) spans += lane.size();  // thread lanes fold the same way

  const ImDrawData& draw = ui.frame(state);
  EXPECT_EQ(state.timeline.stats().spans_visible, spans);
  EXPECT_GT(state.timeline.stats().folds_drawn, 0u);
  EXPECT_GT(state.timeline.stats().spans_folded, spans * 9 / 10);
  const float lane_w = state.timeline.layout().core_lanes[0].x1 - state.timeline.layout().core_lanes[0].x0;
  const std::size_t lanes = trace.cores.size() + trace.threads.size();
  EXPECT_LE(state.timeline.stats().spans_drawn + state.timeline.stats().folds_drawn, std::uint64_t(lanes * (lane_w / kFoldPx + 2)));
  // One rectangle per span would need 4 vertices each; the whole frame needs far fewer.
  EXPECT_LT(draw.TotalVtxCount, int(spans));
}

TEST(Timeline, ZoomedInEverySpanIsDrawnAndNothingIsFolded) {
  HeadlessUi ui(1280, 800);
  AppState state = many_spans_app();
  ui.frame(state);
  state.range.t0 = 1'000'000;
  state.range.t1 = 1'100'000;  // 100 us across ~1100 px: a 4 us slice is ~44 px
  ui.frame(state);
  EXPECT_EQ(state.timeline.stats().folds_drawn, 0u);
  EXPECT_GE(state.timeline.stats().spans_drawn, 2u * 25u);
  EXPECT_EQ(state.timeline.stats().spans_drawn, state.timeline.stats().spans_visible);
}

TEST(Timeline, ZoomToFitShowsTheWholeRun) {
  HeadlessUi ui;
  AppState state = many_spans_app();
  state.range.t0 = 10;
  state.range.t1 = 20;
  zoom_to_fit(state);
  EXPECT_EQ(state.range.t0, 0);
  EXPECT_EQ(state.range.t1, state.result().trace.makespan);
}

}  // namespace
}  // namespace tl::app::test
