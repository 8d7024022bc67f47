// FIFO, SJF, STCF, RR and priority against hand-computed schedules, including the numbers of
// OSTEP's scheduler.py (docs/ostep-compat.md section 1) on one core with zero costs.
#include "support/scenarios.h"

#include <numeric>

namespace tl::test {
namespace {

// One process, one thread per job length (ms), all arriving at 0 unless given.
std::string jobs(const std::string& policy, std::initializer_list<double> lengths_ms, int cores = 1,
                 const std::string& extra_sched = "", std::initializer_list<double> arrivals_ms = {}) {
  std::string j = R"({"machine":{"profile":"textbook","cores":)" + std::to_string(cores) + R"(},"scheduler":{"policy":")" + policy +
                  "\"" + extra_sched + R"(},"processes":[{"threads":[)";
  int i = 0;
  auto arr = arrivals_ms.begin();
  for (double len : lengths_ms) {
    if (i) j += ",";
    j += R"({"program":[{"compute_us":)" + std::to_string(len * 1000) + "}]";
    if (arr != arrivals_ms.end()) j += R"(,"arrival_us":)" + std::to_string(*arr++ * 1000);
    j += "}";
    ++i;
  }
  return j + "]}]}";
}

double mean_ms(const RunResult& r, TimeNs ThreadMetrics::*field) {
  double sum = 0;
  for (const ThreadMetrics& t : r.metrics.threads) sum += static_cast<double>(t.*field);
  return sum / static_cast<double>(r.metrics.threads.size()) / 1e6;
}

TEST(PolicyFifo, OstepThreeEqualJobs) {
  // scheduler.py -p FIFO -l 10,10,10: response 0/10/20, turnaround 10/20/30.
  RunResult r = run_json(jobs("fifo", {10, 10, 10}));
  ASSERT_EQ(r.outcome, Outcome::Completed);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(r.metrics.threads[i].response, i * 10 * kMs);
    EXPECT_EQ(r.metrics.threads[i].turnaround, (i + 1) * 10 * kMs);
    EXPECT_EQ(r.metrics.threads[i].wait, i * 10 * kMs);
  }
  EXPECT_DOUBLE_EQ(mean_ms(r, &ThreadMetrics::turnaround), 20.0);
  EXPECT_EQ(r.metrics.context_switches, 2u);
}

TEST(PolicyFifo, RunsInReadyOrderNotLength) {
  RunResult r = run_json(jobs("fifo", {100, 10, 10}));
  EXPECT_EQ(r.metrics.threads[0].turnaround, 100 * kMs);
  EXPECT_EQ(r.metrics.threads[1].turnaround, 110 * kMs);
  EXPECT_EQ(r.metrics.threads[2].turnaround, 120 * kMs);
}

TEST(PolicySjf, ShortestFirstTiesByReadyOrder) {
  // scheduler.py -p SJF -l 100,10,10: runs 1, 2, 0 -> turnaround 10, 20, 120.
  RunResult r = run_json(jobs("sjf", {100, 10, 10}));
  EXPECT_EQ(r.metrics.threads[1].turnaround, 10 * kMs);
  EXPECT_EQ(r.metrics.threads[2].turnaround, 20 * kMs);
  EXPECT_EQ(r.metrics.threads[0].turnaround, 120 * kMs);
  EXPECT_DOUBLE_EQ(mean_ms(r, &ThreadMetrics::turnaround), 50.0);
  EXPECT_DOUBLE_EQ(mean_ms(r, &ThreadMetrics::response), 10.0);
}

TEST(PolicySjf, NonPreemptiveLateShortJobWaits) {
  // A (100) starts at 0; B (10) arrives at 10 and waits until A finishes at 100.
  RunResult r = run_json(jobs("sjf", {100, 10}, 1, "", {0, 10}));
  EXPECT_EQ(r.metrics.threads[0].turnaround, 100 * kMs);
  EXPECT_EQ(r.metrics.threads[1].turnaround, 100 * kMs);
  EXPECT_EQ(r.metrics.threads[1].response, 90 * kMs);
}

TEST(PolicyStcf, LateShortJobPreempts) {
  // OSTEP's STCF figure: A=100 at 0, B=C=10 at 10 -> B done 20, C done 30, A done 120.
  RunResult r = run_json(jobs("stcf", {100, 10, 10}, 1, "", {0, 10, 10}));
  EXPECT_EQ(r.trace.completion[1], 20 * kMs);
  EXPECT_EQ(r.trace.completion[2], 30 * kMs);
  EXPECT_EQ(r.trace.completion[0], 120 * kMs);
  ASSERT_EQ(r.trace.instants.size(), 1u);
  EXPECT_EQ(r.trace.instants[0].time, 10 * kMs);
  EXPECT_EQ(r.trace.instants[0].thread, 0u);
}

TEST(PolicyStcf, EqualRemainingDoesNotPreempt) {
  // B arrives when A has exactly as much left as B needs: strict < keeps A on the core.
  RunResult r = run_json(jobs("stcf", {20, 10}, 1, "", {0, 10}));
  EXPECT_EQ(r.trace.completion[0], 20 * kMs);
  EXPECT_EQ(r.trace.completion[1], 30 * kMs);
  EXPECT_TRUE(r.trace.instants.empty());
}

TEST(PolicyStcf, EvictsTheRunningThreadWithMostRemaining) {
  // Two cores run A (100) and B (50); C (10) arrives at 10 and takes A's core.
  RunResult r = run_json(jobs("stcf", {100, 50, 10}, 2, "", {0, 0, 10}));
  ASSERT_EQ(r.trace.instants.size(), 1u);
  EXPECT_EQ(r.trace.instants[0].thread, 0u);
  EXPECT_EQ(r.trace.instants[0].core, 1u);  // SJF order put B on core 0
  EXPECT_EQ(r.trace.completion[2], 20 * kMs);
  EXPECT_EQ(r.trace.completion[1], 50 * kMs);
  EXPECT_EQ(r.trace.completion[0], 110 * kMs);
}

TEST(PolicyRr, OstepExample) {
  // scheduler.py -p RR -l 5,3,4 -q 2: response 2.00, turnaround 10.67, wait 6.67 (averages).
  RunResult r = run_json(jobs("rr", {5, 3, 4}, 1, R"(,"quantum_us":2000)"));
  EXPECT_NEAR(mean_ms(r, &ThreadMetrics::response), 2.00, 0.005);
  EXPECT_NEAR(mean_ms(r, &ThreadMetrics::turnaround), 10.67, 0.005);
  EXPECT_NEAR(mean_ms(r, &ThreadMetrics::wait), 6.67, 0.005);
  EXPECT_EQ(r.trace.completion[0], 12 * kMs);
  EXPECT_EQ(r.trace.completion[1], 9 * kMs);
  EXPECT_EQ(r.trace.completion[2], 11 * kMs);
}

TEST(PolicyRr, ShortLastSliceDoesNotWasteQuantum) {
  // scheduler.py -l 2.5,1 -q 1: 0 runs 1, 1 runs 1 (done at 2), 0 runs 1.5 -> done at 3.5.
  RunResult r = run_json(jobs("rr", {2.5, 1}, 1, R"(,"quantum_us":1000)"));
  EXPECT_EQ(r.trace.completion[1], 2 * kMs);
  EXPECT_EQ(r.trace.completion[0], 3 * kMs + kMs / 2);
  // The lone survivor keeps its core across slice ends: one merged span, no extra switch.
  EXPECT_EQ(r.metrics.context_switches, 2u);
}

TEST(PolicyRr, TwoCoresShareFourThreads) {
  // 4 x 20 ms on 2 cores, quantum 10: cores take 0,1 then 2,3 then 0,1 then 2,3.
  RunResult r = run_json(jobs("rr", {20, 20, 20, 20}, 2, R"(,"quantum_us":10000)"));
  EXPECT_EQ(r.metrics.makespan, 40 * kMs);
  EXPECT_EQ(r.trace.completion[0], 30 * kMs);
  EXPECT_EQ(r.trace.completion[1], 30 * kMs);
  EXPECT_EQ(r.trace.completion[2], 40 * kMs);
  EXPECT_EQ(r.trace.completion[3], 40 * kMs);
  ASSERT_EQ(r.trace.cores[0].size(), 4u);
  EXPECT_EQ(r.trace.cores[0][1].thread, 2u);
  EXPECT_EQ(r.trace.cores[1][1].thread, 3u);
}

TEST(PolicyPriority, HigherPriorityPreemptsAndEqualsRoundRobin) {
  const std::string json = R"({"machine":{"profile":"textbook"},"scheduler":{"policy":"priority","quantum_us":10000},
    "processes":[{"threads":[
      {"name":"low","priority":1,"program":[{"compute_us":30000}]},
      {"name":"hi1","priority":5,"arrival_us":5000,"program":[{"compute_us":20000}]},
      {"name":"hi2","priority":5,"arrival_us":5000,"program":[{"compute_us":20000}]}]}]})";
  RunResult r = run_json(json);
  // low runs 0-5, hi1 5-15, hi2 15-25, hi1 25-35, hi2 35-45, low 45-70.
  EXPECT_EQ(r.trace.completion[1], 35 * kMs);
  EXPECT_EQ(r.trace.completion[2], 45 * kMs);
  EXPECT_EQ(r.trace.completion[0], 70 * kMs);
  ASSERT_GE(r.trace.instants.size(), 1u);
  EXPECT_EQ(r.trace.instants[0].time, 5 * kMs);
  EXPECT_EQ(r.trace.instants[0].thread, 0u);
}

TEST(SwitchCost, ChargedAsOverheadWhenACoreChangesThread) {
  const std::string json = R"({"machine":{"profile":"textbook","switch_us":1},"scheduler":{"policy":"rr","quantum_us":10},
    "processes":[{"threads":[{"program":[{"compute_us":20}]},{"program":[{"compute_us":20}]}]}]})";
  RunResult r = run_json(json);
  // 0: 0-10, sw 10-11, 1: 11-21, sw 21-22, 0: 22-32, sw 32-33, 1: 33-43.
  EXPECT_EQ(r.metrics.makespan, us(43));
  EXPECT_EQ(r.metrics.context_switches, 3u);
  EXPECT_EQ(r.metrics.cores[0].overhead, us(3));
  EXPECT_EQ(r.metrics.cores[0].busy, us(40));
  EXPECT_EQ(r.metrics.threads[0].cpu, us(20));
}

}  // namespace
}  // namespace tl::test
