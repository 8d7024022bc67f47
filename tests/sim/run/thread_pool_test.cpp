#include "sim/run/thread_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <stdexcept>
#include <vector>

namespace tl {
namespace {

TEST(ThreadPool, RunsEveryIndexExactlyOnce) {
  for (std::size_t size : {0u, 1u, 2u, 4u}) {
    ThreadPool pool(size);
    EXPECT_EQ(pool.size(), size);
    for (std::size_t count : {0u, 1u, 3u, 257u}) {
      std::vector<std::atomic<int>> hits(count);
      pool.parallel_for(count, [&](std::size_t i) { hits[i].fetch_add(1); });
      for (std::size_t i = 0; i < count; ++i) EXPECT_EQ(hits[i].load(), 1) << "size " << size << " index " << i;
    }
  }
}

TEST(ThreadPool, TwoWorkersRunTwoJobsAtOnce) {
  // Each job waits until both have started: only a pool that really runs them side by side
  // gets through.
  ThreadPool pool(2);
  std::latch both(2);
  pool.parallel_for(2, [&](std::size_t) { both.arrive_and_wait(); });
  SUCCEED();
}

TEST(ThreadPool, FirstFailureByIndexIsRethrownAfterAllJobsRan) {
  for (std::size_t size : {0u, 2u}) {
    ThreadPool pool(size);
    std::atomic<int> ran{0};
    try {
      pool.parallel_for(10, [&](std::size_t i) {
        ran.fetch_add(1);
        if (i == 3 || i == 7) throw std::runtime_error("cell " + std::to_string(i));
      });
      ADD_FAILURE() << "no exception";
    } catch (const std::runtime_error& e) {
      EXPECT_STREQ(e.what(), "cell 3");
    }
    EXPECT_EQ(ran.load(), 10);
    // The pool stays usable.
    std::atomic<int> again{0};
    pool.parallel_for(5, [&](std::size_t) { again.fetch_add(1); });
    EXPECT_EQ(again.load(), 5);
  }
}

TEST(ThreadPool, HardwareThreadsIsAtLeastOne) { EXPECT_GE(ThreadPool::hardware_threads(), 1u); }

}  // namespace
}  // namespace tl
