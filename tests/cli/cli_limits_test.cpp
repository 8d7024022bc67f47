// Limits that speak: input past a limit of the CLI or the engine ends in a stated outcome or in
// one "error:" line naming the limit, never in a crash, a hang or an out-of-memory kill. The
// inputs are built here (some are many megabytes). Each run has a generous guard time, so a
// regression shows up as exit code 124 (killed by timeout) instead of a stalled suite.
#include "support/cli.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <string>

namespace tl {
namespace {

using test::CliResult;
using test::expect_one_error_line;
using test::run_cli;
using test::write_file;

constexpr int kGuardSeconds = 300;  // far above any of these runs, even under sanitizers

// Two threads on one core taking turns every microsecond for a simulated second each: about
// two million engine steps, far more than the limit the tests set.
std::string busy_scenario(const std::string& limits) {
  return R"({"machine": {"profile": "textbook", "cores": 1},
             "scheduler": {"policy": "rr", "quantum_us": 1},
             "limits": )" +
         limits + R"(,
             "processes": [{"threads": [{"program": [{"compute_us": 1000000}]},
                                        {"program": [{"compute_us": 1000000}]}]}]})";
}

TEST(CliLimits, EventLimitIsTheRunsStatedOutcome) {
  const auto file = write_file(".json", busy_scenario(R"({"max_events": 5000})"));
  const CliResult json = run_cli({"run", file.string(), "--json"}, kGuardSeconds);
  ASSERT_EQ(json.code, 0) << json.err;
  EXPECT_EQ(json.err, "");
  const nlohmann::json j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["outcome"], "event-limit");
  EXPECT_EQ(j["threads"][0]["finished"], false);

  const CliResult table = run_cli({"run", file.string()}, kGuardSeconds);
  ASSERT_EQ(table.code, 0) << table.err;
  EXPECT_EQ(table.out.rfind("outcome           event-limit\n", 0), 0u) << table.out;
}

TEST(CliLimits, TimeLimitIsTheRunsStatedOutcome) {
  const auto file = write_file(".json", busy_scenario(R"({"max_sim_time_us": 50})"));
  const CliResult r = run_cli({"run", file.string(), "--json"}, kGuardSeconds);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["outcome"], "time-limit");
}

// The thread's program and the document's total are each over the limit: one line for each.
TEST(CliLimits, ProgramLongerThanTheEventLimitIsRefusedBeforeRunning) {
  const auto file = write_file(".json", R"({"processes": [{"shared": {"n": 0}, "threads": [
      {"program": [{"repeat": 1000000000, "do": [{"repeat": 1000000000, "do": [{"increment": "n"}]}]}]}]}]})");
  const CliResult r = run_cli({"run", file.string()}, kGuardSeconds);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "");
  const auto lines = test::lines_of(r.err);
  ASSERT_FALSE(lines.empty());
  for (const std::string& line : lines) {
    EXPECT_EQ(line.rfind("error: ", 0), 0u) << line;
    EXPECT_NE(line.find("more than limits.max_events (500000000)"), std::string::npos) << line;
  }
}

// A document nested a million deep is refused by its depth, before anything walks it.
TEST(CliLimits, DeeplyNestedScenarioIsRefused) {
  const std::size_t depth = 1'000'000;
  const auto file = write_file(".json", std::string(depth, '[') + std::string(depth, ']'));
  expect_one_error_line(run_cli({"validate", file.string()}, kGuardSeconds), "more than 128 deep");
}

// The compare shorthand copies and writes its document out again: the same depth limit holds.
TEST(CliLimits, DeeplyNestedCompareDocumentIsRefused) {
  const std::size_t depth = 1'000'000;
  const std::string doc = R"({"workload": {"workers": 2, "program": [{"compute_us": 10}]}, "x": )" +
                          std::string(depth, '[') + std::string(depth, ']') + "}";
  const auto file = write_file(".json", doc);
  expect_one_error_line(run_cli({"compare", file.string()}, kGuardSeconds), "more than 128 deep");
  expect_one_error_line(run_cli({"sweep", file.string(), "--cores", "1..2"}, kGuardSeconds), "more than 128 deep");
}

// A million keys in one object: refused at the key limit (the ordered DOM looks keys up one by
// one, so reading them all took hours).
TEST(CliLimits, ObjectWithAMillionKeysIsRefusedAtTheKeyLimit) {
  std::string doc = R"({"processes": [{"threads": [{"program": [{"compute_us": 1}]}]}], "extra": {)";
  for (int i = 0; i < 1'000'000; ++i) doc += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":0";
  doc += "}}";
  const auto file = write_file(".json", doc);
  expect_one_error_line(run_cli({"validate", file.string()}, kGuardSeconds), "extra: object has more than 10000 keys");
}

// An endless file (or a huge one passed by mistake) is refused at the size limit instead of
// being read into memory.
TEST(CliLimits, EndlessInputFileIsRefusedAtTheSizeLimit) {
  expect_one_error_line(run_cli({"validate", "/dev/zero"}, kGuardSeconds), "MiB, the limit for a scenario");
  expect_one_error_line(run_cli({"run", "/dev/zero"}, kGuardSeconds), "MiB, the limit for a scenario");
  expect_one_error_line(run_cli({"lesson", "validate", "/dev/zero"}, kGuardSeconds),
                        "/dev/zero: larger than 1 MiB, the limit for a lesson");
}

// A folder named by mistake is called one, not "read error".
TEST(CliLimits, ADirectoryIsNamedAsOne) {
  const std::string folder = std::string(TL_SOURCE_DIR) + "/examples";
  expect_one_error_line(run_cli({"run", folder}), folder + ": is a directory, not a file");
  expect_one_error_line(run_cli({"lesson", "validate", folder}), folder + ": is a directory, not a file");
}

TEST(CliLimits, SweepCoreRangeOutsideOneTo256IsRefused) {
  for (const char* cores : {"0..4", "1..257", "1..4294967297", "4294967297", "-1", "8..4", "1..100000000"})
    expect_one_error_line(run_cli({"sweep", "examples/compare/cpu.json", "--cores", cores}), "--cores");
}

// Repeating --cores used to stack the ranges into a grid of any size.
TEST(CliLimits, SweepCoresGivenTwiceIsRefused) {
  expect_one_error_line(run_cli({"sweep", "x.json", "--cores", "1..256", "--cores", "1..256"}), "more than once");
}

// The largest grid the CLI accepts (256 core counts x 4 variants) finishes with every column.
TEST(CliLimits, LargestSweepCompletes) {
  const std::string file = std::string(TL_SOURCE_DIR) + "/examples/compare/cpu.json";
  const CliResult r = run_cli({"sweep", file, "--cores", "1..256", "--json"}, kGuardSeconds);
  ASSERT_EQ(r.code, 0) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["cores"].size(), 256u);
  ASSERT_EQ(j["rows"].size(), 4u);
  for (const auto& row : j["rows"]) EXPECT_EQ(row["speedup"].size(), 256u);
}

// A word the CLI quotes in its reason is shown with control characters as '?', so the reason
// stays one line whatever the shell passed ($'a\nb').
TEST(CliLimits, QuotedWordsWithLineBreaksStayOneErrorLine) {
  expect_one_error_line(run_cli({"ostep", "sched\nuler"}), "unknown tool 'sched?uler'");
  expect_one_error_line(run_cli({"ostep", "scheduler", "-p", "RR\nFIFO", "-c"}), "unknown policy 'RR?FIFO'");
  expect_one_error_line(run_cli({"ostep", "mlfq", "-l", "0,10\n,0", "-c"}), "runTime expected an integer, got '10?'");
  expect_one_error_line(run_cli({"run", "x.json", "--js\non"}), "unknown flag '--js?on'");
  expect_one_error_line(run_cli({"validate", "x.json", "y\r.json"}), "unexpected argument 'y?.json'");
}

// OSTEP flags that would make a run of any size are refused by their caps (sim/ostep/common.h).
TEST(CliLimits, AbsurdOstepSizesAreRefused) {
  expect_one_error_line(run_cli({"ostep", "scheduler", "-j", "100000000", "-c"}, kGuardSeconds), "-j");
  expect_one_error_line(run_cli({"ostep", "scheduler", "-l", "1e300", "-c"}, kGuardSeconds), "-l");
  expect_one_error_line(run_cli({"ostep", "mlfq", "-n", "1000000000", "-c"}, kGuardSeconds), "-n");
  expect_one_error_line(run_cli({"ostep", "process-run", "-l", "1000000000:100", "-c"}, kGuardSeconds), "-l");
}

}  // namespace
}  // namespace tl
