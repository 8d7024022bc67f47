// Where runs happen: the newest request to the simulator and the newest finished run, shown
// until a newer one completes. Runs go through a tl::Session and never block a frame: where
// threads exist (desktop, the web threads variant) the session's worker runs them; in the web
// single variant the frame loop runs them in slices (Session::poll). Touched by the UI thread
// only; the one thing it shares with the worker is the session's snapshot pointer.
#pragma once
#include "app/run_summary.h"
#include "app/state/lane_lod.h"
#include "app/state/thread_spans.h"
#include "sim/engine/engine.h"
#include "sim/run/session.h"
#include "sim/scenario/scenario.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace tl::app {

// The core counts the app runs (the Cores slider, --cores, tl_set_cores); the engine allows more.
inline constexpr int kMinCores = 1;
inline constexpr int kMaxCores = 16;

using ResultPtr = std::shared_ptr<const RunResult>;

// A finished run and the scenario it ran (always a pair), with what the views derive from it
// once rather than every frame.
struct ShownRun {
  Scenario scenario;
  ResultPtr result = std::make_shared<const RunResult>();  // never null
  std::uint8_t states_seen = 0;                            // bit per ThreadState in the thread lanes
  std::string outcome;                                     // outcome_line() ("" = completed)
  std::vector<VariableSummary> variables;                  // the shared variables' final values
  std::vector<std::string> thread_labels;                  // [thread] unique: "T0", or "w1/T0" when
                                                           // another process has a T0 too
  std::vector<std::string> core_labels;                    // [lane] "core 1"; with SMT "cpu 2 (core 0)"
  std::vector<std::vector<LaneStateSpan>> thread_spans;    // [thread] its lane as drawn (switching split out)
  RunLod lod;                                              // summaries of its long lanes (lane_lod.h)
};

// A thread's name, or "process/name" when the name occurs in more than one process.
std::vector<std::string> unique_thread_labels(const Scenario& scenario);

struct RunSlot {
  Session::Mode mode = Session::Mode::Worker;  // Sliced where there are no threads
  std::unique_ptr<Session> session;            // created by the first submit
  Scenario requested;                          // what the pending request runs
  std::uint64_t request = 0;                   // its Session request id
  bool pending = false;                        // a request has not been shown yet
  std::uint64_t submitted_frame = 0;           // the frame it was submitted in
  ShownRun shown;
  std::uint64_t runs = 0;  // results shown (superseded excluded)
};

// Submits `scenario` (cancelling the pending request, if any).
void submit_run(RunSlot& slot, Scenario scenario, std::uint64_t frame);

enum class RunUpdate { Unchanged,
                       Shown,
                       Failed };
// Once a frame: shows the pending request's result once it is complete. In sliced mode it first
// runs the next slice, but only from the frame after the submit, so that one frame with the
// "simulating" marker reaches the screen before the frame loop is busy simulating. On Failed,
// `error` says why and the previous run stays.
RunUpdate update_run(RunSlot& slot, std::uint64_t frame, std::string& error);
// Blocks until the pending request is done, then updates: the first frame, tests.
RunUpdate wait_for_run(RunSlot& slot, std::uint64_t frame, std::string& error);

}  // namespace tl::app
