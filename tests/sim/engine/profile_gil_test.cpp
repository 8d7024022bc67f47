// Machine profiles and cost overrides in the parser, switch costs by kind in the engine, and
// the per-process GIL: hand-over after the switch interval, release on I/O, one GIL per process.
#include "support/scenarios.h"

namespace tl::test {
namespace {

const std::string kOneThread = R"("processes":[{"threads":[{"program":[{"compute_us":1}]}]}])";

TEST(Profile, ScenarioFilesDefaultToNativeAndCodeToTextbook) {
  const Scenario s = scenario_from("{" + kOneThread + "}");
  EXPECT_EQ(s.machine.costs.kind, CostProfileKind::Native);
  EXPECT_EQ(s.machine.costs.thread_switch, 2 * kUs);
  EXPECT_EQ(s.machine.lock_cost, s.machine.costs.lock);
  EXPECT_EQ(Scenario{}.machine.costs.kind, CostProfileKind::Textbook);
  EXPECT_EQ(Scenario{}.machine.costs.thread_switch, 0);
}

TEST(Profile, NamedProfileThenFieldsOverrideWhereverProfileAppears) {
  const Scenario s = scenario_from(R"({"machine":{"fork_us":7,"profile":"python","ipc_mb_per_s":50,"lock_us":1},)" +
                                   kOneThread + "}");
  EXPECT_EQ(s.machine.costs.kind, CostProfileKind::Python);
  EXPECT_EQ(s.machine.costs.fork, 7 * kUs);
  EXPECT_EQ(s.machine.costs.spawn, 2'000 * kUs);
  EXPECT_EQ(s.machine.costs.spawn_child, 118'000 * kUs);
  EXPECT_EQ(s.machine.costs.ipc_mb_per_s, 50u);
  EXPECT_EQ(s.machine.lock_cost, 1 * kUs);
  const Scenario t = scenario_from(R"({"machine":{"profile":"textbook"},)" + kOneThread + "}");
  EXPECT_EQ(t.machine.costs.fork, 0);
  EXPECT_EQ(t.machine.lock_cost, 0);
}

TEST(Profile, BadValuesNameTheirPath) {
  const std::string bad = R"({"machine":{"profile":"pythn","fork_us":-1,"thread_switch_us":"x","colour":1},)"
                          R"("runtime":{"gil":1,"switch_interval_us":0,"interval":3},)" +
                          kOneThread + "}";
  EXPECT_TRUE(has_error(bad, "machine.profile", "unknown profile 'pythn'")) << all_errors(bad);
  EXPECT_TRUE(has_error(bad, "machine.fork_us", "negative")) << all_errors(bad);
  EXPECT_TRUE(has_error(bad, "machine.thread_switch_us", "expected a number")) << all_errors(bad);
  EXPECT_TRUE(has_error(bad, "machine", "unknown key 'colour'")) << all_errors(bad);
  EXPECT_TRUE(has_error(bad, "runtime.gil", "")) << all_errors(bad);
  EXPECT_TRUE(has_error(bad, "runtime.switch_interval_us", "greater than 0")) << all_errors(bad);
  EXPECT_TRUE(has_error(bad, "runtime", "unknown key 'interval'")) << all_errors(bad);
}

TEST(Profile, RuntimeGilAndIntervalDefaultToTheProfile) {
  const Scenario a = scenario_from(R"({"runtime":{"gil":true},)" + kOneThread + "}");
  EXPECT_TRUE(a.gil.enabled);
  EXPECT_EQ(a.gil.switch_interval, 5 * kMs);
  const Scenario b = scenario_from(R"({"machine":{"gil_switch_interval_us":2000},"runtime":{"gil":true},)" + kOneThread + "}");
  EXPECT_EQ(b.gil.switch_interval, 2 * kMs);
  const Scenario c = scenario_from(R"({"runtime":{"gil":true,"switch_interval_us":1000},)" + kOneThread + "}");
  EXPECT_EQ(c.gil.switch_interval, 1 * kMs);
  EXPECT_FALSE(scenario_from("{" + kOneThread + "}").gil.enabled);
}

// Two threads of one process vs one thread in each of two processes, one core, FIFO: the
// single switch between them costs a thread switch, or a process switch: since PCID only tens
// of percent more (no working set declared, so no cache refill either way).
TEST(SwitchCost, AThreadSwitchIsNotChargedTheProcessSwitch) {
  const std::string fifo = R"({"machine":{"profile":"native","cores":1},"scheduler":{"policy":"fifo"},)";
  const RunResult threads = run_json(fifo + R"("processes":[{"threads":[
      {"program":[{"compute_us":10}]},{"program":[{"compute_us":10}]}]}]})");
  const RunResult procs = run_json(fifo + R"("processes":[{"threads":[{"program":[{"compute_us":10}]}]},
      {"threads":[{"program":[{"compute_us":10}]}]}]})");
  EXPECT_EQ(threads.metrics.cores[0].overhead, 2 * kUs);
  EXPECT_EQ(threads.metrics.makespan, 22 * kUs);
  EXPECT_EQ(procs.metrics.cores[0].overhead, 2'500);
  EXPECT_EQ(procs.metrics.makespan, 22'500);
}

TEST(SwitchCost, LegacySwitchUsAddsToTheProfileAndTextbookIsFree) {
  const RunResult r = run_json(R"({"machine":{"profile":"textbook","cores":1,"switch_us":3},"scheduler":{"policy":"fifo"},
      "processes":[{"threads":[{"program":[{"compute_us":10}]}]},{"threads":[{"program":[{"compute_us":10}]}]}]})");
  EXPECT_EQ(r.metrics.cores[0].overhead, 3 * kUs);
}

// textbook costs, so every figure is exact; 2 cores so cores are never the bottleneck.
const std::string kGil = R"({"machine":{"profile":"textbook","cores":2},"runtime":{"gil":true,"switch_interval_us":5000},)";

TEST(Gil, AWaitingThreadTakesOverAfterOneSwitchInterval) {
  const RunResult r = run_json(kGil + R"("processes":[{"threads":[
      {"name":"A","program":[{"compute_us":20000}]},{"name":"B","program":[{"compute_us":20000}]}]}]})");
  EXPECT_EQ(first_in(r, 1, ThreadState::WaitingGil), 0);
  EXPECT_EQ(first_in(r, 1, ThreadState::Running), 5 * kMs);  // forced hand-over A -> B
  EXPECT_EQ(r.metrics.makespan, 40 * kMs);                   // two cores, one GIL: no parallelism
  EXPECT_EQ(r.metrics.threads[0].cpu + r.metrics.threads[1].cpu, 40 * kMs);
  // A runs 0-5, 10-15, 20-25, 30-35; B 5-10, 15-20, 25-30, 35-40.
  EXPECT_EQ(r.metrics.threads[0].gil_wait, 15 * kMs);
  EXPECT_EQ(r.metrics.threads[1].gil_wait, 20 * kMs);
  EXPECT_EQ(r.trace.completion[0], 35 * kMs);
}

TEST(Gil, BlockingIoReleasesItAtOnce) {
  const RunResult r = run_json(kGil + R"("processes":[{"threads":[
      {"name":"A","program":[{"compute_us":1000},{"io_us":10000},{"compute_us":1000}]},
      {"name":"B","program":[{"compute_us":5000}]}]}]})");
  EXPECT_EQ(first_in(r, 1, ThreadState::Running), 1 * kMs);  // not after the 5 ms interval
  EXPECT_EQ(r.trace.completion[1], 6 * kMs);
  EXPECT_EQ(r.trace.completion[0], 12 * kMs);  // GIL free when A's I/O ends
  EXPECT_EQ(r.metrics.threads[0].gil_wait, 0);
  EXPECT_EQ(r.metrics.threads[1].gil_wait, 1 * kMs);
}

TEST(Gil, SleepAndLockWaitsReleaseIt) {
  const RunResult r = run_json(kGil + R"("processes":[{"threads":[
      {"name":"A","program":[{"lock":"m"},{"compute_us":1000},{"sleep_us":3000},{"unlock":"m"}]},
      {"name":"B","program":[{"compute_us":500},{"lock":"m"},{"compute_us":100},{"unlock":"m"}]},
      {"name":"C","program":[{"compute_us":2000}]}]}]})");
  // A sleeps at 1 ms holding the mutex: B takes the GIL, then blocks on the mutex and C gets it.
  EXPECT_EQ(first_in(r, 1, ThreadState::Running), 1 * kMs);
  EXPECT_EQ(first_in(r, 1, ThreadState::BlockedLock), 1500 * kUs);
  EXPECT_EQ(first_in(r, 2, ThreadState::Running), 1500 * kUs);
  EXPECT_EQ(r.outcome, Outcome::Completed);
}

TEST(Gil, EachProcessHasItsOwn) {
  const RunResult one = run_json(kGil + R"("processes":[{"threads":[
      {"program":[{"compute_us":10000}]},{"program":[{"compute_us":10000}]}]}]})");
  const RunResult two = run_json(kGil + R"("processes":[{"threads":[{"program":[{"compute_us":10000}]}]},
      {"threads":[{"program":[{"compute_us":10000}]}]}]})");
  EXPECT_EQ(one.metrics.makespan, 20 * kMs);
  EXPECT_EQ(two.metrics.makespan, 10 * kMs);
  EXPECT_EQ(two.metrics.threads[0].gil_wait + two.metrics.threads[1].gil_wait, 0);
}

TEST(Gil, WithoutItThreadsRunInParallel) {
  const RunResult r = run_json(R"({"machine":{"profile":"textbook","cores":2},"processes":[{"threads":[
      {"program":[{"compute_us":10000}]},{"program":[{"compute_us":10000}]}]}]})");
  EXPECT_EQ(r.metrics.makespan, 10 * kMs);
  for (const auto& lane : r.trace.threads)
    for (const StateSpan& s : lane) EXPECT_NE(s.state, ThreadState::WaitingGil);
}

}  // namespace
}  // namespace tl::test
