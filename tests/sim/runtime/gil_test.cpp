#include "sim/runtime/gil.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace tl {
namespace {

constexpr TimeNs kMs = 1'000'000;

TEST(Gil, FreeGilIsTakenAtOnce) {
  Gil gil(5 * kMs);
  EXPECT_TRUE(gil.acquire(0, 10));
  EXPECT_EQ(gil.holder(), 0u);
  EXPECT_TRUE(gil.acquire(0, 20));  // re-entry by the holder is a no-op
  EXPECT_EQ(gil.holder_since(), 10);
  EXPECT_EQ(gil.drop_request_due(), kForever);  // nobody waits: no timer
}

TEST(Gil, WaiterForcesAHandOverAfterOneInterval) {
  Gil gil(5 * kMs);
  gil.acquire(0, 0);
  EXPECT_FALSE(gil.acquire(1, 2 * kMs));
  EXPECT_TRUE(gil.is_waiting(1));
  EXPECT_EQ(gil.drop_request_due(), 7 * kMs);  // one interval after it started waiting
  EXPECT_THROW(gil.request_drop(6 * kMs), std::logic_error);
  gil.request_drop(7 * kMs);
  EXPECT_TRUE(gil.drop_requested());
  EXPECT_EQ(gil.drop_request_due(), kForever);  // one request at a time
  const GilHandover h = gil.drop(7 * kMs);
  EXPECT_EQ(h.from, 0u);
  EXPECT_EQ(h.to, 1u);
  EXPECT_EQ(gil.holder(), 1u);
  EXPECT_FALSE(gil.drop_requested());
  EXPECT_EQ(gil.forced_drops(), 1u);
}

TEST(Gil, TimerCountsFromTheLatestHandOver) {
  Gil gil(5 * kMs);
  gil.acquire(0, 0);
  gil.acquire(1, 0);
  gil.acquire(2, 0);
  gil.request_drop(5 * kMs);
  gil.drop(5 * kMs);                            // 1 holds; 2 has waited across a switch
  EXPECT_EQ(gil.drop_request_due(), 10 * kMs);  // so 2 waits a whole interval more
}

TEST(Gil, DropperCannotRetakeBeforeAnotherThreadHeldIt) {
  Gil gil(5 * kMs);
  gil.acquire(0, 0);
  gil.acquire(1, 1 * kMs);
  gil.acquire(2, 2 * kMs);
  gil.request_drop(6 * kMs);
  gil.drop(6 * kMs);
  // The dropper still wants to compute: it waits behind 2, who was already waiting.
  EXPECT_TRUE(gil.is_waiting(0));
  EXPECT_THROW(gil.acquire(0, 6 * kMs), std::logic_error);  // it is queued already
  EXPECT_EQ(gil.first_waiter(), 2u);
  EXPECT_EQ(gil.release(1, 7 * kMs).to, 2u);
  EXPECT_EQ(gil.release(2, 8 * kMs).to, 0u);
  // With a single other thread: the dropper still waits for it to take the GIL first.
  Gil two(5 * kMs);
  two.acquire(0, 0);
  two.acquire(1, 0);
  two.request_drop(5 * kMs);
  EXPECT_EQ(two.drop(5 * kMs).to, 1u);
  EXPECT_TRUE(two.is_waiting(0));
  EXPECT_EQ(two.holder(), 1u);
}

TEST(Gil, BlockingReleasesAndTheFirstWaiterTakesOver) {
  Gil gil(5 * kMs);
  gil.acquire(0, 0);
  gil.acquire(1, 1 * kMs);
  gil.acquire(2, 1 * kMs);
  const GilHandover h = gil.release(0, 3 * kMs);  // thread 0 starts blocking I/O
  EXPECT_EQ(h.to, 1u);                            // FIFO
  EXPECT_EQ(gil.handovers(), 1u);
  EXPECT_EQ(gil.forced_drops(), 0u);
  EXPECT_EQ(gil.drop_request_due(), 8 * kMs);  // 2's timer restarted at the hand-over
  EXPECT_EQ(gil.release(1, 4 * kMs).to, 2u);
  EXPECT_EQ(gil.release(2, 5 * kMs).to, kNoThread);
  EXPECT_EQ(gil.holder(), kNoThread);
  EXPECT_TRUE(gil.acquire(0, 6 * kMs));  // back from I/O: free, taken at once
}

TEST(Gil, VoluntaryReleaseCancelsAPendingRequest) {
  Gil gil(5 * kMs);
  gil.acquire(0, 0);
  gil.acquire(1, 0);
  gil.request_drop(5 * kMs);
  // The holder blocked before it noticed the request (it was off its core).
  EXPECT_EQ(gil.release(0, 5 * kMs + 10).to, 1u);
  EXPECT_FALSE(gil.drop_requested());
  EXPECT_THROW(gil.drop(6 * kMs), std::logic_error);
}

TEST(Gil, MisuseIsAnError) {
  Gil gil(5 * kMs);
  gil.acquire(0, 0);
  gil.acquire(1, 0);
  EXPECT_THROW(gil.acquire(1, 1), std::logic_error);
  EXPECT_THROW(gil.release(1, 1), std::logic_error);
  EXPECT_THROW(Gil(0), std::logic_error);
}

// The new holder can run only `handoff` after a drop, and its tenure starts then: the
// dropper's own request falls due one full interval after that.
TEST(Gil, HandOverLatencyDelaysTheNewHolderAndItsTenure) {
  Gil gil(5 * kMs, 100'000);
  gil.acquire(0, 0);
  gil.acquire(1, 1 * kMs);
  gil.request_drop(6 * kMs);
  const GilHandover h = gil.drop(6 * kMs);
  EXPECT_EQ(h.to, 1u);
  EXPECT_EQ(h.at, 6 * kMs + 100'000);
  EXPECT_EQ(gil.holder_since(), h.at);
  EXPECT_EQ(gil.drop_request_due(), h.at + 5 * kMs);
  const GilHandover back = gil.release(1, 7 * kMs);  // voluntary: the same latency
  EXPECT_EQ(back.to, 0u);
  EXPECT_EQ(back.at, 7 * kMs + 100'000);
  EXPECT_EQ(gil.release(0, 8 * kMs).to, kNoThread);  // nobody waits: nothing to hand over
  EXPECT_THROW(Gil(5 * kMs, -1), std::logic_error);
  GilSet set(1, 5 * kMs, 100'000);
  EXPECT_EQ(set[set.add_process()].handoff(), 100'000);  // a forked child's GIL too
}

TEST(GilSet, ProcessesHaveIndependentGils) {
  GilSet gils(2, 5 * kMs);
  EXPECT_TRUE(gils[0].acquire(0, 0));
  EXPECT_TRUE(gils[1].acquire(1, 0));  // another process: no contention
  EXPECT_FALSE(gils[0].acquire(2, 1 * kMs));
  EXPECT_EQ(gils[1].drop_request_due(), kForever);
  const GilDue due = gils.next_due();
  EXPECT_EQ(due.process, 0u);
  EXPECT_EQ(due.time, 6 * kMs);
  const ProcessId child = gils.add_process();
  EXPECT_EQ(child, 2u);
  EXPECT_TRUE(gils[child].acquire(3, 2 * kMs));
  EXPECT_EQ(gils[child].switch_interval(), 5 * kMs);
}

TEST(GilSet, TiesGoToTheLowestProcess) {
  GilSet gils(3, 5 * kMs);
  for (ProcessId p : {2u, 1u}) {
    gils[p].acquire(10 + p, 0);
    gils[p].acquire(20 + p, 0);
  }
  EXPECT_EQ(gils.next_due().process, 1u);
  EXPECT_EQ(gils.next_due().time, 5 * kMs);
}

// The calibration experiment: an I/O thread that wakes every 1 ms beside a CPU-bound thread
// (each on its own core) waits about one switch interval for the GIL at every wake-up.
TimeNs mean_io_wait(TimeNs interval) {
  constexpr ThreadId cpu = 0, io = 1;
  constexpr TimeNs io_time = 1 * kMs, io_work = 10'000;
  Gil gil(interval);
  gil.acquire(cpu, 0);  // the CPU-bound thread never blocks: it only ever holds or waits
  TimeNs now = 0, waited = 0;
  constexpr int wakeups = 20;
  for (int i = 0; i < wakeups; ++i) {
    now += io_time;  // back from I/O
    const TimeNs asked = now;
    if (!gil.acquire(io, now)) {
      now = gil.drop_request_due();  // the timer fires
      gil.request_drop(now);
      EXPECT_EQ(gil.drop(now).to, io);  // the CPU thread is on a core: drops at once
    }
    waited += now - asked;
    now += io_work;
    EXPECT_EQ(gil.release(io, now).to, cpu);  // next I/O: the CPU thread takes it back
  }
  return waited / wakeups;
}

TEST(Gil, IoThreadBesideCpuThreadWaitsAboutOneInterval) {
  EXPECT_EQ(mean_io_wait(5 * kMs), 5 * kMs);
  EXPECT_EQ(mean_io_wait(1 * kMs), 1 * kMs);
  EXPECT_EQ(mean_io_wait(20 * kMs), 20 * kMs);
}

}  // namespace
}  // namespace tl
