// The program's state in parts, each owned by one place, and the functions that change them.
// The document is what was opened (parsed once); the run slot holds the newest request and
// the run on screen; playback and the visible time range are small values the views share;
// the timeline view owns its own scroll, statistics and scratch. Views take the parts they
// read (const where they only read) and return what the learner asked for; only the
// functions here re-run the simulation.
//
// [SECTION] AppState
// [SECTION] Functions
#pragma once
#include "app/state/document.h"
#include "app/state/editor_state.h"
#include "app/state/lesson_state.h"
#include "app/state/playback.h"
#include "app/state/run_slot.h"
#include "app/state/time_range.h"
#include "app/state/view_kind.h"
#include "app/timeline/timeline_view.h"
#include "app/views/compare_state.h"
#include "app/views/controls.h"
#include "app/views/editor_view.h"
#include "app/views/lab_panel.h"
#include "app/views/lesson_panel.h"
#include "app/views/memory_view.h"
#include "app/views/race_view.h"
#include "app/views/scenario_info.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tl::app {

// ---------------------------------------------------------------------------------------------
// [SECTION] AppState
// ---------------------------------------------------------------------------------------------
struct FrameLayout {  // where the last frame put things (tl_state_json, tests)
  float canvas_w = 0;
  float canvas_h = 0;
  ControlsLayout controls;
  ScenarioInfoLayout info;
  // [ViewKind] its tab (empty when only one view is available), and the view selected last.
  std::vector<Rect> view_tabs;
  ViewKind tabs_view = ViewKind::Timeline;
  LabPanelLayout lab;
  LessonPanelLayout lesson;
  EditorLayout editor;
  bool popup_open = false;  // a combo or menu is open (it takes the wheel wherever it is)
};

struct AppState {
  Document document;  // what was opened; its scenario keeps its own core count
  std::string error;  // a scenario that failed to load or run, shown instead
  int cores = 2;      // the Cores slider (what was asked for last)
  RunSlot run;        // the newest request and the run on screen
  Playback playback;
  TimeRange range;  // the timeline's visible window
  TimelineView timeline;
  LessonState lesson;  // the lesson being followed, if any (its column replaces the picker)
  // What the tab bar shows under it, and the Lab view's measurement with its options.
  ViewKind view = ViewKind::Timeline;
  LabPanelState lab;
  EditorState editor;  // the scenario editor's text and its errors
  MemoryView memory;
  RaceView race;
  CompareState compare;  // the Compare view's workload, runs and sweep
  FrameLayout layout;
  std::uint64_t frame = 0;      // frames drawn
  bool help_open = false;       // the shortcuts overlay (? or F1)
  TimeNs last_playhead = 0;     // where the last frame left it (the view follows its moves)
  bool quit_requested = false;  // Ctrl+Q: the desktop closes its window

  const ShownRun& shown() const { return run.shown; }
  const RunResult& result() const { return *run.shown.result; }
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Functions
// ---------------------------------------------------------------------------------------------
// Parses a scenario and submits its run; the Cores slider goes to its machine.cores (clamped),
// the playhead to the start. On a bad scenario, returns false and sets state.error to the
// parser's messages (one per line); the previous run, if any, stays on screen.
bool load_scenario(AppState& state, std::string_view json_text, std::string_view name);
// Same for a scenario built in code (lessons, tests), and for a document parsed elsewhere.
void load_scenario(AppState& state, Scenario scenario, std::string_view name);
void open_document(AppState& state, Document document);
// Loads an embedded scenario (the picker, --scenario, tl_set_scenario) and plays it from the
// start; false for an unknown name (state unchanged).
bool select_scenario(AppState& state, std::string_view name);
// The Cores slider: sets machine.cores and submits a re-run (the newest request wins).
// Returns false (state unchanged) outside kMinCores..kMaxCores.
bool set_cores(AppState& state, int cores);
// Once a frame, before drawing: shows the pending request's result once it is complete (or its
// error) and fits the view to it; returns true when the result changed.
bool update_run(AppState& state);
// Blocks until the pending request is done and shows it: the first frame (so it is meaningful),
// the CLI-like tests. Never called from a frame.
void wait_for_run(AppState& state);
// Shows the whole run.
void zoom_to_fit(AppState& state);
// The view under the tab bar (its tabs and keys, the view option, a link, tl_set_view); false
// for a view this platform does not offer (state unchanged).
bool set_view(AppState& state, ViewKind view);

// Opens a lesson (by id or by its place in the list) at its starting controls: runs it,
// evaluates its tasks and puts its first run's scenario on the timeline. False for an unknown
// id or a lesson that does not parse (state unchanged).
bool open_lesson(AppState& state, std::string_view id);
bool open_lesson(AppState& state, int index);
// Opens a lesson file's text (`threadlab FILE`, ?lesson_url=); on errors returns false and
// state.lesson.load_error says where and why (the panel shows it).
bool open_lesson_text(AppState& state, std::string_view source, std::string_view text);
// The setter the lesson's controls use ("cores=1", "scenario=locked"): "" or why it was refused.
std::string set_lesson_control(AppState& state, std::string_view assignment);
// Back to the free scenario viewer.
void close_lesson(AppState& state);

// Switches the main area's view (the tab bar does it too); the editor, opened for the first
// time, starts from the scenario on screen.
void show_view(AppState& state, ViewKind view);
// Runs the editor's text if it is valid: the timeline view shows it. False (nothing changes)
// when it has errors.
bool run_editor(AppState& state);

// The whole UI for one frame: call between ImGui::NewFrame() and ImGui::Render().
void draw_frame(AppState& state);
// Whether the next frame would differ from the last with no input: playback running, a run
// (the timeline's or a lesson's) being simulated, a measurement running. The platform draws
// nothing while this is false and no input arrives.
bool animating(const AppState& state);
// Where the wheel zooms or scrolls the app, from the last frame (the timeline; the whole
// canvas while a popup is open): an embedding page scrolls with the wheel elsewhere.
Rect wheel_area(const AppState& state);
// Pans `range` so that `playhead` is in view (a tenth of the width from the left edge) when it
// is outside it.
void keep_in_view(TimeRange& range, TimeNs playhead);

}  // namespace tl::app
