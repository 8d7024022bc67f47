// The engine's memory limit: a run whose trace would outgrow Limits::max_trace_bytes stops with
// Outcome::MemoryLimit, close to the limit and at the same step every time.
#include "support/scenarios.h"

namespace tl::test {
namespace {

// Two threads taking turns every microsecond on one core for a simulated second each: millions
// of spans if nothing stops it.
constexpr const char* kBusy = R"({"machine": {"profile": "textbook", "cores": 1},
  "scheduler": {"policy": "rr", "quantum_us": 1},
  "processes": [{"threads": [{"program": [{"compute_us": 1000000}]}, {"program": [{"compute_us": 1000000}]}]}]})";

std::uint64_t trace_bytes(const Trace& t) {
  std::uint64_t bytes = t.instants.size() * sizeof(Instant) + t.run_queue.size() * sizeof(CounterSample);
  for (const auto& lane : t.cores) bytes += lane.size() * sizeof(CoreSpan);
  for (const auto& lane : t.threads) bytes += lane.size() * sizeof(StateSpan);
  return bytes;
}

TEST(MemoryLimit, RunStopsWhenItsTraceReachesTheLimit) {
  Scenario sc = scenario_from(kBusy);
  sc.limits.max_trace_bytes = 4u << 20;
  const RunResult a = run(sc);
  EXPECT_EQ(a.outcome, Outcome::MemoryLimit);
  EXPECT_STREQ(to_string(a.outcome), "memory-limit");
  EXPECT_FALSE(a.metrics.threads[0].finished);
  // Past the limit by at most the records of the steps between two checks.
  EXPECT_GT(trace_bytes(a.trace), sc.limits.max_trace_bytes);
  EXPECT_LT(trace_bytes(a.trace), sc.limits.max_trace_bytes + 64 * 4096 * 200);
  const RunResult b = run(sc);
  EXPECT_EQ(b.events, a.events);
  EXPECT_EQ(b.trace.makespan, a.trace.makespan);
}

// A limit as small as a browser tab's (under 256 MiB) is checked at every poll, not every 64th:
// the run stops within one poll's records of it, not tens of MB past.
TEST(MemoryLimit, ASmallLimitIsCheckedAtEveryPoll) {
  Scenario sc = scenario_from(kBusy);
  sc.limits.max_trace_bytes = 1u << 20;
  const RunResult a = run(sc);
  EXPECT_EQ(a.outcome, Outcome::MemoryLimit);
  EXPECT_GT(trace_bytes(a.trace), sc.limits.max_trace_bytes);
  EXPECT_LT(trace_bytes(a.trace), sc.limits.max_trace_bytes + RunOptions::kPollSteps * 200);
}

TEST(MemoryLimit, DefaultLimitLeavesOrdinaryRunsAlone) {
  Scenario sc = scenario_from(kBusy);
  sc.limits.max_events = 100'000;
  EXPECT_EQ(run(sc).outcome, Outcome::EventLimit);
}

}  // namespace
}  // namespace tl::test
