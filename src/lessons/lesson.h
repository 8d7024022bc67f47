// A lesson: text, scenarios, controls, tasks with declarative checks, and a question. Lessons
// are data (lessons/*.json, docs/lessons.md); this library parses and validates them, turns a
// control state into runnable scenarios, evaluates checks against run results and grades
// answers. It draws nothing: the app's lesson screen and the CLI both sit on top of it.
//
// [SECTION] Values and measures
// [SECTION] Checks
// [SECTION] Controls, scenarios, runs
// [SECTION] Tasks, question, lesson
// [SECTION] Parsing
#pragma once
#include "sim/scenario/scenario.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tl::lessons {

// Bounds that keep a hostile file small to hold and quick to check.
inline constexpr std::size_t kMaxLessonBytes = 1u << 20;
inline constexpr std::size_t kMaxTextChars = 4000;  // one paragraph, hint, feedback ...
inline constexpr std::size_t kMaxParagraphs = 40;
inline constexpr std::size_t kMaxScenarios = 8;
inline constexpr std::size_t kMaxRuns = 12;
inline constexpr std::size_t kMaxControls = 12;
inline constexpr std::size_t kMaxOptions = 16;
inline constexpr std::size_t kMaxTasks = 12;
inline constexpr std::size_t kMaxHints = 6;
inline constexpr std::size_t kMaxChoices = 8;
inline constexpr std::size_t kMaxQuotes = 48;
inline constexpr std::size_t kMaxClaims = 24;
inline constexpr std::size_t kMaxCheckNodes = 64;  // per check, all levels together
inline constexpr int kMaxCheckDepth = 6;           // all/any/not nesting
inline constexpr std::size_t kMaxIdChars = 48;

// ---------------------------------------------------------------------------------------------
// [SECTION] Values and measures
// ---------------------------------------------------------------------------------------------
// A number read off a run ("makespan_ms of run threads"). Time metrics carry their unit in the
// name (makespan_ns/_us/_ms/_s); `unit_ns` is that unit (1 for counts and KB).
struct Measure {
  std::string run;     // a run name; "" = the lesson's first run
  std::string metric;  // as written, e.g. "turnaround_ms"
  std::string base;    // without the unit, e.g. "turnaround"
  std::int64_t unit_ns = 1;
  std::string thread;      // thread name ("" = all, aggregated by `agg`)
  std::string process;     // process name: restricts threads, picks memory or a variable
  std::string var;         // shared variable (value, increments, lost)
  std::string state;       // thread state (state_*, state_count)
  std::string agg;         // mean, sum, max, min ("" = the metric's default)
  std::int64_t core = -1;  // busy/overhead of one core
};

// The left side of a comparison: one measure, or the ratio of two.
struct Operand {
  enum class Kind : std::uint8_t { Measure,
                                   Ratio,
                                   Number,
                                   Text };
  Kind kind = Kind::Number;
  Measure measure;      // Measure
  Measure denominator;  // Ratio: measure / denominator
  double number = 0;    // Number
  std::string text;     // Text (outcome names)
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Checks
// ---------------------------------------------------------------------------------------------
enum class CompareOp : std::uint8_t { Lt,
                                      Le,
                                      Eq,
                                      Ne,
                                      Ge,
                                      Gt };
const char* to_string(CompareOp op);

struct Check {
  enum class Kind : std::uint8_t { All,
                                   Any,
                                   Not,
                                   Compare };
  Kind kind = Kind::Compare;
  std::vector<Check> children;  // All, Any: any number; Not: one
  Operand left;
  CompareOp op = CompareOp::Eq;
  Operand right;         // Number, Text or Measure ("than")
  double tolerance = 0;  // Eq / Ne: |left - right| <= tolerance counts as equal
  std::string path;      // JSON path, for messages
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Controls, scenarios, runs
// ---------------------------------------------------------------------------------------------
// What a control can change. The list is the vocabulary a lesson file may use.
enum class ControlKind : std::uint8_t {
  Scenario,  // which of the lesson's scenarios the runs use
  Cores,
  Smt,
  Policy,
  QuantumUs,
  SwitchUs,
  Gil,
  SwitchIntervalUs,
  Profile,
  As,
  Workers,
  Start,  // compare documents (a "workload")
};

enum class ValueType : std::uint8_t { Int,
                                      Time,
                                      Bool,
                                      Choice };

struct ControlInfo {
  ControlKind kind;
  const char* name;  // as in lesson files and --set
  ValueType type;
  std::int64_t min = 0, max = 0;           // Int: range; Time: microseconds range (exclusive of < min)
  const char* choices = "";                // Choice: space-separated allowed values ("" = lesson's scenarios)
  const char* requires_feature = nullptr;  // set while the simulator lacks the mechanism
};
const ControlInfo* find_control(std::string_view name);
const std::vector<ControlInfo>& control_table();

// A control's value: ints, bools and choices as written; times in exact ns.
struct ControlValue {
  ValueType type = ValueType::Int;
  std::int64_t number = 0;      // Int, Time (ns), Bool (0/1)
  std::string text;             // Choice
  std::string display() const;  // "4", "1000 us", "on", "rr"
  bool operator==(const ControlValue&) const = default;
};

struct Control {
  ControlKind kind;
  std::string name;
  std::string label;  // learner-facing
  ControlValue start;
  bool start_from_scenario = false;  // "start": null: the scenario's own value
  std::vector<std::string> options;  // Choice: the values offered (default: all)
  std::int64_t min = 0, max = 0;     // Int / Time (ns) range offered
};

using ControlState = std::map<std::string, ControlValue>;  // control name -> value

struct ScenarioSource {
  enum class Kind : std::uint8_t { Example,
                                   Inline,
                                   Ostep };
  std::string name;  // key in "scenarios"
  Kind kind = Kind::Example;
  std::string example;             // Example: examples/<example>.json (or compare/<name>)
  std::string json;                // Inline: the document's text
  std::vector<std::string> ostep;  // Ostep: tool name then its flags
  std::string path;                // "scenarios.race"
};

struct Run {
  std::string name;
  std::string label;
  ControlState fixed;  // values this run always uses, over the learner's
  std::string path;
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Tasks, question, lesson
// ---------------------------------------------------------------------------------------------
struct Task {
  std::string id;
  std::string text;
  Check check;
  std::vector<std::string> hints;
  ControlState solution;    // the intended change (from the starting controls)
  std::string explanation;  // shown once the task passes
};

struct Choice {
  std::string text;
  bool correct = false;
  std::string feedback;
};

struct Question {
  enum class Kind : std::uint8_t { None,
                                   Choice,
                                   Number };
  Kind kind = Kind::None;
  std::string text;
  std::vector<Choice> choices;
  // Number: the answer is a constant or a quote (a measured value) within tolerance.
  std::optional<double> answer;
  std::string answer_quote;
  double tolerance = 0;
  std::string unit;
  std::string feedback_correct, feedback_low, feedback_high;
};

struct Quote {  // a number the text shows as {{name}}, read from a run
  std::string name;
  Measure measure;
  std::optional<Measure> denominator;  // "ratio": [measure, denominator]
  int decimals = -1;                   // -1: up to 2, trailing zeros dropped
  std::string path;
};

struct Claim {  // a statement the text makes, checked at the starting controls
  std::string text;
  Check check;
};

struct Lesson {
  std::string id;
  std::string title;
  std::string summary;
  std::vector<std::string> text;  // paragraphs; "- " starts a list item
  std::vector<ScenarioSource> scenarios;
  std::vector<Control> controls;
  std::vector<Run> runs;  // at least one ("main" if the file has none)
  std::vector<Task> tasks;
  Question question;
  std::vector<Quote> quotes;
  std::vector<Claim> claims;
  std::vector<std::string> requires_features;  // mechanisms the simulator lacks yet
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Parsing
// ---------------------------------------------------------------------------------------------
struct Diagnostic {
  std::string path;  // JSON path in the lesson file ("" = the document)
  std::string message;
};

// Where example scenarios and glossary terms come from: the embedded copies by default.
struct Context {
  // Text of examples/<name>.json ("compare/cpu" for examples/compare/cpu.json), or nullopt.
  std::optional<std::string> (*example)(std::string_view name) = nullptr;
  // True if the glossary defines `term`.
  bool (*has_term)(std::string_view term) = nullptr;
};
Context embedded_context();

struct LessonParse {
  std::optional<Lesson> lesson;      // set iff errors is empty
  std::vector<Diagnostic> errors;    // every error, document order
  std::vector<Diagnostic> warnings;  // e.g. a mechanism the simulator does not have yet
};

// Parses and validates: structure, ids, markup, glossary links, quotes, controls and their
// values, runs, checks (metric names, runs, threads, variables named), the question, and that
// every scenario source resolves and parses.
LessonParse parse_lesson(std::string_view json_text, const Context& context = embedded_context());

// Whether a JSON text is meant as a lesson rather than a scenario (an object with "tasks"), so
// one file argument can open either; says nothing about its validity.
bool is_lesson_document(std::string_view json_text);

// "error: FILE: PATH: MESSAGE" / "warning: ...".
std::string format_diagnostic(const char* severity, std::string_view file, const Diagnostic& d);

}  // namespace tl::lessons
