// Running a lesson: controls -> scenarios, run results -> task verdicts, quotes and grades.
// Everything here is a pure function of its arguments (the runs themselves are tl::run), so
// the app can build the scenarios, hand them to its Session, and evaluate the snapshots.
//
// [SECTION] Controls
// [SECTION] Scenarios
// [SECTION] Checks
// [SECTION] Quotes and answers
#pragma once
#include "lessons/lesson.h"
#include "sim/engine/engine.h"

#include <memory>

namespace tl::lessons {

// ---------------------------------------------------------------------------------------------
// [SECTION] Controls
// ---------------------------------------------------------------------------------------------
// Every control at its "start" value.
ControlState starting_state(const Lesson& lesson);

// Reads "quantum_us=1000", "gil=off", "policy=fifo" into `state`. "" on success, else the
// reason ("unknown control 'quantm_us' (this lesson has: cores, policy)").
std::string set_control(const Lesson& lesson, ControlState& state, std::string_view assignment);

// Parses one value for control `info` from a JSON-like text; nullopt + reason when invalid.
std::optional<ControlValue> control_value_from_text(const ControlInfo& info, std::string_view text,
                                                    std::string& reason);

// The values a run uses: the starting state, then the learner's, then the run's fixed ones.
ControlState effective_state(const Lesson& lesson, const ControlState& learner, const Run& run);

// ---------------------------------------------------------------------------------------------
// [SECTION] Scenarios
// ---------------------------------------------------------------------------------------------
struct BuiltScenario {
  std::optional<Scenario> scenario;  // set iff error is empty
  std::string error;                 // "scenarios.race: processes[0]...: ..." or a control's
  std::string source;                // the lesson scenario used
};

// The scenario a control state selects, with the controls applied.
BuiltScenario build_scenario(const Lesson& lesson, const ControlState& effective, const Context& context);

// What a scenario has for a control the learner has not set ("start": null shows the
// scenario's own value): cores, quantum_us, switch_us, gil, switch_interval_us, policy;
// nullopt for the others.
std::optional<ControlValue> control_value_in(const Scenario& scenario, std::string_view name);

struct LessonRun {
  std::string name;
  BuiltScenario built;
  std::shared_ptr<const RunResult> result;  // null if the scenario could not be built
};

// Builds and runs every run of the lesson with the learner's controls (synchronously).
std::vector<LessonRun> run_lesson(const Lesson& lesson, const ControlState& learner, const Context& context);

// What checks read: each run's scenario and result by name (the first is the default run).
struct RunSet {
  std::vector<std::string> names;
  std::vector<const Scenario*> scenarios;
  std::vector<const RunResult*> results;
  static RunSet of(const std::vector<LessonRun>& runs);
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Checks
// ---------------------------------------------------------------------------------------------
struct MeasureValue {
  bool ok = false;
  double number = 0;
  std::string text;   // outcome names
  std::string error;  // "run 'threads': no thread 'wrker'"
};
MeasureValue measure(const Measure& m, const RunSet& runs);
std::string describe(const Measure& m);  // "makespan_ms [threads]", "lost (counter)"

struct Reading {         // one comparison, as the learner sees it
  std::string label;     // "lost (counter) [main] > 0"
  std::string measured;  // "412"
  bool pass = false;
};

struct CheckResult {
  bool pass = false;
  std::vector<Reading> readings;
  std::string error;  // a measure could not be read (a run failed, a name is gone)
};
CheckResult evaluate(const Check& check, const RunSet& runs);

struct TaskResult {
  std::string id;
  CheckResult check;
};
std::vector<TaskResult> evaluate_tasks(const Lesson& lesson, const RunSet& runs);

// ---------------------------------------------------------------------------------------------
// [SECTION] Quotes and answers
// ---------------------------------------------------------------------------------------------
// Numbers for the text's {{quote}}s, formatted. Quotes whose measure fails are absent.
MeasureValue quote_value(const Quote& q, const RunSet& runs);
std::map<std::string, std::string> quote_values(const Lesson& lesson, const RunSet& runs);
std::optional<double> quote_number(const Lesson& lesson, std::string_view name, const RunSet& runs);
std::string format_number(double value, int decimals);

struct Grade {
  bool correct = false;
  std::string feedback;
};
Grade grade_choice(const Question& q, std::size_t choice);
// `runs` supplies the answer when the question quotes it.
Grade grade_number(const Lesson& lesson, double answer, const RunSet& runs);

}  // namespace tl::lessons
