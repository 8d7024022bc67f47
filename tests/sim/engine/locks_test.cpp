// Mutexes (blocking, FIFO hand-off, contention), lost updates of non-atomic increments, and
// deadlock detection.
#include "support/scenarios.h"

namespace tl::test {
namespace {

std::string counter_scenario(const std::string& body, int cores = 2, int threads = 2, int reps = 1000) {
  std::string j = R"({"seed":1,"machine":{"profile":"textbook","cores":)" + std::to_string(cores) +
                  R"(},"scheduler":{"policy":"rr","quantum_us":10000},"processes":[{"shared":{"counter":0},"threads":[)";
  for (int t = 0; t < threads; ++t) {
    if (t) j += ",";
    j += R"({"program":[{"repeat":)" + std::to_string(reps) + R"(,"do":[)" + body + "]}]}";
  }
  return j + "]}]}";
}

TEST(Race, UnlockedIncrementsLoseSomeUpdates) {
  RunResult r = run_json(counter_scenario(R"({"increment":"counter"})"));
  ASSERT_EQ(r.outcome, Outcome::Completed);
  const std::int64_t v = r.final_vars[0][0];
  EXPECT_LT(v, 2000) << "two cores interleave load/add/store";
  EXPECT_GT(v, 1000) << "jitter makes the loss partial, not total";
}

TEST(Race, OneCoreLosesNothingWithoutPreemptionInside) {
  // One core, quantum far longer than the whole run: no interleaving, no loss.
  RunResult r = run_json(counter_scenario(R"({"increment":"counter"})", 1));
  EXPECT_EQ(r.final_vars[0][0], 2000);
}

TEST(Race, LockPreventsLostUpdates) {
  RunResult r = run_json(counter_scenario(R"({"lock":"m"},{"increment":"counter"},{"unlock":"m"})"));
  ASSERT_EQ(r.outcome, Outcome::Completed);
  EXPECT_EQ(r.final_vars[0][0], 2000);
  // Contention: someone had to wait for the mutex.
  bool blocked = false;
  for (const auto& lane : r.trace.threads)
    for (const StateSpan& s : lane) blocked = blocked || s.state == ThreadState::BlockedLock;
  EXPECT_TRUE(blocked);
}

TEST(Race, AtomicIncrementLosesNothing) {
  RunResult r = run_json(counter_scenario(R"({"atomic_increment":"counter"})"));
  EXPECT_EQ(r.final_vars[0][0], 2000);
}

TEST(Race, SeedChangesTheInterleavingButRunsAreRepeatable) {
  const std::string a = counter_scenario(R"({"increment":"counter"})");
  std::string b = a;
  b.replace(b.find("\"seed\":1"), 8, "\"seed\":2");
  const std::int64_t va = run_json(a).final_vars[0][0];
  EXPECT_EQ(va, run_json(a).final_vars[0][0]);
  EXPECT_NE(va, run_json(b).final_vars[0][0]);
}

TEST(Locks, BlockedThreadWaitsThenGetsHandOff) {
  // A holds m for 100 us; B tries at 10 us, blocks, and gets m when A unlocks.
  const std::string json = R"({"machine":{"profile":"textbook","cores":2},"scheduler":{"policy":"fifo"},
    "processes":[{"threads":[
      {"name":"A","program":[{"lock":"m"},{"compute_us":100},{"unlock":"m"},{"compute_us":50}]},
      {"name":"B","arrival_us":10,"program":[{"lock":"m"},{"compute_us":20},{"unlock":"m"}]}]}]})";
  RunResult r = run_json(json);
  ASSERT_EQ(r.outcome, Outcome::Completed);
  const auto& b = r.trace.threads[1];
  // With lock_us 0 the failed lock attempt takes no time: the lane goes straight from arrival
  // to BlockedLock, then Running at once on the free core when A hands m over.
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(b[0].state, ThreadState::BlockedLock);
  EXPECT_EQ(b[0].start, us(10));
  EXPECT_EQ(b[0].end, us(100));
  EXPECT_EQ(b[1].state, ThreadState::Running);
  EXPECT_EQ(b[1].start, us(100));
  EXPECT_EQ(r.trace.completion[1], us(120));
  EXPECT_EQ(r.trace.completion[0], us(150));
  EXPECT_EQ(r.metrics.threads[1].wakeup_latency.count, 1u);
  EXPECT_EQ(r.metrics.threads[1].wakeup_latency.max, 0);
}

TEST(Locks, HandOffIsFifoByWaitOrder) {
  // Holder H keeps m for 100 us; W2 asks at 20, W1 at 30 (ids reversed); both wait. W2 must
  // get m first.
  const std::string json = R"({"machine":{"profile":"textbook","cores":3},"scheduler":{"policy":"fifo"},
    "processes":[{"threads":[
      {"name":"H","program":[{"lock":"m"},{"compute_us":100},{"unlock":"m"}]},
      {"name":"W1","arrival_us":30,"program":[{"lock":"m"},{"compute_us":10},{"unlock":"m"}]},
      {"name":"W2","arrival_us":20,"program":[{"lock":"m"},{"compute_us":10},{"unlock":"m"}]}]}]})";
  RunResult r = run_json(json);
  ASSERT_EQ(r.outcome, Outcome::Completed);
  EXPECT_EQ(r.trace.completion[2], us(110));
  EXPECT_EQ(r.trace.completion[1], us(120));
}

TEST(Locks, LockCostIsCpuTime) {
  const std::string json = R"({"machine":{"profile":"textbook","lock_us":2},"processes":[{"threads":[
      {"program":[{"lock":"m"},{"compute_us":10},{"unlock":"m"}]}]}]})";
  RunResult r = run_json(json);
  EXPECT_EQ(r.metrics.makespan, us(14));
  EXPECT_EQ(r.metrics.threads[0].cpu, us(14));
}

TEST(Locks, ContentionSerialisesCriticalSections) {
  // 4 threads on 4 cores, each 5 x (lock; 10 us; unlock): the mutex is the bottleneck.
  std::string j = R"({"machine":{"profile":"textbook","cores":4},"scheduler":{"policy":"fifo"},"processes":[{"threads":[)";
  for (int t = 0; t < 4; ++t)
    j += std::string(t ? "," : "") + R"({"program":[{"repeat":5,"do":[{"lock":"m"},{"compute_us":10},{"unlock":"m"}]}]})";
  RunResult r = run_json(j + "]}]}");
  ASSERT_EQ(r.outcome, Outcome::Completed);
  EXPECT_EQ(r.metrics.makespan, us(200));
}

TEST(Deadlock, OppositeLockOrderIsDetectedWithWaitEdges) {
  const std::string json = R"({"machine":{"profile":"textbook","cores":2},"processes":[{"name":"P","threads":[
      {"name":"A","program":[{"lock":"a"},{"compute_us":10},{"lock":"b"},{"unlock":"b"},{"unlock":"a"}]},
      {"name":"B","program":[{"lock":"b"},{"compute_us":10},{"lock":"a"},{"unlock":"a"},{"unlock":"b"}]}]}]})";
  RunResult r = run_json(json);
  ASSERT_EQ(r.outcome, Outcome::Deadlock);
  ASSERT_EQ(r.waits.size(), 2u);
  // A (0) waits for b (mutex 1) held by B (1); B waits for a (mutex 0) held by A.
  EXPECT_EQ(r.waits[0].waiter, 0u);
  EXPECT_EQ(r.waits[0].mutex, 1u);
  EXPECT_EQ(r.waits[0].holder, 1u);
  EXPECT_EQ(r.waits[1].waiter, 1u);
  EXPECT_EQ(r.waits[1].mutex, 0u);
  EXPECT_EQ(r.waits[1].holder, 0u);
  EXPECT_EQ(r.metrics.makespan, us(10));
  EXPECT_FALSE(r.metrics.threads[0].finished);
  EXPECT_EQ(r.trace.completion[0], -1);
}

TEST(Deadlock, RelockingAHeldMutexDeadlocksTheThread) {
  const std::string json = R"({"processes":[{"threads":[
      {"program":[{"lock":"m"},{"lock":"m"},{"unlock":"m"}]},{"program":[{"compute_us":5}]}]}]})";
  RunResult r = run_json(json);
  ASSERT_EQ(r.outcome, Outcome::Deadlock);
  ASSERT_EQ(r.waits.size(), 1u);
  EXPECT_EQ(r.waits[0].waiter, 0u);
  EXPECT_EQ(r.waits[0].holder, 0u);
  EXPECT_TRUE(r.metrics.threads[1].finished);
}

TEST(Limits, TimeAndEventLimitsStopTheRun) {
  RunResult t = run_json(R"({"limits":{"max_sim_time_us":50},"processes":[{"threads":[{"program":[{"compute_us":100}]}]}]})");
  EXPECT_EQ(t.outcome, Outcome::TimeLimit);
  EXPECT_EQ(t.metrics.makespan, us(50));
  EXPECT_EQ(t.metrics.threads[0].cpu, us(50));
  RunResult e = run_json(R"({"limits":{"max_events":100},"processes":[{"threads":[
      {"program":[{"repeat":40,"do":[{"compute_us":1}]}]}]}]})");
  EXPECT_EQ(e.outcome, Outcome::EventLimit);
  EXPECT_FALSE(e.metrics.threads[0].finished);
}

}  // namespace
}  // namespace tl::test
