// The Compare view's state and the functions that change it: one workload (a compare document)
// run as each worker model on the view's core count, shown as two timelines that share one
// TimeRange and one Playback, and a sweep of every model over 1..kSweepMaxCores cores for the
// speedup chart. Runs never block a frame: each model's run has its own RunSlot, and the sweep
// its own Session (a worker with a thread pool where threads exist; slices from the frame loop
// in the web page's single variant, filling the chart in as cells finish). Opening another
// workload cancels the sweep still running for the previous one.
//
// [SECTION] Workloads
// [SECTION] State
// [SECTION] Functions
// [SECTION] Figures read off the runs
#pragma once
#include "app/rect.h"
#include "app/state/playback.h"
#include "app/state/run_slot.h"
#include "app/state/time_range.h"
#include "app/timeline/timeline_view.h"
#include "app/views/compare_workloads.h"
#include "sim/run/session.h"
#include "sim/scenario/compare.h"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tl::app {

// ---------------------------------------------------------------------------------------------
// [SECTION] Workloads
// ---------------------------------------------------------------------------------------------
// The models a workload runs as, in the order of the figures' columns and of the chart's series;
// the first on one core is the speedups' baseline (as `threadlab-cli sweep` has it).
inline constexpr WorkerModel kCompareModels[] = {WorkerModel::Threads, WorkerModel::Processes};
inline constexpr std::size_t kModelCount = std::size(kCompareModels);
// The sweep runs every model on 1 .. this many cores.
inline constexpr std::uint32_t kSweepMaxCores = std::uint32_t(kMaxCores);

// The compare documents the view offers (examples/compare/, embedded), in menu order.
std::span<const EmbeddedScenario> compare_workloads();
const EmbeddedScenario* find_compare_workload(std::string_view name);  // nullptr if unknown
std::string compare_workload_names();                                  // "cpu, io, counter": for error messages

struct CompareWorkload {
  std::string name;  // "cpu" ("" before the view first opened one)
  std::string title;
  std::string description;
  std::array<Scenario, kModelCount> variants;  // the document as each model, parsed
};

// The document expanded as each model and parsed as `threadlab-cli compare` does; nullopt with
// the errors (one "error: PATH: reason" line each) for a document that is not a valid one.
std::optional<CompareWorkload> parse_compare_workload(std::string_view name, std::string_view text,
                                                      std::string& errors);

// ---------------------------------------------------------------------------------------------
// [SECTION] State
// ---------------------------------------------------------------------------------------------
struct CompareSweep {
  std::unique_ptr<Session> session;                 // created by the first sweep
  SweepGrid grid;                                   // 1..kSweepMaxCores x the models (scenarios included)
  std::uint64_t request = 0;                        // the session's request for the open workload
  std::shared_ptr<const SessionSnapshot> snapshot;  // the newest one of `request` seen
  // Single variant: after the first cell of a frame, more cells only while the frame has spent
  // less than this on them (0: one cell per frame).
  double slice_budget_ms = 6.0;
};

struct CompareLayout {  // where the last frame put things (tl_state_json, tests)
  Rect workload_combo;
  std::vector<Rect> workload_items;  // [workload] its row in the open combo (else empty)
  Rect cores_slider;
  Rect chart;  // the speedup chart's plot area
  Rect figures;
  bool chart_shown = false;    // narrow windows show the chart or the figures
  bool figures_shown = false;  //   (a switch above them picks which)
};

struct CompareState {
  CompareWorkload workload;
  std::string error;  // a workload that failed to load, or a run that failed
  int cores = 2;      // the view's Cores slider: both timelines run on it
  std::array<RunSlot, kModelCount> runs;
  std::array<std::size_t, 2> shown = {0, 1};  // the models the two timelines show
  TimeRange range;                            // shared by both timelines
  Playback playback;                          // shared too: one playhead across both
  bool fit_when_shown = false;                // fit the range once every run is in
  std::array<TimelineView, 2> timelines = {TimelineView("compare_upper"), TimelineView("compare_lower")};
  CompareSweep sweep;
  // Worker where threads exist (the sessions fall back to Sliced without them); tests choose.
  Session::Mode mode = Session::Mode::Worker;
  std::size_t sweep_workers = 2;   // the sweep's pool (the web threads variant starts 4 threads
                                   // in all: each session's worker and this pool)
  bool narrow_shows_chart = true;  // the switch between chart and figures in a narrow window
  CompareLayout layout;
  std::uint64_t frame = 0;  // the app's frame, for the run slots' slicing
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Functions
// ---------------------------------------------------------------------------------------------
// Opens an embedded workload: runs it as every model on its own core count, plays from the start
// and starts its sweep (cancelling the previous one). False for an unknown name or a document
// that does not parse (state.error says why; the previous workload stays).
bool open_compare_workload(CompareState& state, std::string_view name);
// The same for a compare document's text (tests, later the editor).
bool open_compare_document(CompareState& state, std::string_view name, std::string_view text);
// Re-runs every model on `cores` (the sweep does not change); false outside kMinCores..kMaxCores.
bool set_compare_cores(CompareState& state, int cores);
// Once a frame while the view is on screen, before it is drawn: opens the first workload if none
// is open, shows finished runs (fitting the range once all are in), advances the playhead, and
// in sliced mode runs the next runs' and the sweep's cells (the timelines' runs first).
void update_compare(CompareState& state, std::uint64_t frame, double seconds);
// Blocks until the runs and the sweep are done (tests, a first frame); never called from a frame.
void wait_for_compare(CompareState& state);

// ---------------------------------------------------------------------------------------------
// [SECTION] Figures read off the runs
// ---------------------------------------------------------------------------------------------
bool compare_pending(const CompareState& state);  // a run is still being simulated
const ShownRun& compare_run(const CompareState& state, std::size_t model);
TimeNs compare_extent(const CompareState& state);  // the longest run shown

// a / b in thousandths, as `threadlab-cli compare` prints its makespan ratio; 0 when b is 0.
std::int64_t ratio_milli(std::int64_t a, std::int64_t b);

enum class FigureUnit : std::uint8_t { Time,
                                       Count,
                                       Kilobytes };
struct CompareFigure {  // one row of the side-by-side table
  const char* label;
  FigureUnit unit;
  std::array<std::int64_t, kModelCount> values;
};
// Makespan first, then CPU time, time ready, GIL waits, context switches, memory (rows that are
// zero for every model left out).
std::vector<CompareFigure> compare_figures(const CompareState& state);

struct SweepProgress {
  std::vector<SpeedupRow> rows;  // one per model; speedup_milli 0 where not yet known
  std::size_t done = 0, total = 0;
  bool cancelled = false;
  std::string error;
};
SweepProgress sweep_progress(const CompareState& state);

}  // namespace tl::app
