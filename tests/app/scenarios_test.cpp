// The scenario picker: every embedded example loads and runs, switching scenarios (API and
// combo) replaces the lanes, and a run's outcome and shared variables are shown in words.
#include "app/state/args.h"
#include "app/state/catalog.h"
#include "app/views/scenario_info.h"
#include "headless.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace tl::app::test {
namespace {

nlohmann::json state_json() { return nlohmann::json::parse(tl_state_json()); }

// Selects, waits for the run and draws two frames (the second sees the first's layout).
void show(HeadlessUi& ui, AppState& state, const char* name) {
  ASSERT_TRUE(select_scenario(state, name)) << name << ": " << state.error;
  wait_for_run(state);
  ui.frame(state);
  ui.frame(state);
}

bool inside(const Rect& r, float w, float h) { return r.x1 > r.x0 && r.y1 > r.y0 && r.x0 >= 0 && r.x1 <= w && r.y1 <= h; }

TEST(Scenarios, TheCuratedSetIsEmbeddedInOrderWithSliceFirst) {
  std::vector<std::string> names;
  for (const EmbeddedScenario& s : embedded_scenarios()) names.push_back(s.name);
  EXPECT_EQ(names.front(), "slice") << "the app opens with slice";
  for (const char* wanted : {"slice", "race", "atomic", "locks", "deadlock", "io", "mlfq", "gil_latency",
                             "gil_latency_processes", "gil_cpu_threads", "gil_cpu_processes", "gil_io_threads",
                             "shared_memory"})
    EXPECT_NE(find_embedded_scenario(wanted), nullptr) << wanted;
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), names.size()) << "no duplicates";
  EXPECT_EQ(find_embedded_scenario("Race"), nullptr) << "names are exact file stems";
  EXPECT_EQ(find_embedded_scenario("compare/cpu"), nullptr);
}

// Every examples/*.json that is a scenario (not a compare document) is offered, so a new
// example cannot be forgotten in src/app/CMakeLists.txt.
TEST(Scenarios, EveryScenarioInExamplesIsEmbeddedWithTheSameText) {
  int scenarios = 0;
  for (const auto& entry : std::filesystem::directory_iterator(TL_EXAMPLES_DIR)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream file(entry.path());
    std::stringstream text;
    text << file.rdbuf();
    const nlohmann::json document = nlohmann::json::parse(text.str());
    if (!document.contains("processes")) continue;  // e.g. a compare document's "workload"
    ++scenarios;
    const std::string stem = entry.path().stem().string();
    const EmbeddedScenario* embedded = find_embedded_scenario(stem);
    ASSERT_NE(embedded, nullptr) << entry.path() << " is not in TL_APP_SCENARIOS";
    EXPECT_EQ(std::string(embedded->json), text.str()) << stem << ": stale embedded copy";
  }
  EXPECT_EQ(scenarios, int(embedded_scenarios().size()));
}

TEST(Scenarios, EveryEmbeddedScenarioParsesRunsAndDraws) {
  HeadlessUi ui;
  AppState state;
  attach_api(&state);
  for (const EmbeddedScenario& info : embedded_scenarios()) {
    SCOPED_TRACE(info.name);
    show(ui, state, info.name);
    EXPECT_TRUE(state.error.empty()) << state.error;
    EXPECT_FALSE(state.run.pending);
    EXPECT_EQ(state.document.name, info.name);
    EXPECT_FALSE(state.document.title.empty());
    EXPECT_FALSE(state.document.description.empty()) << "every example explains itself";
    EXPECT_EQ(state.cores, std::clamp(int(state.document.scenario.machine.cores), kMinCores, kMaxCores));
    // One lane per hardware thread: cores x smt.
    EXPECT_EQ(state.timeline.layout().core_lanes.size(), std::size_t(state.cores) * state.document.scenario.machine.smt);
    EXPECT_EQ(state.timeline.layout().thread_lanes.size(), state.shown().scenario.threads.size());
    EXPECT_GT(state.result().trace.makespan, 0);
    const Outcome expected = std::string(info.name) == "deadlock" ? Outcome::Deadlock : Outcome::Completed;
    EXPECT_EQ(state.result().outcome, expected) << to_string(state.result().outcome);
    EXPECT_EQ(state.range.t0, 0);
    EXPECT_EQ(state.range.t1, state.result().trace.makespan) << "the view fits the new run";
    const nlohmann::json json = state_json();
    EXPECT_EQ(json["scenario"], info.name);
    EXPECT_EQ(json["threads"].size(), state.shown().scenario.threads.size());
  }
}

TEST(Scenarios, TlSetScenarioSwitchesLanesThreadsAndCoresAndRejectsUnknownNames) {
  HeadlessUi ui;
  AppState state;
  attach_api(&state);
  show(ui, state, "slice");
  ASSERT_EQ(state.timeline.layout().thread_lanes.size(), 4u);
  tl_set_cores(5);
  wait_for_run(state);
  ui.frame(state);
  ASSERT_EQ(state.timeline.layout().core_lanes.size(), 5u);

  EXPECT_EQ(tl_set_scenario("io"), 1);
  EXPECT_TRUE(state_json()["pending"]) << "the call only submits the run";
  EXPECT_EQ(state_json()["scenario"], "io");
  EXPECT_EQ(state.cores, 1) << "the scenario's own machine.cores, not the 5 set before";
  wait_for_run(state);
  ui.frame(state);
  ui.frame(state);
  nlohmann::json json = state_json();
  EXPECT_EQ(json["cores"], 1);
  EXPECT_EQ(json["lanes"].size(), 1u);
  EXPECT_EQ(json["thread_lanes"].size(), 3u);
  EXPECT_EQ(json["threads"].size(), 3u);

  EXPECT_EQ(tl_set_scenario("gil_io_threads"), 1);
  wait_for_run(state);
  ui.frame(state);
  ui.frame(state);
  json = state_json();
  EXPECT_EQ(json["threads"].size(), state.shown().scenario.threads.size());
  EXPECT_GE(json["threads"].size(), 64u);
  EXPECT_EQ(json["lanes"].size(), 2u);

  const std::uint64_t runs = state.run.runs;
  testing::internal::CaptureStderr();
  EXPECT_EQ(tl_set_scenario("nope"), 0);
  EXPECT_EQ(tl_set_scenario(nullptr), 0);
  const std::string warning = testing::internal::GetCapturedStderr();
  EXPECT_NE(warning.find("tl_set_scenario: unknown scenario 'nope' ignored (one of: slice, "), std::string::npos)
      << warning;
  EXPECT_EQ(state.document.name, "gil_io_threads");
  EXPECT_FALSE(state.run.pending);
  EXPECT_EQ(state.run.runs, runs);

  json = state_json();
  std::vector<std::string> names;
  for (const auto& name : json["scenarios"]) names.push_back(name);
  ASSERT_EQ(names.size(), embedded_scenarios().size());
  EXPECT_EQ(names.front(), "slice");
}

TEST(Scenarios, ChoosingInTheComboLoadsThatScenario) {
  HeadlessUi ui;
  AppState state;
  show(ui, state, "slice");
  const Rect combo = state.layout.controls.scenario_combo;
  ASSERT_TRUE(inside(combo, 1280, 800));
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2((combo.x0 + combo.x1) / 2, (combo.y0 + combo.y1) / 2);
  ui.frame(state);
  io.MouseDown[0] = true;
  ui.frame(state);
  io.MouseDown[0] = false;
  ui.frame(state);
  ui.frame(state);  // a popup's first frame only measures it; the next places it
  ASSERT_EQ(state.layout.controls.scenario_items.size(), embedded_scenarios().size()) << "the combo is open";
  std::size_t race = 0;
  while (std::string(embedded_scenarios()[race].name) != "race") ++race;
  const Rect item = state.layout.controls.scenario_items[race];
  ASSERT_TRUE(inside(item, 1280, 800)) << "every row is on screen (no scrolling in the list)";
  io.MousePos = ImVec2(item.x0 + 10, (item.y0 + item.y1) / 2);
  ui.frame(state);
  io.MouseDown[0] = true;
  ui.frame(state);
  io.MouseDown[0] = false;
  ui.frame(state);
  EXPECT_EQ(state.document.name, "race");
  wait_for_run(state);
  ui.frame(state);
  EXPECT_TRUE(state.layout.controls.scenario_items.empty()) << "the combo closed";
  EXPECT_EQ(state.timeline.layout().thread_lanes.size(), 2u);
  EXPECT_EQ(state.shown().scenario.threads[0].name, "A");
}

TEST(Scenarios, DeadlockShowsItsWaitForEdgesInOneLine) {
  HeadlessUi ui;
  AppState state;
  attach_api(&state);
  show(ui, state, "deadlock");
  EXPECT_EQ(state.shown().outcome,
            "deadlock: transfer_ab waits for bank.b held by transfer_ba, transfer_ba waits for bank.a held by "
            "transfer_ab (no thread can go on, so the run stops)");
  EXPECT_TRUE(inside(state.layout.info.outcome_line, 1280, 800)) << "drawn, on screen";
  EXPECT_LT(state.layout.info.outcome_line.y1 - state.layout.info.outcome_line.y0, 2 * ImGui::GetTextLineHeightWithSpacing())
      << "one line at 1280 px";
  const nlohmann::json json = state_json();
  EXPECT_EQ(json["outcome"], "deadlock");
  EXPECT_EQ(json["outcome_line"], state.shown().outcome);

  show(ui, state, "slice");
  EXPECT_TRUE(state.shown().outcome.empty());
  EXPECT_EQ(state.layout.info.outcome_line.y1, 0) << "nothing drawn for a completed run";
}

TEST(Scenarios, RaceShowsTheCounterBelowItsIncrementsAndTheFixesShowNoneLost) {
  HeadlessUi ui;
  AppState state;
  attach_api(&state);
  show(ui, state, "race");
  ASSERT_EQ(state.shown().variables.size(), 1u);
  const VariableSummary counter = state.shown().variables[0];
  EXPECT_EQ(counter.name, "P0.counter");
  EXPECT_EQ(counter.increments, 2000u);
  EXPECT_LT(counter.value, 2000) << "updates are lost on two cores";
  EXPECT_GT(counter.value, 0);
  EXPECT_EQ(variables_text(state.shown().variables), "shared: P0.counter = " + std::to_string(counter.value) + " (2000 increments, " +
                                                         std::to_string(2000 - counter.value) + " lost)");
  EXPECT_TRUE(inside(state.layout.info.variables_line, 1280, 800));
  const nlohmann::json json = state_json();
  EXPECT_EQ(json["variables"][0]["value"], counter.value);
  EXPECT_EQ(json["variables"][0]["increments"], 2000);

  show(ui, state, "atomic");
  EXPECT_EQ(variables_text(state.shown().variables), "shared: P0.counter = 2000 (2000 increments, none lost)");
  show(ui, state, "locks");
  EXPECT_EQ(variables_text(state.shown().variables), "shared: P0.counter = 3000 (3000 increments, none lost)");
  show(ui, state, "slice");
  EXPECT_TRUE(variables_text(state.shown().variables).empty());
  EXPECT_EQ(state.layout.info.variables_line.y1, 0);
}

TEST(Scenarios, OneCoreRaceLosesNothingBecauseNobodyRunsAtTheSameTime) {
  HeadlessUi ui;
  AppState state;
  show(ui, state, "race");
  set_cores(state, 1);
  wait_for_run(state);
  ASSERT_EQ(state.shown().variables.size(), 1u);
  EXPECT_EQ(state.shown().variables[0].value, 2000);
}

TEST(Scenarios, ADescriptionThatStatesACoreCountSaysTheDefaultOnceTheSliderMoves) {
  HeadlessUi ui;
  AppState state;
  show(ui, state, "race");
  ASSERT_TRUE(state.document.description_cores) << state.document.description;
  EXPECT_EQ(description_text(state.document, state.cores), state.document.description + " (default: 2 cores)");
  set_cores(state, 4);
  EXPECT_EQ(description_text(state.document, state.cores), state.document.description + " (default: 2 cores; now 4)");
  show(ui, state, "io");
  EXPECT_EQ(description_text(state.document, state.cores), state.document.description + " (default: 1 core)");
  show(ui, state, "deadlock");
  EXPECT_FALSE(state.document.description_cores);
  EXPECT_EQ(description_text(state.document, state.cores), state.document.description);
}

TEST(Scenarios, WithoutADescriptionTheLegendNamesTheRowsAsTheMachineHasThem) {
  MachineSpec machine;
  machine.cores = 2;
  EXPECT_EQ(lanes_legend(machine).rfind("Core rows: which thread each core runs", 0), 0u) << lanes_legend(machine);
  machine.smt = 2;  // four lanes, "cpu 0 (core 0)" .. "cpu 3 (core 1)": hardware threads, not cores
  const std::string smt = lanes_legend(machine);
  EXPECT_EQ(smt.rfind("CPU rows: which thread each hardware thread runs", 0), 0u) << smt;
  EXPECT_EQ(smt.find("Core rows"), std::string::npos) << smt;
  EXPECT_NE(smt.find("Thread rows"), std::string::npos) << smt;
}

TEST(Scenarios, MentionsCoreCountFindsCountsInDigitsAndWords) {
  EXPECT_TRUE(mentions_core_count("Two threads on two cores each add 1"));
  EXPECT_TRUE(mentions_core_count("split over 4 threads on 2 cores."));
  EXPECT_TRUE(mentions_core_count("an I/O-bound thread on one core"));
  EXPECT_TRUE(mentions_core_count("On 16 Cores"));
  EXPECT_FALSE(mentions_core_count("both cores compute"));
  EXPECT_FALSE(mentions_core_count("a multicore machine"));
  EXPECT_FALSE(mentions_core_count("the core of the matter"));
  EXPECT_FALSE(mentions_core_count(""));
}

TEST(Scenarios, VariableLineCountsInitialValuesAndLosses) {
  EXPECT_EQ(variable_line({"P.x", 7, 5, 2}), "P.x = 7 (2 increments from 5, none lost)");
  EXPECT_EQ(variable_line({"P.x", 6, 5, 2}), "P.x = 6 (2 increments from 5, 1 lost)");
  EXPECT_EQ(variable_line({"P.x", 3, 3, 0}), "P.x = 3");
}

// --scenario: a valid name selects it; a bad one names the flag and every valid name.
TEST(ScenarioArgs, ValidAndUnknownNames) {
  const char* ok[] = {"--scenario", "deadlock"};
  EXPECT_EQ(parse_args(ok).options.scenario, "deadlock");
  EXPECT_TRUE(parse_args(ok).errors.empty());
  const char* bad[] = {"--scenario", "raec", "--cores", "3"};
  const ParsedArgs parsed = parse_args(bad);
  ASSERT_EQ(parsed.errors.size(), 1u);
  EXPECT_EQ(parsed.errors[0], "error: --scenario: unknown scenario 'raec' (one of: " + embedded_scenario_names() + ")");
  EXPECT_EQ(parsed.options.scenario, "") << "the default stays (the web goes on with it)";
  EXPECT_EQ(parsed.options.cores, 3);
  const char* missing[] = {"--scenario"};
  ASSERT_EQ(parse_args(missing).errors.size(), 1u);
  EXPECT_EQ(parse_args(missing).errors[0], "error: --scenario: missing value (one of: " + embedded_scenario_names() + ")");
}

}  // namespace
}  // namespace tl::app::test
