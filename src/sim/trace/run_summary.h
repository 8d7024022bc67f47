// A finished run in words, for every front end (the app's info panel, the CLI's tables): how
// it ended, the final value of each shared variable with the increments that completed and
// how many of them a race lost, and a deadlock's wait-for edges. One wording, written once.
#pragma once
#include "sim/scenario/scenario.h"
#include "sim/trace/run_result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tl {

// "" for a completed run; otherwise one line, e.g. "deadlock: transfer_ab waits for bank.b
// held by transfer_ba, transfer_ba waits for bank.a held by transfer_ab (no thread can go
// on, so the run stops)".
std::string outcome_line(const Scenario& scenario, const RunResult& result);

// One wait-for edge of a deadlock: "transfer_ab waits for bank.b held by transfer_ba"
// ("held by nobody" if no thread holds the mutex).
std::string wait_line(const Scenario& scenario, const WaitEdge& edge);

struct VariableSummary {
  std::string name;              // "P0.counter"
  std::int64_t value = 0;        // at the end of the run
  std::int64_t initial = 0;      // as declared
  std::uint64_t increments = 0;  // increments that completed in the run (RunResult::increments)
};

// One per shared variable of every process, declaration order (empty without any).
std::vector<VariableSummary> shared_variables(const Scenario& scenario, const RunResult& result);

// initial + increments - value: the increments a race overwrote. The engine counts the
// increments that completed, so this is exact even for a run that stopped early.
std::int64_t lost_updates(const VariableSummary& variable);
// True if some completed increment is missing from the final value.
bool lost_any(const VariableSummary& variable);

// "P0.counter = 1059 (2000 increments, 941 lost)", "... none lost)", or "P0.x = 3" when
// nothing incremented it.
std::string variable_line(const VariableSummary& variable);

}  // namespace tl
