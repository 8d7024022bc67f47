#include "app/args.h"

#include <array>
#include <cstdio>
#include <gtest/gtest.h>
#include <string>
#include <sys/wait.h>

namespace tl::app {
namespace {

template <std::size_t N>
ParsedArgs parse(const std::array<const char*, N>& args) {
  return parse_args(std::span<const char* const>(args.data(), args.size()));
}

TEST(Args, DefaultsWithoutArguments) {
  const ParsedArgs parsed = parse(std::array<const char*, 0>{});
  EXPECT_TRUE(parsed.errors.empty());
  EXPECT_EQ(parsed.options.cores, 0);
  EXPECT_EQ(parsed.options.frames, 0);
  EXPECT_FALSE(parsed.options.help);
}

TEST(Args, ValidOptions) {
  const ParsedArgs parsed = parse(std::array{"--cores", "16", "--frames", "120", "--screenshot", "s.ppm"});
  EXPECT_TRUE(parsed.errors.empty());
  EXPECT_EQ(parsed.options.cores, 16);
  EXPECT_EQ(parsed.options.frames, 120);
  EXPECT_EQ(parsed.options.screenshot, "s.ppm");
  EXPECT_TRUE(parse(std::array{"--help"}).options.help);
}

TEST(Args, CoresOutsideTheSliderAreRejectedWithOptionRangeAndValue) {
  for (const char* bad : {"0", "17", "-3", "abc", "4x", "", "99999999999"}) {
    const ParsedArgs parsed = parse(std::array{"--cores", bad});
    ASSERT_EQ(parsed.errors.size(), 1u) << bad;
    EXPECT_EQ(parsed.errors[0], std::string("error: --cores: expected a whole number from 1 to 16, got '") + bad + "'");
    EXPECT_EQ(parsed.options.cores, 0) << "the default stays (the web goes on with it)";
  }
  const ParsedArgs missing = parse(std::array{"--cores"});
  ASSERT_EQ(missing.errors.size(), 1u);
  EXPECT_EQ(missing.errors[0], "error: --cores: missing value (a whole number from 1 to 16)");
}

TEST(Args, EveryProblemIsReportedAndParsingGoesOn) {
  const ParsedArgs parsed = parse(std::array{"--frames", "0", "--bogus", "--cores", "8"});
  ASSERT_EQ(parsed.errors.size(), 2u);
  EXPECT_EQ(parsed.errors[0], "error: --frames: expected a whole number from 1 to 1000000000, got '0'");
  EXPECT_EQ(parsed.errors[1], "error: unknown argument '--bogus' (see --help)");
  EXPECT_EQ(parsed.options.cores, 8);
}

struct Exit {
  int         status;
  std::string output;
};

Exit run_program(const std::string& args) {
  const std::string command = std::string(TL_APP_EXE) + " " + args + " 2>&1";
  std::FILE* pipe = popen(command.c_str(), "r");
  Exit result{-1, {}};
  if (pipe == nullptr) return result;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe)) result.output += buffer;
  const int status = pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// Argument errors are handled before any window opens, so this needs no display.
TEST(Args, TheDesktopProgramExits2WithOneClearLine) {
  const Exit bad = run_program("--cores 17");
  EXPECT_EQ(bad.status, 2);
  EXPECT_EQ(bad.output, "error: --cores: expected a whole number from 1 to 16, got '17'\n");
}

TEST(Args, AnUnknownScenarioExits2WithOneLineListingTheNames) {
  const Exit bad = run_program("--scenario nope");
  EXPECT_EQ(bad.status, 2);
  EXPECT_EQ(bad.output.rfind("error: --scenario: unknown scenario 'nope' (one of: slice, ", 0), 0u) << bad.output;
  EXPECT_NE(bad.output.find(", race, "), std::string::npos) << bad.output;
  EXPECT_EQ(bad.output.find('\n'), bad.output.size() - 1) << "one line";
}

TEST(Args, HelpPrintsUsageAndExits0) {
  const Exit help = run_program("--help");
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.output.find("--cores N"), std::string::npos) << help.output;
  EXPECT_NE(help.output.find("--scenario NAME"), std::string::npos) << help.output;
}

}  // namespace
}  // namespace tl::app
