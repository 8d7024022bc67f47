// Helpers of the runtime tests: scenarios from JSON, errors, spans of a thread's lane.
#pragma once
#include "../sim/test_helpers.h"
#include "sim/engine/engine.h"
#include "sim/scenario/scenario.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tl::rt_test {

inline constexpr TimeNs kUs = 1'000;
using tl::test::kMs;
using tl::test::run_json;
using tl::test::scenario_from;

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

}  // namespace tl::rt_test
