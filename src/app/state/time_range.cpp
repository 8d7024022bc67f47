#include "app/state/time_range.h"

#include <algorithm>
#include <cmath>

namespace tl::app {

void fit_range(TimeRange& range, TimeNs extent) {
  range.extent = std::max<TimeNs>(extent, 1);
  range.t0 = 0;
  range.t1 = range.extent;
}

void set_range(TimeRange& range, double t0, double t1) {
  const double extent = double(std::max<TimeNs>(range.extent, 1));
  const double width = std::clamp(t1 - t0, double(std::min<TimeNs>(kMinRangeNs, TimeNs(extent))), extent);
  t0 = std::clamp(t0, 0.0, extent - width);
  range.t0 = TimeNs(std::llround(t0));
  range.t1 = std::max(range.t0 + 1, TimeNs(std::llround(t0 + width)));
}

void zoom_range(TimeRange& range, double at, double factor) {
  set_range(range, at - (at - double(range.t0)) * factor, at + (double(range.t1) - at) * factor);
}

void pan_range(TimeRange& range, double shift_ns) {
  set_range(range, double(range.t0) + shift_ns, double(range.t1) + shift_ns);
}

}  // namespace tl::app
