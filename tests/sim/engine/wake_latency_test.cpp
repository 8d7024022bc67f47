// The two latencies between "may continue" and "can run" (machine.wake_us, machine.gil_handoff_us):
// where in a thread's lane they show, what they delay, and what they leave alone.
#include "support/scenarios.h"

#include <ostream>

namespace tl::test {
namespace {

// The spans of a lane as (state, start, end) in microseconds, for readable expectations.
struct Span {
  ThreadState state;
  TimeNs start_us, end_us;
  bool operator==(const Span&) const = default;
};
std::vector<Span> lane(const RunResult& r, ThreadId t) {
  std::vector<Span> out;
  for (const StateSpan& s : r.trace.threads[t]) out.push_back({s.state, s.start / kUs, s.end / kUs});
  return out;
}
std::ostream& operator<<(std::ostream& os, const Span& s) {
  return os << to_string(s.state) << " " << s.start_us << "-" << s.end_us;
}

TEST(WakeLatency, ASleeperIsReadyAtOnceButRunsWakeUsLater) {
  const RunResult r = run_json(R"({"machine":{"profile":"textbook","cores":1,"wake_us":50},
      "processes":[{"threads":[{"program":[{"sleep_us":1000},{"compute_us":10}]}]}]})");
  ASSERT_EQ(r.outcome, Outcome::Completed);
  const std::vector<Span> want = {{ThreadState::Sleeping, 0, 1000},
                                  {ThreadState::Ready, 1000, 1050},
                                  {ThreadState::Running, 1050, 1060}};
  EXPECT_EQ(lane(r, 0), want);
  // The metric sees it as wake-up latency and waiting time, and the run queue counts it.
  EXPECT_EQ(r.metrics.threads[0].wakeup_latency.mean, 50 * kUs);
  EXPECT_EQ(r.metrics.threads[0].wait, 50 * kUs);
  const std::vector<CounterSample>& q = r.trace.run_queue;
  ASSERT_GE(q.size(), 3u);
  EXPECT_EQ(q[q.size() - 2].time, 1000 * kUs);
  EXPECT_EQ(q[q.size() - 2].value, 1);
  EXPECT_EQ(q.back().time, 1050 * kUs);
  EXPECT_EQ(q.back().value, 0);
}

// A mutex wake is a futex wake (futex_wake_us), not a timer wake (wake_us). With a fair mutex
// the woken waiter already owns it.
TEST(WakeLatency, ALockHandOffMakesTheOwnerAtOnceAndRunnableLater) {
  const RunResult r = run_json(R"({"machine":{"profile":"textbook","cores":2,"wake_us":1000,"futex_wake_us":50,"line_transfer_ns":0},
      "processes":[{"mutexes":{"m":{"fair":true}},"threads":[
        {"program":[{"lock":"m"},{"compute_us":100},{"unlock":"m"},{"compute_us":100}]},
        {"program":[{"compute_us":10},{"lock":"m"},{"compute_us":10},{"unlock":"m"}]}]}]})");
  ASSERT_EQ(r.outcome, Outcome::Completed);
  const std::vector<Span> want = {{ThreadState::Running, 0, 10},
                                  {ThreadState::BlockedLock, 10, 100},
                                  {ThreadState::Ready, 100, 150},
                                  {ThreadState::Running, 150, 160}};
  EXPECT_EQ(lane(r, 1), want);
  EXPECT_EQ(r.trace.completion[0], 200 * kUs);  // the unlocker goes on at once
}

// The effective wake is a phase-5 event at T + wake_us: an arrival at that instant (phase 4)
// is queued first, so FIFO runs it first.
TEST(WakeLatency, TheEffectiveWakeComesAfterThatInstantsArrivals) {
  const RunResult r = run_json(R"({"machine":{"profile":"textbook","cores":1,"wake_us":100},
      "scheduler":{"policy":"fifo"},
      "processes":[{"threads":[{"program":[{"io_us":1000},{"compute_us":10}]},
                               {"arrival_us":1100,"program":[{"compute_us":10}]}]}]})");
  ASSERT_EQ(r.outcome, Outcome::Completed);
  EXPECT_EQ(r.trace.completion[1], 1110 * kUs);
  EXPECT_EQ(r.trace.completion[0], 1120 * kUs);
}

TEST(WakeLatency, ArrivalsAndCreationHaveNoWakeLatency) {
  const RunResult r = run_json(R"({"machine":{"profile":"textbook","cores":2,"futex_wake_us":100},
      "processes":[{"threads":[{"program":[{"compute_us":10},{"create":"w"},{"join":"w"}]},
                               {"name":"w","start":"created","program":[{"compute_us":10}]}]}]})");
  ASSERT_EQ(r.outcome, Outcome::Completed);
  EXPECT_EQ(first_in(r, 1, ThreadState::Running), 10 * kUs);  // created at 10, runs at 10
  // The joiner's wait ends when w finishes (20); it runs futex_wake_us later.
  EXPECT_EQ(r.trace.completion[0], 120 * kUs);
}

// A forced drop: the holder leaves its core at the due time, and the waiter runs
// gil_handoff_us later (still WaitingGil until then); wake_us does not apply to it.
TEST(GilHandoff, TheNewHolderRunsHandoffLaterAndItsTenureStartsThen) {
  const RunResult r = run_json(R"({"machine":{"profile":"textbook","cores":2,"wake_us":50,"gil_handoff_us":30},
      "runtime":{"gil":true,"switch_interval_us":1000},
      "processes":[{"threads":[{"program":[{"compute_us":3000}]},{"program":[{"compute_us":3000}]}]}]})");
  ASSERT_EQ(r.outcome, Outcome::Completed);
  EXPECT_EQ(first_in(r, 1, ThreadState::Running), 1030 * kUs);
  const std::vector<Span> t0 = lane(r, 0);
  ASSERT_GE(t0.size(), 3u);
  EXPECT_EQ(t0[0], (Span{ThreadState::Running, 0, 1000}));
  // Thread 1's tenure starts at 1030, so thread 0's request falls due at 2030 and it runs at 2060.
  EXPECT_EQ(t0[1], (Span{ThreadState::WaitingGil, 1000, 2060}));
  // Every hand-over leaves both cores idle for 30 us.
  TimeNs busy = 0;
  for (const CoreMetrics& c : r.metrics.cores) busy += c.busy;
  EXPECT_EQ(busy, 6000 * kUs);
  // Forced hand-overs at 1000, 2030, 3060, 4090; thread 0's exit at 5120 releases it, which
  // wakes the waiter with a futex wake (futex_wake_us: 0 here), not a forced hand-over.
  EXPECT_EQ(r.metrics.makespan, 6000 * kUs + 4 * 30 * kUs);
}

// A sleeper beside a CPU-bound thread: woken at T, it can ask for the GIL only at T + wake_us;
// its request is due one interval later, and it runs a hand-over after that.
TEST(GilHandoff, WakeIntervalAndHandoffAddUp) {
  const RunResult r = run_json(R"({"machine":{"profile":"textbook","cores":2,"wake_us":100,"gil_handoff_us":100},
      "runtime":{"gil":true,"switch_interval_us":1000},
      "processes":[{"threads":[{"name":"cpu","program":[{"compute_us":5000}]},
                               {"name":"io","program":[{"sleep_us":500},{"compute_us":10}]}]}]})");
  ASSERT_EQ(r.outcome, Outcome::Completed);
  // cpu holds the GIL from 0; io waits for it until the forced drop at 1000 (runnable at 1100),
  // sleeps 1100-1600, is Ready until 1700, waits for the GIL (cpu's tenure began at 1200, so
  // the request is due at 2700) and runs at 2800.
  const std::vector<Span> want = {{ThreadState::WaitingGil, 0, 1100},
                                  {ThreadState::Running, 1100, 1100 + 0},
                                  {ThreadState::Sleeping, 1100, 1600},
                                  {ThreadState::Ready, 1600, 1700},
                                  {ThreadState::WaitingGil, 1700, 2800},
                                  {ThreadState::Running, 2800, 2810}};
  std::vector<Span> expected;
  for (const Span& s : want)
    if (s.end_us > s.start_us) expected.push_back(s);  // zero-length spans are never recorded
  EXPECT_EQ(lane(r, 1), expected);
  EXPECT_EQ(r.metrics.threads[1].wakeup_latency.max, 1200 * kUs);
}

TEST(WakeLatency, OverridesNameTheFieldWhenBad) {
  const std::string bad = R"({"machine":{"wake_us":-1,"gil_handoff_us":"slow"},
      "processes":[{"threads":[{"program":[]}]}]})";
  EXPECT_TRUE(has_error(bad, "machine.wake_us", "must not be negative")) << all_errors(bad);
  EXPECT_TRUE(has_error(bad, "machine.gil_handoff_us", "expected a number, got string")) << all_errors(bad);
  const std::string huge = R"({"machine":{"gil_handoff_us":1e10},"processes":[{"threads":[{"program":[]}]}]})";
  EXPECT_TRUE(has_error(huge, "machine.gil_handoff_us", "too large")) << all_errors(huge);
  // Decimals are exact, as for every other time.
  const Scenario s = scenario_from(R"({"machine":{"profile":"python","wake_us":2.5,"gil_handoff_us":0},
      "processes":[{"threads":[{"program":[]}]}]})");
  EXPECT_EQ(s.machine.costs.wake, 2'500);
  EXPECT_EQ(s.machine.costs.gil_handoff, 0);
}

}  // namespace
}  // namespace tl::test
