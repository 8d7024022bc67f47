// Runs go through tl::Session: a frame never waits for a simulation, the previous result stays
// on screen (with "pending") until the newest request is done, and the newest request wins.
#include "app/state/catalog.h"
#include "headless.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace tl::app::test {
namespace {

nlohmann::json state_json() { return nlohmann::json::parse(tl_state_json()); }

void load_slice(AppState& state) {
  ASSERT_TRUE(load_scenario(state, find_embedded_scenario("slice")->json, "slice")) << state.error;
  wait_for_run(state);
  ASSERT_FALSE(state.run.pending);
}

TEST(Session, LoadingSubmitsARunThatTheFirstFrameCanWaitFor) {
  AppState state;
  ASSERT_TRUE(load_scenario(state, find_embedded_scenario("slice")->json, "slice"));
  EXPECT_TRUE(state.run.pending);
  EXPECT_EQ(state.run.runs, 0u);
  wait_for_run(state);
  EXPECT_FALSE(state.run.pending);
  EXPECT_EQ(state.run.runs, 1u);
  EXPECT_EQ(state.result().trace.cores.size(), 2u);
  EXPECT_EQ(state.shown().scenario.threads.size(), 4u) << "the shown scenario is the one that ran";
}

TEST(Session, SlicedModeDrawsOneFrameOfTheOldRunWithPendingThenTheNewOne) {
  HeadlessUi ui;
  AppState state;
  state.run.mode = Session::Mode::Sliced;  // the web single variant
  load_slice(state);
  ASSERT_EQ(state.run.session->mode(), Session::Mode::Sliced);
  attach_api(&state);
  ui.frame(state);
  const std::uint64_t runs = state.run.runs;

  tl_set_cores(3);  // between frames, as JavaScript calls it
  ui.frame(state);  // this frame must reach the screen unblocked
  nlohmann::json json = state_json();
  EXPECT_EQ(json["pending"], true);
  EXPECT_EQ(json["cores"], 3);
  EXPECT_EQ(json["lanes"].size(), 2u) << "the previous run stays on screen";
  EXPECT_EQ(json["runs"], runs);

  ui.frame(state);  // the frame loop runs the slice, then shows it
  json = state_json();
  EXPECT_EQ(json["pending"], false);
  EXPECT_EQ(json["lanes"].size(), 3u);
  EXPECT_EQ(json["runs"], runs + 1);
}

TEST(Session, SlicedModeShowsOnlyTheNewestOfSeveralRequests) {
  HeadlessUi ui;
  AppState state;
  state.run.mode = Session::Mode::Sliced;
  load_slice(state);
  ui.frame(state);
  const std::uint64_t runs = state.run.runs;
  for (int cores : {5, 7, 4}) ASSERT_TRUE(set_cores(state, cores));  // a slider drag
  for (int i = 0; i < 3; ++i) ui.frame(state);
  EXPECT_FALSE(state.run.pending);
  EXPECT_EQ(state.run.runs, runs + 1) << "superseded requests are never shown";
  EXPECT_EQ(state.timeline.layout().core_lanes.size(), 4u);
}

// A run long enough (hundreds of ms) that a frame drawn right after submitting it finishes
// long before the worker does: 8 threads of 2 s in 20 us slices on one core.
Scenario slow_scenario() { return compute_scenario(8, 2'000'000'000, 20'000, 1); }

TEST(Session, WorkerModeFramesDoNotWaitForTheRun) {
  HeadlessUi ui;
  AppState state;
  ASSERT_EQ(state.run.mode, Session::Mode::Worker);
  load_slice(state);
  attach_api(&state);
  ui.frame(state);
  const std::uint64_t runs = state.run.runs;

  load_scenario(state, slow_scenario(), "slow");
  ui.frame(state);
  nlohmann::json json = state_json();
  EXPECT_EQ(json["pending"], true) << "the frame returned before the worker finished";
  EXPECT_EQ(json["lanes"].size(), 2u);
  EXPECT_EQ(json["threads"].size(), 4u) << "names and lanes stay those of the run on screen";

  wait_for_run(state);
  ui.frame(state);
  json = state_json();
  EXPECT_EQ(json["pending"], false);
  EXPECT_EQ(json["lanes"].size(), 1u);
  EXPECT_EQ(json["threads"].size(), 8u);
  EXPECT_EQ(json["runs"], runs + 1);
}

TEST(Session, WorkerModeANewerRequestReplacesARunningOne) {
  HeadlessUi ui;
  AppState state;
  load_slice(state);
  ui.frame(state);
  const std::uint64_t runs = state.run.runs;
  load_scenario(state, slow_scenario(), "slow");
  ASSERT_TRUE(set_cores(state, 6));  // same scenario, six cores: the newest wins
  wait_for_run(state);
  ui.frame(state);
  EXPECT_EQ(state.run.runs, runs + 1);
  EXPECT_EQ(state.result().trace.cores.size(), 6u);
  EXPECT_EQ(state.shown().scenario.machine.cores, 6u);
  EXPECT_EQ(state.timeline.layout().core_lanes.size(), 6u);
}

TEST(Session, ThePlayheadStaysInsideTheNewRun) {
  HeadlessUi ui;
  AppState state;
  load_slice(state);
  state.playback.playhead = state.result().trace.makespan;  // at the end of the 2-core run
  ASSERT_TRUE(set_cores(state, 4));                         // 4 cores finish sooner
  wait_for_run(state);
  EXPECT_EQ(state.playback.playhead, state.result().trace.makespan);
  EXPECT_EQ(state.range.t1, state.result().trace.makespan);
}

}  // namespace
}  // namespace tl::app::test
