// The lesson being followed: which one, the learner's control values, the lesson's runs with
// those values, and what the tasks and the question say about them; the learner's progress
// over all lessons. The lesson logic itself lives in the lesson files and tllessons; this only
// holds the learner's side and calls it.
//
// The lesson's runs happen in the background, one after another on a Session of their own (a
// worker thread, or slices from the frame loop where there are no threads), so a frame never
// waits for a simulation: tasks show the previous verdicts, marked as being re-checked, until
// the newest runs are all done.
//
// [SECTION] The embedded lessons
// [SECTION] LessonState
// [SECTION] Functions
#pragma once
#include "lessons/evaluate.h"
#include "lessons/lesson.h"
#include "lessons/markup.h"
#include "lessons/progress.h"
#include "sim/run/session.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tl::app {

// ---------------------------------------------------------------------------------------------
// [SECTION] The embedded lessons
// ---------------------------------------------------------------------------------------------
// Every embedded lesson in lessons/index.json order; a lesson that fails to parse keeps its
// id and the parser's first message, so the list still shows it and says why it cannot open.
struct LessonEntry {
  std::string id;
  std::shared_ptr<const lessons::Lesson> lesson;  // null if it did not parse
  std::string error;
};
const std::vector<LessonEntry>& lesson_catalog();
int find_lesson(std::string_view id);  // index in lesson_catalog(), or -1
std::string lesson_ids();              // "a, b, c" for messages

// ---------------------------------------------------------------------------------------------
// [SECTION] LessonState
// ---------------------------------------------------------------------------------------------
// The lesson's texts with markup parsed once and quotes filled in once per evaluation, so the
// panel draws without parsing anything.
struct LessonTexts {
  std::vector<lessons::Block> paragraphs;  // the lesson's text, parsed when it opens
  std::vector<std::string> tasks, explanations;
  std::vector<std::vector<std::string>> hints;
  std::string question;
  std::vector<std::string> choices;
};

// The lesson's runs on their own Session, one after another (the newest control values win).
struct LessonRuns {
  Session::Mode mode = Session::Mode::Worker;  // Sliced where there are no threads
  std::unique_ptr<Session> session;            // created by the first run
  std::vector<lessons::LessonRun> building;    // scenarios built; results filled in as they finish
  std::size_t next = 0;                        // the run being simulated
  std::uint64_t request = 0;                   // its Session request id
  bool pending = false;                        // `building` is not complete yet
};

struct LessonState {
  int current = -1;                               // index in lesson_catalog(); -1: none, or a file's lesson
  std::shared_ptr<const lessons::Lesson> opened;  // the lesson being followed (null: none)
  std::string source;                             // where it came from: its id, or a file's path or URL
  lessons::ControlState controls;                 // the learner's values
  std::vector<lessons::LessonRun> runs;           // every run of the lesson with those values
  std::vector<lessons::TaskResult> tasks;
  std::map<std::string, std::string> quotes;  // {{quote}} -> number as shown
  LessonTexts texts;
  std::vector<int> hints_shown;         // [task] hints revealed so far
  int choice = -1;                      // the chosen answer (choice questions)
  double number = 0;                    // the typed answer (number questions)
  std::optional<lessons::Grade> grade;  // feedback for the last answer given
  std::string error;                    // a run that could not be built
  std::string refusal;                  // why the last control change was refused ("" = accepted)
  std::string load_error;               // a lesson file that could not be opened: path and reason
  LessonRuns background;
  // Embedded in a course page: the column shows this lesson only, without the list of lessons,
  // the progress section, Previous/Next and Close. The page chose the lesson (and records the
  // learner's progress in it); a learner wandering to another inside the frame would leave it.
  bool single_lesson = false;

  lessons::Progress progress;                             // done marks and passed tasks over every lesson, by id
  bool progress_changed = false;                          // not yet written to storage
  std::string progress_message;                           // what the last export/import/reset did (or why it failed)
  bool progress_message_unasked = false;                  // a load or save failed: "Your progress" opens to say so
  std::string progress_file = "threadlab-progress.json";  // desktop: the export/import file
  bool confirm_reset = false;                             // Reset was pressed once

  bool open() const { return opened != nullptr; }
  const lessons::Lesson& lesson() const { return *opened; }
  bool pending() const { return background.pending; }
  bool task_passed(std::size_t task) const { return task < tasks.size() && tasks[task].check.pass; }
  bool done() const { return open() && progress.done(opened->id); }
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Functions
// ---------------------------------------------------------------------------------------------
// Opens lesson `index` at its starting controls and starts its runs; false (state unchanged)
// for an index out of range or a lesson that did not parse.
bool start_lesson(LessonState& state, int index);
// Opens a lesson from a file's text (a teacher's lesson: `threadlab FILE`, ?lesson_url=). On a
// lesson that does not parse, returns false, keeps the current lesson and sets load_error to
// "SOURCE: PATH: reason" lines, every error at once.
bool start_lesson_text(LessonState& state, std::string_view source, std::string_view text);
// Sets one control ("quantum_us=1", "scenario=locked") and starts the runs again; "" or the
// reason it was refused (also kept in `refusal` for the panel).
std::string set_lesson_control(LessonState& state, std::string_view assignment);
// Starts every run of the lesson with the current controls (in the background).
void rerun_lesson(LessonState& state);
// Once a frame: collects finished runs, submits the next; when the last is done, evaluates the
// tasks and quotes. True when the verdicts changed.
bool update_lesson_runs(LessonState& state);
// Blocks until every run is done and evaluated: tests and the first frame, never a frame.
void wait_for_lesson(LessonState& state);
void answer_choice(LessonState& state, int choice);
void answer_number(LessonState& state, double value);
void close_lesson(LessonState& state);

// Replaces the progress (an import: merged, not replaced, unless `replace`).
void import_progress(LessonState& state, const lessons::Progress& progress, bool replace = false);
void reset_progress(LessonState& state);

}  // namespace tl::app
