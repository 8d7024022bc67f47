// The example scenarios' descriptions say what happens on other core counts and quanta (the
// page lets the learner change them). Each such sentence is checked here, so a change to the
// model that makes one false fails a test instead of misleading a learner.
#include "lesson_files.h"

#include "sim/engine/engine.h"

#include <gtest/gtest.h>

namespace tl::test {
namespace {

// examples/<name>.json with `cores` cores (and a quantum in ns if given), run to the end.
struct Ran {
  Scenario scenario;
  RunResult result;
};

Ran run_example(const std::string& name, std::uint32_t cores, TimeNs quantum = 0) {
  ParseResult p = parse_scenario(read_file(std::filesystem::path(TL_SOURCE_DIR) / "examples" / (name + ".json")));
  EXPECT_TRUE(p.scenario) << name;
  Scenario s = *p.scenario;
  s.machine.cores = cores;
  if (quantum > 0) s.scheduler.quantum = quantum;
  RunResult r = tl::run(s);
  return {std::move(s), std::move(r)};
}

std::int64_t counter(const Ran& r) { return r.result.final_vars.at(0).at(0); }

TEST(ExampleDescriptions, RaceLosesUpdatesOnTwoCoresAndOnOneWithATinyQuantum) {
  EXPECT_LT(counter(run_example("race", 2)), 2000);
  EXPECT_LT(counter(run_example("race", 16)), 2000);
  EXPECT_EQ(counter(run_example("race", 1)), 2000);         // 10 ms quantum: no switch mid-loop
  EXPECT_LT(counter(run_example("race", 1, 1'000)), 2000);  // 1 µs quantum
}

TEST(ExampleDescriptions, DeadlockOnSeveralCoresAndOnOneWithAShortQuantum) {
  EXPECT_EQ(run_example("deadlock", 2).result.outcome, Outcome::Deadlock);
  EXPECT_EQ(run_example("deadlock", 16).result.outcome, Outcome::Deadlock);
  EXPECT_EQ(run_example("deadlock", 1).result.outcome, Outcome::Completed);
  EXPECT_EQ(run_example("deadlock", 1, 99'000).result.outcome, Outcome::Deadlock);
}

TEST(ExampleDescriptions, FifoConvoyOnOneCoreOnly) {
  auto mean_turnaround = [](const Ran& r) {
    TimeNs sum = 0;
    for (const ThreadMetrics& t : r.result.metrics.threads) sum += t.turnaround;
    return sum / static_cast<TimeNs>(r.result.metrics.threads.size());
  };
  EXPECT_EQ(mean_turnaround(run_example("fifo", 1)), 110'000'000);
  EXPECT_EQ(mean_turnaround(run_example("sjf", 1)), 50'000'000);
  const Ran two = run_example("fifo", 2);
  EXPECT_EQ(two.result.metrics.threads[1].response, 0) << "with two cores a short job starts at once";
}

TEST(ExampleDescriptions, SeparateGilsNeedAFreeCore) {
  const Ran two = run_example("gil_latency_processes", 2);
  const Ran one = run_example("gil_latency_processes", 1);
  EXPECT_LE(two.result.metrics.threads[0].wakeup_latency.mean, 200'000);
  EXPECT_GT(one.result.metrics.threads[0].wakeup_latency.mean, 1'000'000);
  EXPECT_EQ(run_example("gil_latency", 1).result.metrics.threads[0].wakeup_latency.mean,
            run_example("gil_latency", 4).result.metrics.threads[0].wakeup_latency.mean)
      << "the same-process wait is the GIL's, whatever the core count";
}

TEST(ExampleDescriptions, ProcessesBeatTheGilOnlyWithSeveralCores) {
  const TimeNs threads = run_example("gil_cpu_threads", 2).result.metrics.makespan;
  EXPECT_EQ(run_example("gil_cpu_threads", 4).result.metrics.makespan, threads);
  EXPECT_LT(run_example("gil_cpu_processes", 2).result.metrics.makespan * 19, threads * 10);  // ~2x
  EXPECT_LT(run_example("gil_cpu_processes", 4).result.metrics.makespan * 37, threads * 10);  // ~3.8x
  EXPECT_GE(run_example("gil_cpu_processes", 1).result.metrics.makespan, threads);
}

TEST(ExampleDescriptions, SlicesAndOverlapNeedFewerCoresThanThreads) {
  for (const ThreadMetrics& t : run_example("slice", 4).result.metrics.threads) EXPECT_EQ(t.wait, 0);
  EXPECT_GT(run_example("slice", 2).result.metrics.threads[2].wait, 0);
  EXPECT_EQ(run_example("io", 2).result.metrics.threads[1].response, 0);
  EXPECT_GT(run_example("io", 1).result.metrics.threads[1].response, 0);
  EXPECT_GT(run_example("priority", 1).result.metrics.threads[0].wait, 0);
}

// The pipe's reader overlaps the writer only when it has a core of its own.
TEST(ExampleDescriptions, PipeReaderOverlapsTheWriterOnlyWithACoreOfItsOwn) {
  const Ran three = run_example("pipe_vs_mp_queue", 3);
  const Ran one = run_example("pipe_vs_mp_queue", 1);
  const ThreadMetrics& writer3 = three.result.metrics.threads[0];
  const ThreadMetrics& reader3 = three.result.metrics.threads[1];
  EXPECT_LT(reader3.wait, 1'000'000) << "on three cores the reader hardly waits";
  EXPECT_LT(reader3.turnaround, writer3.turnaround) << "it is done reading before the writer finishes its queue";
  EXPECT_GT(one.result.metrics.threads[1].wait, 10'000'000) << "on one core it waits for the writer's turns";
}

}  // namespace
}  // namespace tl::test
