// Thread lanes grouped by process: a header row per process (its name, how it started, its
// memory at the playhead), its threads' lanes under it, and labels that stay unique when
// thread names repeat across processes.
#include "app/format.h"
#include "app/state/catalog.h"
#include "app/timeline/process_header.h"
#include "app/timeline/thread_lane.h"
#include "app/timeline/state_lane.h"
#include "headless.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace tl::app::test {
namespace {

nlohmann::json state_json() { return nlohmann::json::parse(tl_state_json()); }

TEST(ThreadLabels, RepeatedNamesAreQualifiedByTheirProcess) {
  Scenario s = compute_scenario(2, 1000, 1000, 1);
  EXPECT_EQ(unique_thread_labels(s), (std::vector<std::string>{"T0", "T1"}));
  ProcessSpec w2;
  w2.name = "w2";
  s.processes[0].name = "w1";
  ThreadSpec again = s.threads[0];
  again.process = 1;
  w2.threads.push_back(2);
  s.threads.push_back(again);
  s.processes.push_back(w2);
  EXPECT_EQ(unique_thread_labels(s), (std::vector<std::string>{"w1/T0", "T1", "w2/T0"}));
}

// The core lanes' labels are worked out once per shown run, one per lane of its trace: with
// SMT they name the hardware thread and the core it shares.
TEST(CoreLabels, OnePerLaneNamingTheCoreWithSmt) {
  Scenario s = compute_scenario(3, 1000, 1000, 2);
  s.machine.smt = 2;
  RunSlot slot;
  std::string error;
  submit_run(slot, s, 0);
  ASSERT_EQ(wait_for_run(slot, 0, error), RunUpdate::Shown) << error;
  EXPECT_EQ(slot.shown.core_labels,
            (std::vector<std::string>{"cpu 0 (core 0)", "cpu 1 (core 1)", "cpu 2 (core 0)", "cpu 3 (core 1)"}));
  s.machine.smt = 1;
  submit_run(slot, s, 1);
  ASSERT_EQ(wait_for_run(slot, 1, error), RunUpdate::Shown) << error;
  EXPECT_EQ(slot.shown.core_labels, (std::vector<std::string>{"core 0", "core 1"}));
}

class SharedMemory : public ::testing::Test {
 protected:
  void SetUp() override {
    attach_api(&state);
    ASSERT_TRUE(select_scenario(state, "shared_memory")) << state.error;
    wait_for_run(state);
    state.playback.playing = false;
    ui.frame(state);
    ui.frame(state);
  }
  HeadlessUi ui{1280, 800};
  AppState state;
};

TEST_F(SharedMemory, EachProcessHasAHeaderAboveItsIndentedThreads) {
  const Scenario& scenario = state.shown().scenario;
  ASSERT_EQ(scenario.processes.size(), 3u);
  const TimelineLayout& layout = state.timeline.layout();
  ASSERT_EQ(layout.process_rows.size(), 3u);
  float previous = layout.core_lanes.back().y1;
  for (ProcessId p = 0; p < 3; ++p) {
    const Rect& header = layout.process_rows[p];
    EXPECT_GT(header.y0, previous) << "process " << p;
    for (ThreadId t : scenario.processes[p].threads) {
      const Rect& lane = layout.thread_lanes[t];
      EXPECT_GE(lane.y0, header.y1) << "thread " << t << " is under its process";
      previous = lane.y1;
    }
  }
  const nlohmann::json json = state_json();
  ASSERT_EQ(json["processes"].size(), 3u);
  EXPECT_EQ(json["processes"][1]["name"], "w1");
  EXPECT_EQ(json["processes"][0]["origin"], "initial");
  EXPECT_EQ(json["processes"][1]["origin"], "fork");
  // Every process names its thread "main": the labels tell them apart.
  std::vector<std::string> labels;
  for (const auto& thread : json["threads"]) labels.push_back(thread["label"]);
  EXPECT_EQ(labels, (std::vector<std::string>{"parent/main", "w1/main", "w2/main"}));
  EXPECT_EQ(json["threads"][1]["name"], "main");
  EXPECT_EQ(json["threads"][1]["process"], 1);
}

TEST_F(SharedMemory, TheHeaderSaysHowItStartedAndItsMemoryAtThePlayhead) {
  const Scenario& scenario = state.shown().scenario;
  const RunResult& result = state.result();
  EXPECT_EQ(process_summary(scenario, result, 1, 0), "forked process, not started yet") << "w1 is forked later";
  const MemorySample& parent = result.trace.memory[0].front();
  EXPECT_EQ(parent.time, 0);
  EXPECT_EQ(process_summary(scenario, result, 0, 0).rfind("initial process, resident ", 0), 0u);
  EXPECT_EQ(process_summary(scenario, result, 1, result.trace.makespan), "forked process, exited");
  // When w1 holds the most private memory, its header shows that sample's numbers, with
  // thousands separated.
  const MemoryLane& w1 = result.trace.memory[1];
  const MemorySample& last = *std::max_element(w1.begin(), w1.end(), [](const MemorySample& a, const MemorySample& b) {
    return a.private_kb < b.private_kb;
  });
  const std::string end = process_summary(scenario, result, 1, last.time);

  const auto kb = [](std::uint64_t v) {
    std::string digits = std::to_string(v);
    for (int at = int(digits.size()) - 3; at > 0; at -= 3) digits.insert(std::size_t(at), ",");
    return digits + " KB";
  };
  EXPECT_EQ(end, "forked process, resident " + kb(last.resident_kb) + ", private " + kb(last.private_kb));
  EXPECT_GT(last.private_kb, 0u) << "w1's heap writes made pages private";
}

TEST_F(SharedMemory, AThreadOfAForkedProcessIsNotDoneBeforeItStarts) {
  const auto& w2 = state.shown().thread_spans[2];
  ASSERT_FALSE(w2.empty());
  ASSERT_GT(w2.front().start, 0);
  EXPECT_STREQ(state_text_at(w2, 0), "") << "not forked yet";
  EXPECT_STREQ(state_text_at(w2, w2.front().start), w2.front().switching ? "switch" : state_short(w2.front().state));
  EXPECT_STREQ(state_text_at(w2, state.result().trace.makespan), "done");
}

TEST_F(SharedMemory, AOneProcessScenarioStillHasItsHeader) {
  ASSERT_TRUE(select_scenario(state, "slice"));
  wait_for_run(state);
  ui.frame(state);
  EXPECT_EQ(state.timeline.layout().process_rows.size(), 1u);
  EXPECT_EQ(state.shown().thread_labels[0], state.shown().scenario.threads[0].name) << "unique names stay as they are";
}

}  // namespace
}  // namespace tl::app::test
