// The scenarios the picker offers: the examples compiled into the program (the web build has
// no file system), each with its title read at build time, looked up by name.
#pragma once
#include "app/state/embedded_scenarios.h"

#include <span>
#include <string>
#include <string_view>

namespace tl::app {

// In picker order; the first is the one the app opens with.
std::span<const EmbeddedScenario> embedded_scenarios();
// nullptr for a name that is not embedded (names are case-sensitive file stems: "race").
const EmbeddedScenario* find_embedded_scenario(std::string_view name);
// "slice, fifo, ..." in picker order: for error messages.
std::string embedded_scenario_names();

}  // namespace tl::app
