// Reading a file the user named: every way it can fail has its own reason, and nothing is read
// past the limit, so an endless file ends in an error instead of filling the memory.
#include "sim/core/text_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace tl {
namespace {

namespace fs = std::filesystem;

class TextFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("threadlab-text-file-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }

  fs::path dir_;
};

TEST_F(TextFile, ReadsTheWholeFileUpToAndIncludingTheLimit) {
  const std::string text(100'000, 'x');
  const std::string path = write("exact.json", text);
  std::string reason;
  const auto read = read_text_file(path, text.size(), "a scenario", reason);
  ASSERT_TRUE(read.has_value()) << reason;
  EXPECT_EQ(*read, text);
}

TEST_F(TextFile, OneByteOverTheLimitIsRefusedNamingTheLimit) {
  const std::string path = write("over.json", std::string(100'001, 'x'));
  std::string reason;
  EXPECT_FALSE(read_text_file(path, 100'000, "a scenario", reason).has_value());
  EXPECT_EQ(reason, "larger than 100000 bytes, the limit for a scenario");
}

TEST_F(TextFile, AnEndlessFileEndsAtTheLimit) {
  if (!fs::exists("/dev/zero")) GTEST_SKIP() << "no /dev/zero here";
  std::string reason;
  EXPECT_FALSE(read_text_file("/dev/zero", 256u << 10, "a progress file", reason).has_value());
  EXPECT_EQ(reason, "larger than 256 KiB, the limit for a progress file");
}

TEST_F(TextFile, EachFailureHasItsOwnReason) {
  std::string reason;
  EXPECT_FALSE(read_text_file(dir_.string(), 1 << 20, "a scenario", reason).has_value());
  EXPECT_EQ(reason, "is a directory, not a file");
  EXPECT_FALSE(read_text_file((dir_ / "missing.json").string(), 1 << 20, "a scenario", reason).has_value());
  EXPECT_EQ(reason, "cannot open for reading");
  EXPECT_FALSE(read_text_file(write("empty.json", ""), 1 << 20, "a scenario", reason).has_value());
  EXPECT_EQ(reason, "is empty");
}

}  // namespace
}  // namespace tl
