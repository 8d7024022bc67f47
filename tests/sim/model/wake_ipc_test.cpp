// Wake kinds and data between workers. A timer wake (time.sleep) costs ~0.1 ms end to end in
// CPython (timer slack included); a wake by another thread (a futex: lock, queue, join) a few
// to tens of us. multiprocessing.Pipe overlaps writer and reader (10 MB ~25 ms, 100 MB ~0.5 s
// measured); multiprocessing.Queue does not and is slower (~155-170 MB/s).
#include "model_helpers.h"

#include <gtest/gtest.h>

namespace tl::model_test {
namespace {

TEST(WakeKinds, SleepIsATimerWakeJoinIsAFutexWake) {
  const RunResult r = run_json(R"({"machine":{"profile":"python","cores":2},"runtime":{"gil":true},
    "processes":[{"threads":[
      {"name":"main","program":[{"sleep_us":1000},{"create":"w"},{"join":"w"}]},
      {"name":"w","start":"created","program":[{"compute_us":100}]}]}]})");
  ASSERT_EQ(r.outcome, Outcome::Completed);
  const std::vector<StateSpan>& lane = r.trace.threads[0];
  // After the sleep: Ready for the timer wake (0.1 ms); after the join: the futex wake (20 us).
  std::vector<TimeNs> ready;
  for (const StateSpan& s : lane)
    if (s.state == ThreadState::Ready) ready.push_back(s.end - s.start);
  ASSERT_EQ(ready.size(), 2u);
  EXPECT_EQ(ready[0], 100 * kUs);
  EXPECT_GE(ready[1], 2 * kUs);
  EXPECT_LE(ready[1], 50 * kUs);
}

// Two Python threads bounce a token over two queue.Queues: each hand-over is a put, a futex
// wake and a get, and the GIL goes to the woken thread when the other blocks in get().
TEST(WakeKinds, AThreadQueueRoundTripIsTensOfMicroseconds) {
  constexpr int kRounds = 1'000;
  const std::string n = std::to_string(kRounds);
  const RunResult r = run_json(R"({"machine":{"profile":"python","cores":2},"runtime":{"gil":true},
    "channels":{"ping":"queue","pong":"queue"},
    "processes":[{"threads":[
      {"name":"a","program":[{"repeat":)" +
                               n + R"(,"do":[{"send":"ping","bytes":8},{"receive":"pong"}]}]},
      {"name":"b","program":[{"repeat":)" +
                               n + R"(,"do":[{"receive":"ping"},{"send":"pong","bytes":8}]}]}]}]})");
  ASSERT_EQ(r.outcome, Outcome::Completed);
  const double round_trip_us = static_cast<double>(r.metrics.makespan) / kRounds / 1000.0;
  // Two hand-overs of ~0.05 ms; a timer-like wake on each (the old model) made ~0.5 ms.
  EXPECT_GT(round_trip_us, 50);
  EXPECT_LT(round_trip_us, 150);
}

std::string one_message(const char* kind, std::uint64_t bytes) {
  return std::string(R"({"machine":{"profile":"python","cores":2},"channels":{"c":")") + kind + R"("},
    "processes":[{"name":"a","threads":[{"program":[{"send":"c","bytes":)" +
         std::to_string(bytes) + R"(}]}]},
                 {"name":"b","threads":[{"program":[{"receive":"c"}]}]}]})";
}

TEST(Pipes, AMultiprocessingPipeOverlapsWriterAndReader) {
  const RunResult ten = run_json(one_message("pipe", 10'000'000));
  const RunResult hundred = run_json(one_message("pipe", 100'000'000));
  ASSERT_EQ(ten.outcome, Outcome::Completed);
  // Measured 25.5 ms and 491 ms; the sides one after the other made 67 and 667 ms.
  EXPECT_GT(ms(ten.metrics.makespan), 15);
  EXPECT_LT(ms(ten.metrics.makespan), 45);
  EXPECT_GT(ms(hundred.metrics.makespan), 250);
  EXPECT_LT(ms(hundred.metrics.makespan), 600);
}

TEST(Pipes, AMultiprocessingQueueIsSlowerThanAPipe) {
  const RunResult pipe = run_json(one_message("pipe", 10'000'000));
  const RunResult queue = run_json(one_message("mp_queue", 10'000'000));
  ASSERT_EQ(queue.outcome, Outcome::Completed);
  EXPECT_EQ(queue.metrics.ipc_bytes_copied, 10'000'000u);
  // ~155-170 MB/s measured: 59-65 ms for 10 MB.
  EXPECT_GT(ms(queue.metrics.makespan), 50);
  EXPECT_LT(ms(queue.metrics.makespan), 80);
  EXPECT_GT(queue.metrics.makespan, pipe.metrics.makespan);
}

}  // namespace
}  // namespace tl::model_test
