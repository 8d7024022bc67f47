// Helpers of the simulation tests: scenarios from JSON text, runs, parse errors, and the time a
// thread's lane spends in a state.
#pragma once
#include "sim/engine/engine.h"
#include "sim/scenario/scenario.h"

#include <gtest/gtest.h>

#include <string>

namespace tl::test {

inline constexpr TimeNs kUs = 1'000;
inline constexpr TimeNs kMs = 1'000'000;
inline constexpr TimeNs us(double v) { return static_cast<TimeNs>(v * 1000.0 + 0.5); }

// The scenario, or an empty one after a test failure listing every parse error.
inline Scenario scenario_from(const std::string& json) {
  ParseResult r = parse_scenario(json);
  std::string all;
  for (const ScenarioError& e : r.errors) all += format_error(e) + "\n";
  EXPECT_TRUE(r.scenario.has_value()) << all;
  return r.scenario ? *r.scenario : Scenario{};
}

inline RunResult run_json(const std::string& json) { return run(scenario_from(json)); }

inline bool has_error(const std::string& json, const std::string& path, const std::string& fragment) {
  for (const ScenarioError& e : parse_scenario(json).errors)
    if (e.path == path && e.message.find(fragment) != std::string::npos) return true;
  return false;
}

inline std::string all_errors(const std::string& json) {
  std::string all;
  for (const ScenarioError& e : parse_scenario(json).errors) all += format_error(e) + "\n";
  return all;
}

// Start of the thread's first span in `state` (-1 if none).
inline TimeNs first_in(const RunResult& r, ThreadId t, ThreadState state) {
  for (const StateSpan& s : r.trace.threads[t])
    if (s.state == state) return s.start;
  return -1;
}

inline TimeNs total_in(const RunResult& r, ThreadId t, ThreadState state) {
  TimeNs sum = 0;
  for (const StateSpan& s : r.trace.threads[t])
    if (s.state == state) sum += s.end - s.start;
  return sum;
}

}  // namespace tl::test
