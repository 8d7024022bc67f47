#include "app/state/catalog.h"

#include <algorithm>
#include <iterator>

namespace tl::app {

std::span<const EmbeddedScenario> embedded_scenarios() { return kEmbeddedScenarios; }

const EmbeddedScenario* find_embedded_scenario(std::string_view name) {
  const auto it = std::find_if(std::begin(kEmbeddedScenarios), std::end(kEmbeddedScenarios),
                               [&](const EmbeddedScenario& s) { return name == s.name; });
  return it == std::end(kEmbeddedScenarios) ? nullptr : &*it;
}

std::string embedded_scenario_names() {
  std::string names;
  for (const EmbeddedScenario& s : kEmbeddedScenarios) {
    if (!names.empty()) names += ", ";
    names += s.name;
  }
  return names;
}

}  // namespace tl::app
