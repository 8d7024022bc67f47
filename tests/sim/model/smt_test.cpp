// Simultaneous multithreading. How many threads can run at once is one per hardware thread,
// cores x smt, never more ("a CPU runs cores + 1 threads" is false). Two busy siblings share
// their core: the pair does about 1.25x one thread's work (Intel quotes up to 30 % more for
// Hyper-Threading; compute-bound code gains 10-30 %), so each runs at about 62 %.
#include "model_helpers.h"
#include "sim/scenario/hardware_thread_name.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <utility>
#include <vector>

namespace tl::model_test {
namespace {

using tl::test::has_error;

// `n` threads of `compute_ms` each on `cores` x `smt`, profile textbook (no costs but SMT's).
RunResult cpu_bound(int n, int cores, int smt, int compute_ms) {
  const std::string t = R"({"program":[{"compute_us":)" + std::to_string(compute_ms * 1000) + "}]}";
  return run_json(R"({"machine":{"profile":"textbook","cores":)" + std::to_string(cores) + R"(,"smt":)" +
                  std::to_string(smt) + R"(},"scheduler":{"policy":"rr","quantum_us":10000},
    "processes":[{"threads":[)" +
                  threads(n, t) + "]}]}");
}

// The most Run spans open at one instant, over every core lane.
int max_running(const RunResult& r) {
  std::vector<std::pair<TimeNs, int>> edges;
  for (const auto& lane : r.trace.cores)
    for (const CoreSpan& s : lane) {
      edges.push_back({s.start, +1});
      edges.push_back({s.end, -1});
    }
  std::sort(edges.begin(), edges.end());  // an end sorts before a start at the same instant
  int now = 0, most = 0;
  for (const auto& e : edges) most = std::max(most, now += e.second);
  return most;
}

TEST(Smt, AtMostCoresTimesSmtThreadsRunAtOnce) {
  const RunResult two_cores = cpu_bound(3, 2, 1, 20);
  EXPECT_EQ(two_cores.trace.cores.size(), 2u);
  EXPECT_EQ(max_running(two_cores), 2);                     // not cores + 1: the third waits
  EXPECT_NEAR(ms(two_cores.metrics.makespan), 30.0, 0.01);  // 60 ms of work on 2 cores

  const RunResult hyper = cpu_bound(5, 2, 2, 20);
  EXPECT_EQ(hyper.trace.cores.size(), 4u);
  EXPECT_EQ(max_running(hyper), 4);  // one per hardware thread; the fifth waits
}

TEST(Smt, BusySiblingsShareTheirCoreAtAboutOnePointTwoFiveTimesOne) {
  // 4 threads of 100 ms on 2 cores: 200 ms without SMT; with 2-way SMT all four run at once at
  // 62.5 % each: 160 ms. 1.25x, not the 2x four "CPUs" would suggest.
  const RunResult plain = cpu_bound(4, 2, 1, 100);
  const RunResult hyper = cpu_bound(4, 2, 2, 100);
  EXPECT_NEAR(ms(plain.metrics.makespan), 200.0, 0.5);
  EXPECT_NEAR(ms(hyper.metrics.makespan), 160.0, 0.5);
  const double gain = static_cast<double>(plain.metrics.makespan) / static_cast<double>(hyper.metrics.makespan);
  EXPECT_GE(gain, 1.1);
  EXPECT_LE(gain, 1.3);
  // CPU time as Linux accounts it is time on a hardware thread: 160 ms each, for 100 ms of work.
  for (const ThreadMetrics& tm : hyper.metrics.threads) EXPECT_NEAR(ms(tm.cpu), 160.0, 0.5);
  EXPECT_EQ(hyper.metrics.smt, 2u);
  EXPECT_EQ(hyper.metrics.physical_cores, 2u);
  EXPECT_NEAR(ms(hyper.metrics.smt_shared), 4 * 160.0, 2.0);
}

TEST(Smt, OneThreadPerCoreRunsAtFullSpeedBecauseSiblingsFillLast) {
  // Linux numbers siblings `cores` apart and the engine fills the lowest idle id first, so two
  // threads on 2 cores x 2 land on different cores: no sharing, 100 ms.
  const RunResult r = cpu_bound(2, 2, 2, 100);
  EXPECT_NEAR(ms(r.metrics.makespan), 100.0, 0.01);
  EXPECT_EQ(r.metrics.smt_shared, 0);
}

TEST(Smt, ALanesNameSaysWhichCoreItSharesAsTheEngineSharesIt) {
  // 3 threads on 2 cores x 2: lanes 0, 1 and 2 run them. What the lanes are called must agree
  // with who shares: the two lanes named "(core 0)" go at 62.5 % (160 ms for 100 ms of work),
  // the one named "(core 1)" alone at full speed (100 ms).
  const RunResult r = cpu_bound(3, 2, 2, 100);
  MachineSpec machine;
  machine.cores = 2;
  machine.smt = 2;
  ASSERT_EQ(r.trace.cores.size(), 4u);
  EXPECT_EQ(hardware_thread_name(machine, 0), "cpu 0 (core 0)");
  EXPECT_EQ(hardware_thread_name(machine, 1), "cpu 1 (core 1)");
  EXPECT_EQ(hardware_thread_name(machine, 2), "cpu 2 (core 0)");
  EXPECT_EQ(hardware_thread_name(machine, 3), "cpu 3 (core 1)");
  for (CoreId lane = 0; lane < 3; ++lane) {
    ASSERT_FALSE(r.trace.cores[lane].empty()) << "lane " << lane;
    const ThreadId thread = r.trace.cores[lane].front().thread;
    const bool shares_core_0 = hardware_thread_name(machine, lane).ends_with("(core 0)");
    EXPECT_NEAR(ms(r.trace.completion[thread]), shares_core_0 ? 160.0 : 100.0, 0.01) << hardware_thread_name(machine, lane);
  }
  EXPECT_TRUE(r.trace.cores[3].empty());

  machine.smt = 1;  // without SMT a lane is a core
  EXPECT_EQ(hardware_thread_name(machine, 5), "core 5");
}

TEST(Smt, ASiblingThatStopsGivesTheOtherItsFullSpeedBack) {
  // 1 core x 2: a 10 ms and a 100 ms thread. Together at 62.5 % until the short one is done
  // (16 ms, 10 ms of work each), then the long one alone: 90 ms more. 106 ms in all.
  const RunResult r = run_json(R"({"machine":{"profile":"textbook","cores":1,"smt":2},
    "processes":[{"threads":[{"program":[{"compute_us":10000}]},{"program":[{"compute_us":100000}]}]}]})");
  EXPECT_NEAR(ms(r.trace.completion[0]), 16.0, 0.01);
  EXPECT_NEAR(ms(r.trace.completion[1]), 106.0, 0.01);
}

TEST(Smt, WithoutSmtNothingChanges) {
  const RunResult a = cpu_bound(4, 2, 1, 30);
  const RunResult b = run_json(R"({"machine":{"profile":"textbook","cores":2},"scheduler":{"policy":"rr","quantum_us":10000},
    "processes":[{"threads":[)" +
                               threads(4, R"({"program":[{"compute_us":30000}]})") + "]}]}");
  EXPECT_EQ(a.metrics.makespan, b.metrics.makespan);
  EXPECT_EQ(a.metrics.smt_shared, 0);
  EXPECT_EQ(a.metrics.smt, 1u);
}

TEST(Smt, BadValuesAreRejectedNamingTheField) {
  EXPECT_TRUE(has_error(R"({"machine":{"smt":0},"processes":[{"threads":[{"program":[]}]}]})", "machine.smt", ""));
  EXPECT_TRUE(has_error(R"({"machine":{"smt":9},"processes":[{"threads":[{"program":[]}]}]})", "machine.smt", ""));
  EXPECT_TRUE(has_error(R"({"machine":{"cores":200,"smt":2},"processes":[{"threads":[{"program":[]}]}]})",
                        "machine.smt", "at most 256"));
  EXPECT_TRUE(has_error(R"({"machine":{"smt":2,"smt_throughput_pct":250},"processes":[{"threads":[{"program":[]}]}]})",
                        "machine.smt_throughput_pct", "at most 200"));
}

}  // namespace
}  // namespace tl::model_test
