// threadlab-cli lesson ... as a user runs it: exit codes, "error: FILE: PATH: reason" lines,
// task verdicts with the measured values, JSON output.
#include "lesson_files.h"

#include <gtest/gtest.h>

#include <sys/wait.h>

namespace tl::test {
namespace {

namespace fs = std::filesystem;

struct Cli {
  int code = -1;
  std::string out, err;
};

std::string quoted(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

Cli run_cli(const std::vector<std::string>& args) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const fs::path dir = TL_TEST_TMP_DIR;
  fs::create_directories(dir);
  const fs::path base = dir / (std::string(info->test_suite_name()) + "." + info->name());
  std::string cmd = quoted(TL_CLI_PATH);
  for (const std::string& a : args) {
    cmd += ' ';
    cmd += quoted(a);
  }
  cmd += " >" + quoted(base.string() + ".out") + " 2>" + quoted(base.string() + ".err");
  const int status = std::system(cmd.c_str());
  Cli r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(base.string() + ".out");
  r.err = read_file(base.string() + ".err");
  return r;
}

fs::path write_tmp(const std::string& name, const std::string& text) {
  const fs::path p = fs::path(TL_TEST_TMP_DIR) / name;
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

TEST(CliLesson, ListShowsEveryLessonInOrder) {
  const Cli r = run_cli({"lesson", "list"});
  EXPECT_EQ(r.code, 0) << r.err;
  const std::vector<std::string> ids = lesson_ids();
  std::size_t at = 0;
  for (const std::string& id : ids) {
    const std::size_t found = r.out.find(" " + id + " ", at);
    ASSERT_NE(found, std::string::npos) << id << " missing or out of order:\n"
                                        << r.out;
    at = found;
  }
  EXPECT_EQ(r.out.find("invalid"), std::string::npos) << r.out;
}

TEST(CliLesson, ValidateAcceptsEveryLessonFile) {
  std::vector<std::string> args{"lesson", "validate"};
  for (const std::string& id : lesson_ids()) args.push_back((lessons_dir() / (id + ".json")).string());
  const Cli r = run_cli(args);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err.find("error"), std::string::npos) << r.err;
}

TEST(CliLesson, ValidatePrintsEachErrorWithFileAndPath) {
  std::string text = read_file(fs::path(TL_SOURCE_DIR) / "tests/lessons/malformed/base.json");
  text.replace(text.find("\"metric\": \"lost\""), 16, "\"metric\": \"makespn\"");
  text.replace(text.find("\"op\": \">=\""), 10, "\"op\": \"=>\"");
  const fs::path f = write_tmp("typo.json", text);
  const Cli r = run_cli({"lesson", "validate", f.string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("error: " + f.string() + ": tasks[0].check.all[0].metric: unknown metric 'makespn'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("error: " + f.string() + ": tasks[0].check.all[1].op: unknown operator '=>'"), std::string::npos) << r.err;
}

TEST(CliLesson, ValidateReportsUnreadableFiles) {
  const Cli r = run_cli({"lesson", "validate", "no/such/lesson.json"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("error: no/such/lesson.json: no such file"), std::string::npos) << r.err;
}

TEST(CliLesson, CheckPrintsVerdictsAndMeasuredValues) {
  const fs::path f = fs::path(TL_SOURCE_DIR) / "tests/lessons/malformed/base.json";
  const Cli start = run_cli({"lesson", "check", f.string(), "--set", "cores=2"});
  EXPECT_EQ(start.code, 0) << start.err;
  EXPECT_NE(start.out.find("controls: cores=2 quantum_us=10000 scenario=race"), std::string::npos) << start.out;
  EXPECT_NE(start.out.find("task t1: FAIL"), std::string::npos) << start.out;
  EXPECT_NE(start.out.find("not  lost (counter) == 0: "), std::string::npos) << start.out;
  const Cli solved = run_cli({"lesson", "check", f.string(), "--solution", "t1"});
  EXPECT_NE(solved.out.find("task t1: PASS"), std::string::npos) << solved.out;
}

TEST(CliLesson, CheckJsonHasRunsTasksAndQuotes) {
  const fs::path f = fs::path(TL_SOURCE_DIR) / "tests/lessons/malformed/base.json";
  const Cli r = run_cli({"lesson", "check", f.string(), "--json", "--set", "cores=1"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["controls"]["cores"], "1");
  EXPECT_EQ(j["runs"][0]["outcome"], "completed");
  EXPECT_EQ(j["tasks"][0]["pass"], true);
  EXPECT_EQ(j["quotes"]["final"], "200");
}

TEST(CliLesson, CheckRejectsUnknownControlsAndValues) {
  const fs::path f = fs::path(TL_SOURCE_DIR) / "tests/lessons/malformed/base.json";
  Cli r = run_cli({"lesson", "check", f.string(), "--set", "gil=on"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("error: --set gil=on: unknown control 'gil' (this lesson has: cores, quantum_us, scenario)"), std::string::npos) << r.err;
  r = run_cli({"lesson", "check", f.string(), "--set", "cores=0"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("cores: out of range"), std::string::npos) << r.err;
}

// docs/lessons.md walks through this file; its commands print what the page shows.
TEST(CliLesson, TheWorkedExampleBehavesAsDocumented) {
  const std::string f = (fs::path(TL_SOURCE_DIR) / "tests/lessons/worked_example.json").string();
  const Cli v = run_cli({"lesson", "validate", f});
  EXPECT_EQ(v.code, 0) << v.err;
  EXPECT_EQ(v.out, "ok: " + f + ": lesson 'one-core-race', 1 scenario, 2 controls, 1 task\n");
  const Cli start = run_cli({"lesson", "check", f});
  EXPECT_NE(start.out.find("controls: cores=1 quantum_us=10000\nrun main: scenario race, completed, makespan 8.979 us\n"),
            std::string::npos)
      << start.out;
  EXPECT_NE(start.out.find("task lose-updates: FAIL\n  ok   max_running == 1: 1\n  not  lost (counter) > 0: 0\n"),
            std::string::npos)
      << start.out;
  const Cli changed = run_cli({"lesson", "check", f, "--set", "quantum_us=1"});
  EXPECT_NE(changed.out.find("task lose-updates: PASS"), std::string::npos) << changed.out;
  const Cli shown = run_cli({"lesson", "show", f});
  EXPECT_NE(shown.out.find("With a 1 µs quantum one core loses "), std::string::npos) << shown.out;
  EXPECT_EQ(shown.out.find("{{"), std::string::npos) << shown.out;
}

TEST(CliLesson, CheckAcceptsABuiltInLessonId) {
  const std::string id = lesson_ids().at(0);
  const Cli r = run_cli({"lesson", "check", id});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("lesson " + id + ":"), std::string::npos);
}

}  // namespace
}  // namespace tl::test
