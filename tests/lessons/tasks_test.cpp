// Each task of each lesson fails with the lesson's starting controls and passes once the
// learner makes the change the lesson records as its solution: a task that passes at the
// start teaches nothing, and one that never passes cannot be done.
#include "lesson_files.h"

#include <gtest/gtest.h>

namespace tl::test {
namespace {

using namespace tl::lessons;

struct TaskCase {
  std::string lesson;
  std::string task;
};
void PrintTo(const TaskCase& c, std::ostream* os) { *os << c.lesson << "/" << c.task; }

std::vector<TaskCase> task_cases() {
  std::vector<TaskCase> cases;
  for (const std::string& id : lesson_ids()) {
    const LessonParse p = parse_lesson_file(id);
    if (!p.lesson) {
      cases.push_back({id, "invalid"});  // fails below with the lesson's errors
      continue;
    }
    for (const Task& t : p.lesson->tasks) cases.push_back({id, t.id});
  }
  return cases;
}

class LessonTask : public ::testing::TestWithParam<TaskCase> {
 protected:
  CheckResult evaluate_with(bool solved) {
    const LessonParse p = parse_lesson_file(GetParam().lesson);
    for (const Diagnostic& e : p.errors) ADD_FAILURE() << format_diagnostic("error", GetParam().lesson, e);
    if (!p.lesson) return {};
    const Lesson& lesson = *p.lesson;
    const Task* task = nullptr;
    for (const Task& t : lesson.tasks)
      if (t.id == GetParam().task) task = &t;
    if (!task) {
      ADD_FAILURE() << "no task " << GetParam().task;
      return {};
    }
    ControlState state = starting_state(lesson);
    if (solved)
      for (const auto& [k, v] : task->solution) state[k] = v;
    const std::vector<LessonRun> runs = run_lesson(lesson, state, embedded_context());
    CheckResult r = evaluate(task->check, RunSet::of(runs));
    for (const Reading& rd : r.readings) std::cout << "  " << rd.label << ": " << rd.measured << "\n";
    return r;
  }
};

TEST_P(LessonTask, FailsAtTheStart) {
  // A reading may be unavailable at the start (a sandbox task about another scenario's
  // threads): that counts as not passed, and says why.
  const CheckResult r = evaluate_with(false);
  EXPECT_FALSE(r.pass) << "the task passes before the learner changes anything";
}

TEST_P(LessonTask, PassesWithItsSolution) {
  const CheckResult r = evaluate_with(true);
  EXPECT_TRUE(r.error.empty()) << r.error;
  EXPECT_TRUE(r.pass) << "the recorded solution does not make the task pass";
}

INSTANTIATE_TEST_SUITE_P(Lessons, LessonTask, ::testing::ValuesIn(task_cases()),
                         [](const auto& info) { return param_name(info.param.lesson + "__" + info.param.task); });

}  // namespace
}  // namespace tl::test
