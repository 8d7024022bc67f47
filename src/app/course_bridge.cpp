#include "app/course_bridge.h"

#include "app/state/catalog.h"
#include "app/state/progress_events.h"
#include "app/views/compare_json.h"
#include "lessons/markup.h"
#include "sim/export/chrome_trace.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <sstream>

namespace tl::app {
namespace {

using nlohmann::json;

std::string micros(TimeNs ns) {  // exact decimal microseconds from integer ns
  char text[48];
  const TimeNs whole = ns / 1000, frac = ns % 1000;
  if (frac == 0)
    std::snprintf(text, sizeof text, "%" PRId64, std::int64_t(whole));
  else
    std::snprintf(text, sizeof text, "%" PRId64 ".%03" PRId64, std::int64_t(whole), std::int64_t(frac < 0 ? -frac : frac));
  return text;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

bool is_embedded_unchanged(const Document& document) {
  const EmbeddedScenario* found = find_embedded_scenario(document.name);
  return found != nullptr && (document.text.empty() || document.text == found->json);
}

const char* type_name(lessons::ValueType type) {
  switch (type) {
    case lessons::ValueType::Int: return "int";
    case lessons::ValueType::Time: return "time_us";
    case lessons::ValueType::Bool: return "bool";
    case lessons::ValueType::Choice: return "choice";
  }
  return "";
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Links
// ---------------------------------------------------------------------------------------------
const std::vector<std::string>& view_names() {
  static const std::vector<std::string> names = {"timeline"};
  return names;
}

course::UrlState capture_url_state(const AppState& state, const CourseSettings& settings) {
  course::UrlState link;
  if (state.lesson.open() && state.lesson.current < 0) {
    // A teacher's lesson file (?lesson_url=): the page's address opens it again, not the link.
  } else if (state.lesson.open()) {
    link.lesson = state.lesson.lesson().id;
    for (const auto& [name, value] : state.lesson.controls) link.set[name] = value.display();
  } else {
    if (is_embedded_unchanged(state.document))
      link.scenario = state.document.name;
    else if (!state.document.text.empty())
      link.scenario_json = state.document.text;
    link.cores = state.cores;
  }
  if (!state.playback.playing) link.playhead_ns = state.playback.playhead;  // a moving one is no place
  link.playing = state.playback.playing ? 1 : 0;
  if (settings.view != view_names().front()) link.view = settings.view;
  link.embed = settings.embed;
  return link;
}

std::vector<std::string> apply_url_state(AppState& state, CourseSettings& settings, const course::UrlState& link) {
  std::vector<std::string> errors;
  bool in_lesson = false;
  if (!link.lesson.empty()) {
    const int index = find_lesson(link.lesson);
    if (index < 0)
      errors.push_back("lesson: " + course::quote_for_message(link.lesson) + " is not a lesson here (" + lesson_ids() + ")");
    else if (!open_lesson(state, index))
      errors.push_back("lesson: '" + link.lesson + "' cannot be opened: " + lesson_catalog()[std::size_t(index)].error);
    else
      in_lesson = true;
  }
  if (in_lesson) {
    for (const auto& [name, value] : link.set) {
      const std::string reason = set_lesson_control(state, name + "=" + value);
      if (!reason.empty()) errors.push_back("set." + name + ": " + reason);
    }
  } else {
    if (!link.set.empty()) errors.push_back("set.*: settings belong to a lesson, and the link opens none");
    // A link naming a scenario leaves the lesson; one naming neither leaves what is open.
    const bool names_scenario = !link.scenario.empty() || !link.scenario_json.empty();
    if (state.lesson.open() && names_scenario && (!link.scenario_json.empty() || find_embedded_scenario(link.scenario)))
      close_lesson(state);
    if (state.lesson.open() && link.cores != 0)
      errors.push_back("cores: the open lesson sets its cores itself (set.cores=N with lesson=ID)");
    if (!link.scenario.empty()) {
      if (!select_scenario(state, link.scenario))
        errors.push_back("scenario: " + course::quote_for_message(link.scenario) + " is not an example here (" +
                         embedded_scenario_names() + ")");
    } else if (!link.scenario_json.empty()) {
      if (!load_scenario(state, link.scenario_json, "link")) {
        errors.push_back("sc: the scenario in the link is not valid:\n" + state.error);
        state.error.clear();
      }
    }
    if (link.cores != 0 && !state.lesson.open() && !set_cores(state, link.cores))
      errors.push_back("cores: " + std::to_string(link.cores) + " is outside " + std::to_string(kMinCores) + " to " +
                       std::to_string(kMaxCores));
  }
  if (link.playhead_ns >= 0) state.playback.playhead = link.playhead_ns;  // clamped once the run is shown
  if (link.playing >= 0) state.playback.playing = link.playing != 0;
  if (!link.view.empty()) {
    const auto& names = view_names();
    if (std::find(names.begin(), names.end(), link.view) != names.end())
      settings.view = link.view;
    else
      errors.push_back("view: " + course::quote_for_message(link.view) + " is not one of: " + joined(names));
  }
  settings.embed = link.embed;
  state.lesson.single_lesson = link.embed;
  return errors;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Host-page commands
// ---------------------------------------------------------------------------------------------
json host_state(const AppState& state, const CourseSettings& settings) {
  json lesson = nullptr;
  if (state.lesson.open()) {
    const LessonState& ls = state.lesson;
    json tasks = json::array();
    for (std::size_t t = 0; t < ls.lesson().tasks.size(); ++t)
      tasks.push_back({{"id", ls.lesson().tasks[t].id},
                       {"passing", ls.task_passed(t)},
                       {"passed", task_ever_passed(ls, t)}});
    json controls = json::object();
    for (const auto& [name, value] : ls.controls) controls[name] = value.display();
    lesson = {{"id", ls.lesson().id},
              {"title", ls.lesson().title},
              {"controls", std::move(controls)},
              {"tasks", std::move(tasks)},
              {"answered", ls.grade.has_value()},
              {"correct", ls.grade.has_value() && ls.grade->correct},
              {"completed", ls.done()},
              {"score", lesson_score(ls)}};
  }
  const ShownRun& shown = state.shown();
  return {{"lesson", std::move(lesson)},
          {"scenario", state.document.name},
          {"title", state.document.title},
          {"cores", state.cores},
          {"playhead_us", double(state.playback.playhead) / 1000.0},
          {"makespan_us", double(shown.result->trace.makespan) / 1000.0},
          {"playing", state.playback.playing},
          {"pending", state.run.pending || state.lesson.pending()},  // runs still to finish
          {"outcome", tl::to_string(shown.result->outcome)},
          {"view", settings.view},
          {"embed", settings.embed},
          {"link", "#" + course::encode_url_state(capture_url_state(state, settings))}};
}

json run_host_command(AppState& state, CourseSettings& settings, const course::HostCommand& command) {
  const auto failed = [](std::string why) { return json{{"ok", false}, {"error", std::move(why)}}; };
  json reply = {{"ok", true}};
  switch (command.verb) {
    case course::HostVerb::GetState: reply["state"] = host_state(state, settings); break;
    case course::HostVerb::GetLink:
      reply["link"] = "#" + course::encode_url_state(capture_url_state(state, settings));
      break;
    case course::HostVerb::Load:
      if (!command.lesson.empty()) {
        const int index = find_lesson(command.lesson);
        if (index < 0 || !open_lesson(state, index))
          return failed("lesson: " + course::quote_for_message(command.lesson) + " is not a lesson here (" +
                        lesson_ids() + ")");
      } else if (!command.scenario.empty()) {
        if (find_embedded_scenario(command.scenario) == nullptr || !select_scenario(state, command.scenario))
          return failed("scenario: " + course::quote_for_message(command.scenario) + " is not an example here (" +
                        embedded_scenario_names() + ")");
        if (state.lesson.open()) close_lesson(state);
      } else {
        const course::UrlStateParse parsed = course::decode_url_state(command.state);
        std::vector<std::string> errors = parsed.errors;
        for (std::string& e : apply_url_state(state, settings, parsed.state)) errors.push_back(std::move(e));
        if (!errors.empty()) return {{"ok", false}, {"error", joined(errors)}, {"errors", errors}};
      }
      break;
    case course::HostVerb::Set: {
      if (!command.controls.empty() && !state.lesson.open()) return failed("controls: no lesson is open");
      if (command.cores != 0) {
        if (state.lesson.open()) {
          const std::string reason = set_lesson_control(state, "cores=" + std::to_string(command.cores));
          if (!reason.empty()) return failed("cores: " + reason);
        } else if (!set_cores(state, command.cores)) {
          return failed("cores: outside " + std::to_string(kMinCores) + " to " + std::to_string(kMaxCores));
        }
      }
      for (const auto& [name, value] : command.controls) {
        const std::string reason = set_lesson_control(state, name + "=" + value);
        if (!reason.empty()) return failed("controls." + name + ": " + reason);
      }
      break;
    }
    case course::HostVerb::Play:
      if (state.playback.playhead >= state.result().trace.makespan) restart_playback(state.playback);
      state.playback.playing = true;
      break;
    case course::HostVerb::Pause: state.playback.playing = false; break;
    case course::HostVerb::Seek:
      state.playback.playhead = std::clamp<TimeNs>(command.seek_ns, 0, state.result().trace.makespan);
      break;
    case course::HostVerb::Answer: {
      LessonState& ls = state.lesson;
      if (!ls.open()) return failed("answer: no lesson is open");
      const lessons::Question& q = ls.lesson().question;
      if (command.number) {
        if (q.kind != lessons::Question::Kind::Number) return failed("number: this lesson's question is not numeric");
        answer_number(ls, *command.number);
      } else {
        if (q.kind != lessons::Question::Kind::Choice) return failed("choice: this lesson's question has no choices");
        if (std::size_t(command.choice) >= q.choices.size())
          return failed("choice: " + std::to_string(command.choice) + " is not one of 0 to " +
                        std::to_string(q.choices.size() - 1));
        answer_choice(ls, command.choice);
      }
      reply["correct"] = ls.grade && ls.grade->correct;
      reply["feedback"] = ls.grade ? ls.grade->feedback : "";
      break;
    }
  }
  return reply;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Lesson description and exports
// ---------------------------------------------------------------------------------------------
json lesson_description(const AppState& state) {
  const LessonState& ls = state.lesson;
  if (!ls.open()) return nullptr;
  const lessons::Lesson& l = ls.lesson();
  json text = json::array();
  for (const std::string& paragraph : l.text) {
    const bool item = paragraph.rfind("- ", 0) == 0;
    text.push_back({{"list_item", item}, {"text", lessons::render_plain(item ? paragraph.substr(2) : paragraph, ls.quotes)}});
  }
  json controls = json::array();
  for (const lessons::Control& c : l.controls) {
    const lessons::ControlInfo* info = lessons::find_control(c.name);
    const auto value = ls.controls.find(c.name);
    json control = {{"name", c.name},
                    {"label", c.label.empty() ? c.name : c.label},
                    {"type", info ? type_name(info->type) : "choice"},
                    {"value", value != ls.controls.end() ? value->second.display() : ""}};
    if (info && info->type == lessons::ValueType::Choice) {
      json options = json::array();
      if (!c.options.empty())
        for (const std::string& o : c.options) options.push_back(o);
      else if (c.kind == lessons::ControlKind::Scenario)
        for (const auto& s : l.scenarios) options.push_back(s.name);
      else
        for (std::string_view all = info->choices; !all.empty();) {
          const std::size_t sp = all.find(' ');
          options.push_back(std::string(all.substr(0, sp)));
          all = sp == std::string_view::npos ? std::string_view() : all.substr(sp + 1);
        }
      control["options"] = std::move(options);
    } else if (info && info->type == lessons::ValueType::Bool) {
      control["options"] = {"on", "off"};
    } else if (info) {
      const bool time = info->type == lessons::ValueType::Time;
      control["min"] = time ? double(c.min) / 1000.0 : double(c.min);
      control["max"] = time ? double(c.max) / 1000.0 : double(c.max);
    }
    controls.push_back(std::move(control));
  }
  json tasks = json::array();
  for (std::size_t t = 0; t < l.tasks.size(); ++t) {
    const lessons::Task& task = l.tasks[t];
    const bool passed = task_ever_passed(ls, t);
    tasks.push_back({{"id", task.id},
                     {"text", lessons::render_plain(task.text, ls.quotes)},
                     {"passing", ls.task_passed(t)},
                     {"passed", passed},
                     {"explanation", passed ? lessons::render_plain(task.explanation, ls.quotes) : ""}});
  }
  json question = nullptr;
  if (l.question.kind != lessons::Question::Kind::None) {
    json choices = json::array();
    for (const lessons::Choice& c : l.question.choices) choices.push_back(lessons::render_plain(c.text, ls.quotes));
    question = {{"kind", l.question.kind == lessons::Question::Kind::Choice ? "choice" : "number"},
                {"text", lessons::render_plain(l.question.text, ls.quotes)},
                {"choices", std::move(choices)},
                {"unit", l.question.unit},
                {"answered", ls.grade.has_value()},
                {"choice", ls.choice},
                {"correct", ls.grade && ls.grade->correct},
                {"feedback", ls.grade ? lessons::render_plain(ls.grade->feedback, ls.quotes) : ""}};
  }
  return {{"id", l.id},
          {"title", l.title},
          {"summary", lessons::render_plain(l.summary, ls.quotes)},
          {"text", std::move(text)},
          {"controls", std::move(controls)},
          {"tasks", std::move(tasks)},
          {"question", std::move(question)},
          {"completed", ls.done()},
          {"score", lesson_score(ls)},
          {"error", ls.error}};
}

std::string export_text(const AppState& state, std::string_view kind, std::string& error) {
  const ShownRun& shown = state.shown();
  const Metrics& m = shown.result->metrics;
  if (kind == "trace") {
    std::ostringstream out;
    if (!write_chrome_trace(out, shown.scenario, *shown.result)) error = "trace: the export failed";
    return out.str();
  }
  if (kind == "metrics") {
    std::string csv = "thread,process,turnaround_us,response_us,wait_us,cpu_us,gil_wait_us,finished\n";
    for (std::size_t t = 0; t < m.threads.size() && t < shown.scenario.threads.size(); ++t) {
      const ThreadMetrics& tm = m.threads[t];
      const std::string& label = t < shown.thread_labels.size() ? shown.thread_labels[t] : shown.scenario.threads[t].name;
      csv += "\"" + label + "\",\"" + shown.scenario.processes[shown.scenario.threads[t].process].name + "\"," +
             micros(tm.turnaround) + "," + micros(tm.response) + "," + micros(tm.wait) + "," + micros(tm.cpu) + "," +
             micros(tm.gil_wait) + "," + (tm.finished ? "yes" : "no") + "\n";
    }
    csv += "# makespan_us," + micros(m.makespan) + "\n# context_switches," + std::to_string(m.context_switches) + "\n";
    return csv;
  }
  if (kind == "run") {
    json threads = json::array();
    for (std::size_t t = 0; t < m.threads.size() && t < shown.scenario.threads.size(); ++t) {
      const ThreadMetrics& tm = m.threads[t];
      threads.push_back({{"thread", t < shown.thread_labels.size() ? shown.thread_labels[t] : shown.scenario.threads[t].name},
                         {"process", shown.scenario.processes[shown.scenario.threads[t].process].name},
                         {"turnaround_us", micros(tm.turnaround)},
                         {"response_us", micros(tm.response)},
                         {"wait_us", micros(tm.wait)},
                         {"cpu_us", micros(tm.cpu)},
                         {"finished", tm.finished}});
    }
    return json{{"title", state.document.title.empty() ? state.document.name : state.document.title},
                {"cores", shown.scenario.machine.cores},
                {"makespan_us", micros(m.makespan)},
                {"context_switches", m.context_switches},
                {"outcome", tl::to_string(shown.result->outcome)},
                {"outcome_line", shown.outcome},
                {"runs", state.run.runs},
                {"pending", state.run.pending},
                {"threads", std::move(threads)},
                {"view", to_string(state.view)},
                // The Compare view shows another run than the scenario's: the text view says so.
                {"compare", state.view == ViewKind::Compare ? compare_text_json(state.compare) : json(nullptr)}}
        .dump();
  }
  if (kind == "scenario") {
    if (!state.document.text.empty()) return state.document.text;
    if (const EmbeddedScenario* found = find_embedded_scenario(state.document.name)) return std::string(found->json);
    if (state.lesson.open() && !state.lesson.runs.empty()) {
      const std::string& source = state.lesson.runs.front().built.source;
      for (const lessons::ScenarioSource& s : state.lesson.lesson().scenarios) {
        if (s.name != source) continue;
        if (s.kind == lessons::ScenarioSource::Kind::Inline) return s.json;
        if (s.kind == lessons::ScenarioSource::Kind::Example)
          if (auto text = lessons::embedded_context().example(s.example)) return *text;
      }
    }
    error = "scenario: this run was built by the lesson from no scenario file";
    return "";
  }
  error = "unknown export " + course::quote_for_message(kind) + " (trace, metrics, run, scenario)";
  return "";
}

}  // namespace tl::app
