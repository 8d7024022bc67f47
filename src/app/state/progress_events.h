// What a course page hears about the learner's progress: lesson started, task passed,
// question answered, lesson completed. Found by comparing the lesson state with what was
// reported last, so the lesson code needs no hooks and each event is reported exactly once
// per visit of a lesson (a task that passes, fails and passes again was already reported).
#pragma once
#include "app/state/lesson_state.h"

#include <nlohmann/json.hpp>
#include <vector>

namespace tl::app {

struct ProgressTracker {
  const lessons::Lesson* lesson = nullptr;  // the lesson reported as started (null: none)
  std::vector<bool> tasks_reported;
  bool completed_reported = false;
  bool answered = false;
  int choice = -1;
  double number = 0;
  bool correct = false;
};

// The events since the last call, oldest first, each {"type", "lesson", ...} (docs/embedding.md).
std::vector<nlohmann::json> take_progress_events(ProgressTracker& tracker, const LessonState& lesson);

// Whether task `t` of the open lesson has passed at some point (this visit or an earlier one).
bool task_ever_passed(const LessonState& lesson, std::size_t t);
// The lesson's score from 0 to 100: 100 once it is done, else the share of its tasks passed
// and of its question answered right.
int lesson_score(const LessonState& lesson);

}  // namespace tl::app
