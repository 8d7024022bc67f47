// Metric definitions that are easy to get subtly wrong (docs/engine.md, "Metrics").
#include "support/scenarios.h"

namespace tl::test {
namespace {

// A thread whose first step is I/O is dispatched at once, starts the I/O at no CPU cost and
// leaves no Running span; it got a core at time 0, so its response is 0, not the I/O's length.
TEST(Metrics, ResponseEndsAtFirstDispatchEvenWithoutCpu) {
  const RunResult r = run_json(R"({
    "machine": {"cores": 1, "profile": "textbook"},
    "scheduler": {"policy": "fifo"},
    "processes": [{"name": "P", "threads": [
      {"name": "io_first", "program": [{"io_us": 1000}, {"compute_us": 10}]}]}]})");
  ASSERT_EQ(r.outcome, Outcome::Completed);
  EXPECT_EQ(r.metrics.threads[0].response, 0);
  EXPECT_EQ(r.metrics.threads[0].turnaround, us(1010));
  EXPECT_EQ(r.metrics.threads[0].wakeup_latency.count, 1u);
  EXPECT_EQ(r.metrics.threads[0].wakeup_latency.mean, 0);
}

// Waiting for a core counts as response; so does waiting behind another thread's I/O-first start.
TEST(Metrics, ResponseCountsTimeReadyBeforeTheFirstDispatch) {
  const RunResult r = run_json(R"({
    "machine": {"cores": 1, "profile": "textbook"},
    "scheduler": {"policy": "fifo"},
    "processes": [{"name": "P", "threads": [
      {"name": "cpu", "program": [{"compute_us": 300}]},
      {"name": "io_first", "program": [{"io_us": 1000}, {"compute_us": 10}]}]}]})");
  ASSERT_EQ(r.outcome, Outcome::Completed);
  EXPECT_EQ(r.metrics.threads[0].response, 0);
  EXPECT_EQ(r.metrics.threads[1].response, us(300));
  EXPECT_EQ(r.metrics.threads[1].wait, us(300));
}

// The engine counts completed increments, so final = initial + increments - lost holds for a
// race (some lost), a locked counter (none lost) and atomics (none lost).
TEST(Metrics, CompletedIncrementsExplainTheFinalValue) {
  auto run_counter = [](const char* step, const char* guard_before, const char* guard_after) {
    return run_json(std::string(R"({"seed": 3, "machine": {"cores": 2, "profile": "textbook", "mem_op_ns": 2},
      "processes": [{"name": "P", "shared": {"n": 5}, "threads": [)") +
                    R"({"name": "a", "program": [{"repeat": 500, "do": [)" + guard_before + step + guard_after + R"(]}]},)" +
                    R"({"name": "b", "program": [{"repeat": 500, "do": [)" + guard_before + step + guard_after + R"(]}]}]}]})");
  };
  const RunResult race = run_counter(R"({"increment": "n"})", "", "");
  ASSERT_EQ(race.outcome, Outcome::Completed);
  EXPECT_EQ(race.increments[0][0], 1000u);
  EXPECT_LT(race.final_vars[0][0], 1005) << "two cores in lockstep lose some updates";
  const RunResult locked = run_counter(R"({"increment": "n"})", R"({"lock": "m"},)", R"(,{"unlock": "m"})");
  EXPECT_EQ(locked.increments[0][0], 1000u);
  EXPECT_EQ(locked.final_vars[0][0], 1005);
  const RunResult atomic = run_counter(R"({"atomic_increment": "n"})", "", "");
  EXPECT_EQ(atomic.increments[0][0], 1000u);
  EXPECT_EQ(atomic.final_vars[0][0], 1005);
}

}  // namespace
}  // namespace tl::test
