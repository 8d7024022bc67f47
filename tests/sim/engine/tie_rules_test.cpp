// The tie rules of docs/engine.md, one scenario each.
#include "support/scenarios.h"

namespace tl::test {
namespace {

TEST(TieRules, WakesAtOneInstantAreQueuedInIssueOrderNotIdOrder) {
  // T1 issues its I/O at 5, T0 at 10; both complete at 15. Core 0 takes T1 first.
  RunResult r = run_json(R"({"machine":{"profile":"textbook","cores":2},"scheduler":{"policy":"rr"},"processes":[{"threads":[
      {"program":[{"compute_us":10},{"io_us":5},{"compute_us":10}]},
      {"program":[{"compute_us":5},{"io_us":10},{"compute_us":10}]},
      {"program":[{"compute_us":100}]}]}]})");
  EXPECT_EQ(r.trace.completion[1], us(25));
  EXPECT_EQ(r.trace.completion[0], us(35));
}

TEST(TieRules, EvictionTieGoesToTheHighestCore) {
  RunResult r = run_json(R"({"machine":{"profile":"textbook","cores":2},"scheduler":{"policy":"priority","quantum_us":1000},"processes":[{"threads":[
      {"priority":1,"program":[{"compute_us":50}]},
      {"priority":1,"program":[{"compute_us":50}]},
      {"priority":5,"arrival_us":10,"program":[{"compute_us":10}]}]}]})");
  ASSERT_EQ(r.trace.instants.size(), 1u);
  EXPECT_EQ(r.trace.instants[0].core, 1u);
  EXPECT_EQ(r.trace.instants[0].thread, 1u);
  EXPECT_EQ(r.trace.completion[0], us(50));
  EXPECT_EQ(r.trace.completion[1], us(60));
}

TEST(TieRules, DispatchBeforeWakesChangesWhoGetsTheFreedCore) {
  // SJF, one core. W (2 us of CPU) blocks 1..10; A (9) runs 1..10; R (20) waits from 0.
  // At 10 A finishes and W wakes. Normally W is in the queue when the core picks (shorter:
  // runs first); with dispatch_before_wakes the core picks before W is back and takes R.
  const std::string threads = R"(,"processes":[{"threads":[
      {"name":"W","program":[{"compute_us":1},{"io_us":9},{"compute_us":1}]},
      {"name":"A","program":[{"compute_us":9}]},
      {"name":"R","program":[{"compute_us":20}]}]}]})";
  RunResult normal = run_json(R"({"machine":{"profile":"textbook"},"scheduler":{"policy":"sjf"})" + threads);
  EXPECT_EQ(normal.trace.completion[0], us(11));
  EXPECT_EQ(normal.trace.completion[2], us(31));
  RunResult early = run_json(R"({"machine":{"profile":"textbook"},"scheduler":{"policy":"sjf","dispatch_before_wakes":true})" + threads);
  EXPECT_EQ(early.trace.completion[2], us(30));
  EXPECT_EQ(early.trace.completion[0], us(31));
}

TEST(TieRules, OpCompletionBeatsSliceExpiryAtTheSameInstant) {
  // Exactly one quantum of work: the thread finishes; the other then starts at once.
  RunResult r = run_json(R"({"scheduler":{"policy":"rr","quantum_us":10},"machine":{"profile":"textbook","switch_us":1},
      "processes":[{"threads":[{"program":[{"compute_us":10}]},{"program":[{"compute_us":10}]}]}]})");
  EXPECT_EQ(r.trace.completion[0], us(10));
  EXPECT_EQ(r.trace.completion[1], us(21));
  EXPECT_EQ(r.metrics.context_switches, 1u);
  EXPECT_TRUE(r.trace.instants.empty());
}

TEST(TieRules, FirstDispatchOnACoreIsNotASwitch) {
  RunResult r = run_json(R"({"machine":{"profile":"textbook","cores":4,"switch_us":3},"processes":[{"threads":[
      {"program":[{"compute_us":10}]},{"program":[{"compute_us":10}]}]}]})");
  EXPECT_EQ(r.metrics.makespan, us(10));
  EXPECT_EQ(r.metrics.context_switches, 0u);
  for (const CoreMetrics& c : r.metrics.cores) EXPECT_EQ(c.overhead, 0);
}

TEST(TieRules, ArrivalsAtOneInstantInThreadIdOrder) {
  RunResult r = run_json(R"({"machine":{"profile":"textbook"},"scheduler":{"policy":"fifo"},"processes":[
      {"threads":[{"arrival_us":5,"program":[{"compute_us":1}]}]},
      {"threads":[{"arrival_us":5,"program":[{"compute_us":1}]},{"arrival_us":2,"program":[{"compute_us":1}]}]}]})");
  EXPECT_EQ(r.trace.completion[2], us(3));
  EXPECT_EQ(r.trace.completion[0], us(6));
  EXPECT_EQ(r.trace.completion[1], us(7));
}

TEST(TieRules, ZeroLengthIoStillGivesUpTheCore) {
  // RR with a long quantum: A's io_us 0 lets B run before A continues.
  RunResult r = run_json(R"({"machine":{"profile":"textbook"},"scheduler":{"policy":"rr"},"processes":[{"threads":[
      {"program":[{"compute_us":5},{"io_us":0},{"compute_us":5}]},{"program":[{"compute_us":5}]}]}]})");
  EXPECT_EQ(r.trace.completion[1], us(10));
  EXPECT_EQ(r.trace.completion[0], us(15));
}

}  // namespace
}  // namespace tl::test
