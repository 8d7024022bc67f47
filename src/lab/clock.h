// Wall-clock timing for the measurements: monotonic nanoseconds, medians of repeats, and a
// deadline every measurement loop checks so that no measurement runs longer than its budget.
#pragma once
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <vector>

namespace tl::lab {

using Nanos = std::int64_t;

inline Nanos now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// The median of the samples (the lower middle one for an even count, so it is always a value
// that was measured); 0 for none. Medians, not means: a shared machine adds rare huge outliers.
inline Nanos median(std::vector<Nanos> samples) {
  if (samples.empty()) return 0;
  const auto middle = samples.begin() + static_cast<std::ptrdiff_t>((samples.size() - 1) / 2);
  std::nth_element(samples.begin(), middle, samples.end());
  return *middle;
}

// A loop runs at least `min_repeats` times, then stops at `max_repeats` or when the budget is spent.
class Budget {
 public:
  Budget(Nanos budget_ns, int min_repeats, int max_repeats)
      : end_(now_ns() + budget_ns), min_(min_repeats), max_(max_repeats) {}
  bool another(int done) const { return done < min_ || (done < max_ && now_ns() < end_); }

 private:
  Nanos end_;
  int min_, max_;
};

}  // namespace tl::lab
