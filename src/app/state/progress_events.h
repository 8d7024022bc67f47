// What a course page hears about the learner's progress: lesson started, task passed,
// question answered, lesson completed. Found by comparing the lesson state with what was
// reported last, so the lesson code needs no hooks and each event is reported exactly once
// per occurrence (a task that passes, fails and passes again was already reported).
#pragma once
#include "app/state/lesson_state.h"

#include <nlohmann/json.hpp>
#include <vector>

namespace tl::app {

struct ProgressTracker {
  int lesson = -1;  // the lesson reported as started (-1: none)
  std::vector<bool> tasks_reported;
  bool completed_reported = false;
  bool answered = false;
  int choice = -1;
  double number = 0;
  bool correct = false;
};

// The events since the last call, oldest first, each {"type", "lesson", ...} (docs/embedding.md).
std::vector<nlohmann::json> take_progress_events(ProgressTracker& tracker, const LessonState& lesson);

// The lesson's score from 0 to 100: the share of its tasks passed (at some point this visit)
// and of its question answered right.
int lesson_score(const LessonState& lesson);

}  // namespace tl::app
