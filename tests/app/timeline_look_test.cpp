// What the timeline shows: switching in the thread lanes as in the core lanes, a readable
// summary where spans fold, a legend and lanes that stay usable with many threads, playback in
// simulated time per second.
#include "app/state/catalog.h"
#include "app/timeline/thread_lane.h"
#include "app/views/controls.h"
#include "app/views/legend.h"
#include "app/timeline/state_lane.h"
#include "headless.h"

#include <gtest/gtest.h>

namespace tl::app::test {
namespace {

TEST(Switching, TheThreadLaneShowsTheCoresSwitchIntoItAsSwitchingNotRunning) {
  HeadlessUi ui(1280, 800);
  AppState state = paused_example("slice");  // 50 us per context switch
  const Trace& trace = state.result().trace;
  const CoreSpan* overhead = nullptr;
  for (const CoreSpan& s : trace.cores[0])
    if (s.kind == CoreSpanKind::Overhead && s.start > 0) {
      overhead = &s;
      break;
    }
  ASSERT_NE(overhead, nullptr);
  const auto& lane = state.shown().thread_spans.at(overhead->thread);
  const LaneStateSpan* at = lane_span_at(lane, overhead->start);
  ASSERT_NE(at, nullptr);
  EXPECT_TRUE(at->switching);
  EXPECT_EQ(at->start, overhead->start);
  EXPECT_EQ(at->end, overhead->end);
  EXPECT_STREQ(state_text_at(lane, overhead->start + 1), "switch");
  const LaneStateSpan* after = lane_span_at(lane, overhead->end);
  ASSERT_NE(after, nullptr);
  EXPECT_FALSE(after->switching);
  EXPECT_EQ(after->state, ThreadState::Running);

  // Zoomed onto the switch: the thread lane draws it in the switch colour, like the core lane.
  state.range.t0 = overhead->start - 10'000;
  state.range.t1 = overhead->end + 10'000;
  const ImDrawData& draw = ui.frame(state);
  const Rect& lane_rect = state.timeline.layout().thread_lanes.at(overhead->thread);
  const Rect& core_rect = state.timeline.layout().core_lanes.at(0);
  const float x0 = core_rect.x0 + float(double(overhead->start - state.range.t0) / double(state.range.width()) *
                                        double(core_rect.x1 - core_rect.x0));
  const float x1 = core_rect.x0 + float(double(overhead->end - state.range.t0) / double(state.range.width()) *
                                        double(core_rect.x1 - core_rect.x0));
  // A rectangle's vertices are its corners: the switch's starts at x0, and no running span does.
  const Rect at_start{x0 - 1, lane_rect.y0, x0 + 1, lane_rect.y1};
  EXPECT_TRUE(drew_colour_in(draw, theme::kOverhead, at_start));
  EXPECT_FALSE(drew_colour_in(draw, theme::thread_color(overhead->thread), at_start)) << "not shown as running";
  EXPECT_TRUE(drew_colour_in(draw, theme::thread_color(overhead->thread), Rect{x1 - 1, lane_rect.y0, x1 + 1, lane_rect.y1}))
      << "running from the switch's end";

  // The state totals still agree with the trace: a thread's lane covers the same time.
  for (std::size_t t = 0; t < trace.threads.size(); ++t) {
    TimeNs states = 0, drawn = 0;
    for (const StateSpan& s : trace.threads[t]) states += s.end - s.start;
    for (const LaneStateSpan& s : state.shown().thread_spans[t]) drawn += s.end - s.start;
    EXPECT_EQ(states, drawn) << "thread " << t;
  }
}

TEST(FoldSummary, LocksAtFitShowWhoRunsAndWhoWaitsForTheLock) {
  HeadlessUi ui(1280, 800);
  AppState state = paused_example("locks");
  const ImDrawData& draw = ui.frame(state);
  ASSERT_EQ(state.range.t0, 0);
  ASSERT_EQ(state.range.t1, state.result().trace.makespan);
  EXPECT_GT(state.timeline.stats().folds_drawn, 0u) << "at Fit, spans are too thin and fold";
  const TimelineLayout& layout = state.timeline.layout();
  for (const Rect& lane : layout.core_lanes) {
    EXPECT_FALSE(drew_colour_in(draw, theme::kFoldMixed, lane)) << "no grey 'many tiny spans' band";
    int threads = 0;
    for (ThreadId t = 0; t < 3; ++t) threads += drew_colour_in(draw, theme::thread_color(t), lane) ? 1 : 0;
    EXPECT_GE(threads, 2) << "a core's summary shows the threads taking turns";
  }
  int lock_lanes = 0;
  for (ThreadId t = 0; t < 3; ++t) {
    const Rect& lane = layout.thread_lanes.at(t);
    EXPECT_FALSE(drew_colour_in(draw, theme::kFoldMixed, lane));
    EXPECT_TRUE(drew_colour_in(draw, theme::thread_color(t), lane)) << "thread " << t << " running";
    EXPECT_TRUE(drew_colour_in(draw, theme::state_color(ThreadState::Ready, t), lane) ||
                drew_colour_in(draw, theme::kStateLock, lane))
        << "thread " << t << " waiting";
    lock_lanes += drew_colour_in(draw, theme::kStateLock, lane) ? 1 : 0;
  }
  EXPECT_GE(lock_lanes, 1) << "waiting for the lock shows in the summary";
}

TEST(ManyThreads, SixtyFourThreadsGetAOneLineLegendAndRoomyCoreLanes) {
  HeadlessUi ui(1280, 800);
  AppState state;
  load_scenario(state, compute_scenario(64, 2'000'000, 100'000, 2), "many");
  wait_for_run(state);
  state.playback.playing = false;
  ui.frame(state);
  EXPECT_LE(legend_height(state.shown(), 1200), 2 * ImGui::GetTextLineHeightWithSpacing() + 0.5f)
      << "threads and states, a line each";
  const Rect& core = state.timeline.layout().core_lanes.at(0);
  EXPECT_GE(core.y1 - core.y0, 40.0f) << "core lanes keep their room; the thread rows scroll";
}

TEST(Speed, ANewScenarioPlaysInAboutTenSecondsAndTheSpeedIsSimulatedTimePerSecond) {
  AppState state = paused_example("slice");
  const TimeNs makespan = state.result().trace.makespan;
  const double seconds = double(makespan) / state.playback.speed;
  EXPECT_GT(seconds, 4.0);
  EXPECT_LT(seconds, 25.0);
  EXPECT_EQ(speed_text(kRealTime), "speed: real time");
  EXPECT_EQ(speed_text(1e6), "speed 1 ms/s");

  Playback playback;
  playback.speed = kRealTime;
  advance_playback(playback, 10'000'000'000, 0.5);
  EXPECT_EQ(playback.playhead, 500'000'000) << "real time: half a second plays half a second";
}

TEST(Speed, TheLearnersSpeedStaysAcrossARerunAndANewScenarioSetsItsOwn) {
  HeadlessUi ui(1280, 800);
  AppState state = paused_example("slice");
  ui.frame(state);
  const Rect slider = state.layout.controls.speed_slider;
  ASSERT_GT(slider.x1, slider.x0);
  ImGui::GetIO().MousePos = ImVec2(slider.x1 - 1, (slider.y0 + slider.y1) / 2);
  ui.frame(state);
  ImGui::GetIO().MouseDown[0] = true;
  ui.frame(state);
  ImGui::GetIO().MouseDown[0] = false;
  ui.frame(state);
  EXPECT_FALSE(state.playback.speed_auto);
  EXPECT_NEAR(state.playback.speed, kMaxSpeed, kMaxSpeed * 0.1);
  set_cores(state, 3);
  wait_for_run(state);
  ui.frame(state);
  EXPECT_NEAR(state.playback.speed, kMaxSpeed, kMaxSpeed * 0.1);
  select_scenario(state, "fifo");
  wait_for_run(state);
  ui.frame(state);
  EXPECT_TRUE(state.playback.speed_auto);
  EXPECT_LT(state.playback.speed, kMaxSpeed);
}

}  // namespace
}  // namespace tl::app::test
