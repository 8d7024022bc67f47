// Metric definitions that are easy to get subtly wrong (docs/engine.md, "Metrics").
#include "test_helpers.h"

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

}  // namespace
}  // namespace tl::test
