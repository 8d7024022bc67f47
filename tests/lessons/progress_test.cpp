// The progress document: written and read back exactly, merged on import, and anything else
// refused with its JSON path and reason.
#include "lessons/progress.h"

#include <gtest/gtest.h>

namespace tl::lessons {
namespace {

Progress sample() {
  Progress p;
  p.lessons["races"].done = true;
  p.lessons["races"].passed = {"lose-updates", "fix-with-lock"};
  p.lessons["deadlock"].passed = {"make-it-hang"};
  return p;
}

TEST(Progress, RoundTripsThroughItsJson) {
  std::string error;
  const std::optional<Progress> back = progress_from_json(progress_to_json(sample()), error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(*back, sample());
  EXPECT_TRUE(back->done("races"));
  EXPECT_FALSE(back->done("deadlock"));
  EXPECT_EQ(back->done_count(), 1u);
}

TEST(Progress, ImportAddsAndNeverForgets) {
  Progress mine;
  mine.lessons["myths"].done = true;
  Progress theirs = sample();
  theirs.lessons["myths"].done = false;
  merge_progress(mine, theirs);
  EXPECT_TRUE(mine.done("myths"));
  EXPECT_TRUE(mine.done("races"));
  EXPECT_EQ(mine.lessons["deadlock"].passed.count("make-it-hang"), 1u);
}

TEST(Progress, MalformedDocumentsSayWhereAndWhy) {
  const std::pair<const char*, const char*> cases[] = {
      {"", "not valid JSON"},
      {"[]", "expected an object"},
      {R"({"version": 1, "lessons": {}})", "format: expected \"threadlab-progress\" (this is not a threadlab progress file)"},
      {R"({"format": "threadlab-progress", "version": 2, "lessons": {}})", "version: expected 1"},
      {R"({"format": "threadlab-progress", "version": 1})", "lessons: expected an object of lesson ids"},
      {R"({"format": "threadlab-progress", "version": 1, "lessons": {"races": 1}})", "lessons.races: expected an object"},
      {R"({"format": "threadlab-progress", "version": 1, "lessons": {"races": {"done": "yes"}}})",
       "lessons.races.done: expected true or false"},
      {R"({"format": "threadlab-progress", "version": 1, "lessons": {"races": {"passed": "all"}}})",
       "lessons.races.passed: expected a list of task ids"},
      {R"({"format": "threadlab-progress", "version": 1, "lessons": {"races": {"passed": ["a", 2]}}})",
       "lessons.races.passed[1]: expected a task id (text)"},
      {R"({"format": "threadlab-progress", "version": 1, "lessons": {"": {}}})",
       "lessons: a lesson id must have 1 to 64 characters"},
  };
  for (const auto& [text, message] : cases) {
    std::string error;
    EXPECT_FALSE(progress_from_json(text, error)) << text;
    EXPECT_EQ(error, message) << text;
  }
  std::string error;
  EXPECT_FALSE(progress_from_json(std::string(kMaxProgressBytes + 1, ' '), error));
  EXPECT_EQ(error, "the file is larger than 256 KB: not a progress file");
}

}  // namespace
}  // namespace tl::lessons
