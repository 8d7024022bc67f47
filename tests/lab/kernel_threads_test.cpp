// The CPU kernel on threads that nobody blocks for (how the web page measures pthreads): every
// worker runs its share, the run reports each worker's time and the slowest as its own, and a
// second start while one runs is refused. Timing is not bounded here (machine_test.cpp does
// that for the lab's curves); only that the times are measurements.
#include "lab/kernel.h"
#include "lab/kernel_threads.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>
#include <vector>

namespace tl::lab {
namespace {

using State = KernelThreadsStatus::State;

TEST(LabKernelThreads, EveryWorkerRunsItsShareAndTheSlowestIsTheRunsTime) {
  KernelThreads threads;
  EXPECT_EQ(threads.poll().state, State::Idle);
  std::string error;
  ASSERT_TRUE(threads.start(4'000'000, 2, error)) << error;
  ASSERT_TRUE(threads.wait(std::chrono::seconds(60)));
  const KernelThreadsStatus s = threads.poll();
  EXPECT_EQ(s.state, State::Done);
  EXPECT_EQ(s.workers, 2u);
  EXPECT_EQ(s.ready, 2u);
  ASSERT_EQ(s.per_worker_ns.size(), 2u);
  for (Nanos t : s.per_worker_ns) EXPECT_GT(t, 0);
  EXPECT_EQ(s.elapsed_ns, *std::max_element(s.per_worker_ns.begin(), s.per_worker_ns.end()));
}

// The speed-up measurement times the kernel in every worker thread at once (ThreadSanitizer
// runs this suite: the kernel's result sink was once a plain global they all wrote).
TEST(LabKernelThreads, TimingTheKernelInSeveralThreadsAtOnce) {
  std::vector<Nanos> took(4, 0);
  std::vector<std::thread> workers;
  for (std::size_t i = 0; i < took.size(); ++i) workers.emplace_back([&took, i] { took[i] = time_kernel(200'000); });
  for (std::thread& w : workers) w.join();
  for (Nanos t : took) EXPECT_GT(t, 0);
}

TEST(LabKernelThreads, RefusesASecondStartWhileRunningAndBadWorkerCounts) {
  KernelThreads threads;
  std::string error;
  EXPECT_FALSE(threads.start(1000, 0, error));
  EXPECT_EQ(error, "workers must be 1 to 64");
  EXPECT_FALSE(threads.start(1000, 65, error));
  // Long enough (a tenth of a second and more) that the second start, microseconds later,
  // finds it running.
  ASSERT_TRUE(threads.start(100'000'000, 1, error)) << error;
  error.clear();
  EXPECT_FALSE(threads.start(1000, 1, error));
  EXPECT_EQ(error, "a run is still going");
  ASSERT_TRUE(threads.wait(std::chrono::minutes(2)));
  EXPECT_TRUE(threads.start(1000, 3, error)) << error;  // once done, again
  ASSERT_TRUE(threads.wait(std::chrono::seconds(30)));
  EXPECT_EQ(threads.poll().per_worker_ns.size(), 3u);
}

}  // namespace
}  // namespace tl::lab
