// The Lab view driven as a learner uses it: the Lab tab, Measure, the progress bar while the
// frames keep coming, the results beside the simulator's predictions, Write profile, and the
// written profile used as a scenario's machine. A short run (quick, no Python, two workers):
// this checks the panel, not the machine (tests/lab holds the sanity bounds).
#include "app/lab_api.h"
#include "app/state/catalog.h"
#include "headless.h"
#include "lab/job.h"
#include "sim/scenario/scenario.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <unistd.h>

namespace tl::app::test {
namespace {

using Json = nlohmann::ordered_json;

class LabPanel : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(load_scenario(state, find_embedded_scenario("slice")->json, "slice")) << state.error;
    wait_for_run(state);
    state.playback.playing = false;
    ui.frame(state);
    ui.frame(state);  // a tab bar lays its tabs out on its first frame and draws them from the second
  }
  void click(const Rect& r) {
    ImGui::GetIO().MousePos = ImVec2((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2);
    ui.frame(state);
    ImGui::GetIO().MouseDown[0] = true;
    ui.frame(state);
    ImGui::GetIO().MouseDown[0] = false;
    ui.frame(state);
    ui.frame(state);  // what the click changed is drawn on the next frame (a tab's page, say)
  }
  static bool drawn(const Rect& r) { return r.x1 > r.x0 && r.y1 > r.y0; }

  HeadlessUi ui;
  AppState state;
};

TEST_F(LabPanel, MeasuresOffTheUiThreadShowsPredictionsAndWritesAProfileThatSimulates) {
  ASSERT_GT(state.layout.view_tabs.size(), std::size_t(ViewKind::Lab));
  click(state.layout.view_tabs[std::size_t(ViewKind::Lab)]);
  ASSERT_EQ(state.view, ViewKind::Lab);
  ASSERT_TRUE(drawn(state.layout.lab.measure_button));
  EXPECT_EQ(state.layout.lab.speedup_rows, 0);  // nothing measured yet

  state.lab.options.quick = true;
  state.lab.options.python = false;
  state.lab.options.max_workers = 2;
  state.lab.options.spawn_program = TL_CLI_EXE;
  click(state.layout.lab.measure_button);
  ASSERT_TRUE(state.lab.job);

  // Frames keep coming while the run goes on; the bar shows each stage, never going back.
  int frames_with_bar = 0;
  double last = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(3);
  while (!state.lab.job->progress().done) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "the measurement did not finish in 3 minutes";
    state.lab.job->wait(std::chrono::seconds(5));
    const lab::JobProgress p = state.lab.job->progress();
    ui.frame(state);
    if (p.done) break;
    EXPECT_GE(p.fraction, last) << p.stage;
    last = p.fraction;
    if (drawn(state.layout.lab.progress_bar)) ++frames_with_bar;
  }
  EXPECT_GT(frames_with_bar, 3);
  ui.frame(state);

  const Json* report = state.lab.job->report();
  ASSERT_NE(report, nullptr);
  EXPECT_FALSE(report->value("cancelled", true));
  // The speedup table: two rows, each measured speedup beside the simulator's.
  EXPECT_EQ(state.layout.lab.speedup_rows, 2);
  for (const char* launch : {"threads", "fork", "spawn"}) {
    const Json& points = (*report)["speedup"][launch]["points"];
    ASSERT_EQ(points.size(), 2u) << launch << ": " << (*report)["errors"].dump();
    EXPECT_GT(points[1]["speedup"].get<double>(), 0) << launch;
    // The prediction simulates the measured machine: on one usable CPU (a process pinned to
    // it) two workers cannot be faster than one, and the prediction rightly says so.
    if ((*report)["topology"]["usable_cpus"].get<unsigned>() >= 2)
      EXPECT_GT(points[1]["predicted_speedup"].get<double>(), 1.0) << launch;
    else
      EXPECT_LE(points[1]["predicted_speedup"].get<double>(), 1.05) << launch;
  }
  EXPECT_TRUE((*report)["errors"].empty()) << (*report)["errors"].dump();

  // Write profile: the file holds the report's profile, and it simulates as a machine.
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("threadlab-lab-panel-" + std::to_string(::getpid()) + ".json");
  std::snprintf(state.lab.profile_path, sizeof state.lab.profile_path, "%s", path.c_str());
  ASSERT_TRUE(drawn(state.layout.lab.write_button));
  click(state.layout.lab.write_button);
  EXPECT_FALSE(state.lab.profile_failed) << state.lab.profile_message;
  std::ifstream in(path);
  ASSERT_TRUE(in) << path;
  std::stringstream text;
  text << in.rdbuf();
  std::filesystem::remove(path);
  const Json profile = Json::parse(text.str());
  EXPECT_EQ(profile, (*report)["profile"]);
  const std::string scenario = R"({"machine": {"profile": )" + profile.dump() +
                               R"(}, "processes": [{"name": "p", "threads": [{"name": "t", "program": [{"compute_us": 10}]}]}]})";
  const ParseResult parsed = parse_scenario(scenario);
  ASSERT_TRUE(parsed.scenario) << (parsed.errors.empty() ? "" : format_error(parsed.errors.front()));
  EXPECT_EQ(parsed.scenario->machine.cores, profile["cores"].get<unsigned>());
}

TEST_F(LabPanel, WriteProfileBeforeMeasuringSaysWhyNot) {
  EXPECT_FALSE(write_lab_profile(state.lab, "x.json"));
  EXPECT_NE(state.lab.profile_message.find("Measure"), std::string::npos) << state.lab.profile_message;
  EXPECT_FALSE(std::filesystem::exists("x.json"));
}

TEST_F(LabPanel, CancellingStopsAfterTheCurrentStageAndOffersNoProfile) {
  state.view = ViewKind::Lab;
  state.lab.options.python = false;
  state.lab.options.max_workers = 1;
  state.lab.options.spawn_program = TL_CLI_EXE;
  ui.frame(state);
  click(state.layout.lab.measure_button);
  ASSERT_TRUE(state.lab.job);
  ASSERT_TRUE(drawn(state.layout.lab.cancel_button));
  click(state.layout.lab.cancel_button);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(1);
  while (!state.lab.job->progress().done && std::chrono::steady_clock::now() < deadline)
    state.lab.job->wait(std::chrono::seconds(5));
  ASSERT_TRUE(state.lab.job->progress().done);
  ui.frame(state);
  EXPECT_TRUE(state.lab.job->report()->value("cancelled", false));
  EXPECT_FALSE(write_lab_profile(state.lab, "x.json"));
  EXPECT_FALSE(std::filesystem::exists("x.json"));
}

}  // namespace
}  // namespace tl::app::test

namespace tl::app::test {
namespace {

using Json = nlohmann::ordered_json;

// The entry points the page's lab calls, called the same way natively.
TEST(LabPageApi, PredictsTheKernelsSpeedupWithTheNativeProfile) {
  const Json two = Json::parse(tl_lab_predict_json(200, 2, "threads", 2));
  ASSERT_FALSE(two.contains("error")) << two.dump();
  EXPECT_GT(two["speedup"].get<double>(), 1.9);
  EXPECT_LE(two["speedup"].get<double>(), 2.0);
  EXPECT_EQ(two["profile"], "native");
  const Json one_core = Json::parse(tl_lab_predict_json(200, 2, "processes", 1));
  EXPECT_LT(one_core["speedup"].get<double>(), 1.0);  // two processes on one core: only costs
  EXPECT_EQ(Json::parse(tl_lab_predict_json(200, 2, "fibers", 2))["error"], "as must be \"threads\" or \"processes\"");
  EXPECT_EQ(Json::parse(tl_lab_predict_json(200, 0, "threads", 2))["error"], "workers must be 1 to 1024");
  EXPECT_EQ(Json::parse(tl_lab_predict_json(-1, 2, "threads", 2))["error"], "work_ms must be above 0 and at most an hour");
  EXPECT_EQ(Json::parse(tl_lab_predict_json(200, 2, "threads", 0))["error"], "cores must be 1 to 256");
}

TEST(LabPageApi, StartsThePthreadsRunAndReportsItWhenPolled) {
  EXPECT_EQ(tl_lab_threads_start(1000, 0), 0);
  EXPECT_EQ(tl_lab_threads_start(0.5, 1), 0);
  ASSERT_EQ(tl_lab_threads_start(2'000'000, 2), 1);
  Json s = Json::parse(tl_lab_threads_poll());
  EXPECT_EQ(s["workers"], 2);
  // Polled as the page polls it; a 2-million-round run ends within milliseconds.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(1);
  while (s["state"] == "running" && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::yield();
    s = Json::parse(tl_lab_threads_poll());
  }
  ASSERT_EQ(s["state"], "done") << s.dump();
  EXPECT_GT(s["elapsed_ms"].get<double>(), 0);
  EXPECT_EQ(s["per_worker_ms"].size(), 2u);
}

}  // namespace
}  // namespace tl::app::test
