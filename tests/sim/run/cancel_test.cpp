// The engine's cancellation point (RunOptions): a flag read every kPollSteps steps, also inside
// one instant's inline ops, and a progress callback. No timing: the flag is set before the run
// or by the callback, so where the run stops is exact.
#include "sim/engine/engine.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>

namespace tl {
namespace {

constexpr std::uint64_t kPoll = RunOptions::kPollSteps;

Scenario parsed(const std::string& json) {
  ParseResult r = parse_scenario(json);
  EXPECT_TRUE(r.scenario.has_value()) << (r.errors.empty() ? "" : format_error(r.errors.front()));
  return r.scenario ? *r.scenario : Scenario{};
}

// Two threads computing 1 us at a time, 2e10 times each: hours of engine time if not stopped.
Scenario huge_event_run() {
  return parsed(R"({"machine":{"profile":"textbook","cores":2},"limits":{"max_events":100000000000},
      "processes":[{"threads":[
        {"program":[{"repeat":1000000000,"do":[{"repeat":20,"do":[{"compute_us":1}]}]}]},
        {"program":[{"repeat":1000000000,"do":[{"repeat":20,"do":[{"compute_us":1}]}]}]}]}]})");
}

// 4e10 zero-cost atomic increments: all inline, within the very first instant.
Scenario huge_inline_run() {
  return parsed(R"({"machine":{"profile":"textbook","atomic_ns":0},"limits":{"max_events":100000000000},
      "processes":[{"shared":{"n":0},"threads":[
        {"program":[{"repeat":1000000000,"do":[{"repeat":40,"do":[{"atomic_increment":"n"}]}]}]}]}]})");
}

TEST(Cancel, AFlagSetBeforeTheRunStopsItAtOnce) {
  std::atomic<bool> cancel{true};
  RunOptions options;
  options.cancel = &cancel;
  const RunResult r = run(huge_event_run(), options);
  EXPECT_EQ(r.outcome, Outcome::Cancelled);
  EXPECT_STREQ(to_string(r.outcome), "cancelled");
  EXPECT_EQ(r.events, 0u);
  EXPECT_EQ(r.trace.makespan, 0);
  for (const ThreadMetrics& t : r.metrics.threads) EXPECT_FALSE(t.finished);
}

TEST(Cancel, AProgressCallbackStopsARunInProgress) {
  std::atomic<bool> cancel{false};
  std::vector<RunProgress> seen;
  RunOptions options;
  options.cancel = &cancel;
  options.progress = [&](const RunProgress& p) {
    seen.push_back(p);
    if (seen.size() == 3) cancel.store(true);
  };
  const RunResult r = run(huge_event_run(), options);
  ASSERT_EQ(r.outcome, Outcome::Cancelled);
  ASSERT_EQ(seen.size(), 3u);  // the flag is read right after the callback that set it
  EXPECT_EQ(seen[0].steps, 0u);
  for (std::size_t i = 1; i < seen.size(); ++i) {
    EXPECT_GE(seen[i].steps, seen[i - 1].steps + kPoll);
    EXPECT_GE(seen[i].now, seen[i - 1].now);
  }
  EXPECT_GE(r.events, 2 * kPoll);
  EXPECT_LT(r.events, 3 * kPoll + 16);  // stopped at the third poll, not run on
  // The trace ends where the run stopped: spans closed, nobody finished.
  EXPECT_EQ(r.trace.makespan, seen.back().now);
  EXPECT_GT(r.trace.makespan, 0);
  for (const auto& lane : r.trace.cores)
    for (const CoreSpan& s : lane) EXPECT_LE(s.end, r.trace.makespan);
  EXPECT_FALSE(r.metrics.threads[0].finished);
}

TEST(Cancel, AHugeLoopInsideOneInstantIsInterruptible) {
  std::atomic<bool> cancel{false};
  int calls = 0;
  RunOptions options;
  options.cancel = &cancel;
  options.progress = [&](const RunProgress& p) {
    EXPECT_EQ(p.now, 0);  // every op is inline at time 0
    if (++calls == 2) cancel.store(true);
  };
  const RunResult r = run(huge_inline_run(), options);
  ASSERT_EQ(r.outcome, Outcome::Cancelled);
  EXPECT_EQ(calls, 2);
  EXPECT_LT(r.events, 2 * kPoll + 16);
  EXPECT_GT(r.final_vars[0][0], 0);
  EXPECT_LT(r.final_vars[0][0], static_cast<std::int64_t>(2 * kPoll));
}

// Polling must not change a run: with a callback and a flag never set, the result is the
// plain run's, field for field that matters.
TEST(Cancel, PollingWithoutCancellingChangesNothing) {
  const Scenario sc = parsed(R"({"machine":{"profile":"python","cores":2},"runtime":{"gil":true},
      "processes":[{"shared":{"n":0},"threads":[
        {"program":[{"repeat":3000,"do":[{"compute_us":7},{"io_us":3},{"increment":"n"}]}]},
        {"program":[{"repeat":3000,"do":[{"compute_us":5},{"increment":"n"}]}]}]}]})");
  std::atomic<bool> cancel{false};
  int calls = 0;
  RunOptions options;
  options.cancel = &cancel;
  options.progress = [&](const RunProgress&) { ++calls; };
  const RunResult plain = run(sc), polled = run(sc, options);
  EXPECT_GT(calls, 1);
  EXPECT_EQ(polled.outcome, Outcome::Completed);
  EXPECT_EQ(polled.events, plain.events);
  EXPECT_EQ(polled.trace.makespan, plain.trace.makespan);
  EXPECT_EQ(polled.trace.completion, plain.trace.completion);
  EXPECT_EQ(polled.final_vars, plain.final_vars);
  ASSERT_EQ(polled.trace.threads.size(), plain.trace.threads.size());
  for (std::size_t t = 0; t < plain.trace.threads.size(); ++t)
    EXPECT_EQ(polled.trace.threads[t].size(), plain.trace.threads[t].size());
}

}  // namespace
}  // namespace tl
