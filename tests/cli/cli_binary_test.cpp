// Runs the built threadlab-cli as a user would: exit codes, stdout/stderr, files it writes.
#include "sim/ostep/common.h"
#include "support/cli.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace tl {
namespace {

namespace fs = std::filesystem;
using test::CliResult;
using test::expect_one_error_line;
using test::run_cli;
using test::slurp;
using test::tmp_dir;
using test::tmp_file;
using test::write_file;

// Two threads of one process sharing a core with I/O, RR and a switch cost.
const char* kValidScenario = R"({
  "machine": {"cores": 1, "switch_us": 1.5},
  "scheduler": {"policy": "rr", "quantum_us": 10},
  "processes": [
    {"name": "P", "threads": [
      {"name": "a", "program": [{"compute_us": 25}, {"io_us": 20}, {"compute_us": 10}]},
      {"name": "b", "program": [{"compute_us": 30}]}
    ]}
  ]
})";

void expect_run_json_shape(const nlohmann::json& j) {
  for (const char* key : {"outcome", "makespan_us", "threads", "cores", "context_switches", "vars"})
    EXPECT_TRUE(j.contains(key)) << key;
  ASSERT_TRUE(j["threads"].is_array());
  for (const auto& t : j["threads"]) {
    for (const char* key : {"name", "process", "turnaround_us", "response_us", "wait_us", "cpu_us",
                            "wakeup_latency_us"})
      EXPECT_TRUE(t.contains(key)) << key;
    for (const char* key : {"mean", "max", "count"})
      EXPECT_TRUE(t["wakeup_latency_us"].contains(key)) << key;
  }
  ASSERT_TRUE(j["cores"].is_array());
  for (const auto& c : j["cores"]) {
    EXPECT_TRUE(c.contains("busy_us"));
    EXPECT_TRUE(c.contains("overhead_us"));
  }
  EXPECT_TRUE(j["vars"].is_object());
}

// ---------------------------------------------------------------------------------------------
TEST(CliRun, JsonHasEveryMetric) {
  const fs::path file = write_file(".json", kValidScenario);
  const CliResult r = run_cli({"run", file.string(), "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  const nlohmann::json j = nlohmann::json::parse(r.out);
  expect_run_json_shape(j);
  EXPECT_EQ(j["outcome"], "completed");
  ASSERT_EQ(j["threads"].size(), 2u);
  EXPECT_EQ(j["threads"][0]["name"], "a");
  EXPECT_EQ(j["threads"][0]["process"], "P");
  // 65 us of CPU on one core plus at least one 1.5 us switch: a decimal, printed exactly.
  EXPECT_EQ(j["cores"][0]["busy_us"].dump(), "65");
  EXPECT_EQ(j["threads"][0]["cpu_us"].dump(), "35");
  EXPECT_EQ(j["threads"][1]["cpu_us"].dump(), "30");
  EXPECT_EQ(j["threads"][0]["wakeup_latency_us"]["count"], 1);
}

TEST(CliRun, TableNamesThreadsAndCores) {
  const fs::path file = write_file(".json", kValidScenario);
  const CliResult r = run_cli({"run", file.string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("outcome           completed\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("turnaround_us"), std::string::npos);
  EXPECT_NE(r.out.find("\na "), std::string::npos);
  EXPECT_NE(r.out.find("\nb "), std::string::npos);
  EXPECT_NE(r.out.find("overhead_us"), std::string::npos);
}

// The GIL column appears only where there is a GIL, so a scheduling table stays as narrow as the
// lesson needs; every started process gets a memory row.
TEST(CliRun, TableShowsGilWaitOnlyWithAGilAndMemoryPerProcess) {
  const fs::path python = write_file(".python.json", R"({
    "machine": {"profile": "python", "cores": 2}, "runtime": {"gil": true},
    "processes": [{"name": "P", "threads": [
      {"name": "cpu", "program": [{"compute_us": 20000}]},
      {"name": "io",  "program": [{"repeat": 3, "do": [{"io_us": 1000}, {"compute_us": 10}]}]}]}]})");
  const CliResult r = run_cli({"run", python.string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("gil_wait_us"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("peak_resident_kb"), std::string::npos) << r.out;

  const fs::path textbook = write_file(".textbook.json", R"({
    "machine": {"profile": "textbook"},
    "processes": [{"name": "P", "threads": [{"name": "a", "program": [{"compute_us": 25}]}]}]})");
  const CliResult t = run_cli({"run", textbook.string()});
  ASSERT_EQ(t.code, 0) << t.err;
  EXPECT_EQ(t.out.find("gil_wait_us"), std::string::npos) << t.out;
  EXPECT_NE(t.out.find("\nP "), std::string::npos) << t.out;
}

TEST(CliRun, EveryExampleRunsAndPrintsTheJsonKeys) {
  const fs::path dir = fs::path(TL_SOURCE_DIR) / "examples";
  ASSERT_TRUE(fs::is_directory(dir)) << dir;
  std::size_t count = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    ++count;
    const CliResult r = run_cli({"run", entry.path().string(), "--json"});
    ASSERT_EQ(r.code, 0) << entry.path() << ": " << r.err;
    expect_run_json_shape(nlohmann::json::parse(r.out));
  }
  EXPECT_GT(count, 0u);
}

TEST(CliRun, ADeadlockWithoutLocksSaysSoInsteadOfAnEmptyEdgeList) {
  // main waits for a message nobody sends; the worker waits for a task main never sends.
  const fs::path file = write_file(".json", R"({
    "machine": {"cores": 2}, "channels": {"tasks": "queue", "results": "queue"},
    "processes": [{"name": "P", "threads": [
      {"name": "main", "program": [{"receive": "results"}, {"send": "tasks", "bytes": 8}]},
      {"name": "worker", "program": [{"receive": "tasks"}, {"send": "results", "bytes": 8}]}
    ]}]
  })");
  const CliResult json = run_cli({"run", file.string(), "--json"});
  ASSERT_EQ(json.code, 0) << json.err;
  const nlohmann::json j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["outcome"], "deadlock");
  EXPECT_TRUE(j["waits"].empty());
  const CliResult table = run_cli({"run", file.string()});
  ASSERT_EQ(table.code, 0) << table.err;
  EXPECT_NE(table.out.find("deadlock: no lock is involved"), std::string::npos) << table.out;
  EXPECT_EQ(table.out.find("wait-for edges"), std::string::npos) << table.out;
}

TEST(CliRun, SharedVariablesAndDeadlockEdges) {
  // t1 takes m1 then m2, t2 takes m2 then m1, each computing in between: a certain deadlock.
  const fs::path file = write_file(".json", R"({
    "machine": {"cores": 2},
    "processes": [{"name": "P", "shared": {"x": 5}, "threads": [
      {"name": "t1", "program": [{"increment": "x"}, {"lock": "m1"}, {"compute_us": 10},
                                 {"lock": "m2"}, {"unlock": "m2"}, {"unlock": "m1"}]},
      {"name": "t2", "program": [{"lock": "m2"}, {"compute_us": 10},
                                 {"lock": "m1"}, {"unlock": "m1"}, {"unlock": "m2"}]}
    ]}]
  })");
  const CliResult r = run_cli({"run", file.string(), "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["outcome"], "deadlock");
  EXPECT_EQ(j["vars"]["P.x"], 6);
  ASSERT_EQ(j["waits"].size(), 2u) << r.out;
  std::set<std::string> edges;
  for (const auto& w : j["waits"])
    edges.insert(w["waiter"].get<std::string>() + " waits " + w["mutex"].get<std::string>() +
                 " held by " + w["holder"].get<std::string>());
  EXPECT_EQ(edges, (std::set<std::string>{"t1 waits m2 held by t2", "t2 waits m1 held by t1"}));
  EXPECT_FALSE(j["threads"][0]["finished"].get<bool>());

  const CliResult table = run_cli({"run", file.string()});
  ASSERT_EQ(table.code, 0) << table.err;
  EXPECT_NE(table.out.find("outcome           deadlock\n"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("t1 waits for P.m2 held by t2"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("P.x"), std::string::npos) << table.out;
}

TEST(CliRun, TraceOutIsChromeTraceJson) {
  const fs::path file = write_file(".json", kValidScenario);
  const fs::path trace = tmp_file(".trace.json");
  fs::remove(trace);
  const CliResult r = run_cli({"run", file.string(), "--trace-out", trace.string()});
  ASSERT_EQ(r.code, 0) << r.err;
  const nlohmann::json doc = nlohmann::json::parse(slurp(trace));
  const auto& events = doc.at("traceEvents");
  bool cpus = false, process = false, thread_a = false, overhead = false, run_span = false,
       state = false, counter = false;
  for (const auto& e : events) {
    if (e["ph"] == "M" && e["name"] == "process_name") {
      cpus |= e["pid"] == 0 && e["args"]["name"] == "CPUs";
      process |= e["pid"] == 1 && e["args"]["name"] == "P";
    }
    if (e["ph"] == "M" && e["name"] == "thread_name")
      thread_a |= e["pid"] == 1 && e["args"]["name"] == "a";
    if (e["ph"] == "X" && e["pid"] == 0) {
      EXPECT_EQ(e["args"]["process"], "P");
      overhead |= e["cat"] == "overhead";
      run_span |= e["cat"] == "run" && (e["args"]["thread"] == "a" || e["args"]["thread"] == "b");
    }
    if (e["ph"] == "X" && e["pid"] == 1) state |= e["cat"] == "state";
    if (e["ph"] == "C") counter |= e["name"] == "run queue";
  }
  EXPECT_TRUE(cpus);
  EXPECT_TRUE(process);
  EXPECT_TRUE(thread_a);
  EXPECT_TRUE(overhead);
  EXPECT_TRUE(run_span);
  EXPECT_TRUE(state);
  EXPECT_TRUE(counter);
}

TEST(CliRun, UnknownFlagIsOneErrorLine) {
  const fs::path file = write_file(".json", kValidScenario);
  expect_one_error_line(run_cli({"run", file.string(), "--jsn"}), "--jsn");
}

TEST(CliRun, UnreadableFileIsOneErrorLine) {
  const std::string missing = (tmp_dir() / "does-not-exist.json").string();
  expect_one_error_line(run_cli({"run", missing}), missing);
  expect_one_error_line(run_cli({"run", tmp_dir().string()}), tmp_dir().string());
}

TEST(CliRun, TraceOutToBadPathIsOneErrorLine) {
  const fs::path file = write_file(".json", kValidScenario);
  expect_one_error_line(run_cli({"run", file.string(), "--trace-out", "/nonexistent-dir/x.json"}),
                        "--trace-out");
}

TEST(CliRun, InvalidScenarioListsPathNamedErrors) {
  const fs::path file = write_file(".json", R"({
    "machine": {"cores": 0},
    "processes": [{"name": "P", "threads": [{"name": "a", "program": [{"comput_us": 5}]}]}]
  })");
  const CliResult r = run_cli({"run", file.string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "");
  const auto lines = test::lines_of(r.err);
  ASSERT_GE(lines.size(), 2u) << r.err;
  for (const std::string& line : lines) EXPECT_EQ(line.rfind("error: ", 0), 0u) << line;
  EXPECT_NE(r.err.find("machine.cores"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("processes[0].threads[0].program[0]"), std::string::npos) << r.err;
}

TEST(CliRun, NotJsonIsAnError) {
  const fs::path file = write_file(".json", "{ not json");
  const CliResult r = run_cli({"run", file.string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err.rfind("error: ", 0), 0u) << r.err;
}

TEST(CliValidate, OkAndEveryError) {
  const fs::path good = write_file(".good.json", kValidScenario);
  const CliResult ok = run_cli({"validate", good.string()});
  EXPECT_EQ(ok.code, 0) << ok.err;
  EXPECT_EQ(ok.out.rfind("ok: ", 0), 0u) << ok.out;
  EXPECT_NE(ok.out.find("1 process, 2 threads, 1 core, policy rr"), std::string::npos) << ok.out;

  const fs::path bad = write_file(".bad.json", R"({
    "machine": {"cores": 0, "switch_us": -1},
    "processes": [{"name": "P", "threads": [{"name": "a", "program": [{"comput_us": 5}]}]}]
  })");
  const CliResult r = run_cli({"validate", bad.string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_GE(test::lines_of(r.err).size(), 3u) << r.err;
  EXPECT_NE(r.err.find("machine.cores"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("machine.switch_us"), std::string::npos) << r.err;
}

TEST(CliMain, NoArgumentsOrUnknownCommand) {
  const CliResult none = run_cli({});
  EXPECT_EQ(none.code, 2);
  EXPECT_NE(none.err.find("usage:"), std::string::npos);
  expect_one_error_line(run_cli({"frobnicate"}), "frobnicate");
  const CliResult help = run_cli({"help"});
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("ostep scheduler|process-run|mlfq"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------
TEST(CliOstep, SchedulerTextIsTheToolsOutput) {
  const CliResult r = run_cli({"ostep", "scheduler", "-p", "RR", "-l", "5,3,4", "-q", "2", "-c"});
  ASSERT_EQ(r.code, 0) << r.err;
  // Everything scheduler.py prints for these flags (public example, ostep-compat.md).
  EXPECT_EQ(r.out,
            "ARG policy RR\n"
            "ARG jlist 5,3,4\n"
            "\n"
            "Here is the job list, with the run time of each job: \n"
            "  Job 0 ( length = 5.0 )\n"
            "  Job 1 ( length = 3.0 )\n"
            "  Job 2 ( length = 4.0 )\n"
            "\n\n"
            "** Solutions **\n"
            "\n"
            "Execution trace:\n"
            "  [ time   0 ] Run job   0 for 2.00 secs\n"
            "  [ time   2 ] Run job   1 for 2.00 secs\n"
            "  [ time   4 ] Run job   2 for 2.00 secs\n"
            "  [ time   6 ] Run job   0 for 2.00 secs\n"
            "  [ time   8 ] Run job   1 for 1.00 secs ( DONE at 9.00 )\n"
            "  [ time   9 ] Run job   2 for 2.00 secs ( DONE at 11.00 )\n"
            "  [ time  11 ] Run job   0 for 1.00 secs ( DONE at 12.00 )\n"
            "\n"
            "Final statistics:\n"
            "  Job   0 -- Response: 0.00  Turnaround 12.00  Wait 7.00\n"
            "  Job   1 -- Response: 2.00  Turnaround 9.00  Wait 6.00\n"
            "  Job   2 -- Response: 4.00  Turnaround 11.00  Wait 7.00\n"
            "\n"
            "  Average -- Response: 2.00  Turnaround 10.67  Wait 6.67\n"
            "\n");
}

TEST(CliOstep, SchedulerJson) {
  const CliResult r = run_cli({"ostep", "scheduler", "--policy=FIFO", "--jlist=10,10,10", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["per_job"].size(), 3u);
  for (int k = 0; k < 3; ++k) {
    EXPECT_EQ(j["per_job"][k]["response"], 10 * k);
    EXPECT_EQ(j["per_job"][k]["turnaround"], 10 * (k + 1));
    EXPECT_EQ(j["per_job"][k]["wait"], 10 * k);
  }
  EXPECT_EQ(j["averages"]["response"], 10.0);
  EXPECT_EQ(j["averages"]["turnaround"], 20.0);
  EXPECT_EQ(j["averages"]["wait"], 10.0);
}

TEST(CliOstep, ProcessRunJson) {
  const CliResult r = run_cli({"ostep", "process-run", "-l", "3:0,5:100", "-L", "5", "-S",
                               "SWITCH_ON_IO", "-I", "IO_RUN_IMMEDIATE", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["total_time"], 21);
  EXPECT_EQ(j["cpu_busy"], 11);
  EXPECT_EQ(j["io_busy"], 15);
  EXPECT_EQ(j["cpu_busy_percent"].dump(), "52.38");
  EXPECT_EQ(j["io_busy_percent"].dump(), "71.43");
  EXPECT_TRUE(j.contains("note"));  // -l draws come from our generator
}

TEST(CliOstep, ProcessRunStatsText) {
  const CliResult r = run_cli({"ostep", "process-run", "-l", "5:100,5:100", "--solve", "--printstats"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("Stats: Total Time 10\n"
                       "Stats: CPU Busy 10 (100.00%)\n"
                       "Stats: IO Busy  0 (0.00%)\n"),
            std::string::npos)
      << r.out;
}

TEST(CliOstep, MlfqJson) {
  const CliResult r = run_cli({"ostep", "mlfq", "--jlist=0,84,7:0,42,3:0,51,4", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["per_job"].size(), 3u);
  EXPECT_EQ(j["per_job"][0]["turnaround"], 180);
  EXPECT_EQ(j["per_job"][1]["response"], 7);
  EXPECT_EQ(j["averages"]["response"].dump(), "5.67");
  EXPECT_EQ(j["averages"]["turnaround"].dump(), "170.67");
}

TEST(CliOstep, BadFlagsAreOneErrorLine) {
  expect_one_error_line(run_cli({"ostep", "scheduler", "--bogus"}), "--bogus");
  expect_one_error_line(run_cli({"ostep", "scheduler", "-p", "sjf", "-l", "1"}), "-p/--policy");
  expect_one_error_line(run_cli({"ostep", "mlfq", "-q", "x"}), "-q/--quantum");
  expect_one_error_line(run_cli({"ostep", "process-run", "-P", "c2", "-L", "99999999999"}),
                        "-L/--iolength");
  expect_one_error_line(run_cli({"ostep", "lottery"}), "lottery");
  expect_one_error_line(run_cli({"ostep"}), "ostep");
}

// Every example's `run` table and `run --json` output, byte for byte, against tests/cli/golden/
// (made by the CLI before the library was split into layers). A deliberate change of output
// regenerates them: TL_UPDATE_GOLDEN=1 ctest -R CliGolden, then review the diff.
TEST(CliGolden, RunOutputOfEveryExampleIsUnchanged) {
  const fs::path golden = fs::path(TL_SOURCE_DIR) / "tests" / "cli" / "golden";
  const bool update = std::getenv("TL_UPDATE_GOLDEN") != nullptr;
  int n = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(TL_SOURCE_DIR) / "examples")) {
    if (entry.path().extension() != ".json") continue;
    const std::string stem = entry.path().stem().string();
    for (const bool json : {false, true}) {
      std::vector<std::string> args{"run", entry.path().string()};
      if (json) args.push_back("--json");
      const CliResult r = run_cli(args);
      ASSERT_EQ(r.code, 0) << stem << ": " << r.err;
      const fs::path want_path = golden / (stem + (json ? ".json" : ".txt"));
      if (update) std::ofstream(want_path, std::ios::binary) << r.out;
      const std::string want = slurp(want_path);
      if (r.out == want) continue;
      const std::vector<std::string> got_lines = test::lines_of(r.out), want_lines = test::lines_of(want);
      std::size_t i = 0;
      while (i < got_lines.size() && i < want_lines.size() && got_lines[i] == want_lines[i]) ++i;
      ADD_FAILURE() << want_path.filename().string() << " differs at line " << i + 1 << ":\n  want: "
                    << (i < want_lines.size() ? want_lines[i] : "(end)") << "\n  got:  "
                    << (i < got_lines.size() ? got_lines[i] : "(end)");
    }
    ++n;
  }
  EXPECT_GE(n, 10);
}

}  // namespace
}  // namespace tl
