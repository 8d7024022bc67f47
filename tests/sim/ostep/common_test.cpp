// The optparse-like flag reader and the exact number helpers the OSTEP adapters print with.
#include "sim/ostep/common.h"

#include <gtest/gtest.h>

namespace tl::ostep {
namespace {

enum { kQuantum,
       kQuantumList,
       kSolve,
       kStats };
constexpr FlagSpec kSpecs[] = {
    {'q', "quantum", true, kQuantum},
    {'Q', "quantumList", true, kQuantumList},
    {'c', nullptr, false, kSolve},
    {'p', "printstats", false, kStats},
};

FlagParse parse(std::vector<std::string> args) { return parse_flags(kSpecs, args); }

TEST(OstepFlags, AcceptsEveryOptparseSpelling) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"-q", "7"}, {"-q7"}, {"--quantum", "7"}, {"--quantum=7"}}) {
    FlagParse f = parse(args);
    ASSERT_TRUE(f.error.empty()) << args[0] << ": " << f.error;
    ASSERT_EQ(f.values.size(), 1u) << args[0];
    EXPECT_EQ(f.values[0].id, kQuantum);
    EXPECT_EQ(f.values[0].value, "7");
  }
}

TEST(OstepFlags, ClusteredSwitchesAndNegativeValues) {
  FlagParse f = parse({"-cp", "-q", "-3"});
  ASSERT_TRUE(f.error.empty()) << f.error;
  ASSERT_EQ(f.values.size(), 3u);
  EXPECT_EQ(f.values[0].id, kSolve);
  EXPECT_EQ(f.values[1].id, kStats);
  EXPECT_EQ(f.values[2].value, "-3");
}

TEST(OstepFlags, ReportsUnknownAmbiguousAndMissing) {
  EXPECT_EQ(parse({"--nope"}).error, "unknown flag '--nope'");
  EXPECT_EQ(parse({"-x"}).error, "unknown flag '-x'");
  EXPECT_EQ(parse({"--quantum"}).error, "-q/--quantum: needs a value");
  EXPECT_EQ(parse({"--printstats=1"}).error, "-p/--printstats: takes no value");
  EXPECT_EQ(parse({"stray"}).error, "unexpected argument 'stray'");
  // "--q" is a prefix of both quantum and quantumList.
  EXPECT_EQ(parse({"--q=1"}).error, "ambiguous flag '--q'");
  // An exact long name wins over being a prefix of another; a unique prefix is enough.
  EXPECT_TRUE(parse({"--quantum=1"}).error.empty());
  FlagParse f = parse({"--prints"});
  ASSERT_TRUE(f.error.empty()) << f.error;
  EXPECT_EQ(f.values.at(0).id, kStats);
}

TEST(OstepNumbers, ParseIntChecksSyntaxAndRange) {
  std::int64_t v = 0;
  EXPECT_FALSE(parse_int("+12", 0, 100, v));
  EXPECT_EQ(v, 12);
  EXPECT_EQ(*parse_int("1x", 0, 100, v), "expected an integer, got '1x'");
  EXPECT_EQ(*parse_int("", 0, 100, v), "expected an integer, got ''");
  EXPECT_EQ(*parse_int("101", 0, 100, v), "must be between 0 and 100, got 101");
  EXPECT_TRUE(parse_int("99999999999999999999", 0, 100, v).has_value());
}

TEST(OstepNumbers, ParseScaledIsExactToSixDecimals) {
  std::int64_t v = 0;
  EXPECT_FALSE(parse_scaled("2.5", 6, 100, v));
  EXPECT_EQ(v, 2'500'000);
  EXPECT_FALSE(parse_scaled("0.000001", 6, 100, v));
  EXPECT_EQ(v, 1);
  EXPECT_FALSE(parse_scaled(".5", 6, 100, v));
  EXPECT_EQ(v, 500'000);
  EXPECT_TRUE(parse_scaled("0.0000001", 6, 100, v).has_value());  // 7 decimals
  EXPECT_TRUE(parse_scaled("-1", 6, 100, v).has_value());
  EXPECT_TRUE(parse_scaled("1e3", 6, 100, v).has_value());
  EXPECT_TRUE(parse_scaled(".", 6, 100, v).has_value());
  EXPECT_EQ(*parse_scaled("101", 6, 100, v), "must be at most 100, got 101");
}

TEST(OstepNumbers, FormatsLikePython) {
  EXPECT_EQ(format_scaled(2'500'000, 6), "2.5");
  EXPECT_EQ(format_scaled(3'000'000, 6), "3");
  EXPECT_EQ(format_scaled(-1'500, 3), "-1.5");
  EXPECT_EQ(python_float_str(5'000'000), "5.0");
  EXPECT_EQ(python_float_str(125'000), "0.125");
  // '%.2f' rounds exact binary ties to even, as Python does (ostep-compat.md, sched-35).
  EXPECT_EQ(fixed2(70.125), "70.12");
  EXPECT_EQ(fixed2(0.375), "0.38");
  EXPECT_EQ(fixed2(10.0 / 3.0 + 7.0), "10.33");
}

TEST(OstepRandom, SeededGeneratorIsDeterministicAndInRange) {
  SplitMix64 a{42}, b{42};
  for (int i = 0; i < 1000; ++i) {
    std::int64_t x = a.between(1, 10);
    EXPECT_EQ(x, b.between(1, 10));
    EXPECT_GE(x, 1);
    EXPECT_LE(x, 10);
  }
}

}  // namespace
}  // namespace tl::ostep
