// Mutexes barge by default, as glibc's and CPython's locks do: the releaser may take the lock
// straight back and a woken waiter competes for it. "fair": true hands it over first-in
// first-out, which makes lock convoys. Figures: CPython 3.11 on a 2-core Linux machine,
// 4 threads x 1e6 `with lock: c += 1` in about 2.8 s (docs/calibration.md).
#include "model_helpers.h"

#include <gtest/gtest.h>

namespace tl::model_test {
namespace {

// 4 threads x n locked increments on 2 cores.
std::string locked_counter(const std::string& machine, const std::string& runtime, int n, bool fair) {
  const std::string thread = R"({"program":[{"repeat":)" + std::to_string(n) +
                             R"(,"do":[{"lock":"m"},{"increment":"c"},{"unlock":"m"}]}]})";
  return R"({"machine":)" + machine + (runtime.empty() ? "" : R"(,"runtime":)" + runtime) +
         R"(,"processes":[{"shared":{"c":0},)" + (fair ? R"("mutexes":{"m":{"fair":true}},)" : "") +
         R"("threads":[)" + threads(4, thread) + "]}]}";
}

const std::string kPython = R"({"profile":"python","cores":2,"mem_op_ns":40})";
const std::string kNative = R"({"profile":"native","cores":2})";

TEST(BargingMutex, PythonThreadsPayTheInterpreterNotAConvoy) {
  constexpr int kN = 100'000;  // a tenth of the measured 4 x 1e6
  const RunResult r = run_json(locked_counter(kPython, R"({"gil":true})", kN, false));
  ASSERT_EQ(r.outcome, Outcome::Completed);
  EXPECT_EQ(r.final_vars[0][0], 4 * kN);  // the lock protects the counter
  // CPython 3.11: 2.8 s / 4e6 = 0.7 us per locked increment. A convoy (a GIL hand-over and a
  // wake per acquisition) would cost hundreds of us each: 37 s for this run.
  const double per_iteration_us = static_cast<double>(r.metrics.makespan) / (4.0 * kN) / 1000.0;
  EXPECT_GT(per_iteration_us, 0.4);
  EXPECT_LT(per_iteration_us, 1.2);
}

TEST(BargingMutex, NativeThreadsWithoutAGilTakeTensOfMilliseconds) {
  constexpr int kN = 100'000;
  const RunResult r = run_json(locked_counter(kNative, "", kN, false));
  ASSERT_EQ(r.outcome, Outcome::Completed);
  EXPECT_EQ(r.final_vars[0][0], 4 * kN);
  // glibc: the holder keeps re-taking the lock on its core; sleepers wake now and then.
  EXPECT_GT(r.metrics.makespan, 5 * kMs);
  EXPECT_LT(r.metrics.makespan, 100 * kMs);
}

TEST(FairMutex, FifoHandOffMakesAConvoy) {
  constexpr int kN = 2'000;
  const RunResult barging = run_json(locked_counter(kNative, "", kN, false));
  const RunResult fair = run_json(locked_counter(kNative, "", kN, true));
  ASSERT_EQ(fair.outcome, Outcome::Completed);
  EXPECT_EQ(fair.final_vars[0][0], 4 * kN);
  // Every acquisition under contention waits for a wake and a switch.
  EXPECT_GT(fair.metrics.makespan, 10 * barging.metrics.makespan);
  EXPECT_GT(fair.metrics.context_switches, 10 * barging.metrics.context_switches);
}

// The releaser takes the lock straight back: a woken waiter that arrives later finds it taken
// and sleeps again. With "fair": true the first waiter owns it at the unlock.
TEST(BargingMutex, TheReleaserMayRetakeTheLockBeforeTheWokenWaiterRuns) {
  const std::string body = R"("threads":[
      {"name":"A","program":[{"repeat":3,"do":[{"lock":"m"},{"compute_us":100},{"unlock":"m"}]}]},
      {"name":"B","arrival_us":10,"program":[{"lock":"m"},{"compute_us":10},{"unlock":"m"}]}]}]})";
  const std::string machine = R"({"machine":{"profile":"textbook","cores":2,"futex_wake_us":5,"line_transfer_ns":0},"processes":[{)";
  const RunResult barging = run_json(machine + body);
  const RunResult fair = run_json(machine + R"("mutexes":{"m":{"fair":true}},)" + body);
  ASSERT_EQ(barging.outcome, Outcome::Completed);
  ASSERT_EQ(fair.outcome, Outcome::Completed);
  // Fair: B owns m at A's first unlock (100), runs 5 us later, done at 115.
  EXPECT_EQ(fair.trace.completion[1], 115 * kUs);
  // Barging: A re-takes m at 100; B wakes at 105, finds it taken, sleeps; the same at 200;
  // it gets m only after A's last unlock at 300.
  EXPECT_EQ(barging.trace.completion[0], 300 * kUs);
  EXPECT_EQ(barging.trace.completion[1], 315 * kUs);
  int blocked_spans = 0;
  for (const StateSpan& s : barging.trace.threads[1]) blocked_spans += s.state == ThreadState::BlockedLock;
  EXPECT_EQ(blocked_spans, 3);
}

TEST(BargingMutex, DeclaringMutexesIsCheckedAndOptional) {
  auto errors_of = [](const std::string& json) {
    std::string all;
    for (const ScenarioError& e : parse_scenario(json).errors) all += format_error(e) + "\n";
    return all;
  };
  const std::string prog = R"("threads":[{"program":[{"lock":"m"},{"unlock":"m"}]}]}]})";
  EXPECT_EQ(errors_of(R"({"processes":[{"mutexes":{"m":{"fair":true}},)" + prog), "");
  EXPECT_NE(errors_of(R"({"processes":[{"mutexes":{"m":{"fair":1}},)" + prog).find("processes[0].mutexes.m.fair"),
            std::string::npos);
  EXPECT_NE(errors_of(R"({"processes":[{"mutexes":{"m":{"spin":true}},)" + prog).find("unknown key 'spin'"),
            std::string::npos);
  EXPECT_NE(errors_of(R"({"processes":[{"mutexes":["m"],)" + prog).find("processes[0].mutexes: expected an object"),
            std::string::npos);
}

}  // namespace
}  // namespace tl::model_test
