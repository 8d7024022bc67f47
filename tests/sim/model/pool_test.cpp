// Pools: workers started once take tasks from a queue as they come free (multiprocessing.Pool,
// concurrent.futures), against a process per task. Starting a Python process costs ~120 ms
// (spawn: a fresh interpreter and its imports), so for many small tasks a pool that pays it
// once per worker wins by far; a process pool still pickles and copies every task's arguments
// and result, which a thread pool's queue.Queue does not (it passes references).
#include "model_helpers.h"

#include <gtest/gtest.h>

namespace tl::model_test {
namespace {

using tl::test::has_error;

const std::string kWorker = R"({"serve":"tasks","do":[{"compute_us":10000},{"send":"results","bytes":1024}]})";

// `workers` spawned workers serve `tasks` tasks of 10 ms (100 KB of arguments each).
std::string process_pool(int workers, int tasks) {
  std::string main = R"({"name":"main","threads":[{"program":[)";
  std::string procs;
  for (int w = 0; w < workers; ++w) {
    main += R"({"spawn":"w)" + std::to_string(w) + R"("},)";
    procs += R"(,{"name":"w)" + std::to_string(w) + R"(","start":"spawn","threads":[{"program":[)" + kWorker + "]}]}";
  }
  main += R"({"repeat":)" + std::to_string(tasks) + R"(,"do":[{"send":"tasks","bytes":102400}]},)";
  main += R"({"repeat":)" + std::to_string(tasks) + R"(,"do":[{"receive":"results"}]},{"close":"tasks"})";
  for (int w = 0; w < workers; ++w) main += R"(,{"wait":"w)" + std::to_string(w) + R"("})";
  main += "]}]}";
  return R"({"machine":{"profile":"python","cores":4},"channels":{"tasks":"mp_queue","results":"mp_queue"},
    "processes":[)" +
         main + procs + "]}";
}

// One spawned process per task, its result sent back the same way.
std::string process_per_task(int tasks) {
  std::string main = R"({"name":"main","threads":[{"program":[)";
  std::string procs;
  for (int t = 0; t < tasks; ++t) {
    main += R"({"spawn":"p)" + std::to_string(t) + R"("},)";
    procs += R"(,{"name":"p)" + std::to_string(t) +
             R"(","start":"spawn","threads":[{"program":[{"compute_us":10000},{"send":"results","bytes":1024}]}]})";
  }
  main += R"({"repeat":)" + std::to_string(tasks) + R"(,"do":[{"receive":"results"}]})";
  for (int t = 0; t < tasks; ++t) main += R"(,{"wait":"p)" + std::to_string(t) + R"("})";
  main += "]}]}";
  return R"({"machine":{"profile":"python","cores":4},"channels":{"results":"mp_queue"},"processes":[)" + main +
         procs + "]}";
}

TEST(Pool, APoolOfFourBeatsAProcessPerTaskForSixteenSmallTasks) {
  const RunResult pool = run_json(process_pool(4, 16));
  const RunResult per_task = run_json(process_per_task(16));
  ASSERT_EQ(pool.outcome, Outcome::Completed);
  ASSERT_EQ(per_task.outcome, Outcome::Completed);
  // Pool: one start-up per worker, in parallel (~120 ms), then 4 tasks each (~40 ms) and the
  // pickling. Per task: 16 start-ups on 4 cores, four rounds of ~130 ms.
  EXPECT_NEAR(ms(pool.metrics.makespan), 170.0, 15.0);
  EXPECT_NEAR(ms(per_task.metrics.makespan), 530.0, 30.0);
  EXPECT_GT(static_cast<double>(per_task.metrics.makespan) / static_cast<double>(pool.metrics.makespan), 2.5);
}

TEST(Pool, TasksGoToWhicheverWorkerIsFreeAndEachRunsOnce) {
  const RunResult r = run_json(process_pool(4, 16));
  // 16 x 10 ms of work: every task ran exactly once, and the load spread over the workers.
  TimeNs total = 0;
  for (ThreadId w = 1; w <= 4; ++w) {
    const TimeNs cpu = r.metrics.threads[w].cpu;
    total += cpu;
    EXPECT_GT(cpu, 20 * kMs);  // no worker idle while others queue tasks
  }
  EXPECT_GE(total, 160 * kMs);
  EXPECT_LT(total, 160 * kMs + 4 * 130 * kMs);  // plus each worker's start-up and unpickling
  // 16 task arguments of 100 KB and 16 results of 1 KB were copied between processes.
  EXPECT_EQ(r.metrics.ipc_bytes_copied, 16u * 102400 + 16u * 1024);
}

TEST(Pool, AThreadPoolPassesReferences) {
  const RunResult r = run_json(R"({"machine":{"profile":"python","cores":2},"channels":{"tasks":"queue","results":"queue"},
    "processes":[{"threads":[
      {"name":"main","program":[{"create":"a"},{"create":"b"},{"repeat":8,"do":[{"send":"tasks","bytes":1000000}]},
        {"repeat":8,"do":[{"receive":"results"}]},{"close":"tasks"},{"join":"a"},{"join":"b"}]},
      {"name":"a","start":"created","program":[{"serve":"tasks","do":[{"io_us":20000},{"send":"results","bytes":1000000}]}]},
      {"name":"b","start":"created","program":[{"serve":"tasks","do":[{"io_us":20000},{"send":"results","bytes":1000000}]}]}]}]})");
  ASSERT_EQ(r.outcome, Outcome::Completed);
  EXPECT_EQ(r.metrics.ipc_bytes_copied, 0u);  // 16 MB passed, nothing copied
  // 8 waits of 20 ms, two at a time: ~80 ms.
  EXPECT_NEAR(ms(r.metrics.makespan), 80.0, 5.0);
}

TEST(Pool, CloseEndsTheServeLoopsOnlyOnceTheQueueIsDrained) {
  // The main thread closes at once, with 3 tasks still queued: the worker takes all three.
  const RunResult r = run_json(R"({"machine":{"profile":"textbook","cores":1},"channels":{"q":"queue"},
    "processes":[{"threads":[
      {"name":"main","program":[{"create":"w"},{"repeat":3,"do":[{"send":"q","bytes":1}]},{"close":"q"},{"join":"w"}]},
      {"name":"w","start":"created","program":[{"serve":"q","do":[{"compute_us":1000}]}]}]}]})");
  ASSERT_EQ(r.outcome, Outcome::Completed);
  EXPECT_EQ(r.metrics.threads[1].cpu, 3 * kMs);
}

TEST(Pool, AReceiveOnAClosedEmptyChannelWaitsForeverAndIsReported) {
  const RunResult r = run_json(R"({"machine":{"profile":"textbook","cores":1},"channels":{"q":"queue"},
    "processes":[{"threads":[{"program":[{"close":"q"},{"receive":"q"}]}]}]})");
  EXPECT_EQ(r.outcome, Outcome::Deadlock);
}

TEST(Pool, BadServeAndCloseStepsAreRejectedNamingThePath) {
  const std::string head = R"({"channels":{"q":"queue"},"processes":[{"threads":[{"program":[)";
  EXPECT_TRUE(has_error(head + R"({"serve":"q"}]}]}]})", "processes[0].threads[0].program[0]", "needs \"do\""));
  EXPECT_TRUE(has_error(head + R"({"serve":"q","do":[]}]}]}]})", "processes[0].threads[0].program[0].do", "empty"));
  EXPECT_TRUE(has_error(head + R"({"serve":"nope","do":[{"compute_us":1}]}]}]}]})", "processes[0].threads[0].program[0].serve",
                        "undeclared channel"));
  EXPECT_TRUE(has_error(head + R"({"close":"nope"}]}]}]})", "processes[0].threads[0].program[0].close", "undeclared channel"));
}

}  // namespace
}  // namespace tl::model_test
