// The "threads" section: one lane per simulated thread under the core lanes, showing its
// states, folded like the core lanes.
#include "app/state/catalog.h"
#include "app/timeline/fold.h"
#include "app/timeline/timeline_view.h"
#include "headless.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace tl::app::test {
namespace {

nlohmann::json state_json() { return nlohmann::json::parse(tl_state_json()); }

TimelineContext context(TimeNs t0, TimeNs t1, float width) {
  TimelineContext ctx;
  ctx.t0 = t0;
  ctx.t1 = t1;
  ctx.px_per_ns = double(width) / double(t1 - t0);
  ctx.clip = ImRect(0, 0, width, 20);
  return ctx;
}

TEST(ThreadFold, WideStatesStayThemselvesAndCarryTheirStateAndThread) {
  const std::vector<StateSpan> lane = {{0, 100, ThreadState::Ready}, {100, 300, ThreadState::Running}, {300, 400, ThreadState::BlockedIo}};
  std::vector<FoldRect> out;
  TimelineStats stats;
  fold_spans(lane, ThreadId(7), context(0, 400, 400), out, stats);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].state, ThreadState::Ready);
  EXPECT_EQ(out[1].state, ThreadState::Running);
  EXPECT_EQ(out[2].state, ThreadState::BlockedIo);
  for (const FoldRect& r : out) {
    EXPECT_EQ(r.thread, 7u);
    EXPECT_FALSE(r.mixed);
    EXPECT_EQ(r.count, 1u);
  }
  EXPECT_EQ(stats.spans_drawn, 3u);
}

TEST(ThreadFold, ThinStatesFoldAndAFoldOfSeveralStatesIsMixed) {
  std::vector<StateSpan> lane;
  for (TimeNs t = 0; t < 1000; t += 10) lane.push_back({t, t + 10, ThreadState::Running});  // one state
  for (TimeNs t = 1000; t < 2000; t += 10)
    lane.push_back({t, t + 10, t / 10 % 2 ? ThreadState::Ready : ThreadState::Running});  // alternating
  std::vector<FoldRect> out;
  TimelineStats stats;
  fold_spans(lane, ThreadId(1), context(0, 10000, 1000), out, stats);  // 1 px per span
  ASSERT_GE(out.size(), 2u);
  EXPECT_FALSE(out[0].mixed) << "a run of one state joins one fold";
  EXPECT_GE(out[0].count, 99u);
  std::uint32_t folded = 0;
  for (std::size_t i = 1; i < out.size(); ++i) {
    EXPECT_TRUE(out[i].mixed);
    EXPECT_EQ(out[i].parts[0].state == ThreadState::Running ? out[i].parts[1].state : out[i].parts[0].state,
              ThreadState::Ready);
    folded += out[i].count;
  }
  EXPECT_EQ(out[0].count + folded, 200u);

  out.clear();
  const std::vector<StateSpan> one(lane.begin(), lane.begin() + 100);
  fold_spans(one, ThreadId(1), context(0, 10000, 1000), out, stats);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_FALSE(out[0].mixed);
  EXPECT_EQ(out[0].state, ThreadState::Running);
}

AppState slice_app(int cores) {
  AppState state;
  EXPECT_TRUE(load_scenario(state, find_embedded_scenario("slice")->json, "slice")) << state.error;
  EXPECT_TRUE(set_cores(state, cores));
  wait_for_run(state);
  return state;
}

class ThreadLanesPerCores : public ::testing::TestWithParam<int> {};

TEST_P(ThreadLanesPerCores, OneLanePerThreadBelowTheCoreLanesAndOnTheCanvas) {
  HeadlessUi ui(1280, 800);
  AppState state = slice_app(GetParam());
  attach_api(&state);
  ui.frame(state);
  const nlohmann::json json = state_json();
  ASSERT_EQ(json["lanes"].size(), std::size_t(GetParam())) << "\"lanes\" stays the core lanes";
  const nlohmann::json& lanes = json["thread_lanes"];
  ASSERT_EQ(lanes.size(), state.shown().scenario.threads.size());
  double previous_bottom = json["lanes"].back()["y1"];
  for (std::size_t t = 0; t < lanes.size(); ++t) {
    const nlohmann::json& lane = lanes[t];
    EXPECT_EQ(lane["thread"], t);
    EXPECT_GT(double(lane["y0"]), previous_bottom) << "thread lane " << t << " overlaps the lane above";
    EXPECT_GE(double(lane["y1"]) - double(lane["y0"]), 16.0);
    EXPECT_EQ(lane["x0"], json["lanes"][0]["x0"]) << "one time axis for both sections";
    EXPECT_EQ(lane["x1"], json["lanes"][0]["x1"]);
    // 16 cores and the slice's 4 threads still fit 1280x800 without scrolling.
    EXPECT_LE(double(lane["y1"]), double(json["timeline"]["y1"])) << "thread lane " << t << " is out of view";
    EXPECT_LE(double(json["timeline"]["y1"]), 800.0);
    previous_bottom = lane["y1"];
  }
}

INSTANTIATE_TEST_SUITE_P(Cores, ThreadLanesPerCores, ::testing::Values(1, 2, 16));

TEST(ThreadLanes, EachLaneShowsItsThreadRunningAndReadyOnTwoCores) {
  HeadlessUi ui(1280, 800);
  AppState state = slice_app(2);  // four threads, two cores: everyone both runs and waits
  state.playback.playing = false;
  const ImDrawData& draw = ui.frame(state);
  ASSERT_EQ(state.timeline.layout().thread_lanes.size(), 4u);
  for (ThreadId t = 0; t < 4; ++t) {
    const Rect& lane = state.timeline.layout().thread_lanes[t];
    EXPECT_TRUE(drew_colour_in(draw, theme::thread_color(t), lane)) << "thread " << t << " running";
    EXPECT_TRUE(drew_colour_in(draw, theme::state_color(ThreadState::Ready, t), lane)) << "thread " << t << " ready";
    for (ThreadId other = 0; other < 4; ++other) {
      if (other == t) continue;
      EXPECT_FALSE(drew_colour_in(draw, theme::thread_color(other), lane))
          << "thread " << other << "'s colour in thread " << t << "'s lane";
    }
  }
  const unsigned seen = state.shown().states_seen;
  EXPECT_EQ(seen, (1u << unsigned(ThreadState::Running)) | (1u << unsigned(ThreadState::Ready)));
}

TEST(ThreadLanes, BlockedStatesGetTheirOwnColours) {
  // One thread computes, sleeps, does I/O, computes: its lane shows each state's colour.
  Scenario s = compute_scenario(1, 1'000'000, 10'000'000, 1);
  s.threads[0].program = {Op{OpKind::Compute, 0, 1'000'000, 0}, Op{OpKind::Sleep, 0, 1'000'000, 1},
                          Op{OpKind::Io, 0, 1'000'000, 2}, Op{OpKind::Compute, 0, 1'000'000, 3}};
  s.threads[0].op_paths.assign(4, "processes[0].threads[0].program");
  HeadlessUi ui(1280, 800);
  AppState state;
  load_scenario(state, s, "blocked");
  wait_for_run(state);
  ASSERT_TRUE(state.error.empty()) << state.error;
  state.playback.playing = false;
  const ImDrawData& draw = ui.frame(state);
  const Rect& lane = state.timeline.layout().thread_lanes.at(0);
  EXPECT_TRUE(drew_colour_in(draw, theme::thread_color(0), lane));
  EXPECT_TRUE(drew_colour_in(draw, theme::kStateSleep, lane));
  EXPECT_TRUE(drew_colour_in(draw, theme::kStateIo, lane));
  EXPECT_NE(state.shown().states_seen & (1u << unsigned(ThreadState::Sleeping)), 0u);
  EXPECT_NE(state.shown().states_seen & (1u << unsigned(ThreadState::BlockedIo)), 0u);
}

// 2000 threads: only the lanes inside the timeline's scroll region are drawn, so a frame's
// spans (and vertices) follow the screen, not the thread count; every lane still has its rect.
TEST(ThreadLanes, LanesScrolledOutOfViewAreNotDrawn) {
  HeadlessUi ui(1280, 800);
  AppState state;
  load_scenario(state, compute_scenario(2000, 1'000'000, 10'000'000, 4), "many");
  wait_for_run(state);
  ASSERT_TRUE(state.error.empty()) << state.error;
  state.playback.playing = false;
  ui.frame(state);
  ASSERT_EQ(state.timeline.layout().thread_lanes.size(), 2000u);
  // Drawing every lane would touch every span of the run; the screen holds the core lanes and
  // a few dozen of the 2000 thread lanes, far fewer.
  std::uint64_t all_spans = 0;
  for (const auto& lane : state.result().trace.cores) all_spans += lane.size();
  for (const auto& lane : state.result().trace.threads) all_spans += lane.size();
  EXPECT_GT(state.timeline.stats().spans_visible, 0u);
  EXPECT_LT(state.timeline.stats().spans_visible, all_spans / 2) << "lanes below the visible region were drawn";
}

TEST(ThreadLanes, HoveringAThreadLaneShowsATooltip) {
  HeadlessUi ui(1280, 800);
  AppState state = slice_app(2);
  state.playback.playing = false;
  ui.frame(state);
  const Rect lane = state.timeline.layout().thread_lanes[2];  // T2 is ready during the first slice
  ImGui::GetIO().MousePos = ImVec2(lane.x0 + 20, (lane.y0 + lane.y1) / 2);
  ui.frame(state);
  ui.frame(state);
  const ImGuiWindow* tooltip = ImGui::FindWindowByName("##Tooltip_00");
  ASSERT_NE(tooltip, nullptr);
  EXPECT_TRUE(tooltip->Active);
}

TEST(ThreadLanes, ANarrowCanvasKeepsEveryLaneInView) {
  HeadlessUi ui(480, 540);  // the embedding example's frame on a phone-sized page
  AppState state = slice_app(2);
  attach_api(&state);
  ui.frame(state);
  ui.frame(state);
  const nlohmann::json json = state_json();
  ASSERT_EQ(json["thread_lanes"].size(), 4u);
  const nlohmann::json& view = json["timeline"];
  EXPECT_LE(double(view["y1"]), 540.0);
  for (const auto* section : {&json["lanes"], &json["thread_lanes"]})
    for (const nlohmann::json& lane : *section) {
      EXPECT_LE(double(lane["x1"]), 480.0);
      EXPECT_GT(double(lane["x1"]) - double(lane["x0"]), 200.0);
      EXPECT_GE(double(lane["y0"]), double(view["y0"])) << lane.dump();
      EXPECT_LE(double(lane["y1"]), double(view["y1"])) << lane.dump() << " is scrolled out of view";
    }
  int timelines = 0;
  for (const ImGuiWindow* window : ImGui::GetCurrentContext()->Windows)
    if (std::string_view(window->Name).find("/timeline_") != std::string_view::npos) {
      ++timelines;
      EXPECT_EQ(window->ScrollMax.y, 0.0f) << "every row fits: no scrollbar takes the lanes' width";
    }
  EXPECT_EQ(timelines, 1);
}

}  // namespace
}  // namespace tl::app::test
