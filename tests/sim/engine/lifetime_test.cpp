// Threads versus processes end to end: the compare shorthand expanded, parsed and run.
#include "sim/scenario/compare.h"
#include "sim/engine/engine.h"

#include <gtest/gtest.h>

#include <string>

namespace tl {
namespace {

constexpr TimeNs kMs = 1'000'000;
using Json = nlohmann::ordered_json;

Scenario expand(const std::string& doc, WorkerModel as) {
  std::vector<ScenarioError> errors;
  const auto expanded = expand_compare(Json::parse(doc), as, errors);
  if (!expanded) {
    ADD_FAILURE() << errors.front().message;
    return {};
  }
  ParseResult r = parse_scenario(expanded->dump());
  if (!r.scenario) {
    ADD_FAILURE() << format_error(r.errors.front());
    return {};
  }
  return std::move(*r.scenario);
}

std::string cpu_workload(const std::string& start) {
  return R"({"machine": {"cores": 4, "profile": "python"}, "runtime": {"gil": true},
    "workload": {"workers": 4, "start": ")" +
         start + R"(", "shared": {"n": 0},
      "program": [{"repeat": 10, "do": [{"compute_us": 10000}, {"atomic_increment": "n"}]}, {"write": "heap", "first_page": 512, "pages": 100}]}})";
}

TEST(LifetimeEngine, CpuBoundWorkGainsFromProcessesNotThreads) {
  const RunResult threads = run(expand(cpu_workload("fork"), WorkerModel::Threads));
  const RunResult procs = run(expand(cpu_workload("fork"), WorkerModel::Processes));
  ASSERT_EQ(threads.outcome, Outcome::Completed);
  ASSERT_EQ(procs.outcome, Outcome::Completed);
  // 4 x 100 ms of CPU: one core at a time under the GIL; all four cores as processes, after
  // four forks whose parent's parts (~1 ms) are paid one after another by the parent and whose
  // children's start-ups (~4 ms) run on the children's own cores.
  const CostProfile py = cost_profile(CostProfileKind::Python);
  EXPECT_GE(threads.metrics.makespan, 400 * kMs);
  EXPECT_LT(procs.metrics.makespan, 100 * kMs + 4 * py.fork + py.fork_child + 5 * kMs);
  EXPECT_GT(procs.metrics.makespan, 100 * kMs + 4 * py.fork + py.fork_child);
  // Threads share one counter; each process counted in its own copy.
  EXPECT_EQ(threads.final_vars[0][0], 40);
  EXPECT_EQ(procs.final_vars[0][0], 0);
  for (int p = 1; p <= 4; ++p) EXPECT_EQ(procs.final_vars[p][0], 10);
  // Main finishes last: it joined / waited for every worker.
  const TimeNs main_end = threads.trace.completion[0];
  for (std::size_t t = 1; t < threads.trace.completion.size(); ++t) EXPECT_LE(threads.trace.completion[t], main_end);
}

TEST(LifetimeEngine, ForkedWorkersShareCopyOnWriteSpawnedDoNot) {
  const CostProfile py = cost_profile(CostProfileKind::Python);
  const RunResult forked = run(expand(cpu_workload("fork"), WorkerModel::Processes));
  const RunResult spawned = run(expand(cpu_workload("spawn"), WorkerModel::Processes));
  ASSERT_EQ(forked.metrics.processes.size(), 5u);
  // A forked worker: ~13 MB resident, private = what it dirtied (fork_dirty) + its 100-page
  // write (past the dirtied part, pages 0..383: a write there would copy nothing new).
  const ProcessMemoryMetrics& f = forked.metrics.processes[1];
  EXPECT_GE(f.resident_kb, 13u * 1024);
  EXPECT_EQ(f.private_kb, py.fork_dirty_kb + 400);
  EXPECT_GT(f.shared_kb, 11u * 1024);
  // A spawned worker: ~16 MB resident, ~9 MB private (+ its stack; its write hits its own pages).
  const ProcessMemoryMetrics& s = spawned.metrics.processes[1];
  EXPECT_GE(s.resident_kb, 16u * 1024);
  EXPECT_GE(s.private_kb, 9u * 1024);
  EXPECT_LE(s.private_kb, 9u * 1024 + 64);
  // Spawning costs ~120 ms per worker, but only the fork/exec is the parent's: the children's
  // interpreter start-ups overlap on their own cores.
  EXPECT_GT(spawned.metrics.makespan, 4 * py.spawn + py.spawn_child + 100 * kMs);
  EXPECT_LT(spawned.metrics.makespan, 4 * py.spawn + py.spawn_child + 110 * kMs);
  // Memory lanes start when each worker starts and drop to zero when it exits.
  EXPECT_GT(forked.trace.memory[1].front().time, 0);
  EXPECT_EQ(forked.trace.memory[1].back().resident_kb, 0u);
}

TEST(LifetimeEngine, ThreadsAddAStackEach) {
  const RunResult threads = run(expand(cpu_workload("fork"), WorkerModel::Threads));
  const CostProfile py = cost_profile(CostProfileKind::Python);
  ASSERT_EQ(threads.metrics.processes.size(), 1u);
  const std::uint64_t image = py.code_kb + py.data_kb + py.heap_kb + py.thread_stack_kb;
  EXPECT_EQ(threads.metrics.processes[0].resident_kb, image + 4 * py.thread_stack_kb);
  EXPECT_EQ(threads.metrics.processes[0].shared_kb, 0u);
}

TEST(LifetimeEngine, StartErrorsNameTheStep) {
  auto errors_of = [](const std::string& doc) {
    std::string all;
    for (const ScenarioError& e : parse_scenario(doc).errors) all += format_error(e) + "\n";
    return all;
  };
  // A thread waiting to be created that nobody creates (named in the message), a create of a
  // thread that does not exist and a fork of a process not declared "start": "fork" (each
  // reported at the step's path).
  const std::string never = errors_of(R"({"processes": [{"name": "a", "threads": [
      {"name": "main", "program": [{"compute_us": 1}]}, {"name": "w", "start": "created", "program": []}]}]})");
  EXPECT_NE(never.find("thread 'w' of process 'a'"), std::string::npos) << never;
  const std::string missing = errors_of(R"({"processes": [{"name": "a", "threads": [
      {"name": "main", "program": [{"create": "x"}]}]}]})");
  EXPECT_NE(missing.find("error: processes[0].threads[0].program[0]"), std::string::npos) << missing;
  const std::string fork = errors_of(R"({"processes": [{"name": "a", "threads": [{"program": [{"fork": "b"}]}]},
      {"name": "b", "threads": [{"program": []}]}]})");
  EXPECT_NE(fork.find("error: processes[0].threads[0].program[0]"), std::string::npos) << fork;
}

}  // namespace
}  // namespace tl
