// The race step-through: the trace's loads, adds and stores replayed per variable, lost updates
// marked, the value at the playhead (in the view and on the info line), and stepping in step
// with the playhead through keys, buttons and the playhead itself.
#include "app/state/catalog.h"
#include "app/views/race_steps.h"
#include "headless.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace tl::app::test {
namespace {

constexpr int kRightKey = 300;  // any free slot of io.KeysDown: the headless backend's key map
constexpr int kLeftKey = 301;

class RaceViewTest : public ::testing::Test {
 protected:
  void open(const char* name) {
    ASSERT_TRUE(select_scenario(state, name)) << state.error;
    wait_for_run(state);
    state.playback.playing = false;
    ui.frame(state);
  }
  void key(int index) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyMap[ImGuiKey_RightArrow] = kRightKey;
    io.KeyMap[ImGuiKey_LeftArrow] = kLeftKey;
    io.KeysDown[index] = true;
    ui.frame(state);
    io.KeysDown[index] = false;
    ui.frame(state);
  }
  void click(const Rect& r) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2);
    ui.frame(state);
    io.MouseDown[0] = true;
    ui.frame(state);
    io.MouseDown[0] = false;
    ui.frame(state);
  }
  const VariableHistory& counter() { return state.race.history(state.shown()).vars.at(0); }

  HeadlessUi ui;
  AppState state;
};

TEST_F(RaceViewTest, EveryIncrementIsALoadAnAddAndAStoreOfTheValueItRead) {
  open("race");
  const VariableHistory& var = counter();
  ASSERT_EQ(var.steps.size(), 3u * 2000u) << "two threads, 1000 increments each";
  std::vector<std::int64_t> loaded(state.shown().scenario.threads.size(), -1);
  for (const RaceStep& s : var.steps) {
    if (s.kind == VarAccessKind::Load) loaded[s.thread] = s.value;
    if (s.kind == VarAccessKind::Add || s.kind == VarAccessKind::Store) {
      EXPECT_EQ(s.value, loaded[s.thread] + 1);
    }
  }
  for (std::size_t i = 1; i < var.steps.size(); ++i) EXPECT_LE(var.steps[i - 1].time, var.steps[i].time);
}

TEST_F(RaceViewTest, LostStoresAddUpToWhatTheRunLost) {
  open("race");
  const VariableSummary& summary = state.shown().variables.at(0);
  const VariableHistory& var = counter();
  std::uint64_t marked = 0;
  std::int64_t memory = 0;
  for (const RaceStep& s : var.steps) {
    marked += s.lost ? 1 : 0;
    // A store that undid updates says how many: memory had moved past what it loaded.
    if (s.kind == VarAccessKind::Store) {
      EXPECT_EQ(std::int64_t(s.clobbers), std::max<std::int64_t>(0, memory + 1 - s.value));
    }
    if (s.kind == VarAccessKind::Store) memory = s.value;
    if (s.lost) {
      EXPECT_EQ(s.kind, VarAccessKind::Store);
    }
  }
  EXPECT_GT(marked, 0u);
  EXPECT_EQ(std::int64_t(lost_by(var, state.result().trace.makespan)), lost_updates(summary));
  EXPECT_EQ(value_at(var, state.result().trace.makespan), summary.value);
  EXPECT_EQ(value_at(var, -1), 0) << "before any store: the declared value";
}

TEST_F(RaceViewTest, AtomicIncrementsLoseNothing) {
  open("atomic");
  const VariableHistory& var = counter();
  ASSERT_EQ(var.steps.size(), 2000u);
  for (const RaceStep& s : var.steps) {
    EXPECT_EQ(s.kind, VarAccessKind::Atomic);
    EXPECT_FALSE(s.lost);
  }
  EXPECT_EQ(var.steps.back().value, 2000);
}

// The info line used to show the final value wherever the playhead was.
TEST_F(RaceViewTest, TheInfoLineShowsTheCounterAtThePlayheadNotOnlyItsFinalValue) {
  open("race");
  const VariableSummary& summary = state.shown().variables.at(0);
  state.playback.playhead = 0;
  ui.frame(state);
  EXPECT_NE(state.layout.info.variables.find("P0.counter = 0 at the playhead"), std::string::npos)
      << state.layout.info.variables;
  EXPECT_NE(state.layout.info.variables.find("at the end " + std::to_string(summary.value)), std::string::npos);

  const VariableHistory& var = counter();
  const TimeNs middle = var.steps[var.steps.size() / 2].time;
  state.playback.playhead = middle;
  ui.frame(state);
  const std::int64_t now = value_at(var, middle);
  EXPECT_GT(now, 0);
  EXPECT_LT(now, summary.value);
  EXPECT_NE(state.layout.info.variables.find("P0.counter = " + std::to_string(now) + " at the playhead"),
            std::string::npos)
      << state.layout.info.variables;
  attach_api(&state);
  const nlohmann::json json = nlohmann::json::parse(tl_state_json());
  EXPECT_EQ(json["variables"][0]["at_playhead"], now);
  EXPECT_EQ(json["variables"][0]["value"], summary.value);
}

TEST_F(RaceViewTest, KeysAndButtonsStepOneOperationAndMoveThePlayheadToIt) {
  open("race");
  set_view(state, ViewKind::Race);
  state.playback.playhead = 0;
  state.playback.playing = true;
  ui.frame(state);
  const VariableHistory& var = counter();
  // Playing moved the playhead a little; stepping pauses and goes to the next operation.
  state.playback.playing = false;
  state.playback.playhead = 0;
  ui.frame(state);
  EXPECT_EQ(state.race.layout().selected, -1) << "nothing has happened at 0";
  key(kRightKey);
  EXPECT_EQ(state.race.layout().selected, 0);
  EXPECT_EQ(state.playback.playhead, var.steps[0].time);
  key(kRightKey);
  EXPECT_EQ(state.race.layout().selected, 1);
  EXPECT_EQ(state.playback.playhead, var.steps[1].time);
  click(state.race.layout().next);
  EXPECT_EQ(state.race.layout().selected, 2);
  EXPECT_EQ(state.playback.playhead, var.steps[2].time);
  EXPECT_FALSE(state.playback.playing);
  key(kLeftKey);
  EXPECT_EQ(state.race.layout().selected, 1);
  click(state.race.layout().previous);
  EXPECT_EQ(state.race.layout().selected, 0);
  EXPECT_EQ(state.race.layout().value, value_at(var, var.steps[0].time));
}

TEST_F(RaceViewTest, MovingThePlayheadMovesTheSelectionAndTheListShowsItsLostStore) {
  open("race");
  set_view(state, ViewKind::Race);
  const VariableHistory& var = counter();
  std::size_t lost = 0;
  while (!var.steps[lost].lost) ++lost;
  state.playback.playhead = var.steps[lost].time;
  ui.frame(state);
  ui.frame(state);  // the list scrolls to the selection on the frame after
  const RaceViewLayout& race = state.race.layout();
  EXPECT_EQ(race.selected, step_at(var, var.steps[lost].time));
  EXPECT_EQ(race.value, value_at(var, var.steps[lost].time));
  bool shown = false;
  for (const RaceRow& row : race.rows) {
    if (row.step == std::int64_t(lost)) {
      shown = true;
      EXPECT_TRUE(row.lost);
      EXPECT_GE(row.rect.y0, race.list.y0);
      EXPECT_LE(row.rect.y1, race.list.y1);
    }
  }
  EXPECT_TRUE(shown) << "the selected lost store is scrolled into view";
  // Clicking a row selects it and moves the playhead there.
  const RaceRow target = race.rows[race.rows.size() / 2];
  click(target.rect);
  EXPECT_EQ(state.race.layout().selected, target.step);
  EXPECT_EQ(state.playback.playhead, var.steps[std::size_t(target.step)].time);
}

TEST_F(RaceViewTest, AScenarioWithoutVariablesSaysSo) {
  open("slice");
  set_view(state, ViewKind::Race);
  ui.frame(state);
  EXPECT_EQ(state.race.layout().variable, -1);
  EXPECT_TRUE(state.race.layout().rows.empty());
}

}  // namespace
}  // namespace tl::app::test
