// Threads versus processes as CPython shows them: with the python profile on 2 cores the model shows what CPython shows.
// The scenarios are the examples a learner opens (examples/gil_*.json).
#include "support/scenarios.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace tl::test {
namespace {

nlohmann::ordered_json example(const std::string& name) {
  std::ifstream in(std::string(TL_SOURCE_DIR) + "/examples/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return nlohmann::ordered_json::parse(text.str());
}
RunResult run_doc(const nlohmann::ordered_json& doc) { return run_json(doc.dump()); }

double ratio(TimeNs a, TimeNs b) { return static_cast<double>(a) / static_cast<double>(b); }

TEST(Acceptance, CpuBoundWorkOverFourThreadsGainsNothing) {
  const RunResult four = run_doc(example("gil_cpu_threads.json"));
  const RunResult one = run_json(R"({"machine":{"profile":"python","cores":2},"runtime":{"gil":true},
      "processes":[{"threads":[{"program":[{"compute_us":1000000}]}]}]})");
  ASSERT_EQ(four.outcome, Outcome::Completed);
  const double speedup = ratio(one.metrics.makespan, four.metrics.makespan);
  std::printf("4 threads vs 1 thread: %.3fx\n", speedup);
  EXPECT_GT(speedup, 0.95);
  EXPECT_LT(speedup, 1.02);
  // Parallelism 1.0: the cores together computed no faster than one.
  TimeNs busy = 0;
  for (const CoreMetrics& c : four.metrics.cores) busy += c.busy;
  EXPECT_LE(busy, four.metrics.makespan);
}

TEST(Acceptance, CpuBoundWorkOverFourProcessesIsCloseToTwiceAsFast) {
  const RunResult threads = run_doc(example("gil_cpu_threads.json"));
  const RunResult procs = run_doc(example("gil_cpu_processes.json"));
  ASSERT_EQ(procs.outcome, Outcome::Completed);
  const double speedup = ratio(threads.metrics.makespan, procs.metrics.makespan);
  std::printf("4 processes vs 4 threads: %.3fx (%lld vs %lld ns)\n", speedup,
              static_cast<long long>(procs.metrics.makespan), static_cast<long long>(threads.metrics.makespan));
  EXPECT_GT(speedup, 1.8);
  EXPECT_LE(speedup, 2.0);
  EXPECT_EQ(procs.metrics.processes.size(), 5u);
}

TEST(Acceptance, SixtyFourIoBoundThreadsOverlapTheirWaits) {
  const RunResult r = run_doc(example("gil_io_threads.json"));
  ASSERT_EQ(r.outcome, Outcome::Completed);
  EXPECT_GE(r.metrics.makespan, 100 * kMs);
  std::printf("64 I/O threads: makespan %.3f ms\n", static_cast<double>(r.metrics.makespan) / kMs);
  EXPECT_LT(r.metrics.makespan, 120 * kMs);  // about one wait, not 64 (6.4 s)
}

double mean_wakeup_ms(const RunResult& r, ThreadId io) {
  EXPECT_EQ(r.outcome, Outcome::Completed);
  EXPECT_GE(r.metrics.threads[io].wakeup_latency.count, 40u);
  return static_cast<double>(r.metrics.threads[io].wakeup_latency.mean) / kMs;
}

// calibration.md (CPython 3.11, 2-core Linux VM): ≈5.2 ms at the default 5 ms interval, ≈1.2 ms
// at 1 ms, ≈20 ms at 20 ms. The model gives interval + wake_us + gil_handoff_us; the tolerances
// are the measurements' own spread, not the model's.
TEST(Acceptance, AnIoThreadBesideACpuThreadWaitsAboutOneSwitchInterval) {
  // The CPU thread must outlive the 50 wake-ups (at 20 ms: about a second).
  auto at = [](int interval_us) {
    auto doc = example("gil_latency.json");
    doc["runtime"]["switch_interval_us"] = interval_us;
    doc["processes"][0]["threads"][1]["program"][0]["compute_us"] = 2'000'000;
    return mean_wakeup_ms(run_doc(doc), 0);
  };
  const double at5 = mean_wakeup_ms(run_doc(example("gil_latency.json")), 0);
  EXPECT_NEAR(at5, 5.2, 0.1);
  EXPECT_EQ(at(5000), at5);  // the example runs at the default interval
  const double at1 = at(1000);
  EXPECT_NEAR(at1, 1.2, 0.1);
  const double at20 = at(20000);
  EXPECT_NEAR(at20, 20.0, 0.5);
  std::printf("mean wake-up latency: %.3f ms at a 5 ms interval, %.3f ms at 1 ms, %.3f ms at 20 ms\n", at5, at1,
              at20);
}

TEST(Acceptance, WithTheCpuWorkInAnotherProcessItBarelyWaits) {
  const RunResult r = run_doc(example("gil_latency_processes.json"));
  const double ms = mean_wakeup_ms(r, 0);
  std::printf("mean wake-up latency, CPU work in another process: %.3f ms\n", ms);
  EXPECT_NEAR(ms, 0.1, 0.05);  // calibration: ~0.1 ms, the OS wake and interpreter re-entry
  EXPECT_EQ(r.metrics.threads[0].gil_wait, 0);
}

// The textbook profile has neither latency: the same scenarios give exactly the switch
// interval and zero, as they did before the latencies existed.
TEST(Acceptance, TextbookProfileHasNoWakeOrHandoffLatency) {
  for (int interval_us : {1000, 5000, 20000}) {
    auto doc = example("gil_latency.json");
    doc["machine"]["profile"] = "textbook";
    doc["runtime"]["switch_interval_us"] = interval_us;
    doc["processes"][0]["threads"][1]["program"][0]["compute_us"] = 2'000'000;
    const RunResult r = run_doc(doc);
    EXPECT_EQ(r.metrics.threads[0].wakeup_latency.mean, interval_us * kUs) << interval_us;
    EXPECT_EQ(r.metrics.threads[0].wakeup_latency.max, interval_us * kUs) << interval_us;
  }
  auto doc = example("gil_latency_processes.json");
  doc["machine"]["profile"] = "textbook";
  const RunResult r = run_doc(doc);
  EXPECT_EQ(r.metrics.threads[0].wakeup_latency.max, 0);
  // Python with both latencies overridden to zero is back to the bare interval (plus nothing:
  // the switch cost is paid while Running).
  auto zero = example("gil_latency.json");
  zero["machine"]["wake_us"] = 0;
  zero["machine"]["gil_handoff_us"] = 0;
  EXPECT_EQ(run_doc(zero).metrics.threads[0].wakeup_latency.mean, 5 * kMs);
}

}  // namespace
}  // namespace tl::test

#include "sim/scenario/compare.h"
#include "sim/run/sweep.h"

namespace tl::test {
namespace {

// The compare shorthand gives the same run as the scenario written out by hand.
TEST(CompareShorthand, SameResultAsTheHandWrittenEquivalent) {
  const auto doc = example("compare/cpu.json");
  std::vector<ScenarioError> errors;
  const auto threads = expand_compare(doc, WorkerModel::Threads, errors);
  ASSERT_TRUE(threads && errors.empty());
  const RunResult a = run_doc(*threads);
  const RunResult b = run_doc(example("gil_cpu_threads.json"));
  EXPECT_EQ(a.metrics.makespan, b.metrics.makespan);
  EXPECT_EQ(a.metrics.context_switches, b.metrics.context_switches);
  const auto procs = expand_compare(doc, WorkerModel::Processes, errors);
  ASSERT_TRUE(procs && errors.empty());
  EXPECT_EQ(run_doc(*procs).metrics.makespan, run_doc(example("gil_cpu_processes.json")).metrics.makespan);
}

TEST(CompareShorthand, SweepCellsEqualIndividualRuns) {
  std::vector<ScenarioError> errors;
  SweepGrid grid;
  grid.cores = {1, 2, 3};
  grid.variants = {scenario_from(expand_compare(example("compare/cpu.json"), WorkerModel::Threads, errors)->dump()),
                   scenario_from(expand_compare(example("compare/cpu.json"), WorkerModel::Processes, errors)->dump())};
  ThreadPool pool(2);
  const SweepResults results = run_sweep(grid, &pool);
  for (std::size_t cell = 0; cell < grid.cell_count(); ++cell) {
    const RunResult alone = run(grid.cell(cell));
    EXPECT_EQ(results[cell]->metrics.makespan, alone.metrics.makespan) << cell;
    EXPECT_EQ(results[cell]->events, alone.events) << cell;
  }
}

}  // namespace
}  // namespace tl::test
