// tl_state_json() shape (version 7 = version 6 plus "compare"; version 6 = version 5 plus "view",
// "tabs", "editor", "progress" and
// the lesson's "layout", "pending", "refusal", "source", "load_error", "choice", "feedback",
// "answer" and task "hints_shown"; version 5 = version 4 plus "lesson"; version 4 = version 3 plus
// "processes" and each thread's "label" and "process"):
//   {"version":4, "frame":N, "cores":N, "canvas":{"w","h"}, "scale" (CSS px per layout unit,
//    above 1 in a large window; every rectangle and size below is in CSS px of the canvas),
//    "lanes":[{"core","x0","y0","x1","y1"}],          // where each core's spans are drawn
//    "thread_lanes":[{"thread","x0","y0","x1","y1"}], // where each thread's states are drawn
//    "task_lanes":[{"task","x0","y0","x1","y1"}],     // where each asyncio task's states are drawn
//    "processes":[{"process","name","origin","x0","y0","x1","y1"}],   // header rows
//    "timeline":{"x0","y0","x1","y1"},                // its visible region: a lane outside it
//                                                     // is scrolled out of view
//    "threads":[{"name","label","process","color":"#rrggbb"}],   // color: exactly the RGB of
//                                                     // the thread's spans; label: unique
//    "controls":{"cores":{"x0","y0","x1","y1","min","max"}, "scenario":{...}},
//    "scenario", "scenarios", "title", "outcome", "outcome_line", "variables",
//    "makespan_us", "playhead_us", "playing", "runs",
//    "view_us": [t0, t1],                             // the timeline's visible time range
//    "pending",                                       // a newer run is still being simulated
//    "lesson": null | {"id","title","index","source","controls":{name: value as written},
//               "tasks":[{"id","pass","hints_shown"}], "pending", "choice", "answered",
//               "correct", "feedback", "answer" (a number question's), "done", "error",
//               "refusal", "load_error",
//               "layout":{where the column put its list, controls, options of an open combo,
//                         tasks, hints, choices, number, check, previous, next, close and
//                         progress buttons; an empty rect = scrolled out of view}},
//    "progress": {"done": [lesson ids], "message"},
//    "editor": {"origin", "text", "errors":[{"line","path","message","rect"}], "summary",
//               "edits", "runs", "layout":{"text","run","reset","start","start_items"}}
//    "view": "timeline"|"memory"|"race"|"lab"|"editor"|"compare", "tabs":[{"view","x0","y0","x1","y1"}],
//    each variable's "at_playhead",
//    "memory":{"area","legend","scrub","cell","pages","renderer","palette":{look:"#rrggbb"},
//              "columns":[{"process","name","alive","exited_us" (null while alive),"segments","x0",..,
//                          "pages":{look: count}, "smaps":{"Rss","Pss","Shared_Clean",...}}],
//              "messages":[{"copy","x0",..}]},           // the memory view's last frame
//    "race":{"variable","selected","steps","value","lost","list","previous","next","scrub",
//            "rows":[{"step","lost","x0",..}]}          // the race view's last frame
//    "compare": {"workload","workloads","title","error","cores","pending","playhead_us",
//               "playing","range":{"t0_us","t1_us"},
//               "timelines":[{"model","thread_colors","cores","outcome","makespan_us" (the CLI's digits),
//                             "pending","t0_us","t1_us","view","lanes","thread_lanes",
//                             "processes"}],          // upper, lower; rects as above
//               "figures":[{"label","values":[per model],"ratio":"1.986"}],  // makespan first
//               "sweep":{"cores":[1..16],"done","total","request","cancelled","error",
//                        "rows":[{"name","color","speedup":["1.000" | null per core count]}]},
//               "controls":{"workload","workload_items":[...],"cores"},
//               "chart": rect | null, "figures_panel": rect | null}   // null: not shown
// Lanes and controls are those of the last frame drawn (empty before the first). "cores" is
// the slider's value; lanes show the last finished run, so compare them once "pending" is false.
#include "app/api.h"

#include "app/course_bridge.h"
#include "app/lab_api.h"  // its functions are in interface.json's list too

#include "app/state/catalog.h"
#include "app/state/progress_events.h"
#include "app/render/page_draw.h"
#include "app/state/interface_table.h"
#include "app/state/progress_store.h"
#include "app/state_json.h"
#include "app/theme.h"
#include "app/views/compare_json.h"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

namespace tl::app {
namespace {

AppState* g_state = nullptr;
CourseSettings g_course;     // embed mode and view, which the page keeps beside the app
ProgressTracker g_progress;  // what the page has been told about the lesson so far

nlohmann::json rects_json(const std::map<std::string, Rect>& rects) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, r] : rects) out[name] = rect_json(r);
  return out;
}

nlohmann::json panel_json(const LessonPanelLayout& l) {
  return {{"column", rect_json(l.column)},
          {"scroll_y", l.scroll_y},
          {"scroll_max", l.scroll_max},
          {"list_header", rect_json(l.list_header)},
          {"list_open", l.list_open},
          {"list", rects_json(l.list)},
          {"controls", rects_json(l.controls)},
          {"options", rects_json(l.options)},
          {"tasks", rects_json(l.tasks)},
          {"hints", rects_json(l.hints)},
          {"choices", rects_json(l.choices)},
          {"number", rect_json(l.number)},
          {"check", rect_json(l.check)},
          {"previous", rect_json(l.previous)},
          {"next", rect_json(l.next)},
          {"close", rect_json(l.close)},
          {"progress_header", rect_json(l.progress_header)},
          {"export", rect_json(l.export_button)},
          {"import", rect_json(l.import_button)},
          {"reset", rect_json(l.reset_button)},
          {"path", rect_json(l.path_field)}};
}

nlohmann::json lesson_json(const LessonState& lesson, const LessonPanelLayout& layout) {
  if (!lesson.open()) {
    if (lesson.load_error.empty()) return nullptr;
    return {{"id", nullptr}, {"load_error", lesson.load_error}, {"layout", panel_json(layout)}};
  }
  nlohmann::json controls = nlohmann::json::object();
  for (const auto& [name, value] : lesson.controls) controls[name] = value.display();
  nlohmann::json tasks = nlohmann::json::array();
  for (std::size_t i = 0; i < lesson.lesson().tasks.size(); ++i)
    tasks.push_back({{"id", lesson.lesson().tasks[i].id},
                     {"pass", lesson.task_passed(i)},
                     {"hints_shown", lesson.hints_shown[i]}});
  // A number question's expected answer as the runs on screen give it (tests type it).
  const lessons::Question& q = lesson.lesson().question;
  std::optional<double> answer = q.answer;
  if (q.kind == lessons::Question::Kind::Number && !q.answer_quote.empty())
    answer = lessons::quote_number(lesson.lesson(), q.answer_quote, lessons::RunSet::of(lesson.runs));
  return {{"id", lesson.lesson().id},
          {"title", lesson.lesson().title},
          {"answer", answer ? nlohmann::json(*answer) : nlohmann::json(nullptr)},
          {"index", lesson.current},
          {"source", lesson.source},
          {"controls", std::move(controls)},
          {"tasks", std::move(tasks)},
          {"pending", lesson.pending()},
          {"choice", lesson.choice},
          {"answered", lesson.grade.has_value()},
          {"correct", lesson.grade.has_value() && lesson.grade->correct},
          {"feedback", lesson.grade ? lesson.grade->feedback : ""},
          {"done", lesson.done()},
          {"error", lesson.error},
          {"refusal", lesson.refusal},
          {"load_error", lesson.load_error},
          {"layout", panel_json(layout)}};
}

nlohmann::json editor_json(const EditorState& editor, const EditorLayout& layout) {
  nlohmann::json errors = nlohmann::json::array();
  for (std::size_t i = 0; i < editor.errors.size(); ++i) {
    const EditorError& e = editor.errors[i];
    errors.push_back({{"line", e.line},
                      {"path", e.path},
                      {"message", e.message},
                      {"rect", rect_json(i < layout.errors.size() ? layout.errors[i] : Rect{})}});
  }
  return {{"origin", editor.origin},
          {"text", editor.text},
          {"errors", std::move(errors)},
          {"summary", editor.summary},
          {"edits", editor.edits},
          {"runs", editor.runs},
          {"layout",
           {{"text", rect_json(layout.text)},
            {"run", rect_json(layout.run)},
            {"reset", rect_json(layout.reset)},
            {"start", rect_json(layout.start_combo)},
            {"start_items", rects_json(layout.start_items)}}}};
}

// The tab bar's tabs by view name ({} when there is no tab bar).
nlohmann::json progress_json(const LessonState& lesson) {
  nlohmann::json done = nlohmann::json::array();
  for (const auto& [id, entry] : lesson.progress.lessons)
    if (entry.done) done.push_back(id);
  return {{"done", std::move(done)}, {"message", lesson.progress_message}};
}

template <class Fill>
nlohmann::json rects_json(const std::vector<Rect>& rects, const char* key, Fill fill) {
  nlohmann::json out = nlohmann::json::array();
  for (std::size_t i = 0; i < rects.size(); ++i) {
    nlohmann::json rect = rect_json(rects[i]);
    rect[key] = i;
    fill(rect, i);
    out.push_back(std::move(rect));
  }
  return out;
}

const char* look_key(PageLook look) {
  switch (look) {
    case PageLook::Private: return "private";
    case PageLook::SharedFork: return "shared_fork";
    case PageLook::Copied: return "copied";
    case PageLook::SharedRegion: return "shared_region";
    case PageLook::SharedFile: return "shared_file";
  }
  return "?";
}

nlohmann::json memory_json(const AppState& state) {
  const MemoryView& view = state.memory;
  const MemoryLayout& layout = view.columns();
  const auto counts = view.look_counts();
  nlohmann::json columns = nlohmann::json::array();
  for (std::size_t c = 0; c < layout.columns.size(); ++c) {
    const MemoryColumn& column = layout.columns[c];
    nlohmann::json pages = nlohmann::json::object();
    for (int look = 0; look < kPageLooks; ++look) pages[look_key(PageLook(look))] = counts[c][std::size_t(look)];
    nlohmann::json smaps = nullptr;
    if (view.replay() != nullptr && column.alive) {
      const SmapsFigures f = view.replay()->smaps(column.space);
      smaps = {{"Rss", f.rss_kb},
               {"Pss", f.pss_kb},
               {"Shared_Clean", f.shared_clean_kb},
               {"Shared_Dirty", f.shared_dirty_kb},
               {"Private_Clean", f.private_clean_kb},
               {"Private_Dirty", f.private_dirty_kb}};
    }
    nlohmann::json row = rect_json(column.rect);
    row["process"] = column.process;
    row["name"] = column.process < state.shown().scenario.processes.size()
                      ? state.shown().scenario.processes[column.process].name
                      : std::string();
    row["alive"] = column.alive;
    const TimeNs exited = column.alive ? TimeNs(-1) : view.exit_time(column.space);
    row["exited_us"] = exited >= 0 ? nlohmann::json(double(exited) / 1000.0) : nlohmann::json(nullptr);
    row["segments"] = column.segments.size();
    row["pages"] = std::move(pages);
    row["smaps"] = std::move(smaps);
    columns.push_back(std::move(row));
  }
  nlohmann::json palette = nlohmann::json::object();
  for (int look = 0; look < kPageLooks; ++look) palette[look_key(PageLook(look))] = hex_color(kPageLookRgb[std::size_t(look)]);
  nlohmann::json messages = nlohmann::json::array();
  for (const MessageMark& m : view.layout().messages) {
    nlohmann::json mark = rect_json(m.at);
    mark["copy"] = m.copy;
    messages.push_back(std::move(mark));
  }
  return {{"area", rect_json(view.layout().area)},
          {"legend", rect_json(view.layout().legend)},
          {"scrub", rect_json(view.layout().scrub)},
          {"cell", layout.cell * theme::ui_scale()},
          {"pages", view.batch().instances.size()},
          {"renderer", page_renderer_installed()},
          {"palette", std::move(palette)},
          {"columns", std::move(columns)},
          {"messages", std::move(messages)}};
}

nlohmann::json race_json(const AppState& state) {
  const RaceViewLayout& race = state.race.layout();
  nlohmann::json rows = nlohmann::json::array();
  for (const RaceRow& row : race.rows) {
    nlohmann::json r = rect_json(row.rect);
    r["step"] = row.step;
    r["lost"] = row.lost;
    rows.push_back(std::move(r));
  }
  return {{"variable", race.variable}, {"selected", race.selected}, {"steps", race.steps}, {"value", race.value}, {"lost", race.lost}, {"list", rect_json(race.list)}, {"previous", rect_json(race.previous)}, {"next", rect_json(race.next)}, {"scrub", rect_json(race.scrub)}, {"rows", std::move(rows)}};
}

}  // namespace

void attach_api(AppState* state) {
  g_state = state;
  g_course = CourseSettings{};
  g_progress = ProgressTracker{};
}

}  // namespace tl::app

using namespace tl::app;

// Every function interface.json lists must exist here (the web link exports them by name).
#define TL_EXPORTED_ADDRESS(name) reinterpret_cast<void (*)()>(&name),
[[maybe_unused]] static void (*const kExportedAddresses[])() = {TL_EXPORTED_FUNCTION_LIST(TL_EXPORTED_ADDRESS)};
#undef TL_EXPORTED_ADDRESS

TL_EXPORT void tl_set_cores(int cores) {
  if (g_state == nullptr) return;
  if (!set_cores(*g_state, cores))
    std::fprintf(stderr, "tl_set_cores: %d ignored: cores must be %d to %d\n", cores, kMinCores, kMaxCores);
}

TL_EXPORT int tl_set_scenario(const char* name) {
  if (g_state == nullptr) return 0;
  if (name != nullptr && select_scenario(*g_state, name)) return 1;
  std::fprintf(stderr, "tl_set_scenario: unknown scenario '%s' ignored (one of: %s)\n", name ? name : "(null)",
               embedded_scenario_names().c_str());
  return 0;
}

TL_EXPORT int tl_set_view(const char* name) {
  if (g_state == nullptr) return 0;
  if (const auto view = view_from_name(name != nullptr ? name : ""); view && set_view(*g_state, *view)) return 1;
  std::fprintf(stderr, "tl_set_view: view '%s' ignored (timeline, memory or race)\n", name ? name : "(null)");
  return 0;
}

TL_EXPORT const char* tl_state_json() {
  static std::string text;
  if (g_state == nullptr) {
    text = nlohmann::json{{"version", kStateJsonVersion}, {"error", "no app attached"}}.dump();
    return text.c_str();
  }
  const AppState& state = *g_state;
  const ShownRun& shown = state.shown();
  const tl::Scenario& scenario = shown.scenario;
  const TimelineLayout& timeline = state.timeline.layout();
  const auto nothing = [](nlohmann::json&, std::size_t) {};
  nlohmann::json processes = rects_json(timeline.process_rows, "process", [&](nlohmann::json& row, std::size_t p) {
    row["name"] = scenario.processes[p].name;
    row["origin"] = tl::to_string(scenario.processes[p].origin);
  });
  nlohmann::json threads = nlohmann::json::array();
  for (tl::ThreadId t = 0; t < scenario.threads.size(); ++t)
    threads.push_back({{"name", scenario.threads[t].name},
                       {"label", shown.thread_labels[t]},
                       {"process", scenario.threads[t].process},
                       {"color", hex_color(theme::thread_rgb(t))}});
  nlohmann::json scenarios = nlohmann::json::array();
  for (const EmbeddedScenario& s : embedded_scenarios()) scenarios.push_back(s.name);
  nlohmann::json variables = nlohmann::json::array();
  for (const VariableSummary& v : shown.variables)
    variables.push_back({{"name", v.name}, {"value", v.value}, {"initial", v.initial}, {"increments", v.increments}});
  const RaceHistory& history = g_state->race.history(shown);
  for (std::size_t v = 0; v < variables.size() && v < history.vars.size(); ++v)
    variables[v]["at_playhead"] = value_at(history.vars[v], state.playback.playhead);
  nlohmann::json tabs = nlohmann::json::array();
  for (std::size_t i = 0; i < state.layout.view_tabs.size(); ++i) {
    const Rect& r = state.layout.view_tabs[i];
    if (r.x1 <= r.x0) continue;  // not offered here
    nlohmann::json tab = rect_json(r);
    tab["view"] = to_string(ViewKind(i));
    tabs.push_back(std::move(tab));
  }
  nlohmann::json slider = rect_json(state.layout.controls.cores_slider);
  slider["min"] = kMinCores;
  slider["max"] = kMaxCores;

  const nlohmann::json json = {
      {"version", kStateJsonVersion},
      {"frame", state.frame},
      {"cores", state.cores},
      {"canvas", {{"w", state.layout.canvas_w * theme::ui_scale()}, {"h", state.layout.canvas_h * theme::ui_scale()}}},
      {"scale", theme::ui_scale()},
      {"lanes", rects_json(timeline.core_lanes, "core", nothing)},
      {"thread_lanes", rects_json(timeline.thread_lanes, "thread", nothing)},
      {"task_lanes", rects_json(timeline.task_lanes, "task", nothing)},
      {"processes", std::move(processes)},
      {"timeline", rect_json(timeline.view)},
      {"threads", std::move(threads)},
      {"controls", {{"cores", std::move(slider)}, {"scenario", rect_json(state.layout.controls.scenario_combo)}}},
      {"scenario", state.document.name},
      {"scenarios", std::move(scenarios)},
      {"title", state.document.title},
      {"outcome", tl::to_string(shown.result->outcome)},
      {"outcome_line", shown.outcome},
      {"variables", std::move(variables)},
      {"makespan_us", double(shown.result->trace.makespan) / 1000.0},
      {"playhead_us", double(state.playback.playhead) / 1000.0},
      {"view_us", {double(state.range.t0) / 1000.0, double(state.range.t1) / 1000.0}},
      {"playing", state.playback.playing},
      {"runs", state.run.runs},
      {"pending", state.run.pending},
      {"lesson", lesson_json(state.lesson, state.layout.lesson)},
      {"progress", progress_json(state.lesson)},
      {"view", to_string(state.view)},
      {"tabs", std::move(tabs)},
      {"editor", editor_json(state.editor, state.layout.editor)},
      {"memory", memory_json(state)},
      {"race", race_json(state)},
      {"compare", compare_state_json(state.compare)},
  };
  text = json.dump();
  return text.c_str();
}

TL_EXPORT void tl_import_progress(const char* source, const char* text) {
  if (g_state == nullptr || source == nullptr || text == nullptr) return;
  import_progress_text(g_state->lesson, source, text);
}

TL_EXPORT const char* tl_open_lesson_text(const char* source, const char* text) {
  static std::string result;
  result.clear();
  if (g_state == nullptr || source == nullptr || text == nullptr) return "no app attached";
  if (!open_lesson_text(*g_state, source, text)) result = g_state->lesson.load_error;
  return result.c_str();
}

TL_EXPORT void tl_lesson_load_failed(const char* source, const char* reason) {
  if (g_state == nullptr || source == nullptr || reason == nullptr) return;
  g_state->lesson.load_error = std::string("error: ") + source + ": " + reason;
}

TL_EXPORT const char* tl_url_state() {
  static std::string text;
  text.clear();
  if (g_state == nullptr) return text.c_str();
  text = "#";  // appends: g++ 12's -Wrestrict misfires on "#" + string
  text += tl::course::encode_url_state(capture_url_state(*g_state, g_course));
  return text.c_str();
}

TL_EXPORT const char* tl_apply_link(const char* fragment) {
  static std::string text;
  nlohmann::json errors = nlohmann::json::array();
  if (g_state != nullptr && fragment != nullptr) {
    const tl::course::UrlStateParse parsed = tl::course::decode_url_state(fragment);
    for (const std::string& e : parsed.errors) errors.push_back(e);
    for (const std::string& e : apply_url_state(*g_state, g_course, parsed.state)) errors.push_back(e);
  }
  text = nlohmann::json{{"errors", std::move(errors)}, {"embed", g_course.embed}, {"view", g_course.view}}.dump();
  return text.c_str();
}

TL_EXPORT const char* tl_host_message(const char* json_text) {
  static std::string text;
  text.clear();
  if (g_state == nullptr || json_text == nullptr) return text.c_str();
  const tl::course::HostMessage message = tl::course::parse_host_message(json_text);
  if (!message.ours) return text.c_str();  // someone else's message: no reply
  nlohmann::json reply = message.command ? run_host_command(*g_state, g_course, *message.command)
                                         : nlohmann::json{{"ok", false}, {"error", message.error}};
  reply["threadlab"] = tl::course::kHostApiVersion;
  reply["type"] = "reply";
  reply["id"] = nlohmann::json::parse(message.id_json);
  if (message.command) reply["command"] = tl::course::to_string(message.command->verb);
  text = reply.dump();
  return text.c_str();
}

TL_EXPORT const char* tl_take_events() {
  static std::string text;
  nlohmann::json events = nlohmann::json::array();
  if (g_state != nullptr)
    for (nlohmann::json& e : take_progress_events(g_progress, g_state->lesson)) events.push_back(std::move(e));
  text = events.dump();
  return text.c_str();
}

TL_EXPORT const char* tl_lesson_json() {
  static std::string text;
  nlohmann::json lessons = nlohmann::json::array();
  const auto& catalog = lesson_catalog();
  for (std::size_t i = 0; i < catalog.size(); ++i) {
    const bool done = g_state != nullptr && g_state->lesson.progress.done(catalog[i].id);
    lessons.push_back({{"id", catalog[i].id},
                       {"title", catalog[i].lesson ? catalog[i].lesson->title : catalog[i].id},
                       {"completed", done}});
  }
  text = nlohmann::json{{"lesson", g_state == nullptr ? nlohmann::json() : lesson_description(*g_state)},
                        {"lessons", std::move(lessons)}}
             .dump();
  return text.c_str();
}

TL_EXPORT const char* tl_export(const char* kind) {
  static std::string text;
  std::string error;
  text = g_state == nullptr ? "" : export_text(*g_state, kind == nullptr ? "" : kind, error);
  if (!error.empty()) text = "error: " + error;
  return text.c_str();
}
