// Where the GIL can change hands, by CPython version: 3.9 between any two bytecodes (so
// `x += 1` loses updates), 3.10+ only at eval-breaker points (no lost updates in that loop),
// the free-threaded builds not at all (no GIL: the race is real, single-thread code slower).
// C code holds the GIL (no switch inside) unless it releases it (NumPy, hashlib, zlib).
#include "model_helpers.h"

#include <gtest/gtest.h>

namespace tl::model_test {
namespace {

// 4 threads x n bare increments, python profile, 2 cores.
std::string counter(const std::string& runtime, int n) {
  const std::string thread = R"({"program":[{"repeat":)" + std::to_string(n) + R"(,"do":[{"increment":"c"}]}]})";
  return R"({"machine":{"profile":"python","cores":2,"mem_op_ns":40},"runtime":)" + runtime +
         R"(,"processes":[{"shared":{"c":0},"threads":[)" + threads(4, thread) + "]}]}";
}

std::int64_t lost(const RunResult& r) { return r.increments[0][0] - r.final_vars[0][0]; }

constexpr int kN = 100'000;  // each thread outlives many 5 ms switch intervals

TEST(GilVersion, Python39SwitchesInsideIncrementsAndLosesUpdates) {
  const RunResult r = run_json(counter(R"({"python":"3.9"})", kN));
  ASSERT_EQ(r.outcome, Outcome::Completed);
  EXPECT_EQ(r.increments[0][0], 4 * kN);
  EXPECT_GT(lost(r), 0);
}

TEST(GilVersion, Python311And312WithTheGilLoseNothing) {
  for (const char* version : {"3.11", "3.12"}) {
    const RunResult r = run_json(counter(std::string(R"({"python":")") + version + R"("})", kN));
    ASSERT_EQ(r.outcome, Outcome::Completed) << version;
    EXPECT_EQ(r.final_vars[0][0], 4 * kN) << version;
    // Hand-overs did happen (the threads took turns), just never inside `+=`.
    EXPECT_GT(r.metrics.context_switches, 10u) << version;
  }
  // The default with the GIL on is 3.11's rule.
  const RunResult r = run_json(counter(R"({"gil":true})", kN));
  EXPECT_EQ(r.final_vars[0][0], 4 * kN);
}

TEST(GilVersion, FreeThreadedBuildsRaceForReal) {
  for (const char* version : {"3.13t", "3.14t"}) {
    const RunResult r = run_json(counter(std::string(R"({"python":")") + version + R"("})", kN));
    ASSERT_EQ(r.outcome, Outcome::Completed) << version;
    EXPECT_GT(lost(r), 0) << version;
    for (const ThreadMetrics& t : r.metrics.threads) EXPECT_EQ(t.gil_wait, 0) << version;
  }
}

TEST(GilVersion, FreeThreadedBuildsRunPythonCodeSlowerOnOneThread) {
  auto one_thread = [](const std::string& runtime) {
    return run_json(R"({"machine":{"profile":"python"},"runtime":)" + runtime +
                    R"(,"processes":[{"threads":[{"program":[{"compute_us":100000},{"compute_us":100000,"c_call":"release"}]}]}]})")
        .metrics.makespan;
  };
  // Python code: about 40 % slower in 3.13t, 5-10 % in 3.14t; the C call runs at the same speed.
  EXPECT_EQ(one_thread(R"({"python":"3.11"})"), 200 * kMs);
  EXPECT_EQ(one_thread(R"({"python":"3.13t"})"), 240 * kMs);
  EXPECT_EQ(one_thread(R"({"python":"3.14t"})"), 207 * kMs);
}

TEST(GilVersion, FreeThreadedHasNoGilToTurnOn) {
  const ParseResult r = parse_scenario(R"({"runtime":{"python":"3.13t","gil":true},"processes":[{"threads":[{"program":[]}]}]})");
  ASSERT_FALSE(r.errors.empty());
  EXPECT_EQ(r.errors.front().path, "runtime.gil");
  const ParseResult v = parse_scenario(R"({"runtime":{"python":"3.10"},"processes":[{"threads":[{"program":[]}]}]})");
  ASSERT_FALSE(v.errors.empty());
  EXPECT_EQ(v.errors.front().path, "runtime.python");
}

// An I/O thread beside a CPU thread: ~5.2 ms per wake when the CPU thread runs Python code; a
// C call that holds the GIL cannot be interrupted, so the I/O thread waits for all of it.
std::string io_beside(const std::string& cpu_step) {
  return R"({"machine":{"profile":"python","cores":2},"runtime":{"python":"3.11"},
    "processes":[{"threads":[
      {"name":"io","program":[{"sleep_us":1000},{"compute_us":10}]},
      {"name":"cpu","program":[)" +
         cpu_step + R"(]}]}]})";
}

TEST(CCall, HoldingTheGilBlocksEveryOtherThreadUntilItReturns) {
  const RunResult python = run_json(io_beside(R"({"compute_us":50000})"));
  const RunResult held = run_json(io_beside(R"({"compute_us":50000,"c_call":"hold"})"));
  ASSERT_EQ(held.outcome, Outcome::Completed);
  EXPECT_NEAR(ms(python.metrics.threads[0].wakeup_latency.max), 5.2, 0.1);
  // Woken at ~1.1 ms, it runs only when the C call returns at ~50 ms.
  EXPECT_GT(held.metrics.threads[0].wakeup_latency.max, 48 * kMs);
  EXPECT_GE(held.trace.completion[0], 50 * kMs);
}

TEST(CCall, ReleasingTheGilLetsThreadsRunInParallel) {
  auto two_threads = [](const std::string& step) {
    return run_json(R"({"machine":{"profile":"python","cores":2},"runtime":{"gil":true},
      "processes":[{"threads":[{"program":[)" +
                    step + R"(]},{"program":[)" + step + R"(]}]}]})");
  };
  const RunResult python = two_threads(R"({"compute_us":100000})");
  const RunResult released = two_threads(R"({"compute_us":100000,"c_call":"release"})");
  ASSERT_EQ(released.outcome, Outcome::Completed);
  EXPECT_GT(python.metrics.makespan, 195 * kMs);    // one core at a time
  EXPECT_LT(released.metrics.makespan, 101 * kMs);  // both cores (hashlib, zlib, NumPy)
  EXPECT_GE(released.metrics.makespan, 100 * kMs);
}

TEST(CCall, BadValuesAreNamed) {
  const ParseResult r = parse_scenario(R"({"processes":[{"threads":[{"program":[{"compute_us":10,"c_call":"keep"}]}]}]})");
  ASSERT_FALSE(r.errors.empty());
  EXPECT_EQ(r.errors.front().path, "processes[0].threads[0].program[0].c_call");
}

}  // namespace
}  // namespace tl::model_test

namespace tl::model_test {
namespace {

// Two Python threads and a CPU-bound process on one core: each GIL holder waits longer than
// the switch interval for the core, so its drop request is always pending when it is
// dispatched. CPython's holder still runs to its next eval-breaker check before it drops; a
// holder that dropped with no progress at all left both threads stuck while the other
// process ran.
TEST(GilProgress, AHolderDispatchedWithAPendingRequestRunsBeforeDropping) {
  const RunResult r = run_json(R"({"machine":{"profile":"python","cores":1},"scheduler":{"policy":"rr","quantum_us":20000},
    "runtime":{"python":"3.11"},
    "processes":[{"threads":[{"program":[{"compute_us":50000}]},{"program":[{"compute_us":50000}]}]},
                 {"threads":[{"program":[{"compute_us":500000}]}]}]})");
  ASSERT_EQ(r.outcome, Outcome::Completed);
  const TimeNs other_done = r.trace.completion[2];
  TimeNs python_cpu = 0, dispatches = 0;
  for (const CoreSpan& s : r.trace.cores[0])
    if (s.kind == CoreSpanKind::Run && s.thread < 2 && s.start > 5 * kMs && s.end <= other_done) {
      python_cpu += s.end - s.start;
      ++dispatches;
    }
  ASSERT_GT(dispatches, 0);
  EXPECT_GE(python_cpu, dispatches * 1 * kUs);  // every dispatch makes some progress
}

}  // namespace
}  // namespace tl::model_test
