// Every lesson completed as a learner does it, with the mouse and the keyboard on the lesson
// column at 1280x720: each task fails at the lesson's starting controls and passes only after
// its intended change is made through the column's own widgets; a wrong answer shows its
// feedback, the right one marks the lesson done in the list.
#include "lesson_input.h"

#include <algorithm>
#include <gtest/gtest.h>

namespace tl::app::test {
namespace {

class LessonByInput : public ::testing::TestWithParam<std::string> {};

TEST_P(LessonByInput, TasksPassAfterTheIntendedChangeAndTheAnswerGetsItsFeedback) {
  HeadlessUi ui(1280, 720);
  AppState state;
  LessonInput input(ui, state);
  const lessons::Lesson& lesson = *lesson_catalog()[std::size_t(find_lesson(GetParam()))].lesson;
  for (std::size_t t = 0; t < lesson.tasks.size(); ++t) {
    const lessons::Task& task = lesson.tasks[t];
    ASSERT_TRUE(open_lesson(state, lesson.id));  // back to the starting controls
    input.settle();
    EXPECT_FALSE(state.lesson.task_passed(t)) << task.id << " passes before the change";
    // The scenario first, as a learner would: the other controls show that scenario's values.
    std::vector<std::pair<std::string, lessons::ControlValue>> steps(task.solution.begin(), task.solution.end());
    std::stable_partition(steps.begin(), steps.end(), [](const auto& step) { return step.first == "scenario"; });
    for (const auto& [name, value] : steps) {
      ASSERT_TRUE(input.set_control(name, value)) << task.id << ": cannot reach control " << name;
      input.settle();
      EXPECT_EQ(state.lesson.refusal, "") << task.id << ": " << name;
      EXPECT_EQ(state.lesson.controls.at(name), value) << task.id << ": " << name << " is "
                                                       << state.lesson.controls.at(name).display();
    }
    EXPECT_TRUE(state.lesson.task_passed(t)) << task.id << " fails after its change: "
                                             << (t < state.lesson.tasks.size() ? state.lesson.tasks[t].check.error : "");
  }

  const lessons::Question& q = lesson.question;
  const LessonPanelLayout& layout = state.layout.lesson;
  if (q.kind == lessons::Question::Kind::Choice) {
    std::size_t wrong = q.choices.size(), right = q.choices.size();
    for (std::size_t c = 0; c < q.choices.size(); ++c) (q.choices[c].correct ? right : wrong) = c;
    ASSERT_LT(right, q.choices.size());
    if (wrong < q.choices.size()) {
      ASSERT_TRUE(input.click([&] { return layout.choices[wrong]; }));
      ASSERT_TRUE(state.lesson.grade.has_value());
      EXPECT_FALSE(state.lesson.grade->correct);
      EXPECT_EQ(state.lesson.grade->feedback, lessons::render_plain(q.choices[wrong].feedback, state.lesson.quotes));
      EXPECT_FALSE(state.lesson.done());
    }
    ASSERT_TRUE(input.click([&] { return layout.choices[right]; }));
  } else if (q.kind == lessons::Question::Kind::Number) {
    const std::optional<double> answer =
        q.answer ? q.answer : lessons::quote_number(lesson, q.answer_quote, lessons::RunSet::of(state.lesson.runs));
    ASSERT_TRUE(answer.has_value());
    const double off = *answer + std::max(1.0, std::abs(*answer)) + q.tolerance * 2;
    ASSERT_TRUE(input.click([&] { return layout.number; }));
    input.select_all();
    input.type(lessons::format_number(off, 3));
    ASSERT_TRUE(input.click([&] { return layout.check; }));
    ASSERT_TRUE(state.lesson.grade.has_value());
    EXPECT_FALSE(state.lesson.grade->correct);
    EXPECT_EQ(state.lesson.grade->feedback, lessons::render_plain(q.feedback_high, state.lesson.quotes));
    ASSERT_TRUE(input.click([&] { return layout.number; }));
    input.select_all();
    input.type(lessons::format_number(*answer, 6));
    ASSERT_TRUE(input.click([&] { return layout.check; }));
  }
  ASSERT_TRUE(state.lesson.grade.has_value() || q.kind == lessons::Question::Kind::None);
  if (state.lesson.grade) EXPECT_TRUE(state.lesson.grade->correct) << state.lesson.grade->feedback;
  EXPECT_TRUE(state.lesson.done()) << lesson.id << " is not marked done";
}

std::vector<std::string> lesson_ids_list() {
  std::vector<std::string> ids;
  for (const LessonEntry& entry : lesson_catalog()) ids.push_back(entry.id);
  return ids;
}

INSTANTIATE_TEST_SUITE_P(EveryLesson, LessonByInput, ::testing::ValuesIn(lesson_ids_list()),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name)
                             if (c == '-') c = '_';
                           return name;
                         });

}  // namespace
}  // namespace tl::app::test
