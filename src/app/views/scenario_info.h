// The lines above the controls: the program's and the scenario's title, what the scenario
// shows (its description), how the run ended when it did not complete, and the final values
// of its shared variables.
#pragma once
#include "app/app.h"

#include <string>

namespace tl::app {

void draw_scenario_info(AppState& state);   // records the outcome and variables lines' layout

// The description as shown: with "(default: 2 cores; now 4)" when it states a core count.
std::string description_text(const AppState& state);
// "shared: P0.counter = 1059 (2000 increments, 941 lost)"; "" without shared variables.
std::string variables_text(const AppState& state);

}  // namespace tl::app
