// MLFQ and cyclic (process-run) on hand-computed schedules; 1 "tick" = 1 ms here. The exact
// comparison with mlfq.py and process-run.py lives in tests/cli (the OSTEP adapters).
#include "support/scenarios.h"

namespace tl::test {
namespace {

std::string one_process(const std::string& sched, const std::string& threads, int cores = 1) {
  return R"({"machine":{"profile":"textbook","cores":)" + std::to_string(cores) + R"(},"scheduler":)" + sched +
         R"(,"processes":[{"threads":[)" + threads + "]}]}";
}

TEST(PolicyMlfq, HigherLevelArrivalPreemptsAndVictimKeepsItsSlice) {
  // Levels of 10 ms, allotment 1. A (40) drops to level 1 at 10; B (10) arrives at 15 and
  // preempts; A resumes with the 5 ms left of its level-1 slice (25-30), drops to level 2.
  RunResult r = run_json(one_process(
      R"({"policy":"mlfq","levels":[{"quantum_us":10000},{"quantum_us":10000},{"quantum_us":10000}]})",
      R"({"program":[{"compute_us":40000}]},{"arrival_us":15000,"program":[{"compute_us":10000}]})"));
  EXPECT_EQ(r.trace.completion[1], 25 * kMs);
  EXPECT_EQ(r.trace.completion[0], 50 * kMs);
  ASSERT_EQ(r.trace.instants.size(), 1u);
  EXPECT_EQ(r.trace.instants[0].time, 15 * kMs);
  EXPECT_EQ(r.trace.instants[0].thread, 0u);
  // A's Run spans: 0-15 (merged across its demotion), 25-50.
  ASSERT_EQ(r.trace.cores[0].size(), 3u);
  EXPECT_EQ(r.trace.cores[0][0].end, 15 * kMs);
  EXPECT_EQ(r.trace.cores[0][2].start, 25 * kMs);
}

TEST(PolicyMlfq, BoostEndsStarvation) {
  // L (50 ms) drops to level 1 after its first 10 ms. X and Y alternate 5 ms bursts with 5 ms
  // of I/O, so the top queue is never empty: without a boost L waits until they finish.
  const std::string threads = R"({"program":[{"compute_us":50000}]},
      {"program":[{"repeat":10,"do":[{"compute_us":5000},{"io_us":5000}]}]},
      {"program":[{"repeat":10,"do":[{"compute_us":5000},{"io_us":5000}]}]})";
  const std::string levels = R"("levels":[{"quantum_us":10000},{"quantum_us":10000}],"io_reset":true)";
  RunResult starve = run_json(one_process(R"({"policy":"mlfq",)" + levels + "}", threads));
  ASSERT_EQ(starve.outcome, Outcome::Completed);
  EXPECT_EQ(starve.trace.completion[0], 150 * kMs);
  const auto& lane = starve.trace.cores[0];
  for (const CoreSpan& s : lane) {
    if (s.thread == 0 && s.start > 0) {
      EXPECT_GE(s.start, 110 * kMs);
    }
  }

  RunResult boosted = run_json(one_process(R"({"policy":"mlfq","boost_us":30000,)" + levels + "}", threads));
  bool ran_early = false;
  for (const CoreSpan& s : boosted.trace.cores[0])
    ran_early = ran_early || (s.thread == 0 && s.start >= 30 * kMs && s.start < 50 * kMs);
  EXPECT_TRUE(ran_early);
  EXPECT_LT(boosted.trace.completion[0], 150 * kMs);
}

TEST(PolicyMlfq, AllotmentKeepsAThreadAtItsLevelForSeveralQuanta) {
  // Top level: quantum 10, allotment 3. A (30) and B (30) alternate 10 ms at the top and
  // never get demoted; both finish at the end of their third slice.
  RunResult r = run_json(one_process(
      R"({"policy":"mlfq","levels":[{"quantum_us":10000,"allotment":3},{"quantum_us":50000}]})",
      R"({"program":[{"compute_us":30000}]},{"program":[{"compute_us":30000}]},{"arrival_us":45000,"program":[{"compute_us":5000}]})"));
  EXPECT_EQ(r.trace.completion[0], 50 * kMs);
  EXPECT_EQ(r.trace.completion[1], 60 * kMs);
  // C arrives at 45 while B runs at the same (top) level: no preemption, C waits its turn.
  EXPECT_EQ(r.trace.completion[2], 65 * kMs);
  EXPECT_TRUE(r.trace.instants.empty());
}

TEST(PolicyCyclic, IdlesDuringIoThenResumes) {
  // examples/cyclic.json: P0 cpu, io-instr, [io 5], io_done, cpu; P1 4 cpu.
  RunResult r = run(scenario_from(R"({"machine":{"profile":"textbook"},"scheduler":{"policy":"cyclic"},"processes":[
      {"threads":[{"program":[{"compute_us":1000},{"compute_us":1000},{"io_us":5000},{"compute_us":1000},{"compute_us":1000}]}]},
      {"threads":[{"program":[{"compute_us":4000}]}]}]})"));
  EXPECT_EQ(r.trace.completion[1], 6 * kMs);
  EXPECT_EQ(r.trace.completion[0], 9 * kMs);
  EXPECT_EQ(r.metrics.cores[0].busy, 8 * kMs);
}

TEST(PolicyCyclic, NextByIdAfterTheLastNotByReadyTime) {
  // At 4 ms P0 (ready since 2) and P2 (ready since 3) wait; P1 just ran, so P2 goes first.
  RunResult r = run_json(one_process(R"({"policy":"cyclic"})",
                                     R"({"program":[{"compute_us":1000},{"io_us":1000},{"compute_us":1000}]},
         {"program":[{"compute_us":3000}]},
         {"arrival_us":3000,"program":[{"compute_us":1000}]})"));
  EXPECT_EQ(r.trace.completion[1], 4 * kMs);
  EXPECT_EQ(r.trace.completion[2], 5 * kMs);
  EXPECT_EQ(r.trace.completion[0], 6 * kMs);
  RunResult f = run_json(one_process(R"({"policy":"fifo"})",
                                     R"({"program":[{"compute_us":1000},{"io_us":1000},{"compute_us":1000}]},
         {"program":[{"compute_us":3000}]},
         {"arrival_us":3000,"program":[{"compute_us":1000}]})"));
  EXPECT_EQ(f.trace.completion[0], 5 * kMs);  // FIFO: ready order instead
}

TEST(PolicyCyclic, WakeImmediatePreemptsWakeLaterWaits) {
  const std::string threads = R"({"program":[{"compute_us":1000},{"io_us":2000},{"compute_us":1000}]},
                                 {"program":[{"compute_us":5000}]})";
  RunResult now = run_json(one_process(R"({"policy":"cyclic","wake":"immediate"})", threads));
  EXPECT_EQ(now.trace.completion[0], 4 * kMs);
  EXPECT_EQ(now.trace.completion[1], 7 * kMs);
  ASSERT_EQ(now.trace.instants.size(), 1u);
  EXPECT_EQ(now.trace.instants[0].time, 3 * kMs);
  RunResult later = run_json(one_process(R"({"policy":"cyclic","wake":"later"})", threads));
  EXPECT_EQ(later.trace.completion[1], 6 * kMs);
  EXPECT_EQ(later.trace.completion[0], 7 * kMs);
}

TEST(PolicyCyclic, IoHoldKeepsTheCoreIdleForTheBlockedThread) {
  const std::string threads = R"({"program":[{"compute_us":1000},{"io_us":2000},{"compute_us":1000}]},
                                 {"program":[{"compute_us":2000}]})";
  RunResult hold = run_json(one_process(R"({"policy":"cyclic","io":"hold"})", threads));
  EXPECT_EQ(hold.trace.completion[0], 4 * kMs);
  EXPECT_EQ(hold.trace.completion[1], 6 * kMs);
  RunResult sw = run_json(one_process(R"({"policy":"cyclic","io":"switch"})", threads));
  EXPECT_EQ(sw.trace.completion[1], 3 * kMs);
  EXPECT_EQ(sw.trace.completion[0], 4 * kMs);
}

TEST(IoAndSleep, StatesLatencyAndOverlap) {
  // A does I/O at once; B computes 30 ms. FIFO on one core: A blocks at 0, B runs 0-30,
  // A (ready at 10) runs 30-35: wake-up latency 20 ms, wait 20 ms.
  RunResult r = run_json(one_process(R"({"policy":"fifo"})",
                                     R"({"program":[{"io_us":10000},{"compute_us":5000}]},{"program":[{"compute_us":30000}]})"));
  const auto& a = r.trace.threads[0];
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a[0].state, ThreadState::BlockedIo);
  EXPECT_EQ(a[1].state, ThreadState::Ready);
  EXPECT_EQ(a[1].start, 10 * kMs);
  EXPECT_EQ(a[2].state, ThreadState::Running);
  EXPECT_EQ(r.metrics.threads[0].wakeup_latency.count, 1u);
  EXPECT_EQ(r.metrics.threads[0].wakeup_latency.mean, 20 * kMs);
  EXPECT_EQ(r.metrics.threads[0].wait, 20 * kMs);
  EXPECT_EQ(r.metrics.makespan, 35 * kMs);

  RunResult s = run_json(one_process(R"({"policy":"rr","quantum_us":1000})",
                                     R"({"program":[{"repeat":3,"do":[{"sleep_us":2000},{"compute_us":500}]}]})"));
  ASSERT_GE(s.trace.threads[0].size(), 1u);
  EXPECT_EQ(s.trace.threads[0][0].state, ThreadState::Sleeping);
  EXPECT_EQ(s.metrics.makespan, us(7500));
  EXPECT_EQ(s.metrics.threads[0].wakeup_latency.count, 3u);
  EXPECT_EQ(s.metrics.threads[0].wakeup_latency.max, 0);
}

TEST(Trace, VisibleFindsTheWindowByBinarySearch) {
  const std::vector<CoreSpan> lane = {{0, 10, 0, CoreSpanKind::Run}, {10, 20, 1, CoreSpanKind::Run}, {30, 40, 0, CoreSpanKind::Overhead}};
  auto v = visible(lane, 15, 31);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].start, 10);
  EXPECT_EQ(v[1].start, 30);
  EXPECT_TRUE(visible(lane, 20, 30).empty());
  EXPECT_EQ(visible(lane, 0, 100).size(), 3u);
  EXPECT_EQ(visible(lane, 9, 10).size(), 1u);
  EXPECT_TRUE(visible(lane, 40, 50).empty());
  EXPECT_TRUE(visible(lane, 5, 5).empty());
  const std::vector<StateSpan> states = {{0, 5, ThreadState::Ready}, {5, 9, ThreadState::Running}};
  EXPECT_EQ(visible(states, 4, 6).size(), 2u);
}

TEST(Trace, RunQueueCounterTracksReadyThreads) {
  RunResult r = run_json(one_process(R"({"policy":"fifo"})",
                                     R"({"program":[{"compute_us":10}]},{"program":[{"compute_us":10}]},{"program":[{"compute_us":10}]})"));
  // 0: two wait (one sample per instant: it replaces the initial 0); 10: one; 20: none.
  ASSERT_EQ(r.trace.run_queue.size(), 3u);
  EXPECT_EQ(r.trace.run_queue[0].time, 0);
  EXPECT_EQ(r.trace.run_queue[0].value, 2);
  EXPECT_EQ(r.trace.run_queue[1].time, us(10));
  EXPECT_EQ(r.trace.run_queue[1].value, 1);
  EXPECT_EQ(r.trace.run_queue[2].time, us(20));
  EXPECT_EQ(r.trace.run_queue[2].value, 0);
}

}  // namespace
}  // namespace tl::test
