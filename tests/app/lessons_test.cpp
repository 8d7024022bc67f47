// The lesson screen through the null backend: every lesson opens and draws, tasks fail at the
// starting controls and pass once the lesson's recorded solution is applied through the same
// setter the lesson's controls use, and answers get their feedback.
#include "app/state/args.h"
#include "headless.h"

#include <array>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace tl::app::test {
namespace {

nlohmann::json state_json() { return nlohmann::json::parse(tl_state_json()); }

void apply_solution(AppState& state, const lessons::Task& task) {
  for (const auto& [name, value] : task.solution)
    ASSERT_EQ(set_lesson_control(state, name + "=" + value.display()), "") << task.id << ": " << name;
  wait_for_lesson(state.lesson);
}

bool open_and_wait(AppState& state, std::string_view id) {
  if (!open_lesson(state, id)) return false;
  wait_for_lesson(state.lesson);
  return true;
}

TEST(Lessons, EveryEmbeddedLessonParses) {
  ASSERT_GE(lesson_catalog().size(), 12u);
  for (const LessonEntry& entry : lesson_catalog()) EXPECT_TRUE(entry.lesson != nullptr) << entry.error;
}

// Each lesson's column draws its text, controls, tasks and question without an ImGui assert,
// and the timeline shows the lesson's own run.
TEST(Lessons, EveryLessonOpensAndDraws) {
  HeadlessUi ui(1280, 720);
  AppState state;
  for (std::size_t i = 0; i < lesson_catalog().size(); ++i) {
    const LessonEntry& entry = lesson_catalog()[i];
    ASSERT_TRUE(open_and_wait(state, entry.id)) << entry.id;
    wait_for_run(state);
    EXPECT_EQ(state.lesson.error, "") << entry.id;
    EXPECT_EQ(state.document.name, entry.id);
    for (int f = 0; f < 3; ++f) ui.frame(state);
    EXPECT_EQ(state.lesson.current, int(i));
    EXPECT_EQ(state.lesson.tasks.size(), entry.lesson->tasks.size()) << entry.id;
  }
}

// Every task of every lesson: failing at the start, passing after its solution.
TEST(Lessons, TasksFailAtTheStartAndPassWithTheirSolution) {
  AppState state;
  for (const LessonEntry& entry : lesson_catalog()) {
    const lessons::Lesson& lesson = *entry.lesson;
    for (std::size_t t = 0; t < lesson.tasks.size(); ++t) {
      const lessons::Task& task = lesson.tasks[t];
      ASSERT_TRUE(open_and_wait(state, entry.id));
      EXPECT_FALSE(state.lesson.task_passed(t)) << entry.id << "/" << task.id << " passes before any change";
      apply_solution(state, task);
      EXPECT_TRUE(state.lesson.task_passed(t)) << entry.id << "/" << task.id << " fails after its solution: "
                                               << state.lesson.tasks[t].check.error;
    }
  }
}

// The races lesson through frames: the screen and the state JSON follow the learner.
TEST(Lessons, RacesLessonThroughFramesAndStateJson) {
  HeadlessUi ui(1280, 720);
  AppState state;
  attach_api(&state);
  ASSERT_TRUE(open_and_wait(state, "races"));
  wait_for_run(state);
  ui.frame(state);
  nlohmann::json json = state_json();
  ASSERT_TRUE(json["lesson"].is_object());
  EXPECT_EQ(json["lesson"]["id"], "races");
  EXPECT_EQ(json["lesson"]["controls"]["cores"], "2");
  for (const auto& task : json["lesson"]["tasks"]) EXPECT_FALSE(task["pass"]) << task["id"];
  EXPECT_EQ(json["controls"]["cores"]["x1"], 0) << "the lesson's column replaces the Cores slider";

  const lessons::Lesson& lesson = state.lesson.lesson();
  apply_solution(state, lesson.tasks[0]);
  wait_for_run(state);
  ui.frame(state);
  json = state_json();
  EXPECT_TRUE(json["lesson"]["tasks"][0]["pass"]);
  EXPECT_EQ(json["lesson"]["controls"]["cores"], "1");
  EXPECT_EQ(state.result().trace.cores.size(), 1u) << "the timeline shows the learner's run";

  // A wrong answer shows its own feedback; the right one marks the question answered.
  const lessons::Question& q = lesson.question;
  ASSERT_EQ(q.kind, lessons::Question::Kind::Choice);
  std::size_t wrong = 0, right = 0;
  for (std::size_t c = 0; c < q.choices.size(); ++c) (q.choices[c].correct ? right : wrong) = c;
  answer_choice(state.lesson, int(wrong));
  ui.frame(state);
  ASSERT_TRUE(state.lesson.grade.has_value());
  EXPECT_FALSE(state.lesson.grade->correct);
  EXPECT_EQ(state.lesson.grade->feedback, lessons::render_plain(q.choices[wrong].feedback, {}));
  json = state_json();
  EXPECT_TRUE(json["lesson"]["answered"]);
  EXPECT_FALSE(json["lesson"]["correct"]);
  EXPECT_FALSE(json["lesson"]["done"]);

  answer_choice(state.lesson, int(right));
  ui.frame(state);
  EXPECT_TRUE(state_json()["lesson"]["correct"]);

  // Next opens the following lesson; closing brings the picker back.
  open_lesson(state, state.lesson.current + 1);
  wait_for_lesson(state.lesson);
  wait_for_run(state);
  ui.frame(state);
  EXPECT_NE(state_json()["lesson"]["id"], "races");
  close_lesson(state);
  ui.frame(state);
  EXPECT_TRUE(state_json()["lesson"].is_null());
  EXPECT_GT(state_json()["controls"]["cores"]["x1"], 0);
}

// A lesson is marked done once every task has passed (each with its own solution, one after
// another) and the answer is right; the mark stays while the learner experiments on.
TEST(Lessons, DoneNeedsEveryTaskAndTheRightAnswer) {
  AppState state;
  for (const LessonEntry& entry : lesson_catalog()) {
    const lessons::Lesson& lesson = *entry.lesson;
    if (lesson.question.kind != lessons::Question::Kind::Choice) continue;  // number answers may be measured
    ASSERT_TRUE(open_and_wait(state, entry.id));
    for (const lessons::Task& task : lesson.tasks) {
      const lessons::ControlState start = lessons::starting_state(lesson);
      for (const auto& [name, value] : start) ASSERT_EQ(set_lesson_control(state, name + "=" + value.display()), "");
      apply_solution(state, task);
    }
    EXPECT_FALSE(state.lesson.done()) << entry.id << " is done before its question is answered";
    for (std::size_t c = 0; c < lesson.question.choices.size(); ++c)
      if (lesson.question.choices[c].correct) answer_choice(state.lesson, int(c));
    EXPECT_TRUE(state.lesson.done()) << entry.id;
    ASSERT_TRUE(open_and_wait(state, entry.id));
    EXPECT_TRUE(state.lesson.done()) << entry.id << ": reopening keeps the mark";
    EXPECT_TRUE(state.lesson.progress.done(entry.id));
  }
}

TEST(Lessons, RefusedControlChangesSayWhy) {
  AppState state;
  ASSERT_TRUE(open_and_wait(state, "races"));
  const std::string before = state.lesson.controls.at("cores").display();
  EXPECT_NE(set_lesson_control(state, "cores=two"), "");
  EXPECT_NE(set_lesson_control(state, "gil=off"), "") << "a control the lesson does not list";
  EXPECT_EQ(state.lesson.controls.at("cores").display(), before);
  EXPECT_FALSE(open_lesson(state, "no-such-lesson"));
  EXPECT_EQ(state.lesson.lesson().id, "races");
}

TEST(Lessons, LessonOptionNamesKnownLessons) {
  const std::array good{"--lesson", "races"};
  const ParsedArgs ok = parse_args(good);
  EXPECT_TRUE(ok.errors.empty());
  EXPECT_EQ(ok.options.lesson, "races");
  const std::array bad{"--lesson", "nope"};
  const ParsedArgs refused = parse_args(bad);
  ASSERT_EQ(refused.errors.size(), 1u);
  EXPECT_EQ(refused.errors[0].rfind("error: --lesson: unknown lesson 'nope' (one of: ", 0), 0u) << refused.errors[0];
}

}  // namespace
}  // namespace tl::app::test
