// [SECTION] Workloads
// [SECTION] Opening and running
// [SECTION] Figures
#include "app/views/compare_state.h"

#include "app/state/document.h"
#include "sim/scenario/reader.h"

#include <algorithm>
#include <chrono>
#include <iterator>

namespace tl::app {

// ---------------------------------------------------------------------------------------------
// [SECTION] Workloads
// ---------------------------------------------------------------------------------------------
std::span<const EmbeddedScenario> compare_workloads() { return kCompareWorkloads; }

const EmbeddedScenario* find_compare_workload(std::string_view name) {
  const auto it = std::find_if(std::begin(kCompareWorkloads), std::end(kCompareWorkloads),
                               [&](const EmbeddedScenario& w) { return name == w.name; });
  return it == std::end(kCompareWorkloads) ? nullptr : &*it;
}

std::string compare_workload_names() {
  std::string names;
  for (const EmbeddedScenario& w : kCompareWorkloads) (names += names.empty() ? "" : ", ") += w.name;
  return names;
}

std::optional<CompareWorkload> parse_compare_workload(std::string_view name, std::string_view text,
                                                      std::string& errors) {
  // The scenario reader's limits (size, depth, duplicate keys) hold for the document before it
  // is copied into each model's scenario.
  detail::Errors json_errors;
  const std::optional<nlohmann::ordered_json> json = detail::parse_json(text, json_errors);
  if (!json || json_errors.count() > 0) {
    errors = error_lines(json_errors.take());
    return std::nullopt;
  }
  if (!is_compare_document(*json)) {
    errors = "error: not a compare document (expected \"workload\": {\"as\", \"workers\", \"program\"})";
    return std::nullopt;
  }
  CompareWorkload workload;
  workload.name = std::string(name);
  for (std::size_t m = 0; m < kModelCount; ++m) {
    std::vector<ScenarioError> expand_errors;
    const std::optional<nlohmann::ordered_json> expanded = expand_compare(*json, kCompareModels[m], expand_errors);
    if (!expanded) {
      errors = error_lines(expand_errors);
      return std::nullopt;
    }
    ParseResult parsed = parse_scenario(expanded->dump());
    if (!parsed.scenario) {
      errors = error_lines(parsed.errors);
      return std::nullopt;
    }
    workload.variants[m] = std::move(*parsed.scenario);
    workload.title = std::move(parsed.title);
    workload.description = std::move(parsed.description);
  }
  return workload;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Opening and running
// ---------------------------------------------------------------------------------------------
namespace {

void submit_runs(CompareState& state) {
  for (std::size_t m = 0; m < kModelCount; ++m) {
    Scenario scenario = state.workload.variants[m];
    scenario.machine.cores = std::uint32_t(state.cores);
    state.runs[m].mode = state.mode;  // read by the slot's first submit only
    submit_run(state.runs[m], std::move(scenario), state.frame);
  }
  state.fit_when_shown = true;
}

void submit_sweep(CompareState& state) {
  CompareSweep& sweep = state.sweep;
  if (!sweep.session) sweep.session = std::make_unique<Session>(state.mode, state.sweep_workers);
  SweepGrid grid;
  for (std::uint32_t c = 1; c <= kSweepMaxCores; ++c) grid.cores.push_back(c);
  for (std::size_t m = 0; m < kModelCount; ++m) {
    grid.variants.push_back(state.workload.variants[m]);
    grid.names.emplace_back(to_string(kCompareModels[m]));
  }
  sweep.grid = grid;
  sweep.request = sweep.session->submit_sweep(std::move(grid));  // cancels the previous workload's
  sweep.snapshot = sweep.session->snapshot();
}

// Sliced mode: the timelines' runs come first; the sweep gets the frame once they are shown.
void slice_sweep(CompareState& state) {
  CompareSweep& sweep = state.sweep;
  if (!sweep.session || sweep.session->mode() != Session::Mode::Sliced || compare_pending(state)) return;
  const auto start = std::chrono::steady_clock::now();
  while (sweep.session->poll()) {
    const std::chrono::duration<double, std::milli> spent = std::chrono::steady_clock::now() - start;
    if (spent.count() >= sweep.slice_budget_ms) break;
  }
}

void read_sweep(CompareState& state) {
  if (!state.sweep.session) return;
  std::shared_ptr<const SessionSnapshot> snapshot = state.sweep.session->snapshot();
  if (snapshot->request == state.sweep.request) state.sweep.snapshot = std::move(snapshot);
}

}  // namespace

bool open_compare_workload(CompareState& state, std::string_view name) {
  const EmbeddedScenario* found = find_compare_workload(name);
  if (found == nullptr) {
    state.error = "no compare workload named '" + std::string(name) + "'";
    return false;
  }
  return open_compare_document(state, found->name, found->json);
}

bool open_compare_document(CompareState& state, std::string_view name, std::string_view text) {
  std::string errors;
  std::optional<CompareWorkload> workload = parse_compare_workload(name, text, errors);
  if (!workload) {
    state.error = std::move(errors);
    return false;
  }
  state.workload = std::move(*workload);
  state.error.clear();
  state.cores = std::clamp(int(state.workload.variants[0].machine.cores), kMinCores, kMaxCores);
  state.playback.playhead = 0;
  state.playback.playing = true;
  submit_runs(state);
  submit_sweep(state);
  return true;
}

bool set_compare_cores(CompareState& state, int cores) {
  if (cores < kMinCores || cores > kMaxCores || state.workload.name.empty()) return false;
  state.cores = cores;
  submit_runs(state);
  return true;
}

void update_compare(CompareState& state, std::uint64_t frame, double seconds) {
  state.frame = frame;
  if (state.workload.name.empty() && state.error.empty()) open_compare_workload(state, kCompareWorkloads[0].name);
  for (RunSlot& slot : state.runs) {
    std::string error;
    if (tl::app::update_run(slot, frame, error) == RunUpdate::Failed) state.error = error;
  }
  if (state.fit_when_shown && !compare_pending(state)) {
    state.fit_when_shown = false;
    fit_range(state.range, compare_extent(state));
    state.playback.playhead = std::min(state.playback.playhead, compare_extent(state));
  }
  advance_playback(state.playback, compare_extent(state), seconds);
  slice_sweep(state);
  read_sweep(state);
}

void wait_for_compare(CompareState& state) {
  if (state.workload.name.empty()) update_compare(state, state.frame, 0.0);  // opens the first
  std::string error;
  for (RunSlot& slot : state.runs)
    if (tl::app::wait_for_run(slot, state.frame, error) == RunUpdate::Failed) state.error = error;
  if (state.sweep.session) state.sweep.session->wait_idle();
  update_compare(state, state.frame, 0.0);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Figures
// ---------------------------------------------------------------------------------------------
bool compare_pending(const CompareState& state) {
  return std::any_of(state.runs.begin(), state.runs.end(), [](const RunSlot& slot) { return slot.pending; });
}

const ShownRun& compare_run(const CompareState& state, std::size_t model) { return state.runs[model].shown; }

TimeNs compare_extent(const CompareState& state) {
  TimeNs extent = 0;
  for (const RunSlot& slot : state.runs) extent = std::max(extent, slot.shown.result->trace.makespan);
  return extent;
}

std::int64_t ratio_milli(std::int64_t a, std::int64_t b) { return b > 0 ? a * 1000 / b : 0; }

std::vector<CompareFigure> compare_figures(const CompareState& state) {
  std::vector<CompareFigure> rows = {
      {"makespan", FigureUnit::Time, {}},
      {"CPU time, all threads", FigureUnit::Time, {}},
      {"ready, waiting for a core", FigureUnit::Time, {}},
      {"waiting for the GIL", FigureUnit::Time, {}},
      {"context switches", FigureUnit::Count, {}},
      {"peak resident, all processes", FigureUnit::Kilobytes, {}},
      {"peak private, all processes", FigureUnit::Kilobytes, {}},
  };
  for (std::size_t m = 0; m < kModelCount; ++m) {
    const Metrics& metrics = compare_run(state, m).result->metrics;
    rows[0].values[m] = metrics.makespan;
    for (const ThreadMetrics& t : metrics.threads) {
      rows[1].values[m] += t.cpu;
      rows[2].values[m] += t.wait;
      rows[3].values[m] += t.gil_wait;
    }
    rows[4].values[m] = std::int64_t(metrics.context_switches);
    // Each process's own peaks, summed as smaps counts them: resident counts a page shared since
    // a fork in every process mapping it; private counts only the pages a process has alone.
    for (const ProcessMemoryMetrics& p : metrics.processes) {
      rows[5].values[m] += std::int64_t(p.resident_kb);
      rows[6].values[m] += std::int64_t(p.private_kb);
    }
  }
  // A row that is zero for every model says nothing here (no GIL, no memory model in use).
  std::erase_if(rows, [](const CompareFigure& row) {
    return std::all_of(row.values.begin(), row.values.end(), [](std::int64_t v) { return v == 0; }) &&
           std::string_view(row.label) != "makespan";
  });
  return rows;
}

SweepProgress sweep_progress(const CompareState& state) {
  SweepProgress progress;
  const CompareSweep& sweep = state.sweep;
  if (!sweep.snapshot || sweep.snapshot->request != sweep.request || sweep.request == 0) return progress;
  const SessionSnapshot& snapshot = *sweep.snapshot;
  progress.rows = sweep_speedups(sweep.grid, snapshot.cells);
  progress.done = snapshot.cells_done;
  progress.total = snapshot.cells_total;
  progress.cancelled = snapshot.cancelled;
  progress.error = snapshot.error;
  return progress;
}

}  // namespace tl::app
