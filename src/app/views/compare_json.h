// What the Compare view shows, for tl_state_json (browser tests, a host page): its workload,
// where its timelines, controls and chart are, the figures with their ratio, and the sweep.
#pragma once
#include "app/views/compare_state.h"

#include <nlohmann/json.hpp>

namespace tl::app {

nlohmann::json compare_state_json(const CompareState& state);

}  // namespace tl::app
