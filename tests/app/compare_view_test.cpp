// The Compare view headless: one workload as threads and as processes on two timelines that
// share one range, figures equal to `threadlab-cli compare`'s, and a sweep for the speedup
// chart that fills in cell by cell and stops when another workload is opened.
#include "app/course_bridge.h"
#include "app/views/compare_chart.h"
#include "app/views/compare_json.h"
#include "app/views/compare_view.h"
#include "app/state/args.h"
#include "headless.h"
#include "sim/core/format.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <regex>
#include <string>
#include <sys/wait.h>

namespace tl::app::test {
namespace {

std::string cli_output(const std::string& args) {
  const std::string command = std::string(TL_CLI_EXE) + " " + args;
  std::FILE* pipe = popen(command.c_str(), "r");
  std::string output;
  if (pipe == nullptr) return output;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe)) output += buffer;
  EXPECT_EQ(pclose(pipe), 0) << command;
  return output;
}

std::string example_path(const std::string& workload) {
  return std::string(TL_EXAMPLES_DIR) + "/compare/" + workload + ".json";
}

class CompareView : public ::testing::Test {
 protected:
  void SetUp() override { state.view = ViewKind::Compare; }
  // Frames until both runs are shown (in sliced mode the frames run them).
  void settle() {
    for (int i = 0; i < 1000 && (state.compare.workload.name.empty() || compare_pending(state.compare)); ++i) {
      if (state.compare.mode == Session::Mode::Worker && !state.compare.workload.name.empty())
        wait_for_compare(state.compare);
      ui.frame(state);
    }
    ASSERT_FALSE(compare_pending(state.compare));
    state.compare.playback.playing = false;
    ui.frame(state);
  }
  void move_to(ImVec2 at) {
    ImGui::GetIO().MousePos = at;
    ui.frame(state);
  }
  void press(bool down) {
    ImGui::GetIO().MouseDown[0] = down;
    ui.frame(state);
  }
  void wheel(float notches) {
    ImGui::GetIO().MouseWheel = notches;
    ui.frame(state);
    ImGui::GetIO().MouseWheel = 0;
    ui.frame(state);
  }
  const TimelineLayout& upper() const { return state.compare.timelines[0].layout(); }
  const TimelineLayout& lower() const { return state.compare.timelines[1].layout(); }
  void expect_in_step() const {
    EXPECT_EQ(upper().t0, state.compare.range.t0);
    EXPECT_EQ(upper().t1, state.compare.range.t1);
    EXPECT_EQ(lower().t0, state.compare.range.t0);
    EXPECT_EQ(lower().t1, state.compare.range.t1);
    ASSERT_FALSE(upper().core_lanes.empty());
    ASSERT_FALSE(lower().core_lanes.empty());
    EXPECT_EQ(upper().core_lanes[0].x0, lower().core_lanes[0].x0) << "the same instant at the same x";
    EXPECT_EQ(upper().core_lanes[0].x1, lower().core_lanes[0].x1);
  }
  static ImVec2 middle_of(const Rect& r, float fraction) {
    return ImVec2(r.x0 + (r.x1 - r.x0) * fraction, (r.y0 + r.y1) / 2);
  }

  HeadlessUi ui{1280, 720};
  AppState state;
};

TEST_F(CompareView, TheTabBarOpensItOnTheFirstWorkloadAsThreadsAboveAndProcessesBelow) {
  state.view = ViewKind::Timeline;
  wait_for_run(state);
  ui.frame(state);
  ui.frame(state);
  ASSERT_GT(state.layout.view_tabs.size(), std::size_t(ViewKind::Compare));
  EXPECT_TRUE(state.compare.workload.name.empty()) << "nothing is simulated before the view is opened";
  const Rect tab = state.layout.view_tabs[std::size_t(ViewKind::Compare)];
  ASSERT_GT(tab.x1, tab.x0);
  move_to(middle_of(tab, 0.5f));
  press(true);
  press(false);
  ui.frame(state);  // the tab bar selects on the frame after the click
  EXPECT_EQ(state.view, ViewKind::Compare);
  settle();
  EXPECT_EQ(state.compare.workload.name, compare_workloads()[0].name);
  const ShownRun& threads = compare_run(state.compare, 0);
  const ShownRun& processes = compare_run(state.compare, 1);
  EXPECT_EQ(threads.scenario.processes.size(), 1u) << "as threads: one process";
  EXPECT_GT(processes.scenario.processes.size(), 1u) << "as processes: one per worker and the parent";
  EXPECT_EQ(upper().core_lanes.size(), std::size_t(state.compare.cores));
  EXPECT_EQ(lower().core_lanes.size(), std::size_t(state.compare.cores));
  EXPECT_EQ(upper().thread_lanes.size(), threads.scenario.threads.size());
  EXPECT_LT(upper().view.y1, lower().view.y0 + 1) << "one above the other";
  EXPECT_EQ(state.compare.range.t1, compare_extent(state.compare)) << "fitted to the longer run";
  const Rect chart = state.compare.layout.chart;
  EXPECT_GT(chart.x1 - chart.x0, 200);
  EXPECT_GT(chart.y1 - chart.y0, 80);
  EXPECT_GT(chart.y0, lower().view.y1 - 1) << "the chart is under the timelines";
  EXPECT_LE(chart.y1, 720);
}

// The program draws only while something changes: the view's own playback and the sweep count
// (the chart fills in without the pointer moving), and once both are done it may rest.
TEST_F(CompareView, KeepsDrawingWhileItPlaysOrItsSweepRunsThenRests) {
  state.playback.playing = false;
  settle();
  const SweepProgress first = sweep_progress(state.compare);
  if (first.done < first.total) {
    EXPECT_TRUE(animating(state)) << "the sweep is still filling the chart";
  }
  wait_for_compare(state.compare);
  ui.frame(state);
  ASSERT_EQ(sweep_progress(state.compare).done, sweep_progress(state.compare).total);
  EXPECT_FALSE(animating(state)) << "paused, runs shown, sweep complete";
  state.compare.playback.playing = true;
  EXPECT_TRUE(animating(state)) << "its playhead moves";
  state.compare.playback.playing = false;
  state.view = ViewKind::Timeline;
  EXPECT_FALSE(animating(state));
}

TEST_F(CompareView, ZoomingOrPanningEitherTimelineMovesBoth) {
  settle();
  const TimeNs full = state.compare.range.width();
  expect_in_step();
  move_to(middle_of(upper().core_lanes[0], 0.3f));
  wheel(4);
  EXPECT_LT(state.compare.range.width(), full / 2) << "the wheel over the upper one zoomed";
  expect_in_step();

  const TimeNs t0 = state.compare.range.t0, width = state.compare.range.width();
  const Rect lane = lower().core_lanes[0];
  move_to(middle_of(lane, 0.6f));
  press(true);
  move_to(middle_of(lane, 0.4f));  // drag left: later times come into view
  press(false);
  EXPECT_GT(state.compare.range.t0, t0) << "dragging the lower one panned";
  EXPECT_EQ(state.compare.range.width(), width);
  expect_in_step();

  move_to(middle_of(lower().core_lanes[0], 0.5f));
  wheel(-20);
  EXPECT_EQ(state.compare.range.width(), state.compare.range.extent) << "zoomed back out over the lower one";
  expect_in_step();
}

// The figures the view prints are the CLI's, digit for digit: the makespans, the ratio and every
// cell of the sweep (the CLI's rows with the document's own GIL setting).
TEST_F(CompareView, FiguresAndSweepEqualTheCli) {
  for (const EmbeddedScenario& workload : compare_workloads()) {
    SCOPED_TRACE(workload.name);
    ASSERT_TRUE(open_compare_workload(state.compare, workload.name)) << state.compare.error;
    wait_for_compare(state.compare);
    ui.frame(state);
    const nlohmann::json cli = nlohmann::json::parse(cli_output("compare " + example_path(workload.name) + " --json"));
    const nlohmann::json shown = compare_state_json(state.compare);
    EXPECT_EQ(shown["timelines"][0]["model"], "threads");
    EXPECT_EQ(shown["timelines"][0]["makespan_us"].get<std::string>(), cli["threads"]["makespan_us"].dump());
    EXPECT_EQ(shown["timelines"][1]["makespan_us"].get<std::string>(), cli["processes"]["makespan_us"].dump());
    EXPECT_EQ(shown["timelines"][0]["outcome"], cli["threads"]["outcome"]);
    EXPECT_EQ(shown["figures"][0]["label"], "makespan");
    // As printed ("0.950"), not as a JSON number reads back ("0.95").
    const std::string cli_text = cli_output("compare " + example_path(workload.name) + " --json");
    std::smatch ratio;
    ASSERT_TRUE(std::regex_search(cli_text, ratio, std::regex(R"("speedup_of_processes":([0-9.]+))")));
    EXPECT_EQ(shown["figures"][0]["ratio"].get<std::string>(), ratio[1].str());

    const nlohmann::json sweep = nlohmann::json::parse(cli_output("sweep " + example_path(workload.name) + " --cores 1..16 --json"));
    const bool gil = state.compare.workload.variants[0].gil.enabled;
    const SweepProgress progress = sweep_progress(state.compare);
    ASSERT_EQ(progress.done, progress.total);
    ASSERT_EQ(progress.rows.size(), kModelCount);
    for (std::size_t m = 0; m < kModelCount; ++m) {
      const std::string name = std::string(to_string(kCompareModels[m])) + (gil ? "+gil" : "");
      const auto row = std::find_if(sweep["rows"].begin(), sweep["rows"].end(), [&](const auto& r) { return r["name"] == name; });
      ASSERT_NE(row, sweep["rows"].end()) << name;
      ASSERT_EQ(progress.rows[m].makespan.size(), (*row)["makespan_us"].size());
      for (std::size_t c = 0; c < progress.rows[m].makespan.size(); ++c)
        EXPECT_EQ(format_us(progress.rows[m].makespan[c]), (*row)["makespan_us"][c].dump()) << name << " on " << c + 1;
    }
  }
}

TEST_F(CompareView, ThePageTextViewDescribesTheComparisonNotTheTimelinesScenario) {
  ASSERT_TRUE(open_compare_workload(state.compare, "cpu")) << state.compare.error;
  settle();
  std::string error;
  const nlohmann::json run = nlohmann::json::parse(export_text(state, "run", error));
  ASSERT_TRUE(error.empty()) << error;
  EXPECT_EQ(run["view"], "compare");
  const nlohmann::json& compare = run["compare"];
  ASSERT_TRUE(compare.is_object());
  EXPECT_EQ(compare["title"], state.compare.workload.title);
  EXPECT_EQ(compare["models"], nlohmann::json({"threads", "processes"}));
  EXPECT_FALSE(compare["pending"].get<bool>());
  const nlohmann::json shown = compare_state_json(state.compare);
  ASSERT_EQ(compare["figures"].size(), shown["figures"].size());
  EXPECT_EQ(compare["figures"][0]["label"], "makespan");
  EXPECT_EQ(compare["figures"][0]["ratio"], shown["figures"][0]["ratio"]);
  EXPECT_EQ(compare["figures"][0]["values"][0], figure_text(FigureUnit::Time, shown["figures"][0]["values"][0].get<std::int64_t>()));

  state.view = ViewKind::Timeline;  // back on the timeline: the scenario's run, no comparison
  EXPECT_TRUE(nlohmann::json::parse(export_text(state, "run", error))["compare"].is_null());
}

TEST_F(CompareView, TheSpeedupsAreAgainstThreadsOnOneCoreWithTheIdealLine) {
  ASSERT_TRUE(open_compare_workload(state.compare, "cpu"));
  wait_for_compare(state.compare);
  const SweepProgress progress = sweep_progress(state.compare);
  EXPECT_EQ(progress.rows[0].speedup_milli[0], 1000) << "the baseline";
  // CPU-bound Python: threads take turns on the GIL, four processes use four cores.
  EXPECT_LT(progress.rows[0].speedup_milli[3], 1100);
  EXPECT_GT(progress.rows[1].speedup_milli[3], 3500);
  EXPECT_EQ(progress.rows[1].speedup_milli[7], progress.rows[1].speedup_milli[15]) << "four workers: no gain past four cores";
  double step = 0;
  EXPECT_DOUBLE_EQ(chart_y_max(3938, step), 5.0);
  EXPECT_DOUBLE_EQ(step, 1.0);
  EXPECT_DOUBLE_EQ(chart_y_max(1000, step), 1.5);
  EXPECT_DOUBLE_EQ(step, 0.5);
  EXPECT_DOUBLE_EQ(chart_y_max(15800, step), 20.0);
}

// The web page's single variant: no threads, so the frames run the cells. The timelines' runs
// come first; then every frame adds a point to the chart, and the page keeps drawing.
TEST_F(CompareView, InSlicesTheChartFillsInOneCellPerFrame) {
  state.compare.mode = Session::Mode::Sliced;
  state.compare.sweep.slice_budget_ms = 0;  // one cell per frame
  ui.frame(state);
  ASSERT_EQ(state.compare.workload.name, "cpu");
  EXPECT_TRUE(compare_pending(state.compare));
  EXPECT_EQ(sweep_progress(state.compare).done, 0u);
  settle();
  std::size_t done = sweep_progress(state.compare).done;
  const std::size_t total = sweep_progress(state.compare).total;
  EXPECT_EQ(total, 2u * kSweepMaxCores);
  EXPECT_LT(done, 4u) << "the sweep waited for the timelines' runs";
  bool saw_partial_chart = false;
  while (done < total) {
    ui.frame(state);
    const SweepProgress progress = sweep_progress(state.compare);
    ASSERT_EQ(progress.done, done + 1) << "one cell a frame";
    done = progress.done;
    std::size_t known = 0;
    for (const SpeedupRow& row : progress.rows)
      for (std::int64_t s : row.speedup_milli) known += s > 0;
    EXPECT_EQ(known, done) << "every finished cell is a point, no other";
    saw_partial_chart |= known > 0 && known < total;
  }
  EXPECT_TRUE(saw_partial_chart);
}

TEST_F(CompareView, OpeningAnotherWorkloadCancelsTheSweepStillRunning) {
  state.compare.mode = Session::Mode::Sliced;
  state.compare.sweep.slice_budget_ms = 0;
  settle();
  for (int i = 0; i < 5; ++i) ui.frame(state);
  const std::uint64_t old_request = state.compare.sweep.request;
  const std::size_t old_done = sweep_progress(state.compare).done;
  ASSERT_GT(old_done, 0u);
  ASSERT_LT(old_done, sweep_progress(state.compare).total);
  const std::uint64_t started = state.compare.sweep.session->cells_started();

  ASSERT_TRUE(open_compare_workload(state.compare, "io"));
  EXPECT_NE(state.compare.sweep.request, old_request);
  EXPECT_EQ(sweep_progress(state.compare).done, 0u) << "the chart starts over";
  settle();
  while (sweep_progress(state.compare).done < sweep_progress(state.compare).total) ui.frame(state);
  EXPECT_EQ(state.compare.sweep.session->cells_started() - started, sweep_progress(state.compare).total)
      << "only the new workload's cells ran: the old sweep stopped where it was";
  EXPECT_EQ(state.compare.sweep.snapshot->request, state.compare.sweep.request);
}

TEST_F(CompareView, WithThreadsAnotherWorkloadAlsoReplacesTheSweep) {
  settle();
  ASSERT_TRUE(open_compare_workload(state.compare, "counter"));
  ASSERT_TRUE(open_compare_workload(state.compare, "cpu"));
  wait_for_compare(state.compare);
  const SweepProgress progress = sweep_progress(state.compare);
  EXPECT_EQ(progress.done, progress.total);
  EXPECT_FALSE(progress.cancelled);
  EXPECT_EQ(state.compare.sweep.snapshot->request, state.compare.sweep.request);
  EXPECT_EQ(progress.rows[0].speedup_milli[0], 1000);
}

TEST_F(CompareView, TheCoresSliderRerunsBothTimelinesButNotTheSweep) {
  settle();
  const std::uint64_t sweep = state.compare.sweep.request;
  ASSERT_TRUE(set_compare_cores(state.compare, 4));
  EXPECT_TRUE(compare_pending(state.compare));
  settle();
  EXPECT_EQ(upper().core_lanes.size(), 4u);
  EXPECT_EQ(lower().core_lanes.size(), 4u);
  EXPECT_EQ(state.compare.sweep.request, sweep);
  EXPECT_FALSE(set_compare_cores(state.compare, 0));
  EXPECT_FALSE(set_compare_cores(state.compare, kMaxCores + 1));
}

TEST_F(CompareView, ABadDocumentIsRefusedWithItsPathAndTheWorkloadStays) {
  settle();
  EXPECT_FALSE(open_compare_document(state.compare, "bad", R"({"workload": {"as": "threads", "program": []}})"));
  EXPECT_NE(state.compare.error.find("workload"), std::string::npos) << state.compare.error;
  EXPECT_NE(state.compare.error.find("workers"), std::string::npos) << state.compare.error;
  EXPECT_EQ(state.compare.workload.name, "cpu");
  EXPECT_FALSE(open_compare_document(state.compare, "scenario", R"({"processes": []})"));
  EXPECT_NE(state.compare.error.find("not a compare document"), std::string::npos) << state.compare.error;
  EXPECT_FALSE(open_compare_workload(state.compare, "nope"));
}

TEST_F(CompareView, TheSharedCounterShowsThreadsLosingUpdatesAndProcessesKeepingTheirOwn) {
  ASSERT_TRUE(open_compare_workload(state.compare, "counter"));
  wait_for_compare(state.compare);
  const ShownRun& threads = compare_run(state.compare, 0);
  const ShownRun& processes = compare_run(state.compare, 1);
  ASSERT_FALSE(threads.variables.empty());
  EXPECT_EQ(threads.variables[0].increments, 4u * 5000u);
  EXPECT_GT(lost_updates(threads.variables[0]), 0) << "two threads loaded n at once";
  // The parent's copy is never written: each worker process added to its own.
  ASSERT_FALSE(processes.variables.empty());
  EXPECT_EQ(processes.variables[0].value, 0);
}

// 480 x 360: every part keeps a readable size and the view scrolls to the rest, except under the
// pointer on a timeline, where the wheel zooms instead.
TEST(CompareViewSmall, AtFourEightyByThreeSixtyTheViewScrollsToTheChart) {
  HeadlessUi ui{480, 360};
  AppState state;
  state.view = ViewKind::Compare;
  ui.frame(state);
  wait_for_compare(state.compare);
  ui.frame(state);
  ui.frame(state);
  const CompareLayout& layout = state.compare.layout;
  for (const TimelineView& view : state.compare.timelines) {
    const Rect v = view.layout().view;
    EXPECT_GE(v.y1 - v.y0, 100) << "each timeline keeps its height";
    EXPECT_LE(v.x1, 480);
  }
  ASSERT_TRUE(layout.chart_shown) << "narrow: the chart first, the figures behind a switch";
  EXPECT_FALSE(layout.figures_shown);
  EXPECT_GT(layout.chart.x1 - layout.chart.x0, 300);
  EXPECT_GT(layout.chart.y1 - layout.chart.y0, 90);
  ASSERT_GT(layout.chart.y1, 360) << "below the fold at first";

  // The wheel over the upper timeline zooms it and scrolls nothing.
  const Rect lane = state.compare.timelines[0].layout().core_lanes[0];
  const float lane_y = lane.y0;
  ImGui::GetIO().MousePos = ImVec2((lane.x0 + lane.x1) / 2, (lane.y0 + lane.y1) / 2);
  ui.frame(state);
  ImGui::GetIO().MouseWheel = 3;  // in
  ui.frame(state);
  ImGui::GetIO().MouseWheel = 0;
  ui.frame(state);
  EXPECT_EQ(state.compare.timelines[0].layout().core_lanes[0].y0, lane_y);
  EXPECT_LT(state.compare.range.width(), state.compare.range.extent);

  // Over the label between the timelines it scrolls the view down to the chart.
  const Rect lower = state.compare.timelines[1].layout().view;
  ImGui::GetIO().MousePos = ImVec2(200, lower.y0 - 6);
  ui.frame(state);
  for (int i = 0; i < 10; ++i) {
    ImGui::GetIO().MouseWheel = -5;
    ui.frame(state);
  }
  ImGui::GetIO().MouseWheel = 0;
  ui.frame(state);
  EXPECT_LE(layout.chart.y1, 360) << "scrolled into view";
  EXPECT_GT(layout.chart.y0, 0);

  state.compare.narrow_shows_chart = false;
  ui.frame(state);
  EXPECT_TRUE(layout.figures_shown);
  EXPECT_FALSE(layout.chart_shown);
}

TEST(CompareViewArgs, CompareNamesAWorkloadOrSaysWhichExist) {
  const std::array ok{"--compare", "counter"};
  EXPECT_EQ(parse_args(ok).options.compare, "counter");
  const std::array bad{"--compare", "gpu"};
  const ParsedArgs parsed = parse_args(bad);
  ASSERT_EQ(parsed.errors.size(), 1u);
  EXPECT_EQ(parsed.errors[0], "error: --compare: unknown workload 'gpu' (one of: cpu, io, counter)");
}

TEST(CompareViewState, TheStateProbeNamesTheViewAndItsParts) {
  HeadlessUi ui;
  AppState state;
  attach_api(&state);
  state.view = ViewKind::Compare;
  ui.frame(state);
  wait_for_compare(state.compare);
  ui.frame(state);
  ui.frame(state);
  const nlohmann::json json = nlohmann::json::parse(tl_state_json());
  EXPECT_EQ(json["view"], "compare");
  bool compare_tab = false;
  for (const nlohmann::json& tab : json["tabs"]) compare_tab |= tab["view"] == "compare";
  EXPECT_TRUE(compare_tab);
  const nlohmann::json& compare = json["compare"];
  EXPECT_EQ(compare["workload"], "cpu");
  EXPECT_EQ(compare["timelines"].size(), 2u);
  EXPECT_EQ(compare["timelines"][1]["model"], "processes");
  EXPECT_EQ(compare["sweep"]["done"], compare["sweep"]["total"]);
  EXPECT_EQ(compare["sweep"]["rows"][0]["speedup"][0], "1.000");
  EXPECT_EQ(compare["sweep"]["rows"][1]["color"], "#e69f00");
  EXPECT_FALSE(compare["chart"].is_null());
}

}  // namespace
}  // namespace tl::app::test
