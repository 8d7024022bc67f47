// Scenarios built in code (as the OSTEP adapters and lessons do) rather than parsed.
#include "support/scenarios.h"

namespace tl::test {
namespace {

Scenario base(std::uint32_t cores = 1) {
  Scenario sc;
  sc.machine.cores = cores;
  sc.processes.push_back({"P", {"v"}, {5}, {"m"}, {}});
  return sc;
}

ThreadSpec thread(std::vector<Op> ops, TimeNs arrival = 0) {
  ThreadSpec t;
  t.program = std::move(ops);
  t.arrival = arrival;
  return t;
}

TEST(HandBuilt, ZeroCountLoopIsSkippedAndCpuDemandMultipliesLoops) {
  Scenario sc = base();
  sc.threads.push_back(thread({{OpKind::LoopBegin, 0}, {OpKind::Compute, 0, 1000}, {OpKind::LoopEnd, 0}, {OpKind::LoopBegin, 3}, {OpKind::Compute, 0, 10}, {OpKind::LoopEnd, 3}, {OpKind::AtomicIncrement, 0}}));
  EXPECT_EQ(program_cpu_demand(sc.threads[0].program, sc.machine), 30 + sc.machine.atomic_cost);
  RunResult r = run(sc);
  EXPECT_EQ(r.outcome, Outcome::Completed);
  EXPECT_EQ(r.metrics.makespan, 30 + sc.machine.atomic_cost);
  EXPECT_EQ(r.final_vars[0][0], 6);
}

TEST(HandBuilt, MalformedProgramsDoNotCrash) {
  Scenario sc = base();
  sc.threads.push_back(thread({{OpKind::LoopEnd, 7}, {OpKind::Compute, 0, 5}, {OpKind::LoopBegin, 2}, {OpKind::Unlock, 0}, {OpKind::Lock, 9}, {OpKind::Load, 4}, {OpKind::Store, 4}}));
  sc.threads.back().process = 42;
  RunResult r = run(sc);
  EXPECT_EQ(r.outcome, Outcome::Completed);
  EXPECT_EQ(r.final_vars[0][0], 5);
}

TEST(HandBuilt, NoProcessesAndOversizedMachine) {
  Scenario sc;
  sc.machine.cores = 1000;  // clamped to 256
  sc.threads.push_back(thread({{OpKind::Compute, 0, 5}, {OpKind::Lock, 0}, {OpKind::AtomicIncrement, 0}}));
  RunResult r = run(sc);
  EXPECT_EQ(r.outcome, Outcome::Completed);
  EXPECT_EQ(r.trace.cores.size(), 256u);
  EXPECT_TRUE(r.final_vars.empty());
}

// The engine runs 0 cores as 1 and 1000 as 256; every policy must size its per-core state the
// same way, or a core the engine uses has no slot in the policy (cyclic picked nothing on 0
// cores and the run ended as a false deadlock).
TEST(HandBuilt, EveryPolicyClampsCoresLikeTheEngine) {
  for (PolicyKind policy : {PolicyKind::Fifo, PolicyKind::Sjf, PolicyKind::Stcf, PolicyKind::Rr, PolicyKind::Priority,
                            PolicyKind::Mlfq, PolicyKind::Cyclic}) {
    auto make = [&](std::uint32_t cores) {
      Scenario sc = base(cores);
      sc.scheduler.policy = policy;
      if (policy == PolicyKind::Mlfq) sc.scheduler.levels.assign(3, MlfqLevel{sc.scheduler.quantum, 1});
      for (int i = 0; i < 3; ++i) sc.threads.push_back(thread({{OpKind::Compute, 0, 100}, {OpKind::Io, 0, 50}, {OpKind::Compute, 0, 100}}));
      return sc;
    };
    for (auto [given, used] : {std::pair{0u, 1u}, std::pair{1000u, 256u}}) {
      const RunResult r = run(make(given)), same = run(make(used));
      EXPECT_EQ(r.outcome, Outcome::Completed) << to_string(policy) << " on " << given << " cores";
      EXPECT_EQ(r.trace.cores.size(), used);
      EXPECT_EQ(r.metrics.makespan, same.metrics.makespan) << to_string(policy) << " on " << given << " cores";
      EXPECT_EQ(r.trace.completion, same.trace.completion) << to_string(policy);
    }
  }
}

TEST(HandBuilt, NoThreadsCompletesAtZero) {
  RunResult r = run(base());
  EXPECT_EQ(r.outcome, Outcome::Completed);
  EXPECT_EQ(r.metrics.makespan, 0);
}

}  // namespace
}  // namespace tl::test
