#include "app/state/lesson_state.h"

#include "lessons/content.h"

namespace tl::app {

// ---------------------------------------------------------------------------------------------
// [SECTION] The embedded lessons
// ---------------------------------------------------------------------------------------------
const std::vector<LessonEntry>& lesson_catalog() {
  static const std::vector<LessonEntry> catalog = [] {
    std::vector<LessonEntry> out;
    for (const lessons::EmbeddedFile& file : lessons::embedded_lessons()) {
      LessonEntry entry;
      entry.id = std::string(file.name);
      lessons::LessonParse parsed = lessons::parse_lesson(file.text);
      if (parsed.lesson)
        entry.lesson = std::make_shared<const lessons::Lesson>(std::move(*parsed.lesson));
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

// ---------------------------------------------------------------------------------------------
// [SECTION] Opening, runs, verdicts
// ---------------------------------------------------------------------------------------------
namespace {

// Fills in the texts that quote numbers; called whenever the quotes change.
void render_texts(LessonState& state) {
  const lessons::Lesson& lesson = state.lesson();
  LessonTexts& t = state.texts;
  const auto plain = [&](const std::string& text) { return lessons::render_plain(text, state.quotes); };
  t.tasks.clear();
  t.explanations.clear();
  t.hints.clear();
  for (const lessons::Task& task : lesson.tasks) {
    t.tasks.push_back(plain(task.text));
    t.explanations.push_back(plain(task.explanation));
    std::vector<std::string> hints;
    for (const std::string& hint : task.hints) hints.push_back(plain(hint));
    t.hints.push_back(std::move(hints));
  }
  t.question = plain(lesson.question.text);
  t.choices.clear();
  for (const lessons::Choice& choice : lesson.question.choices) t.choices.push_back(plain(choice.text));
  if (state.grade) state.grade->feedback = plain(state.grade->feedback);
}

// Done once every task has passed (tasks may ask for different settings, so not necessarily at
// the same time, nor in the same visit) and the question (if any) was answered right.
void update_done(LessonState& state) {
  if (!state.open()) return;
  const lessons::Lesson& lesson = state.lesson();
  lessons::LessonProgress before = state.progress.lessons[lesson.id];
  lessons::LessonProgress& mine = state.progress.lessons[lesson.id];
  bool done = true;
  for (std::size_t t = 0; t < lesson.tasks.size(); ++t) {
    if (state.task_passed(t)) mine.passed.insert(lesson.tasks[t].id);
    done = done && mine.passed.count(lesson.tasks[t].id) > 0;
  }
  if (lesson.question.kind != lessons::Question::Kind::None) done = done && state.grade && state.grade->correct;
  mine.done = mine.done || done;  // stays done when the learner experiments on
  if (!(mine == before)) state.progress_changed = true;
  if (!mine.done && mine.passed.empty()) state.progress.lessons.erase(lesson.id);
}

void evaluate(LessonState& state) {
  const lessons::Lesson& lesson = state.lesson();
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
  render_texts(state);
  update_done(state);
}

// Submits the next run that has a scenario, or finishes the round.
bool submit_next(LessonState& state) {
  LessonRuns& bg = state.background;
  while (bg.next < bg.building.size() && !bg.building[bg.next].built.scenario) ++bg.next;
  if (bg.next < bg.building.size()) {
    if (!bg.session) bg.session = std::make_unique<Session>(bg.mode);
    bg.request = bg.session->submit(*bg.building[bg.next].built.scenario);
    return false;
  }
  bg.pending = false;
  state.runs = std::move(bg.building);
  bg.building.clear();
  evaluate(state);
  return true;
}

void open(LessonState& state, std::shared_ptr<const lessons::Lesson> lesson, int index, std::string_view source) {
  state.opened = std::move(lesson);
  state.current = index;
  state.source = std::string(source);
  state.controls = lessons::starting_state(state.lesson());
  state.hints_shown.assign(state.lesson().tasks.size(), 0);
  state.choice = -1;
  state.number = 0;
  state.grade.reset();
  state.refusal.clear();
  state.load_error.clear();
  state.runs.clear();
  state.tasks.clear();
  state.quotes.clear();
  state.texts = LessonTexts{};
  for (const std::string& paragraph : state.lesson().text) state.texts.paragraphs.push_back(lessons::parse_block(paragraph));
  render_texts(state);
  rerun_lesson(state);
}

}  // namespace

bool start_lesson(LessonState& state, int index) {
  const auto& catalog = lesson_catalog();
  if (index < 0 || std::size_t(index) >= catalog.size() || !catalog[std::size_t(index)].lesson) return false;
  open(state, catalog[std::size_t(index)].lesson, index, catalog[std::size_t(index)].id);
  return true;
}

bool start_lesson_text(LessonState& state, std::string_view source, std::string_view text) {
  lessons::LessonParse parsed = lessons::parse_lesson(text);
  if (!parsed.lesson) {
    std::string lines;
    for (const lessons::Diagnostic& d : parsed.errors) {
      if (!lines.empty()) lines += "\n";
      lines += lessons::format_diagnostic("error", source, d);
    }
    state.load_error = lines.empty() ? "error: " + std::string(source) + ": not a lesson" : lines;
    return false;
  }
  // A file's lesson with a built-in id is the teacher's version of it: it is not the list's entry.
  open(state, std::make_shared<const lessons::Lesson>(std::move(*parsed.lesson)), -1, source);
  return true;
}

std::string set_lesson_control(LessonState& state, std::string_view assignment) {
  if (!state.open()) return "no lesson is open";
  lessons::ControlState next = state.controls;
  state.refusal = lessons::set_control(state.lesson(), next, assignment);
  if (!state.refusal.empty()) return state.refusal;
  state.controls = std::move(next);
  rerun_lesson(state);
  return "";
}

void rerun_lesson(LessonState& state) {
  if (!state.open()) return;
  const lessons::Lesson& lesson = state.lesson();
  LessonRuns& bg = state.background;
  bg.building.clear();
  for (const lessons::Run& run : lesson.runs) {
    lessons::LessonRun built;
    built.name = run.name;
    built.built = lessons::build_scenario(lesson, lessons::effective_state(lesson, state.controls, run),
                                          lessons::embedded_context());
    bg.building.push_back(std::move(built));
  }
  bg.next = 0;
  bg.pending = true;
  if (bg.session) bg.session->cancel();  // the previous round's runs are of no use now
  submit_next(state);
}

bool update_lesson_runs(LessonState& state) {
  LessonRuns& bg = state.background;
  if (!bg.pending || !bg.session) return false;
  if (bg.session->mode() == Session::Mode::Sliced) bg.session->poll();
  const std::shared_ptr<const SessionSnapshot> snapshot = bg.session->snapshot();
  if (snapshot->request != bg.request) return false;
  if (!snapshot->error.empty()) {  // an engine failure: say so where the run's tasks are
    bg.building[bg.next].built.error = "the simulation failed: " + snapshot->error;
    bg.building[bg.next].built.scenario.reset();
  } else if (snapshot->result() != nullptr) {
    bg.building[bg.next].result = snapshot->cells.front();
  } else {
    return false;  // still running (a cancelled snapshot is never ours: we only cancel by resubmitting)
  }
  ++bg.next;
  return submit_next(state);
}

void wait_for_lesson(LessonState& state) {
  while (state.background.pending) {
    state.background.session->wait_idle();
    update_lesson_runs(state);
  }
}

void answer_choice(LessonState& state, int choice) {
  if (!state.open() || choice < 0 || std::size_t(choice) >= state.lesson().question.choices.size()) return;
  state.choice = choice;
  state.grade = lessons::grade_choice(state.lesson().question, std::size_t(choice));
  state.grade->feedback = lessons::render_plain(state.grade->feedback, state.quotes);
  update_done(state);
}

void answer_number(LessonState& state, double value) {
  if (!state.open()) return;
  state.number = value;
  state.grade = lessons::grade_number(state.lesson(), value, lessons::RunSet::of(state.runs));
  state.grade->feedback = lessons::render_plain(state.grade->feedback, state.quotes);
  update_done(state);
}

void close_lesson(LessonState& state) {
  if (state.background.session) state.background.session->cancel();
  state.background.pending = false;
  state.background.building.clear();
  state.opened.reset();
  state.current = -1;
}

void import_progress(LessonState& state, const lessons::Progress& progress, bool replace) {
  if (replace)
    state.progress = progress;
  else
    lessons::merge_progress(state.progress, progress);
  state.progress_changed = true;
}

void reset_progress(LessonState& state) {
  state.progress = lessons::Progress{};
  state.progress_changed = true;
}

}  // namespace tl::app
