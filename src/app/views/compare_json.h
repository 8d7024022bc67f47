// What the Compare view shows, for tl_state_json (browser tests, a host page): its workload,
// where its timelines, controls and chart are, the figures with their ratio, and the sweep.
#pragma once
#include "app/views/compare_state.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace tl::app {

nlohmann::json compare_state_json(const CompareState& state);

// A figure as the figures panel prints it: "12.3 ms", "42", "1.5 MB".
std::string figure_text(FigureUnit unit, std::int64_t value);

// What the page's text view says about the comparison: its title and cores, and per figure the
// shown models' values as text with their ratio; "pending" while a model still runs.
nlohmann::json compare_text_json(const CompareState& state);

}  // namespace tl::app
