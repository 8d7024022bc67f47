// The program's whole state as one plain struct, and the functions that change it. Views read
// AppState and the immutable RunResult; only the functions here re-run the simulation.
//
// [SECTION] Layout and statistics recorded by the last frame
// [SECTION] AppState
// [SECTION] Functions
#pragma once
#include "sim/engine.h"
#include "sim/scenario.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tl::app {

inline constexpr int kMinCores = 1;    // the Cores slider's range (the engine allows more)
inline constexpr int kMaxCores = 16;

// ---------------------------------------------------------------------------------------------
// [SECTION] Layout and statistics recorded by the last frame
// ---------------------------------------------------------------------------------------------
struct Rect {                          // ImGui coordinates = CSS pixels of the canvas
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

struct Layout {                        // where the last frame put things (tl_state_json, tests)
  float             canvas_w = 0;
  float             canvas_h = 0;
  std::vector<Rect> lanes;             // [core] the rectangle a core's spans are drawn in
  Rect              cores_slider;
};

struct TimelineStats {                 // what the last frame's timeline drew
  std::uint64_t spans_visible = 0;     // spans intersecting the visible range (all lanes)
  std::uint64_t spans_drawn   = 0;     // drawn as their own rectangle
  std::uint64_t folds_drawn   = 0;     // rectangles standing for several spans too thin to see
  std::uint64_t spans_folded  = 0;     // spans inside those folds
};

struct FoldRect {                      // scratch: one rectangle a lane is about to draw
  TimeNs        start;
  TimeNs        end;
  ThreadId      thread;                // kNoThread: a fold mixing several threads
  std::uint32_t count;                 // spans it stands for (1 = a single span)
  bool          overhead;              // a context switch's cost, not the thread's work
};

// ---------------------------------------------------------------------------------------------
// [SECTION] AppState
// ---------------------------------------------------------------------------------------------
struct AppState {
  // What runs
  Scenario              base;                 // as parsed from the scenario file
  Scenario              scenario;             // base with the learner's changes (cores)
  RunResult             result;               // of `scenario`; views only read it
  std::string           scenario_name;        // shown in the UI
  std::string           description;          // the scenario file's "description", if any
  std::string           error;                // a scenario that failed to load, shown instead
  int                   cores      = 2;       // the Cores slider
  std::uint64_t         runs       = 0;       // simulations run so far

  // Playback: the playhead sweeps simulated time; 1x plays the whole run in kBaseSeconds
  TimeNs                playhead   = 0;
  bool                  playing    = true;
  float                 speed      = 1.0f;    // 0.1x .. 10x

  // The visible time range of the timeline ([view_t0, view_t1), zoom and pan)
  TimeNs                view_t0    = 0;
  TimeNs                view_t1    = 1;

  // Bookkeeping of the last frame
  std::uint64_t         frame      = 0;       // frames drawn
  Layout                layout;
  TimelineStats         stats;
  std::vector<FoldRect> scratch;              // reused by every lane: no allocation per frame
};

inline constexpr double kBaseSeconds = 10.0;  // a run plays in 10 s at 1x

// ---------------------------------------------------------------------------------------------
// [SECTION] Functions
// ---------------------------------------------------------------------------------------------
// Parses and runs a scenario. On a bad scenario, returns false and sets state.error to the
// parser's messages (one per line); the previous run, if any, stays on screen.
bool load_scenario(AppState& state, std::string_view json_text, std::string_view name);
// Same for a scenario built in code (lessons, tests).
void load_scenario(AppState& state, Scenario scenario, std::string_view name);
// The Cores slider: sets machine.cores and re-runs. Returns false (state unchanged) outside
// kMinCores..kMaxCores.
bool set_cores(AppState& state, int cores);
// Shows the whole run.
void zoom_to_fit(AppState& state);
// Advances the playhead by `seconds` of wall time.
void advance_playback(AppState& state, double seconds);

// The whole UI for one frame: call between ImGui::NewFrame() and ImGui::Render().
void draw_frame(AppState& state);

}  // namespace tl::app
