// The lines above the controls: the program's and the scenario's title, what the scenario
// shows (its description), how the run ended when it did not complete, and the final values
// of its shared variables.
#pragma once
#include "app/state/document.h"
#include "app/state/run_slot.h"
#include "app/rect.h"

#include <string>
#include <vector>

namespace tl::app {

struct ScenarioInfoLayout {  // where the last frame put the run's lines (zero: none)
  Rect outcome_line;         // the run's outcome in words (zero when completed)
  Rect variables_line;       // the shared variables' final values
};

// `error`: a scenario that failed to load or run, shown last.
void draw_scenario_info(const Document& document, int cores, const ShownRun& run, const std::string& error,
                        ScenarioInfoLayout& layout);

// The description as shown: with "(default: 2 cores; now 4)" when it states a core count.
std::string description_text(const Document& document, int cores);
// "shared: P0.counter = 1059 (2000 increments, 941 lost)"; "" without shared variables.
std::string variables_text(const std::vector<VariableSummary>& variables);

}  // namespace tl::app
