#include "app/state/lesson_state.h"

#include "lessons/content.h"

namespace tl::app {

const std::vector<LessonEntry>& lesson_catalog() {
  static const std::vector<LessonEntry> catalog = [] {
    std::vector<LessonEntry> out;
    for (const lessons::EmbeddedFile& file : lessons::embedded_lessons()) {
      LessonEntry entry;
      entry.id = std::string(file.name);
      lessons::LessonParse parsed = lessons::parse_lesson(file.text);
      if (parsed.lesson)
        entry.lesson = std::move(*parsed.lesson);
      else if (!parsed.errors.empty())
        entry.error = lessons::format_diagnostic("error", entry.id + ".json", parsed.errors.front());
      out.push_back(std::move(entry));
    }
    return out;
  }();
  return catalog;
}

int find_lesson(std::string_view id) {
  const auto& catalog = lesson_catalog();
  for (std::size_t i = 0; i < catalog.size(); ++i)
    if (catalog[i].id == id) return int(i);
  return -1;
}

std::string lesson_ids() {
  std::string out;
  for (const LessonEntry& entry : lesson_catalog()) {
    if (!out.empty()) out += ", ";
    out += entry.id;
  }
  return out;
}

namespace {

// Done once every task has passed (tasks may ask for different settings, so not necessarily
// at the same time) and the question (if any) was answered right.
void update_done(LessonState& state) {
  if (!state.open()) return;
  const lessons::Lesson& lesson = state.lesson();
  state.passed_once.resize(lesson.tasks.size(), false);
  bool done = true;
  for (std::size_t t = 0; t < lesson.tasks.size(); ++t) {
    if (state.task_passed(t)) state.passed_once[t] = true;
    done = done && state.passed_once[t];
  }
  if (lesson.question.kind != lessons::Question::Kind::None) done = done && state.grade && state.grade->correct;
  if (done) state.done[std::size_t(state.current)] = true;  // stays done when the learner experiments on
}

}  // namespace

bool start_lesson(LessonState& state, int index) {
  const auto& catalog = lesson_catalog();
  if (index < 0 || std::size_t(index) >= catalog.size() || !catalog[std::size_t(index)].lesson) return false;
  state.done.resize(catalog.size(), false);
  state.current = index;
  state.controls = lessons::starting_state(state.lesson());
  state.hints_shown.assign(state.lesson().tasks.size(), 0);
  state.passed_once.assign(state.lesson().tasks.size(), false);
  state.choice = -1;
  state.number = 0;
  state.grade.reset();
  rerun_lesson(state);
  return true;
}

std::string set_lesson_control(LessonState& state, std::string_view assignment) {
  if (!state.open()) return "no lesson is open";
  lessons::ControlState next = state.controls;
  std::string reason = lessons::set_control(state.lesson(), next, assignment);
  if (!reason.empty()) return reason;
  state.controls = std::move(next);
  rerun_lesson(state);
  return "";
}

void rerun_lesson(LessonState& state) {
  if (!state.open()) return;
  const lessons::Lesson& lesson = state.lesson();
  state.runs = lessons::run_lesson(lesson, state.controls, lessons::embedded_context());
  state.error.clear();
  for (const lessons::LessonRun& run : state.runs)
    if (!run.built.error.empty()) {
      state.error = run.name + ": " + run.built.error;
      break;
    }
  const lessons::RunSet set = lessons::RunSet::of(state.runs);
  state.tasks = lessons::evaluate_tasks(lesson, set);
  state.quotes = lessons::quote_values(lesson, set);
  if (state.grade && lesson.question.kind == lessons::Question::Kind::Number)
    state.grade = lessons::grade_number(lesson, state.number, set);  // a quoted answer may move
  update_done(state);
}

void answer_choice(LessonState& state, int choice) {
  if (!state.open() || choice < 0) return;
  state.choice = choice;
  state.grade = lessons::grade_choice(state.lesson().question, std::size_t(choice));
  update_done(state);
}

void answer_number(LessonState& state, double value) {
  if (!state.open()) return;
  state.number = value;
  state.grade = lessons::grade_number(state.lesson(), value, lessons::RunSet::of(state.runs));
  update_done(state);
}

}  // namespace tl::app
