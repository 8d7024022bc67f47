// The scenarios the picker offers: the examples compiled into the program
// (embedded_scenarios.h), looked up by name, and loaded into the app.
#pragma once
#include "app/app.h"
#include "app/embedded_scenarios.h"

#include <span>
#include <string>
#include <string_view>

namespace tl::app {

std::span<const EmbeddedScenario> embedded_scenarios();

struct ScenarioInfo {                  // what the picker lists, read once from the embedded files
  const char* name;                    // "gil_latency"
  std::string title;                   // its "name": "An I/O thread beside a CPU-bound thread"
};
// One per embedded scenario, same order; built on first use.
std::span<const ScenarioInfo> scenario_catalog();
// nullptr for a name that is not embedded (names are case-sensitive file stems: "race").
const EmbeddedScenario* find_embedded_scenario(std::string_view name);
// "slice, fifo, ..." in picker order: for error messages.
std::string embedded_scenario_names();

// Loads an embedded scenario (the picker, --scenario, tl_set_scenario): the Cores slider goes
// to the scenario's own machine.cores (clamped to the slider), the playhead to the start, and
// its run is submitted; the view fits the run once it is shown. False for an unknown name
// (state unchanged), or, which the headless tests rule out, an embedded file that does not parse.
bool select_scenario(AppState& state, std::string_view name);

// Whether a description states a core count ("on two cores", "on 2 cores", "one core"), so the
// UI can say which count it describes once the learner moves the slider.
bool mentions_core_count(std::string_view description);

}  // namespace tl::app
