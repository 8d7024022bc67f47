// Any bytes as a lesson file (what a teacher writes): the parser returns a lesson or errors
// (never both, never neither), each error one "error: " line. A valid lesson is then used the
// way the lesson screen uses it: its text is split into markup spans and rendered, every run's
// scenario is built from the starting controls and run (event limit lowered), and the tasks,
// claims and quotes are evaluated against those runs. None of that may crash, and every run
// keeps the engine's promises.
#include "fuzz_support.h"

#include "lessons/evaluate.h"
#include "lessons/lesson.h"
#include "lessons/markup.h"

namespace {

void require_one_line(const std::string& line, const char* what) {
  tl::fuzz::require(line.find('\n') == std::string::npos && line.find('\r') == std::string::npos, what);
}

void check_text(const std::string& paragraph, const std::map<std::string, std::string>& quotes) {
  std::vector<tl::lessons::Inline> spans;
  std::string error;
  (void)tl::lessons::parse_inline(paragraph, spans, error);
  (void)tl::lessons::parse_block(paragraph);
  (void)tl::lessons::render_plain(paragraph, quotes);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tl;
  using namespace tl::lessons;
  static const Context context = embedded_context();
  const LessonParse parsed = parse_lesson(fuzz::as_text(data, size), context);
  fuzz::require(parsed.lesson.has_value() == parsed.errors.empty(), "a lesson or errors, not both");
  for (const Diagnostic& d : parsed.errors) {
    const std::string line = format_diagnostic("error", "lesson.json", d);
    fuzz::require(line.rfind("error: ", 0) == 0, "an error line starts with 'error: '");
    require_one_line(line, "an error is one line");
  }
  for (const Diagnostic& d : parsed.warnings) require_one_line(format_diagnostic("warning", "", d), "a warning is one line");
  if (!parsed.lesson) return 0;
  const Lesson& lesson = *parsed.lesson;
  fuzz::require(!lesson.runs.empty(), "a lesson has at least one run");

  // The runs, as run_lesson builds them, but each bounded so an input takes milliseconds.
  const ControlState learner = starting_state(lesson);
  std::vector<LessonRun> runs;
  for (const Run& r : lesson.runs) {
    LessonRun lr{r.name, build_scenario(lesson, effective_state(lesson, learner, r), context), nullptr};
    fuzz::require(lr.built.scenario.has_value() == lr.built.error.empty(), "a built scenario or its error, not both");
    if (lr.built.scenario) {
      fuzz::bound_for_fuzzing(*lr.built.scenario);
      auto result = std::make_shared<RunResult>(run(*lr.built.scenario));
      fuzz::check_run(*lr.built.scenario, *result);
      lr.result = std::move(result);
    }
    runs.push_back(std::move(lr));
  }
  const RunSet set = RunSet::of(runs);
  (void)evaluate_tasks(lesson, set);
  for (const Claim& c : lesson.claims) (void)evaluate(c.check, set);
  const std::map<std::string, std::string> quotes = quote_values(lesson, set);
  for (const std::string& p : lesson.text) check_text(p, quotes);
  for (const Task& t : lesson.tasks) {
    check_text(t.text, quotes);
    for (const std::string& h : t.hints) check_text(h, quotes);
  }
  for (std::size_t i = 0; i < lesson.question.choices.size(); ++i) (void)grade_choice(lesson.question, i);
  if (lesson.question.kind == Question::Kind::Number) {
    (void)grade_number(lesson, 0.0, set);
    (void)grade_number(lesson, 1e300, set);
  }
  return 0;
}
