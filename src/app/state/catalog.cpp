#include "app/scenarios.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <nlohmann/json.hpp>
#include <vector>

namespace tl::app {

std::span<const EmbeddedScenario> embedded_scenarios() { return kEmbeddedScenarios; }

std::span<const ScenarioInfo> scenario_catalog() {
  static const std::vector<ScenarioInfo> catalog = [] {
    std::vector<ScenarioInfo> out;
    for (const EmbeddedScenario& s : kEmbeddedScenarios) {
      const nlohmann::json document = nlohmann::json::parse(s.json, nullptr, false);
      const bool titled = document.is_object() && document.contains("name") && document["name"].is_string();
      out.push_back({s.name, titled ? document["name"].get<std::string>() : std::string(s.name)});
    }
    return out;
  }();
  return catalog;
}

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

bool select_scenario(AppState& state, std::string_view name) {
  const EmbeddedScenario* found = find_embedded_scenario(name);
  if (found == nullptr || !load_scenario(state, found->json, found->name)) return false;
  state.playing = true;   // a new lesson plays from the start
  return true;
}

bool mentions_core_count(std::string_view description) {
  static constexpr std::string_view kCounts[] = {"one", "two", "three", "four", "eight", "sixteen"};
  std::string text(description);
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  for (std::size_t at = text.find("core"); at != std::string::npos; at = text.find("core", at + 1)) {
    // The word before "core"/"cores": a number in digits or in words.
    std::size_t end = at;
    while (end > 0 && text[end - 1] == ' ') --end;
    std::size_t begin = end;
    while (begin > 0 && std::isalnum(static_cast<unsigned char>(text[begin - 1]))) --begin;
    const std::string_view word = std::string_view(text).substr(begin, end - begin);
    if (word.empty() || end == at) continue;   // "multicore", or nothing before it
    if (std::all_of(word.begin(), word.end(), [](unsigned char c) { return std::isdigit(c); })) return true;
    if (std::find(std::begin(kCounts), std::end(kCounts), word) != std::end(kCounts)) return true;
  }
  return false;
}

}  // namespace tl::app
