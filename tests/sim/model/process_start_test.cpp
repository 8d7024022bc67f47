// Process start in two parts: the parent's (the system calls: fork copies page tables, spawn
// forks and execs, forkserver asks its server) and the child's own start-up (after-fork hooks,
// a fresh interpreter's imports), which runs on the child's core in parallel with its
// siblings. A forked child continues from the parent's state at the fork.
#include "model_helpers.h"

#include <gtest/gtest.h>

namespace tl::model_test {
namespace {

// `workers` processes started with `method`, each computing `work_ms`; main waits for all.
std::string workers(const std::string& method, int n, int cores, int work_ms) {
  std::string steps, waits, procs;
  for (int i = 0; i < n; ++i) {
    const std::string name = "w" + std::to_string(i);
    steps += R"({")" + method + R"(":")" + name + R"("},)";
    waits += std::string(i ? "," : "") + R"({"wait":")" + name + R"("})";
    procs += R"(,{"name":")" + name + R"(","start":")" + method + R"(","threads":[{"program":[{"compute_us":)" +
             std::to_string(work_ms * 1000) + "}]}]}";
  }
  return R"({"machine":{"profile":"python","cores":)" + std::to_string(cores) +
         R"(},"processes":[{"name":"main","threads":[{"program":[)" + steps + waits + "]}]}" + procs + "]}";
}

TEST(ProcessStart, SpawnedWorkersStartUpInParallelOnTheirOwnCores) {
  const RunResult one = run_json(workers("spawn", 8, 1, 1000));
  const RunResult eight = run_json(workers("spawn", 8, 8, 1000));
  ASSERT_EQ(eight.outcome, Outcome::Completed);
  const CostProfile py = cost_profile(CostProfileKind::Python);
  // 8 cores: the parent's 8 fork/execs one after another, then one start-up and the work.
  EXPECT_LT(eight.metrics.makespan, 8 * py.spawn + py.spawn_child + 1000 * kMs + 5 * kMs);
  // Near-8x less the start-up; the parent paying every start-up made it 2.45x.
  const double speedup = static_cast<double>(one.metrics.makespan) / static_cast<double>(eight.metrics.makespan);
  EXPECT_GT(speedup, 7.0);
  EXPECT_LT(speedup, 8.0);
}

TEST(ProcessStart, StartMethodsCostWhatCPythonMeasures) {
  // start + wait of one empty worker: fork ~5 ms, forkserver ~35 ms, spawn ~100-150 ms.
  auto start_join = [](const char* method) { return run_json(workers(method, 1, 2, 0)).metrics.makespan; };
  EXPECT_NEAR(ms(start_join("fork")), 5, 1);
  EXPECT_NEAR(ms(start_join("forkserver")), 35, 3);
  EXPECT_GT(ms(start_join("spawn")), 100);
  EXPECT_LT(ms(start_join("spawn")), 150);
}

TEST(ProcessStart, ForkCostGrowsWithTheParentsResidentMemory) {
  auto fork_cpu = [](const char* heap_kb) {
    const RunResult r = run_json(std::string(R"({"machine":{"profile":"python","heap_kb":)") + heap_kb + R"(},
      "processes":[{"name":"main","threads":[{"program":[{"fork":"w"},{"wait":"w"}]}]},
                   {"name":"w","start":"fork","threads":[{"program":[]}]}]})");
    return r.metrics.threads[0].cpu;  // the parent's part
  };
  // ~10 ms per GB of resident memory (page tables); a 5 MB and a 1 GB parent differ.
  const double extra = ms(fork_cpu("1048576") - fork_cpu("5120"));
  EXPECT_GT(extra, 9);
  EXPECT_LT(extra, 13);
}

TEST(ProcessStart, AForkedChildContinuesFromTheParentsValues) {
  const RunResult r = run_json(R"({"machine":{"profile":"native"},
    "processes":[{"name":"main","shared":{"n":0},"threads":[{"program":[
        {"repeat":5,"do":[{"increment":"n"}]},{"fork":"child"},{"increment":"n"},{"wait":"child"}]}]},
      {"name":"child","start":"fork","shared":{"n":100,"own":7},"threads":[{"program":[{"increment":"n"},{"increment":"own"}]}]}]})");
  ASSERT_EQ(r.outcome, Outcome::Completed);
  EXPECT_EQ(r.final_vars[0][0], 6);  // the parent's own copy
  EXPECT_EQ(r.final_vars[1][0], 6);  // 5 at the fork, +1 in the child: not 100 + 1
  EXPECT_EQ(r.final_vars[1][1], 8);  // only the child declares it: its declared value
}

TEST(ProcessStart, ForkserverIsAStartMethodWithItsOwnStep) {
  const ParseResult bad = parse_scenario(R"({"processes":[{"threads":[{"program":[{"forkserver":"w"}]}]},
      {"name":"w","start":"spawn","threads":[{"program":[]}]}]})");
  ASSERT_FALSE(bad.errors.empty());
  EXPECT_NE(bad.errors.front().message.find("not declared \"start\": \"forkserver\""), std::string::npos);
}

}  // namespace
}  // namespace tl::model_test
