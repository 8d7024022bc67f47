// Times, ratios and JSON strings as every front end writes them: exact, no floating point.
#include "sim/core/format.h"

#include <gtest/gtest.h>

namespace tl {
namespace {

TEST(Format, TimesAreExactMicroseconds) {
  EXPECT_EQ(format_us(0), "0");
  EXPECT_EQ(format_us(1'500), "1.5");
  EXPECT_EQ(format_us(1'234'567), "1234.567");
  EXPECT_EQ(format_us(1'000'010), "1000.01");
  EXPECT_EQ(format_us(-1), "-0.001");
  std::string s;
  append_json_string(s, "a\"b\\c\n\x01");
  EXPECT_EQ(s, "\"a\\\"b\\\\c\\n\\u0001\"");
}

TEST(Format, RatiosHaveThreeDecimals) {
  EXPECT_EQ(format_thousandths(1'978), "1.978");
  EXPECT_EQ(format_thousandths(2'000), "2.000");
  EXPECT_EQ(format_thousandths(5), "0.005");
  EXPECT_EQ(format_thousandths(-1'500), "-1.500");
}

TEST(ByteSize, LimitsReadAsPeopleWriteThem) {
  EXPECT_EQ(format_byte_size(64u << 20), "64 MiB");
  EXPECT_EQ(format_byte_size(1u << 20), "1 MiB");
  EXPECT_EQ(format_byte_size(256u << 10), "256 KiB");
  EXPECT_EQ(format_byte_size(1536), "1536 bytes");
  EXPECT_EQ(format_byte_size(0), "0 bytes");
}

}  // namespace
}  // namespace tl
