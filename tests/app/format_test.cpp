#include "app/format.h"

#include <gtest/gtest.h>
#include <string>

namespace tl::app {
namespace {

std::string t(TimeNs ns) { return format_time(ns).c_str(); }
std::string tick(TimeNs ns, TimeNs step) { return format_tick(ns, step).c_str(); }

TEST(Format, TimesUseTheUnitThatFits) {
  EXPECT_EQ(t(0), "0");
  EXPECT_EQ(t(750), "750 ns");
  EXPECT_EQ(t(1'500), "1.5 \xC2\xB5s");
  EXPECT_EQ(t(12'345'678), "12.35 ms");
  EXPECT_EQ(t(250'000'000), "250 ms");
  EXPECT_EQ(t(1'500'000'000), "1.5 s");
}

TEST(Format, TicksShowJustEnoughDecimalsForTheirStep) {
  EXPECT_EQ(tick(0, 2'000'000), "0");
  EXPECT_EQ(tick(4'000'000, 2'000'000), "4 ms");
  EXPECT_EQ(tick(1'500'000, 500'000), "1.5 ms");
  EXPECT_EQ(tick(1'250'000, 50'000), "1.25 ms");
  EXPECT_EQ(tick(300, 100), "300 ns");
  EXPECT_EQ(tick(500'000, 500'000), "500 \xC2\xB5s");
  EXPECT_EQ(tick(2'000'100, 100), "2.0001 ms");
}

TEST(Format, NiceStepsAreOneTwoOrFiveTimesAPowerOfTen) {
  EXPECT_EQ(nice_step(0.3), 1);
  EXPECT_EQ(nice_step(1.5), 2);
  EXPECT_EQ(nice_step(3), 5);
  EXPECT_EQ(nice_step(7), 10);
  EXPECT_EQ(nice_step(90'001), 100'000);
  EXPECT_EQ(nice_step(120'000), 200'000);
}

}  // namespace
}  // namespace tl::app
