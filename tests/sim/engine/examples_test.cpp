// Every examples/*.json parses and runs to the outcome its description promises.
#include "support/scenarios.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace tl::test {
namespace {

namespace fs = std::filesystem;

RunResult run_example(const std::string& name) {
  std::ifstream in(fs::path(TL_SOURCE_DIR) / "examples" / name);
  EXPECT_TRUE(in) << name;
  std::stringstream ss;
  ss << in.rdbuf();
  return run(scenario_from(ss.str()));
}

TEST(Examples, EveryExampleParsesAndRuns) {
  int n = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(TL_SOURCE_DIR) / "examples")) {
    if (entry.path().extension() != ".json") continue;
    ++n;
    SCOPED_TRACE(entry.path().string());
    const RunResult r = run_example(entry.path().filename().string());
    EXPECT_EQ(r.outcome, entry.path().stem() == "deadlock" ? Outcome::Deadlock : Outcome::Completed);
  }
  EXPECT_GE(n, 6);
}

TEST(Examples, TheirStoriesHold) {
  const RunResult race = run_example("race.json");
  EXPECT_LT(race.final_vars[0][0], 2000);
  EXPECT_EQ(run_example("atomic.json").final_vars[0][0], 2000);
  EXPECT_EQ(run_example("locks.json").final_vars[0][0], 3000);
  const RunResult dl = run_example("deadlock.json");
  EXPECT_EQ(dl.waits.size(), 2u);
  const RunResult fifo = run_example("fifo.json"), sjf = run_example("sjf.json");
  auto mean_turnaround = [](const RunResult& r) {
    TimeNs s = 0;
    for (const auto& t : r.metrics.threads) s += t.turnaround;
    return s / static_cast<TimeNs>(r.metrics.threads.size());
  };
  EXPECT_EQ(mean_turnaround(fifo), 110 * kMs);
  EXPECT_EQ(mean_turnaround(sjf), 50 * kMs);
  const RunResult slice = run_example("slice.json");
  EXPECT_EQ(slice.trace.cores.size(), 2u);
  EXPECT_EQ(slice.trace.threads.size(), 4u);
  EXPECT_GT(slice.metrics.context_switches, 4u);
}

// shared_memory.json: the shared-buffer writes cost nothing; only the heap pages fault.
TEST(Examples, SharedMemoryWritesAreNotCopied) {
  const RunResult r = run_example("shared_memory.json");
  ASSERT_EQ(r.outcome, Outcome::Completed);
  const CostProfile py = cost_profile(CostProfileKind::Python);
  const TimeNs faults = static_cast<TimeNs>(pages_for_kb(py.fork_dirty_kb) + 64) * py.cow_fault;
  // Each forked child also runs its own start-up (fork_child_us) before its program.
  EXPECT_EQ(r.metrics.threads[1].cpu, 10 * kMs + faults + py.fork_child);
  EXPECT_EQ(r.metrics.threads[2].cpu, 10 * kMs + faults + py.fork_child);
  EXPECT_EQ(r.metrics.processes[1].private_kb, py.fork_dirty_kb + 64 * kPageKb);
  EXPECT_GE(r.metrics.processes[0].shared_kb, 1024u);
}

}  // namespace
}  // namespace tl::test
