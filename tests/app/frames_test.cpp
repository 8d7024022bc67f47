// Whole frames of the real UI through the null backend, and the JavaScript-facing API.
#include "app/state/catalog.h"
#include "headless.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <set>

namespace tl::app::test {
namespace {

nlohmann::json state_json() { return nlohmann::json::parse(tl_state_json()); }

AppState slice_app() {
  AppState state;
  EXPECT_TRUE(load_scenario(state, find_embedded_scenario("slice")->json, "slice")) << state.error;
  wait_for_run(state);
  return state;
}

TEST(Frames, SliceRunsTwoSecondsOfFramesAndThePlayheadMoves) {
  HeadlessUi ui;
  AppState state = slice_app();
  ASSERT_GT(state.result().trace.makespan, 0);
  for (int i = 0; i < 120; ++i) ui.frame(state);  // an ImGui assert would abort here
  EXPECT_EQ(state.frame, 120u);
  EXPECT_GT(state.playback.playhead, 0);
  EXPECT_LE(state.playback.playhead, state.result().trace.makespan);
  EXPECT_EQ(state.timeline.layout().core_lanes.size(), state.result().trace.cores.size());
}

TEST(Frames, PlaybackStopsAtTheEndOfTheRun) {
  HeadlessUi ui;
  AppState state = slice_app();
  state.playback.speed = double(state.result().trace.makespan);  // a whole run per second
  for (int i = 0; i < 90; ++i) ui.frame(state);
  EXPECT_EQ(state.playback.playhead, state.result().trace.makespan);
  EXPECT_FALSE(state.playback.playing);
}

TEST(Frames, ABadScenarioShowsItsErrorAndKeepsThePreviousRun) {
  HeadlessUi ui;
  AppState state = slice_app();
  const TimeNs makespan = state.result().trace.makespan;
  EXPECT_FALSE(load_scenario(state, R"({"machine": {"cores": "two"}})", "bad"));
  EXPECT_NE(state.error.find("error:"), std::string::npos) << state.error;
  EXPECT_EQ(state.result().trace.makespan, makespan);
  ui.frame(state);  // the error line draws without asserts
}

class LanesPerCore : public ::testing::TestWithParam<int> {};

TEST_P(LanesPerCore, StateJsonHasOneLanePerCoreInsideTheCanvas) {
  const int cores = GetParam();
  HeadlessUi ui(1280, 800);
  AppState state = slice_app();
  ASSERT_TRUE(set_cores(state, cores));
  wait_for_run(state);
  attach_api(&state);
  ui.frame(state);
  const nlohmann::json json = state_json();

  EXPECT_EQ(json["version"], kStateJsonVersion);
  EXPECT_EQ(json["pending"], false);
  EXPECT_EQ(json["cores"], cores);
  EXPECT_EQ(json["frame"], 1);
  EXPECT_EQ(json["canvas"]["w"], 1280);
  EXPECT_EQ(json["canvas"]["h"], 800);
  ASSERT_EQ(json["lanes"].size(), std::size_t(cores));
  double previous_bottom = -1;
  for (int core = 0; core < cores; ++core) {
    const nlohmann::json& lane = json["lanes"][core];
    EXPECT_EQ(lane["core"], core);
    EXPECT_GE(double(lane["y1"]) - double(lane["y0"]), 20.0) << "spans must be tall enough to hit";
    EXPECT_GT(double(lane["x1"]) - double(lane["x0"]), 500.0);
    EXPECT_GE(double(lane["x0"]), 0.0);
    EXPECT_LE(double(lane["x1"]), 1280.0);
    EXPECT_LE(double(lane["y1"]), 800.0) << "lane " << core << " is off the canvas";
    EXPECT_GT(double(lane["y0"]), previous_bottom) << "lanes overlap";
    previous_bottom = lane["y1"];
  }
  const nlohmann::json& slider = json["controls"]["cores"];
  EXPECT_EQ(slider["min"], kMinCores);
  EXPECT_EQ(slider["max"], kMaxCores);
  EXPECT_GT(double(slider["x1"]), double(slider["x0"]));
  EXPECT_GT(double(slider["y1"]), double(slider["y0"]));
  EXPECT_DOUBLE_EQ(json["makespan_us"], double(state.result().trace.makespan) / 1000.0);
}

INSTANTIATE_TEST_SUITE_P(Cores, LanesPerCore, ::testing::Values(1, 2, 4, 16));

TEST(Frames, ANarrowCanvasWrapsTheControlsInsteadOfCuttingThemOff) {
  HeadlessUi ui(480, 420);  // a small iframe: the slider alone would end at x = 546
  AppState state = slice_app();
  attach_api(&state);
  ui.frame(state);
  ui.frame(state);
  const nlohmann::json json = state_json();
  const nlohmann::json& slider = json["controls"]["cores"];
  EXPECT_LE(double(slider["x1"]), 480.0);
  ASSERT_EQ(json["lanes"].size(), state.result().trace.cores.size());
  for (const nlohmann::json& lane : json["lanes"]) {
    EXPECT_LE(double(lane["x1"]), 480.0);
    EXPECT_LE(double(lane["y1"]), 420.0);
    EXPECT_GE(double(lane["y1"]) - double(lane["y0"]), 20.0);
  }
}

TEST(Api, ThreadsListNamesAndDistinctSpanColours) {
  HeadlessUi ui;
  AppState state = slice_app();
  attach_api(&state);
  ui.frame(state);
  const nlohmann::json json = state_json();
  ASSERT_EQ(json["threads"].size(), state.shown().scenario.threads.size());
  std::set<std::string> colors;
  for (std::size_t t = 0; t < state.shown().scenario.threads.size(); ++t) {
    EXPECT_EQ(json["threads"][t]["name"], state.shown().scenario.threads[t].name);
    const std::string color = json["threads"][t]["color"];
    EXPECT_EQ(color.size(), 7u);
    EXPECT_EQ(color[0], '#');
    char expected[8];
    std::snprintf(expected, sizeof expected, "#%06x", unsigned(theme::thread_rgb(ThreadId(t))));
    EXPECT_EQ(color, expected);
    colors.insert(color);
  }
  EXPECT_EQ(colors.size(), state.shown().scenario.threads.size());
}

TEST(Api, SetCoresRerunsTheSimulationAndTheNextFrameHasThoseLanes) {
  HeadlessUi ui;
  AppState state = slice_app();
  attach_api(&state);
  ui.frame(state);
  const std::uint64_t runs = state.run.runs;

  tl_set_cores(3);
  EXPECT_EQ(state.cores, 3);
  EXPECT_EQ(state_json()["cores"], 3);
  EXPECT_EQ(state_json()["pending"], true);
  wait_for_run(state);
  EXPECT_EQ(state.run.runs, runs + 1);
  EXPECT_EQ(state.result().trace.cores.size(), 3u);
  ui.frame(state);
  EXPECT_EQ(state_json()["pending"], false);
  EXPECT_EQ(state_json()["lanes"].size(), 3u);

  tl_set_cores(1);
  wait_for_run(state);
  ui.frame(state);
  EXPECT_EQ(state_json()["lanes"].size(), 1u);
  // One core runs the threads one at a time: the run cannot be shorter than their CPU total.
  TimeNs cpu = 0;
  for (const ThreadMetrics& m : state.result().metrics.threads) cpu += m.cpu;
  EXPECT_GE(state.result().trace.makespan, cpu);
}

TEST(Api, SetCoresIgnoresValuesOutsideTheSlider) {
  HeadlessUi ui;
  AppState state = slice_app();
  attach_api(&state);
  const std::uint64_t runs = state.run.runs;
  const int cores = state.cores;
  for (int bad : {0, -1, 17, 1000}) tl_set_cores(bad);
  EXPECT_FALSE(state.run.pending) << "nothing was submitted";
  EXPECT_EQ(state.run.runs, runs);
  EXPECT_EQ(state.cores, cores);
}

TEST(Api, StateJsonWithoutAnAppSaysSo) {
  attach_api(nullptr);
  const nlohmann::json json = state_json();
  EXPECT_EQ(json["version"], kStateJsonVersion);
  EXPECT_TRUE(json.contains("error"));
  tl_set_cores(2);  // no app: nothing to do, and no crash
}

}  // namespace
}  // namespace tl::app::test
