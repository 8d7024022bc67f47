// Helpers of the model tests: scenarios built as JSON text with repeated threads.
#pragma once
#include "support/scenarios.h"

#include <string>

namespace tl::model_test {

using tl::test::kMs;
using tl::test::kUs;
using tl::test::run_json;
using tl::test::scenario_from;

// `n` copies of one thread object, comma-separated, for a "threads" array.
inline std::string threads(int n, const std::string& thread) {
  std::string out;
  for (int i = 0; i < n; ++i) out += (i ? "," : "") + thread;
  return out;
}

inline double ms(TimeNs t) { return static_cast<double>(t) / 1e6; }

}  // namespace tl::model_test
