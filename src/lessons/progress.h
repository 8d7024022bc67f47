// A learner's progress: which lessons are done and which tasks have passed, by lesson id (ids
// outlive the order of lessons/index.json, and a teacher's lesson file keeps its own id). The
// same small JSON document is what the app stores between visits (browser storage, or a file
// in the user's config folder) and what the learner exports and imports, so a file exported on
// one machine imports on another:
//
//   {"format": "threadlab-progress", "version": 1,
//    "lessons": {"races": {"done": true, "passed": ["lose-updates", "fix-with-lock"]}}}
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace tl::lessons {

struct LessonProgress {
  bool done = false;
  std::set<std::string> passed;  // task ids that passed at some point
  bool operator==(const LessonProgress&) const = default;
};

struct Progress {
  std::map<std::string, LessonProgress> lessons;  // by lesson id
  bool done(std::string_view id) const;
  std::size_t done_count() const;
  bool operator==(const Progress&) const = default;
};

inline constexpr std::size_t kMaxProgressBytes = 256u * 1024;

std::string progress_to_json(const Progress& progress);
// Reads a progress document; on anything malformed returns nullopt and `error` names the JSON
// path and the reason ("lessons.races.passed[2]: expected a task id (text)").
std::optional<Progress> progress_from_json(std::string_view text, std::string& error);
// Adds what `other` records (an import never forgets what this machine already knows).
void merge_progress(Progress& into, const Progress& other);

}  // namespace tl::lessons
