// The lines above the controls: the program's and the scenario's title, what the scenario
// shows (its description), how the run ended when it did not complete, and the final values
// of its shared variables: their values at the playhead beside the final ones.
#pragma once
#include "app/state/document.h"
#include "app/state/run_slot.h"
#include "app/rect.h"
#include "sim/scenario/scenario.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace tl::app {

struct ScenarioInfoLayout {  // where the last frame put the run's lines (zero: none)
  Rect outcome_line;         // the run's outcome in words (zero when completed)
  Rect variables_line;       // the shared variables' values
  std::string variables;     // its text
};

// `error`: a scenario that failed to load or run, shown last. `at_playhead`: each shared
// variable's value at the playhead (run.variables order; empty: show the final values only).
void draw_scenario_info(const Document& document, int cores, const ShownRun& run, const std::string& error,
                        std::span<const std::int64_t> at_playhead, ScenarioInfoLayout& layout);

// The description as shown: with "(default: 2 cores; now 4)" when it states a core count.
std::string description_text(const Document& document, int cores);
// The line shown when a scenario has no description: what the core rows and thread rows are
// ("CPU rows" of hardware threads with SMT).
std::string lanes_legend(const MachineSpec& machine);
// "shared: P0.counter = 1059 (2000 increments, 941 lost)"; "" without shared variables.
std::string variables_text(const std::vector<VariableSummary>& variables);
// "shared: P0.counter = 412 at the playhead; at the end 1059 (2000 increments, 941 lost)".
std::string variables_text(const std::vector<VariableSummary>& variables, std::span<const std::int64_t> at_playhead);

}  // namespace tl::app
