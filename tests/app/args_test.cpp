#include "app/state/args.h"
#include "app/state/interface_table.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
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

// The web loader builds these words from URL parameters, which may hold %0A: a word quoted in an
// error shows its control characters as '?', so each error stays one line.
TEST(Args, WordsWithLineBreaksStayOneErrorLineEach) {
  const ParsedArgs parsed = parse(std::array{"--lesson", "ra\nces", "--view", "time\rline", "--compare", "c\npu",
                                             "--cores", "4\n", "--sce\nnario", "a.json", "b\n.json"});
  ASSERT_EQ(parsed.errors.size(), 6u);
  for (const std::string& e : parsed.errors) EXPECT_EQ(e.find_first_of("\n\r"), std::string::npos) << e;
  EXPECT_NE(parsed.errors[0].find("unknown lesson 'ra?ces'"), std::string::npos) << parsed.errors[0];
  EXPECT_NE(parsed.errors[4].find("unknown argument '--sce?nario'"), std::string::npos) << parsed.errors[4];
}

TEST(Args, AFileArgumentIsTheScenarioToOpen) {
  const ParsedArgs parsed = parse(std::array{"examples/race.json", "--cores", "4"});
  EXPECT_TRUE(parsed.errors.empty());
  EXPECT_EQ(parsed.options.file, "examples/race.json");
  EXPECT_EQ(parsed.options.cores, 4);
  const ParsedArgs two = parse(std::array{"a.json", "b.json"});
  ASSERT_EQ(two.errors.size(), 1u);
  EXPECT_EQ(two.errors[0], "error: unexpected argument 'b.json' (one scenario FILE at most)");
  const ParsedArgs both = parse(std::array{"a.json", "--scenario", "race"});
  ASSERT_EQ(both.errors.size(), 1u);
  EXPECT_EQ(both.errors[0], "error: --scenario: give a scenario FILE or --scenario NAME, not both");
}

// interface.json is the one list of options: every key in it is understood, and the usage
// text is made from it.
TEST(Args, EveryOptionInTheTableIsUnderstoodAndDocumented) {
  const std::string usage = usage_text();
  for (const OptionKey& option : kOptionKeys) {
    const std::string flag = "--" + std::string(option.key);
    const std::string_view key = option.key;
    const char* value = key == "scenario" ? "race" : key == "lesson" ? "races"
                                                 : key == "view"     ? "memory"
                                                 : key == "compare"  ? "io"
                                                                     : "3";
    const ParsedArgs parsed = *option.value != '\0' ? parse(std::array{flag.c_str(), value}) : parse(std::array{flag.c_str()});
    EXPECT_TRUE(parsed.errors.empty()) << flag << ": " << (parsed.errors.empty() ? "" : parsed.errors[0]);
    EXPECT_NE(usage.find(flag), std::string::npos) << flag;
    EXPECT_NE(usage.find(option.help), std::string::npos) << flag;
  }
  std::set<std::string> url;
  for (const OptionKey& option : kOptionKeys)
    if (option.url) url.insert(option.key);
  EXPECT_EQ(url, (std::set<std::string>{"scenario", "lesson", "compare", "cores", "view"})) << "what a page URL may set";
}

// The functions the page calls are declared in api.h (and the lab's in lab_api.h) and listed in
// interface.json (which the web link exports): the two lists agree.
TEST(Args, EveryExportedFunctionInApiHIsInTheInterfaceList) {
  std::set<std::string> declared;
  for (const char* header : {"/api.h", "/lab_api.h"}) {
    std::ifstream file(std::string(TL_APP_SOURCE_DIR) + header);
    std::stringstream text;
    text << file.rdbuf();
    const std::string source = text.str();
    const std::regex declaration(R"(TL_EXPORT[^(;]*\b(tl_\w+)\s*\()");
    for (auto it = std::sregex_iterator(source.begin(), source.end(), declaration); it != std::sregex_iterator(); ++it)
      declared.insert((*it)[1]);
  }
  const std::set<std::string> listed(std::begin(kExportedFunctions), std::end(kExportedFunctions));
  EXPECT_FALSE(declared.empty());
  EXPECT_EQ(declared, listed);
}

struct Exit {
  int status;
  std::string output;
};

Exit run_program_at(const char* program, const std::string& args) {
  const std::string command = std::string(program) + " " + args + " 2>&1";
  std::FILE* pipe = popen(command.c_str(), "r");
  Exit result{-1, {}};
  if (pipe == nullptr) return result;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe)) result.output += buffer;
  const int status = pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

Exit run_program(const std::string& args) { return run_program_at(TL_APP_EXE, args); }

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

std::string temp_file(const char* name, const std::string& text) {
  const std::string path = testing::TempDir() + name;
  std::ofstream(path) << text;
  return path;
}

// `threadlab FILE.json` on bad input: the lines `threadlab-cli validate FILE` prints, exit 2,
// before any window opens (so this needs no display).
TEST(Args, ABadScenarioFileExits2WithTheCliLines) {
  const std::string bad = temp_file("bad_scenario.json", R"({"machine": {"cores": "two"}, "processes": []})");
  const Exit app = run_program(bad);
  const Exit cli = run_program_at(TL_CLI_EXE, "validate " + bad);
  EXPECT_EQ(app.status, 2);
  EXPECT_EQ(cli.status, 2);
  EXPECT_EQ(app.output, cli.output);
  EXPECT_EQ(app.output.rfind("error: machine.cores: ", 0), 0u) << app.output;
  EXPECT_GE(std::count(app.output.begin(), app.output.end(), '\n'), 2) << "every error, one line each";

  const Exit missing = run_program("/nonexistent/scenario.json");
  EXPECT_EQ(missing.status, 2);
  EXPECT_EQ(missing.output, "error: /nonexistent/scenario.json: cannot open for reading\n");
  EXPECT_EQ(missing.output, run_program_at(TL_CLI_EXE, "validate /nonexistent/scenario.json").output);
}

// A path that is not a scenario file at all: refused with the CLI's reason, before any window
// opens. /dev/zero used to be read until the memory ran out.
TEST(Args, AnEndlessFileOrAFolderExits2WithTheCliLines) {
  const std::string folder = std::string(TL_SOURCE_DIR) + "/examples";
  for (const std::string& path : {std::string("/dev/zero"), folder}) {
    const Exit app = run_program(path);
    EXPECT_EQ(app.status, 2) << path;
    EXPECT_EQ(app.output, run_program_at(TL_CLI_EXE, "validate " + path).output);
  }
  EXPECT_EQ(run_program("/dev/zero").output, "error: /dev/zero: larger than 64 MiB, the limit for a scenario\n");
  EXPECT_EQ(run_program(folder).output, "error: " + folder + ": is a directory, not a file\n");
}

TEST(Args, HelpPrintsUsageAndExits0) {
  const Exit help = run_program("--help");
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.output.find("--cores N"), std::string::npos) << help.output;
  EXPECT_NE(help.output.find("--scenario NAME"), std::string::npos) << help.output;
  EXPECT_NE(help.output.find("FILE.json"), std::string::npos) << help.output;
}

}  // namespace
}  // namespace tl::app
