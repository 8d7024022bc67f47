// What a finished run says in words, beside its timeline: how it ended when it did not
// complete (a deadlock's wait-for edges) and the final values of the shared variables, which
// is what makes a race visible (fewer than the increments the programs made).
#pragma once
#include "sim/engine/engine.h"
#include "sim/scenario/scenario.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tl::app {

// "" for a completed run; otherwise one line, e.g. "deadlock: transfer_ab waits for bank.b
// held by transfer_ba, transfer_ba waits for bank.a held by transfer_ab".
std::string outcome_line(const Scenario& scenario, const RunResult& result);

struct VariableSummary {
  std::string   name;                  // "P0.counter"
  std::int64_t  value      = 0;        // at the end of the run
  std::int64_t  initial    = 0;        // as declared
  std::uint64_t increments = 0;        // increments that completed in the run (RunResult::increments)
};

// One per shared variable of every process, declaration order (empty without any).
std::vector<VariableSummary> shared_variables(const Scenario& scenario, const RunResult& result);

// "P0.counter = 1059 (2000 increments, 941 lost)", or "none lost".
std::string variable_line(const VariableSummary& variable);

}  // namespace tl::app
