// Runs a Scenario to completion (or to a deadlock or a limit) and returns its trace and
// metrics. Deterministic: the same Scenario gives the same RunResult, byte for byte, on every
// platform. Tie-breaking rules are listed in docs/engine.md.
#pragma once
#include "sim/scenario/scenario.h"
#include "sim/trace/run_result.h"

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace tl {

struct RunProgress {
  std::uint64_t steps = 0;  // engine steps so far (RunResult::events)
  TimeNs now = 0;           // simulated time reached
};

// A run's cancellation point. Every kPollSteps engine steps (including inline ops, so a huge
// zero-cost loop inside one instant is still interruptible) the engine calls `progress`, then
// reads `cancel`; if it is set the run stops at that instant with Outcome::Cancelled, its
// spans closed there as for a limit. Both are optional. A cancelled run is not deterministic
// (where it stops depends on when the flag was set); everything else is.
struct RunOptions {
  static constexpr std::uint64_t kPollSteps = 4096;
  const std::atomic<bool>* cancel = nullptr;
  std::function<void(const RunProgress&)> progress;  // on the running thread
};

// Scenarios built by hand (not by parse_scenario) should respect the parser's bounds: 1..256
// cores (others are clamped), fewer than 2^20 threads, well-nested loops, positive quanta.
RunResult run(const Scenario& scenario);
RunResult run(const Scenario& scenario, const RunOptions& options);

}  // namespace tl
