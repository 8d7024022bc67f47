// `threadlab-cli lesson list | validate FILE... | check FILE [--set C=V ...] [--solution TASK]
// [--json] | show FILE [--set C=V ...]`: the lesson library (src/lessons) from the command
// line, so a teacher can write a lesson, validate it and see its tasks pass without the app.
// FILE is a path, or the id of a built-in lesson (lessons/index.json).
//
// [SECTION] Loading
// [SECTION] Subcommands
// [SECTION] Command
#include "cli/commands.h"

#include "lessons/content.h"
#include "lessons/evaluate.h"
#include "lessons/markup.h"
#include "sim/core/format.h"
#include "sim/core/text_file.h"

#include <filesystem>
#include <ostream>

namespace tl::cli {

namespace {

using namespace tl::lessons;

// ---------------------------------------------------------------------------------------------
// [SECTION] Loading
// ---------------------------------------------------------------------------------------------
struct Loaded {
  std::string name;  // as given
  LessonParse parse;
};

// A path if such a file exists, else a built-in lesson id; nullopt after printing why not.
std::optional<Loaded> load(const std::string& arg, Streams io) {
  std::string text;
  std::error_code ec;
  if (std::filesystem::exists(arg, ec)) {
    std::string reason;
    std::optional<std::string> t = tl::read_text_file(arg, lessons::kMaxLessonBytes, "a lesson", reason);
    if (!t) {
      io.err << "error: " << arg << ": " << reason << "\n";
      return std::nullopt;
    }
    text = std::move(*t);
  } else {
    bool found = false;
    for (const EmbeddedFile& f : embedded_lessons())
      if (f.name == arg) {
        text = std::string(f.text);
        found = true;
      }
    if (!found) {
      io.err << "error: " << arg << ": no such file, nor a built-in lesson (threadlab-cli lesson list)\n";
      return std::nullopt;
    }
  }
  return Loaded{arg, parse_lesson(text)};
}

bool report(const Loaded& l, Streams io, bool warnings = true) {
  if (warnings)
    for (const Diagnostic& w : l.parse.warnings) io.err << format_diagnostic("warning", l.name, w) << "\n";
  for (const Diagnostic& e : l.parse.errors) io.err << format_diagnostic("error", l.name, e) << "\n";
  return l.parse.lesson.has_value();
}

std::string state_line(const Lesson& lesson, const ControlState& state) {
  std::string s;
  for (const Control& c : lesson.controls) {
    auto it = state.find(c.name);
    s += (s.empty() ? "" : " ") + c.name + "=" + (it == state.end() ? std::string("(scenario's)") : it->second.display());
  }
  return s.empty() ? "(none)" : s;
}

// --set C=V ... and --solution TASK on top of the starting controls.
bool read_state(const Lesson& lesson, const std::vector<std::string>& sets, const std::string& solution,
                ControlState& state, Streams io) {
  state = starting_state(lesson);
  if (!solution.empty()) {
    const Task* task = nullptr;
    for (const Task& t : lesson.tasks)
      if (t.id == solution) task = &t;
    if (!task) {
      io.err << "error: --solution: the lesson has no task " << tl::quote_name(solution) << "\n";
      return false;
    }
    for (const auto& [k, v] : task->solution) state[k] = v;
  }
  for (const std::string& s : sets)
    if (std::string why = set_control(lesson, state, s); !why.empty()) {
      io.err << "error: --set " << s << ": " << why << "\n";
      return false;
    }
  return true;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Subcommands
// ---------------------------------------------------------------------------------------------
int list(Streams io) {
  int n = 0;
  for (const EmbeddedFile& f : embedded_lessons()) {
    LessonParse p = parse_lesson(f.text);
    ++n;
    io.out << n << (n < 10 ? "   " : "  ") << f.name;
    io.out << std::string(f.name.size() < 24 ? 24 - f.name.size() : 1, ' ');
    io.out << (p.lesson ? p.lesson->title : "(invalid: threadlab-cli lesson validate " + std::string(f.name) + ")") << "\n";
  }
  return kExitOk;
}

int validate(const std::vector<std::string>& files, Streams io) {
  if (files.empty()) {
    io.err << "error: lesson validate: missing FILE\n";
    return kExitBadInput;
  }
  bool ok = true;
  for (const std::string& f : files) {
    std::optional<Loaded> l = load(f, io);
    if (!l || !report(*l, io)) {
      ok = false;
      continue;
    }
    const Lesson& lesson = *l->parse.lesson;
    io.out << "ok: " << f << ": lesson '" << lesson.id << "', " << lesson.scenarios.size() << " scenario"
           << (lesson.scenarios.size() == 1 ? "" : "s") << ", " << lesson.controls.size() << " control"
           << (lesson.controls.size() == 1 ? "" : "s") << ", " << lesson.tasks.size() << " task"
           << (lesson.tasks.size() == 1 ? "" : "s") << "\n";
  }
  return ok ? kExitOk : kExitBadInput;
}

std::string json_string(std::string_view s) {
  std::string o;
  append_json_string(o, s);
  return o;
}

int check(const Lesson& lesson, const ControlState& state, bool json, Streams io) {
  const Context context = embedded_context();
  const std::vector<LessonRun> runs = run_lesson(lesson, state, context);
  const RunSet set = RunSet::of(runs);
  const std::vector<TaskResult> tasks = evaluate_tasks(lesson, set);
  std::string o;
  if (json) {
    o = "{\"lesson\":" + json_string(lesson.id) + ",\"controls\":{";
    bool first = true;
    for (const Control& c : lesson.controls) {
      auto it = state.find(c.name);
      if (!first) o += ',';
      o += json_string(c.name) + ":" + (it == state.end() ? std::string("null") : json_string(it->second.display()));
      first = false;
    }
    o += "},\n\"runs\":[";
    for (std::size_t i = 0; i < runs.size(); ++i) {
      const LessonRun& r = runs[i];
      o += std::string(i ? "," : "") + "\n  {\"name\":" + json_string(r.name) + ",\"scenario\":" +
           json_string(r.built.source) + ",\"outcome\":" +
           (r.result ? json_string(to_string(r.result->outcome)) : "null");
      if (r.result) {
        o += ",\"makespan_us\":";
        append_us(o, r.result->metrics.makespan);
      }
      if (!r.built.error.empty()) o += ",\"error\":" + json_string(r.built.error);
      o += "}";
    }
    o += "],\n\"tasks\":[";
    for (std::size_t i = 0; i < tasks.size(); ++i) {
      const TaskResult& t = tasks[i];
      o += std::string(i ? "," : "") + "\n  {\"id\":" + json_string(t.id) + ",\"pass\":" + (t.check.pass ? "true" : "false");
      if (!t.check.error.empty()) o += ",\"error\":" + json_string(t.check.error);
      o += ",\"readings\":[";
      for (std::size_t k = 0; k < t.check.readings.size(); ++k) {
        const Reading& rd = t.check.readings[k];
        o += std::string(k ? "," : "") + "{\"check\":" + json_string(rd.label) + ",\"measured\":" +
             json_string(rd.measured) + ",\"pass\":" + (rd.pass ? "true" : "false") + "}";
      }
      o += "]}";
    }
    o += "],\n\"quotes\":{";
    first = true;
    for (const auto& [k, v] : quote_values(lesson, set)) {
      if (!first) o += ',';
      o += json_string(k) + ":" + json_string(v);
      first = false;
    }
    o += "}}\n";
    io.out << o;
    return kExitOk;
  }
  o = "lesson " + lesson.id + ": " + render_plain(lesson.title, {}) + "\n";
  o += "controls: " + state_line(lesson, state) + "\n";
  for (const LessonRun& r : runs) {
    o += "run " + r.name + ": ";
    if (!r.result) {
      o += "not run: " + r.built.error + "\n";
      continue;
    }
    o += "scenario " + r.built.source + ", " + to_string(r.result->outcome) + ", makespan " +
         format_us(r.result->metrics.makespan) + " us\n";
  }
  for (const TaskResult& t : tasks) {
    o += "task " + t.id + ": " + (t.check.pass ? "PASS" : "FAIL") + "\n";
    for (const Reading& rd : t.check.readings)
      o += std::string("  ") + (rd.pass ? "ok   " : "not  ") + rd.label + ": " + rd.measured + "\n";
    if (!t.check.error.empty()) o += "  error: " + t.check.error + "\n";
  }
  io.out << o;
  return kExitOk;
}

int show(const Lesson& lesson, const ControlState& state, Streams io) {
  const std::vector<LessonRun> runs = run_lesson(lesson, state, embedded_context());
  const RunSet set = RunSet::of(runs);
  const auto quotes = quote_values(lesson, set);
  std::string o = "# " + render_plain(lesson.title, quotes) + "\n\n";
  for (const std::string& p : lesson.text) o += render_plain(p, quotes) + "\n\n";
  o += "controls: " + state_line(lesson, state) + "\n\n";
  for (std::size_t i = 0; i < lesson.tasks.size(); ++i) {
    const Task& t = lesson.tasks[i];
    o += "task " + std::to_string(i + 1) + " (" + t.id + "): " + render_plain(t.text, quotes) + "\n";
    for (const std::string& h : t.hints) o += "  hint: " + render_plain(h, quotes) + "\n";
  }
  const Question& q = lesson.question;
  o += "\nquestion: " + render_plain(q.text, quotes) + "\n";
  for (std::size_t i = 0; i < q.choices.size(); ++i)
    o += "  " + std::string(1, static_cast<char>('a' + i)) + ") " + render_plain(q.choices[i].text, quotes) + "\n";
  if (q.kind == Question::Kind::Number) o += "  (a number" + (q.unit.empty() ? "" : " in " + q.unit) + ")\n";
  io.out << o;
  return kExitOk;
}

void usage(std::ostream& out) {
  out << "usage: threadlab-cli lesson list\n"
         "       threadlab-cli lesson validate FILE...\n"
         "       threadlab-cli lesson check FILE [--set CONTROL=VALUE ...] [--solution TASK] [--json]\n"
         "       threadlab-cli lesson show FILE [--set CONTROL=VALUE ...]\n"
         "FILE is a lesson file or a built-in lesson's id\n";
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Command
// ---------------------------------------------------------------------------------------------
int cmd_lesson(std::span<const std::string> args, Streams io) {
  if (args.empty()) {
    usage(io.err);
    return kExitBadInput;
  }
  const std::string& sub = args[0];
  std::vector<std::string> files, sets;
  std::string solution;
  bool json = false;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    const bool takes_value = sub == "check" || sub == "show";
    if (takes_value && (a == "--set" || a == "--solution")) {
      if (i + 1 >= args.size()) {
        io.err << "error: " << a << ": needs a value\n";
        return kExitBadInput;
      }
      (a == "--set" ? sets.emplace_back() : solution) = args[++i];
    } else if (takes_value && a.rfind("--set=", 0) == 0) {
      sets.push_back(a.substr(6));
    } else if (sub == "check" && a == "--json") {
      json = true;
    } else if (a.size() > 1 && a[0] == '-') {
      io.err << "error: unknown flag " << tl::quote_name(a) << " for lesson " << sub << "\n";
      usage(io.err);
      return kExitBadInput;
    } else {
      files.push_back(a);
    }
  }
  if (sub == "list") {
    if (!files.empty()) {
      io.err << "error: lesson list takes no arguments\n";
      return kExitBadInput;
    }
    return list(io);
  }
  if (sub == "validate") return validate(files, io);
  if (sub == "check" || sub == "show") {
    if (files.size() != 1) {
      io.err << "error: lesson " << sub << " takes one FILE\n";
      return kExitBadInput;
    }
    std::optional<Loaded> l = load(files[0], io);
    if (!l || !report(*l, io, false)) return kExitBadInput;
    ControlState state;
    if (!read_state(*l->parse.lesson, sets, solution, state, io)) return kExitBadInput;
    return sub == "check" ? check(*l->parse.lesson, state, json, io) : show(*l->parse.lesson, state, io);
  }
  io.err << "error: unknown lesson command " << tl::quote_name(sub) << " (list, validate, check, show)\n";
  return kExitBadInput;
}

}  // namespace tl::cli
