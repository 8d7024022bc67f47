// The visible window of simulated time, like Tracy's view data: a small value that every
// synchronised view shares. Two timelines handed the same TimeRange zoom and pan together.
#pragma once
#include "sim/core/types.h"

namespace tl::app {

inline constexpr TimeNs kMinRangeNs = 50;  // deepest zoom

struct TimeRange {
  TimeNs t0 = 0;  // visible [t0, t1)
  TimeNs t1 = 1;
  TimeNs extent = 1;  // what there is to see: [0, extent), the longest run shown

  TimeNs width() const { return t1 - t0; }
};

// Shows all of [0, extent) (extent at least 1 ns).
void fit_range(TimeRange& range, TimeNs extent);
// Shows [t0, t1), kept inside [0, extent) and at least kMinRangeNs wide (or the extent).
void set_range(TimeRange& range, double t0, double t1);
// Zooms by `factor` (< 1: in) keeping the time `at` where it is on screen.
void zoom_range(TimeRange& range, double at, double factor);
// Moves the window by `shift_ns` (positive: later times come into view), keeping its width.
void pan_range(TimeRange& range, double shift_ns);

}  // namespace tl::app
