// Every lesson file: validates, lists in the index, runs every scenario it offers, quotes
// only numbers the simulator produces, makes only claims that hold, and gives every wrong
// answer its feedback.
#include "lesson_files.h"
#include "lessons/markup.h"

#include <gtest/gtest.h>

#include <set>

namespace tl::test {
namespace {

using namespace tl::lessons;
namespace fs = std::filesystem;

TEST(LessonIndex, ListsEveryLessonFileOnceAndTheBuildEmbedsThem) {
  const std::vector<std::string> ids = lesson_ids();
  EXPECT_GE(ids.size(), 12u);
  std::set<std::string> listed(ids.begin(), ids.end());
  EXPECT_EQ(listed.size(), ids.size()) << "an id is listed twice in lessons/index.json";
  for (const auto& entry : fs::directory_iterator(lessons_dir())) {
    const std::string stem = entry.path().stem().string();
    if (entry.path().extension() != ".json" || stem == "index" || stem == "glossary") continue;
    EXPECT_TRUE(listed.count(stem)) << entry.path() << " is not in lessons/index.json";
  }
  const auto embedded = embedded_lessons();
  ASSERT_EQ(embedded.size(), ids.size()) << "rebuild: the embedded lessons are stale";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    EXPECT_EQ(embedded[i].name, ids[i]);
    EXPECT_EQ(embedded[i].text, read_file(lessons_dir() / (ids[i] + ".json"))) << ids[i] << ": stale embedded copy";
  }
}

TEST(Glossary, Validates) {
  const GlossaryParse g = parse_glossary(read_file(lessons_dir() / "glossary.json"));
  for (const Diagnostic& e : g.errors) ADD_FAILURE() << format_diagnostic("error", "lessons/glossary.json", e);
  EXPECT_GE(g.terms.size(), 20u);
}

class LessonFile : public ::testing::TestWithParam<std::string> {
 protected:
  Lesson load() {
    LessonParse p = parse_lesson_file(GetParam());
    for (const Diagnostic& e : p.errors) ADD_FAILURE() << format_diagnostic("error", GetParam(), e);
    if (!p.lesson) throw std::runtime_error("invalid lesson");
    return *p.lesson;
  }
};

TEST_P(LessonFile, Validates) {
  const LessonParse p = parse_lesson_file(GetParam());
  for (const Diagnostic& e : p.errors) ADD_FAILURE() << format_diagnostic("error", "lessons/" + GetParam() + ".json", e);
  ASSERT_TRUE(p.lesson);
  EXPECT_EQ(p.lesson->id, GetParam()) << "a lesson's id is its file name";
  // Warnings are allowed only for mechanisms the simulator lacks, and say so.
  for (const Diagnostic& w : p.warnings) EXPECT_NE(w.message.find("does not"), std::string::npos) << w.message;
}

TEST_P(LessonFile, EveryScenarioItOffersRuns) {
  const Lesson lesson = load();
  std::vector<ControlState> states{starting_state(lesson)};
  for (const ScenarioSource& s : lesson.scenarios) {
    ControlState st = starting_state(lesson);
    st["scenario"] = ControlValue{ValueType::Choice, 0, s.name};
    if (std::none_of(lesson.controls.begin(), lesson.controls.end(), [](const Control& c) { return c.name == "scenario"; }))
      continue;
    states.push_back(st);
  }
  for (const ControlState& st : states) {
    for (const LessonRun& r : run_lesson(lesson, st, embedded_context())) {
      ASSERT_TRUE(r.result) << r.name << ": " << r.built.error;
      EXPECT_NE(r.result->outcome, Outcome::TimeLimit) << r.name;
      EXPECT_NE(r.result->outcome, Outcome::EventLimit) << r.name;
    }
  }
}

TEST_P(LessonFile, QuotesAreTheSimulatorsNumbers) {
  const Lesson lesson = load();
  const std::vector<LessonRun> runs = run_lesson(lesson, starting_state(lesson), embedded_context());
  const auto values = quote_values(lesson, RunSet::of(runs));
  // Each quote, measured on a fresh run of the same scenario, gives the same digits.
  std::vector<LessonRun> again;
  for (const LessonRun& r : runs) {
    ASSERT_TRUE(r.built.scenario) << r.built.error;
    again.push_back({r.name, r.built, std::make_shared<const RunResult>(tl::run(*r.built.scenario))});
  }
  const RunSet fresh = RunSet::of(again);
  for (const Quote& q : lesson.quotes) {
    const MeasureValue v = quote_value(q, fresh);
    ASSERT_TRUE(v.ok) << q.path << ": " << v.error;
    ASSERT_TRUE(values.count(q.name)) << q.path;
    EXPECT_EQ(values.at(q.name), format_number(v.number, q.decimals)) << q.path;
  }
  // Every {{quote}} of every learner-facing string is filled in.
  std::vector<std::string> texts = lesson.text;
  texts.push_back(lesson.title);
  for (const Task& t : lesson.tasks) {
    texts.push_back(t.text);
    texts.insert(texts.end(), t.hints.begin(), t.hints.end());
    if (!t.explanation.empty()) texts.push_back(t.explanation);
  }
  texts.push_back(lesson.question.text);
  for (const Choice& c : lesson.question.choices) texts.insert(texts.end(), {c.text, c.feedback});
  for (const std::string& t : texts) EXPECT_EQ(render_plain(t, values).find("{{"), std::string::npos) << t;
}

TEST_P(LessonFile, ClaimsHoldAtTheStartingControls) {
  const Lesson lesson = load();
  const std::vector<LessonRun> runs = run_lesson(lesson, starting_state(lesson), embedded_context());
  for (const Claim& c : lesson.claims) {
    const CheckResult r = evaluate(c.check, RunSet::of(runs));
    std::string readings;
    for (const Reading& rd : r.readings) readings += "\n  " + rd.label + ": " + rd.measured;
    EXPECT_TRUE(r.pass) << "claim \"" << c.text << "\" does not hold:" << readings << " " << r.error;
  }
}

TEST_P(LessonFile, EveryAnswerGetsItsFeedback) {
  const Lesson lesson = load();
  const Question& q = lesson.question;
  if (q.kind == Question::Kind::Choice) {
    for (std::size_t i = 0; i < q.choices.size(); ++i) {
      const Grade g = grade_choice(q, i);
      EXPECT_EQ(g.correct, q.choices[i].correct) << "choice " << i;
      EXPECT_EQ(g.feedback, q.choices[i].feedback);
      EXPECT_FALSE(g.feedback.empty());
    }
    return;
  }
  ASSERT_EQ(q.kind, Question::Kind::Number);
  const std::vector<LessonRun> runs = run_lesson(lesson, starting_state(lesson), embedded_context());
  const RunSet set = RunSet::of(runs);
  const double answer = q.answer ? *q.answer : *quote_number(lesson, q.answer_quote, set);
  EXPECT_TRUE(grade_number(lesson, answer, set).correct);
  const Grade low = grade_number(lesson, answer - q.tolerance - 1, set);
  const Grade high = grade_number(lesson, answer + q.tolerance + 1, set);
  EXPECT_FALSE(low.correct);
  EXPECT_EQ(low.feedback, q.feedback_low);
  EXPECT_FALSE(high.correct);
  EXPECT_EQ(high.feedback, q.feedback_high);
}

INSTANTIATE_TEST_SUITE_P(Lessons, LessonFile, ::testing::ValuesIn(lesson_ids()),
                         [](const auto& info) { return param_name(info.param); });

}  // namespace
}  // namespace tl::test
