// The lesson being followed: which one, the learner's control values, the lesson's runs with
// those values, and what the tasks and the question say about them. The lesson logic itself
// lives in the lesson files and tllessons; this only holds the learner's side and calls it.
#pragma once
#include "lessons/evaluate.h"
#include "lessons/lesson.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tl::app {

// Every embedded lesson in lessons/index.json order; a lesson that fails to parse keeps its
// id and the parser's first message, so the list still shows it and says why it cannot open.
struct LessonEntry {
  std::string id;
  std::optional<lessons::Lesson> lesson;
  std::string error;
};
const std::vector<LessonEntry>& lesson_catalog();
int find_lesson(std::string_view id);  // index in lesson_catalog(), or -1
std::string lesson_ids();              // "a, b, c" for messages

struct LessonState {
  int current = -1;                      // index in lesson_catalog(); -1: no lesson open
  lessons::ControlState controls;        // the learner's values
  std::vector<lessons::LessonRun> runs;  // every run of the lesson with those values
  std::vector<lessons::TaskResult> tasks;
  std::map<std::string, std::string> quotes;  // {{quote}} -> number as shown
  std::vector<int> hints_shown;               // [task] hints revealed so far
  std::vector<bool> passed_once;              // [task] passed at some point since the lesson opened
  int choice = -1;                            // the chosen answer (choice questions)
  double number = 0;                          // the typed answer (number questions)
  std::optional<lessons::Grade> grade;        // feedback for the last answer given
  std::vector<bool> done;                     // [lesson] every task passed (each at some point) and the
                                              // answer right, this visit
  std::string error;                          // a run that could not be built

  bool open() const { return current >= 0; }
  const lessons::Lesson& lesson() const { return *lesson_catalog()[std::size_t(current)].lesson; }
  bool task_passed(std::size_t task) const { return task < tasks.size() && tasks[task].check.pass; }
};

// Opens lesson `index` at its starting controls and runs it; false (state unchanged) for an
// index out of range or a lesson that did not parse.
bool start_lesson(LessonState& state, int index);
// Sets one control ("quantum_us=1", "scenario=locked") and re-runs; "" or the reason it was refused.
std::string set_lesson_control(LessonState& state, std::string_view assignment);
// Runs every run of the lesson with the current controls and evaluates the tasks.
void rerun_lesson(LessonState& state);
void answer_choice(LessonState& state, int choice);
void answer_number(LessonState& state, double value);

}  // namespace tl::app
