// Running the built threadlab-cli as a user would, for the CLI tests (TL_CLI_PATH and
// TL_TEST_TMP_DIR come from tests/cli/CMakeLists.txt): exit code, stdout and
// stderr of one invocation, with files in a folder of the test build.
#pragma once
#include "support/text.h"

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace tl::test {

namespace fs = std::filesystem;

struct CliResult {
  int code = -1;  // exit code; -1 if killed by a signal (a crash)
  std::string out;
  std::string err;
};

inline std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline fs::path tmp_dir() {
  fs::path dir = TL_TEST_TMP_DIR;
  fs::create_directories(dir);
  return dir;
}

// A file name unique to the running test, so ctest -j can run the cases side by side.
inline fs::path tmp_file(const std::string& suffix) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  return tmp_dir() / (std::string(info->test_suite_name()) + "." + info->name() + suffix);
}

inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// `guard_seconds` > 0 runs the program under coreutils' timeout: a hang ends as exit code 124
// instead of stalling the suite (a guard against hangs, not a speed target).
inline CliResult run_cli(const std::vector<std::string>& args, int guard_seconds = 0) {
  const fs::path out = tmp_file(".stdout"), err = tmp_file(".stderr");
  std::string cmd;
  if (guard_seconds > 0) cmd = "timeout -k 5 " + std::to_string(guard_seconds) + " ";
  cmd += shell_quote(TL_CLI_PATH);
  for (const std::string& a : args) {
    cmd += ' ';
    cmd += shell_quote(a);
  }
  cmd += " >";
  cmd += shell_quote(out.string());
  cmd += " 2>";
  cmd += shell_quote(err.string());
  const int status = std::system(cmd.c_str());
  CliResult r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

inline fs::path write_file(const std::string& suffix, const std::string& text) {
  const fs::path p = tmp_file(suffix);
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

inline void expect_one_error_line(const CliResult& r, const std::string& must_contain) {
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "");
  const auto lines = lines_of(r.err);
  ASSERT_EQ(lines.size(), 1u) << r.err;
  EXPECT_EQ(lines[0].rfind("error: ", 0), 0u) << r.err;
  EXPECT_NE(lines[0].find(must_contain), std::string::npos) << r.err;
}

}  // namespace tl::test
