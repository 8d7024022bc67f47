// [SECTION] Loading and running
// [SECTION] The frame: one full-window ImGui window laid out top to bottom
#include "app/app.h"

#include "app/shortcuts.h"
#include "app/state/catalog.h"
#include "app/state/progress_store.h"
#include "app/views/compare_view.h"
#include "app/views/help_overlay.h"
#include "app/views/lesson_panel.h"
#include "app/views/export_files.h"
#include "app/views/legend.h"
#include "app/views/metrics_table.h"
#include "app/theme.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <imgui.h>
#include <vector>

namespace tl::app {

// ---------------------------------------------------------------------------------------------
// [SECTION] Loading and running
// ---------------------------------------------------------------------------------------------
namespace {

void submit(AppState& state) {
  Scenario scenario = state.document.scenario;
  scenario.machine.cores = std::uint32_t(state.cores);
  submit_run(state.run, std::move(scenario), state.frame);
}

// A new run is on screen: the playhead stays inside it and the view shows all of it.
void after_shown(AppState& state) {
  state.playback.playhead = std::clamp<TimeNs>(state.playback.playhead, 0, state.result().trace.makespan);
  if (state.playback.speed_auto) state.playback.speed = default_speed(state.result().trace.makespan);
  fit_range(state.range, state.result().trace.makespan);
}

}  // namespace

bool load_scenario(AppState& state, std::string_view json_text, std::string_view name) {
  DocumentParse parsed = parse_document(name, json_text);
  if (!parsed.document) {
    state.error = error_lines(parsed.errors);
    return false;
  }
  open_document(state, std::move(*parsed.document));
  return true;
}

void load_scenario(AppState& state, Scenario scenario, std::string_view name) {
  open_document(state, document_from(std::move(scenario), name));
}

void open_document(AppState& state, Document document) {
  state.document = std::move(document);
  state.error.clear();
  state.cores = std::clamp(int(state.document.scenario.machine.cores), kMinCores, kMaxCores);
  state.playback.playhead = 0;
  state.playback.speed_auto = true;  // a new scenario plays at its own pace
  submit(state);
}

bool select_scenario(AppState& state, std::string_view name) {
  const EmbeddedScenario* found = find_embedded_scenario(name);
  if (found == nullptr || !load_scenario(state, found->json, found->name)) return false;
  state.playback.playing = true;  // a new lesson plays from the start
  return true;
}

bool set_cores(AppState& state, int cores) {
  if (cores < kMinCores || cores > kMaxCores) return false;
  state.cores = cores;
  submit(state);
  return true;
}

bool update_run(AppState& state) {
  const RunUpdate update = tl::app::update_run(state.run, state.frame, state.error);
  if (update == RunUpdate::Shown) after_shown(state);
  return update == RunUpdate::Shown;
}

void wait_for_run(AppState& state) {
  if (tl::app::wait_for_run(state.run, state.frame, state.error) == RunUpdate::Shown) after_shown(state);
}

void zoom_to_fit(AppState& state) { fit_range(state.range, state.result().trace.makespan); }

bool set_view(AppState& state, ViewKind view) {
  if (view == ViewKind::Lab && !lab_panel_available()) return false;
  state.view = view;
  return true;
}

bool animating(const AppState& state) {
  const bool measuring = lab_measuring(state.lab);
  // The Compare view plays on its own playhead and fills its chart as the sweep's cells finish.
  const CompareState& compare = state.compare;
  const bool comparing = state.view == ViewKind::Compare &&
                         (compare.playback.playing || compare_pending(compare) || [&] {
                           const SweepProgress sweep = sweep_progress(compare);
                           return sweep.done < sweep.total && !sweep.cancelled && sweep.error.empty();
                         }());
  return state.playback.playing || state.run.pending || state.lesson.pending() || measuring || comparing;
}

Rect wheel_area(const AppState& state) {
  const Rect canvas{0, 0, state.layout.canvas_w, state.layout.canvas_h};
  if (state.layout.popup_open) return canvas;
  // What the wheel moves in each view: the timeline zooms, the memory columns and the race's
  // list scroll; the other views scroll as a whole.
  switch (state.view) {
    case ViewKind::Timeline: return state.timeline.layout().view;
    case ViewKind::Memory: return state.memory.layout().area;
    case ViewKind::Race: return state.race.layout().list;
    default: return canvas;
  }
}

void keep_in_view(TimeRange& range, TimeNs playhead) {
  if (playhead >= range.t0 && playhead <= range.t1) return;
  const double width = double(range.t1 - range.t0);
  set_range(range, double(playhead) - width * 0.1, double(playhead) + width * 0.9);
}

namespace {

// The timeline shows the lesson's first run (the learner's own settings). Its scenario is built
// at once, so the timeline starts simulating it beside the lesson's own runs.
void show_lesson_run(AppState& state) {
  const LessonState& lesson = state.lesson;
  const auto& runs = lesson.pending() ? lesson.background.building : lesson.runs;
  if (runs.empty() || !runs.front().built.scenario) return;
  load_scenario(state, *runs.front().built.scenario, lesson.lesson().id);
  state.document.title = lesson.lesson().title;
  state.playback.playing = true;
}

}  // namespace

bool open_lesson(AppState& state, std::string_view id) { return open_lesson(state, find_lesson(id)); }

bool open_lesson(AppState& state, int index) {
  if (!start_lesson(state.lesson, index)) return false;
  show_lesson_run(state);
  return true;
}

bool open_lesson_text(AppState& state, std::string_view source, std::string_view text) {
  if (!start_lesson_text(state.lesson, source, text)) return false;
  show_lesson_run(state);
  return true;
}

std::string set_lesson_control(AppState& state, std::string_view assignment) {
  std::string reason = set_lesson_control(state.lesson, assignment);
  if (reason.empty()) show_lesson_run(state);
  return reason;
}

void close_lesson(AppState& state) { close_lesson(state.lesson); }

namespace {

// The editor, shown for the first time, starts from the scenario on screen (or a template).
void prepare_editor(AppState& state) {
  if (!state.editor.origin.empty()) return;
  const bool has_text = !state.document.text.empty();
  start_editor(state.editor, has_text ? state.document.name : editor_templates().front().name,
               has_text ? std::string_view(state.document.text) : std::string_view(editor_templates().front().text));
}

}  // namespace

void show_view(AppState& state, ViewKind view) {
  if (view == ViewKind::Editor) prepare_editor(state);
  state.view = view;  // the tab bar selects its tab on the next frame
}

bool run_editor(AppState& state) {
  check_editor(state.editor);
  if (!state.editor.errors.empty() || !load_scenario(state, state.editor.text, "editor")) return false;
  ++state.editor.runs;
  state.playback.playing = true;
  show_view(state, ViewKind::Timeline);
  return true;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] The frame
// ---------------------------------------------------------------------------------------------
namespace {

struct ViewTab {
  ViewKind view;
  const char* label;
  bool (*available)();
};
bool always() { return true; }
constexpr ViewTab kViewTabs[] = {
    {ViewKind::Timeline, "Timeline", always},
    {ViewKind::Memory, "Memory", always},
    {ViewKind::Race, "Race", always},
    {ViewKind::Editor, "Editor", always},
    {ViewKind::Lab, "Lab", lab_panel_available},
    {ViewKind::Compare, "Compare", always},
};

// Below this height (an embedded page on a phone) the tabs are drawn slimmer: every view stays
// one click away, and the timeline's lanes lose only a few pixels to the row.
constexpr float kSlimTabsBelowHeight = 600.0f;

// Below this height the memory and race views show one line above them instead of the run's
// description and controls (a phone-sized frame would leave them no room).
constexpr float kCompactHeaderBelowHeight = 560.0f;

// The key of a tab's place among the available ones ('1' is the first), typed while no text
// field has the keyboard.
void view_keys(AppState& state) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return;
  for (const ImWchar c : io.InputQueueCharacters) {
    if (c < '1' || c > '9') continue;
    int place = int(c - '1');
    for (const ViewTab& tab : kViewTabs)
      if (tab.available() && place-- == 0) state.view = tab.view;
  }
}

// The tab bar over the views, when there is more than one to choose from: a click sets
// state.view; a view set by code since the last frame selects its tab.
void draw_view_tabs(AppState& state) {
  state.layout.view_tabs.clear();
  int available = 0;
  for (const ViewTab& tab : kViewTabs) available += tab.available() ? 1 : 0;
  if (available < 2) state.view = ViewKind::Timeline;
  if (available < 2) return;
  view_keys(state);
  const bool slim = ImGui::GetIO().DisplaySize.y < kSlimTabsBelowHeight;
  if (slim) ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, 1.0f));
  if (!ImGui::BeginTabBar("views")) {
    if (slim) ImGui::PopStyleVar();
    return;
  }
  const bool set_by_code = state.view != state.layout.tabs_view;
  for (const ViewTab& tab : kViewTabs) {
    const std::size_t index = std::size_t(tab.view);
    if (state.layout.view_tabs.size() <= index) state.layout.view_tabs.resize(index + 1);
    if (!tab.available()) continue;
    const ImGuiTabItemFlags flags = set_by_code && tab.view == state.view ? ImGuiTabItemFlags_SetSelected : 0;
    if (ImGui::BeginTabItem(tab.label, nullptr, flags)) {
      if (!set_by_code) state.view = tab.view;
      ImGui::EndTabItem();
    }
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    state.layout.view_tabs[index] = Rect{min.x, min.y, max.x, max.y};
  }
  ImGui::EndTabBar();
  if (slim) ImGui::PopStyleVar();
  state.layout.tabs_view = state.view;
}

// The timeline tab: the timeline, under it the legend (wrapped to the width) and the metrics
// table (it scrolls).
void draw_timeline_view(AppState& state) {
  const ShownRun& shown = state.run.shown;
  // The timeline gets what it wants as long as the table keeps a few rows, and never less
  // than it needs to show every lane while the table keeps one; the table gets the rest, up
  // to all of its rows.
  const float width = ImGui::GetContentRegionAvail().x;
  const float avail_h = ImGui::GetContentRegionAvail().y;
  const float spacing = ImGui::GetStyle().ItemSpacing.y;
  const float line_h = ImGui::GetTextLineHeightWithSpacing();
  const float row_h = line_h + 2 * ImGui::GetStyle().CellPadding.y;
  const int threads = int(shown.scenario.threads.size());
  const float legend_h = legend_height(shown, width) + 2 * spacing;
  const float table_h = line_h + row_h * float(threads + 1);
  const float table_min = line_h + row_h * float(std::min(threads, 2) + 1);
  // On a small canvas the lanes come first: the table may shrink to nothing (it scrolls).
  const float table_least = 0.0f;
  const float wanted = state.timeline.preferred_height(shown);
  const float table_space = std::max(table_min, std::min(table_h, avail_h - legend_h - wanted));
  const float needed = std::min(state.timeline.min_height(shown), avail_h - legend_h - table_least);
  const float timeline_h = std::min(std::max({avail_h - legend_h - table_space, needed, 80.0f}), wanted);
  state.timeline.draw(shown, state.range, state.playback, state.run.pending, ImVec2(width, timeline_h));
  draw_legend(shown);
  ImGui::Spacing();
  ImGui::BeginChild("metrics", ImVec2(0, 0), false);
  draw_metrics_table(shown);
  ImGui::EndChild();
}

// Each shared variable at the playhead, for the info line.
std::vector<std::int64_t> values_at_playhead(AppState& state) {
  const RaceHistory& history = state.race.history(state.run.shown);
  std::vector<std::int64_t> out;
  for (const VariableHistory& var : history.vars) out.push_back(value_at(var, state.playback.playhead));
  return out;
}

}  // namespace

void draw_frame(AppState& state) {
  const ImGuiIO& io = ImGui::GetIO();
  update_run(state);
  update_lesson_runs(state.lesson);
  const TimeNs playhead_before = state.last_playhead;  // moves between frames count too (API, tests)
  const bool was_in_view = playhead_before >= state.range.t0 && playhead_before <= state.range.t1;
  advance_playback(state.playback, state.result().trace.makespan, io.DeltaTime);
  handle_shortcuts(state);

  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings |
                                      ImGuiWindowFlags_NoBringToFrontOnFocus |
                                      ImGuiWindowFlags_NoScrollWithMouse;
  ImGui::Begin("threadlab", nullptr, kFlags);

  // A lesson puts its column on the left; the live view takes the rest.
  LessonAsk lesson_ask;
  const bool in_lesson = state.lesson.open() || !state.lesson.load_error.empty();
  if (in_lesson) {
    const float column = std::max(360.0f, ImGui::GetContentRegionAvail().x * 0.36f);
    ImGui::BeginChild("lesson", ImVec2(column, 0), true);
    lesson_ask = draw_lesson_panel(state.lesson, state.layout.lesson);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("view", ImVec2(0, 0), false);
  }

  const ShownRun& shown = state.run.shown;
  draw_view_tabs(state);
  ControlsAsk ask;
  EditorAsk editor_ask;
  CompareAsk compare_ask;
  if (state.view == ViewKind::Lab) {
    draw_lab_panel(state.lab, state.layout.lab);
  } else if (state.view == ViewKind::Compare) {
    update_compare(state.compare, state.frame, io.DeltaTime);
    compare_ask = draw_compare_view(state.compare);
  } else if (state.view == ViewKind::Editor) {
    prepare_editor(state);
    editor_ask = draw_editor_view(state.editor, state.layout.editor);
  } else if (state.view != ViewKind::Timeline && io.DisplaySize.y < kCompactHeaderBelowHeight) {
    // A short frame gives the memory and race views its height: one line names the run (the
    // Timeline tab keeps the picker and controls; the view has its own playhead slider).
    state.layout.info = ScenarioInfoLayout{};
    state.layout.controls = ControlsLayout{};
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kAccent);
    ImGui::TextWrapped("%s", state.document.title.empty() ? state.document.name.c_str() : state.document.title.c_str());
    ImGui::PopStyleColor();
    switch (state.view) {
      case ViewKind::Memory: state.memory.draw(shown, state.playback, ImGui::GetContentRegionAvail()); break;
      case ViewKind::Race: state.race.draw(shown, state.playback, ImGui::GetContentRegionAvail()); break;
      default: break;
    }
  } else {
    draw_scenario_info(state.document, state.cores, shown, state.error, values_at_playhead(state), state.layout.info);
    ImGui::Spacing();
    ask = draw_controls(
        ControlsInput{state.document.name, shown.result->trace.makespan, state.cores, in_lesson}, state.playback,
        state.layout.controls);
    if (!in_lesson) {  // the way into the lessons, where the row has room for it
      const float button_w = ImGui::CalcTextSize("Lessons").x + 2 * ImGui::GetStyle().FramePadding.x;
      const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
      if (ImGui::GetItemRectMax().x + 24 + button_w <= right) {
        ImGui::SameLine(0, 24);
        if (ImGui::Button("Lessons")) lesson_ask.open = 0;
      }
    }
#ifndef __EMSCRIPTEN__
    draw_export_button(state);  // the page has its own Export menu (downloads)
#endif
    ImGui::Spacing();

    switch (state.view) {
      case ViewKind::Memory: state.memory.draw(shown, state.playback, ImGui::GetContentRegionAvail()); break;
      case ViewKind::Race: state.race.draw(shown, state.playback, ImGui::GetContentRegionAvail()); break;
      default: draw_timeline_view(state); break;
    }
  }
  if (in_lesson) ImGui::EndChild();

  ImGui::End();
  draw_help_overlay(state.help_open);

  // What the learner asked for this frame takes effect now, between frames.
  if (editor_ask.run) run_editor(state);
  if (ask.scenario != nullptr) select_scenario(state, ask.scenario);
  if (ask.cores != 0) set_cores(state, ask.cores);
  if (ask.fit) zoom_to_fit(state);
  apply_compare_ask(state.compare, compare_ask);
  if (lesson_ask.close) close_lesson(state);
  if (lesson_ask.open >= 0) open_lesson(state, lesson_ask.open);
  if (!lesson_ask.assignment.empty()) set_lesson_control(state, lesson_ask.assignment);
  carry_out(state.lesson, lesson_ask.progress);
  save_progress_if_changed(state.lesson);

  // The playhead stays in view when it moves by itself or by a control (playing past the right
  // edge, Restart, Home, a step), not when the learner panned it out of view or is dragging.
  const TimeNs playhead = state.playback.playhead;
  const bool jumped = std::abs(double(playhead - playhead_before)) > double(state.range.t1 - state.range.t0);
  if (playhead != playhead_before && (was_in_view || jumped) && !state.timeline.dragging())
    keep_in_view(state.range, playhead);
  state.last_playhead = playhead;

  state.layout.popup_open = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
  state.layout.canvas_w = io.DisplaySize.x;
  state.layout.canvas_h = io.DisplaySize.y;
  ++state.frame;
}

}  // namespace tl::app
