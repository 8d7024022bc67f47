// The visible window every synchronised view shares: zoom keeps the time under the cursor,
// and no zoom or pan leaves the run or goes deeper than kMinRangeNs.
#include "app/state/time_range.h"

#include <gtest/gtest.h>

namespace tl::app {
namespace {

TEST(TimeRange, FitShowsTheWholeExtent) {
  TimeRange range;
  fit_range(range, 1'000'000);
  EXPECT_EQ(range.t0, 0);
  EXPECT_EQ(range.t1, 1'000'000);
  fit_range(range, 0);
  EXPECT_EQ(range.t1, 1) << "an empty run still has a 1 ns window";
}

TEST(TimeRange, ZoomKeepsTheTimeAtTheCursorWhereItIs) {
  TimeRange range;
  fit_range(range, 1'000'000);
  zoom_range(range, 250'000, 0.5);  // the cursor a quarter of the way in
  EXPECT_EQ(range.t0, 125'000);
  EXPECT_EQ(range.t1, 625'000);
  EXPECT_DOUBLE_EQ(double(250'000 - range.t0) / double(range.width()), 0.25);
}

TEST(TimeRange, NeitherZoomNorPanLeavesTheRun) {
  TimeRange range;
  fit_range(range, 1'000'000);
  zoom_range(range, 500'000, 4.0);
  EXPECT_EQ(range.t0, 0);
  EXPECT_EQ(range.t1, 1'000'000) << "zooming out stops at the whole run";
  for (int i = 0; i < 40; ++i) zoom_range(range, 999'990, 0.5);
  EXPECT_EQ(range.width(), kMinRangeNs) << "the deepest zoom";
  EXPECT_LE(range.t1, 1'000'000);
  pan_range(range, 5'000'000);
  EXPECT_EQ(range.t1, 1'000'000);
  EXPECT_EQ(range.width(), kMinRangeNs) << "panning against the end keeps the width";
  pan_range(range, -5'000'000);
  EXPECT_EQ(range.t0, 0);
  EXPECT_EQ(range.width(), kMinRangeNs);
}

}  // namespace
}  // namespace tl::app
