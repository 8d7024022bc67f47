// The program's whole state as one plain struct, and the functions that change it. Views read
// AppState and the immutable RunResult; only the functions here re-run the simulation.
//
// Runs go through a tl::Session and never block a frame: where threads exist (desktop, the
// web threads variant) the session's worker runs them; in the web single variant the frame
// loop runs them in slices (Session::poll). Either way the views keep drawing the newest
// finished result (`result`, immutable, shared with the session's snapshot) until the pending
// request completes. Everything here is touched by the UI thread only; the one thing it
// shares with the worker is the session's snapshot pointer, swapped under its own mutex.
//
// [SECTION] Layout and statistics recorded by the last frame
// [SECTION] AppState
// [SECTION] Functions
#pragma once
#include "app/run_summary.h"
#include "sim/engine/engine.h"
#include "sim/scenario/scenario.h"
#include "sim/run/session.h"

#include <cstdint>
#include <memory>
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
  std::vector<Rect> thread_lanes;      // [thread] the rectangle a thread's states are drawn in
  Rect              timeline;          // the timeline's visible region (lanes outside it are
                                       // scrolled out of view)
  Rect              cores_slider;
  Rect              scenario_combo;    // the Scenario combo's frame, without its label
  Rect              outcome_line;      // the run's outcome in words (zero when completed)
  Rect              variables_line;    // the shared variables' final values (zero without any)
  std::vector<Rect> scenario_items;    // [embedded scenario] its row in the open combo (else empty)
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
  ThreadId      thread;                // core lanes: whose span (kNoThread: a fold of several
                                       // threads); thread lanes: the lane's thread
  std::uint32_t count;                 // spans it stands for (1 = a single span)
  bool          overhead;              // core lanes: a context switch's cost, not the thread's work
  ThreadState   state;                 // thread lanes: the state of its spans
  bool          mixed;                 // a fold of several threads (core) or states (thread lanes)
};

// ---------------------------------------------------------------------------------------------
// [SECTION] AppState
// ---------------------------------------------------------------------------------------------
using ResultPtr = std::shared_ptr<const RunResult>;

struct AppState {
  // What is shown: a finished run and the scenario it ran (always a pair)
  Scenario              base;                 // as parsed from the scenario file
  Scenario              scenario;             // the scenario `result` is the run of
  ResultPtr             result = std::make_shared<const RunResult>();   // never null
  std::uint8_t          states_seen = 0;      // bit per ThreadState in result's thread lanes
  std::string           outcome;              // result's outcome_line() ("" = completed)
  std::vector<VariableSummary> variables;     // result's shared variables
  std::string           scenario_name;        // the picker's name ("race"); --scenario takes it
  std::string           title;                // the scenario file's "name", if any
  std::string           description;          // the scenario file's "description", if any
  bool                  description_cores = false;   // it states a core count (the default's)
  std::string           error;                // a scenario that failed to load, shown instead
  int                   cores      = 2;       // the Cores slider (what was asked for last)
  std::uint64_t         runs       = 0;       // results shown so far (superseded runs excluded)

  // What runs: the newest request, until its result replaces `result`
  Session::Mode            session_mode = Session::Mode::Worker;   // Sliced without threads
  std::unique_ptr<Session> session;           // created by the first load
  Scenario                 requested;         // what the pending request runs
  std::uint64_t            request = 0;       // its Session request id
  bool                     pending = false;   // a request has not been shown yet
  std::uint64_t            submitted_frame = 0;   // `frame` when it was submitted

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
// Parses a scenario and submits its run; the Cores slider goes to its machine.cores (clamped). On a bad scenario, returns false and sets state.error
// to the parser's messages (one per line); the previous run, if any, stays on screen.
bool load_scenario(AppState& state, std::string_view json_text, std::string_view name);
// Same for a scenario built in code (lessons, tests).
void load_scenario(AppState& state, Scenario scenario, std::string_view name);
// The Cores slider: sets machine.cores and submits a re-run (the newest request wins).
// Returns false (state unchanged) outside kMinCores..kMaxCores.
bool set_cores(AppState& state, int cores);
// Once a frame, before drawing: shows the pending request's result once it is complete (or
// its error); returns true when the result changed. In sliced mode it first runs the next
// slice, but only from the frame after the submit, so that one frame with the "simulating"
// marker reaches the screen before the frame loop is busy simulating.
bool update_run(AppState& state);
// Blocks until the pending request is done and shows it: the first frame (so it is
// meaningful), the CLI-like tests. Never called from a frame.
void wait_for_run(AppState& state);
// Shows the whole run.
void zoom_to_fit(AppState& state);
// Advances the playhead by `seconds` of wall time.
void advance_playback(AppState& state, double seconds);

// The whole UI for one frame: call between ImGui::NewFrame() and ImGui::Render().
void draw_frame(AppState& state);

}  // namespace tl::app
