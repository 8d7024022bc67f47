// Shared helpers for the simulation tests: scenarios from JSON text, runs, and lookups.
#pragma once
#include "sim/engine/engine.h"
#include "sim/scenario/scenario.h"

#include <gtest/gtest.h>

#include <string>

namespace tl::test {

inline Scenario scenario_from(const std::string& json) {
  ParseResult r = parse_scenario(json);
  std::string all;
  for (const ScenarioError& e : r.errors) all += format_error(e) + "\n";
  EXPECT_TRUE(r.scenario.has_value()) << all;
  return r.scenario ? *r.scenario : Scenario{};
}

inline RunResult run_json(const std::string& json) { return run(scenario_from(json)); }

inline constexpr TimeNs us(double v) { return static_cast<TimeNs>(v * 1000.0 + 0.5); }
inline constexpr TimeNs kMs = 1'000'000;

}  // namespace tl::test
