// [SECTION] Loading and running
// [SECTION] Playback and view range
// [SECTION] The frame: one full-window ImGui window laid out top to bottom
#include "app/app.h"

#include "app/scenarios.h"
#include "app/theme.h"
#include "app/views/controls.h"
#include "app/views/legend.h"
#include "app/views/metrics_table.h"
#include "app/views/scenario_info.h"
#include "app/views/timeline.h"

#include <algorithm>
#include <imgui.h>
#include <nlohmann/json.hpp>

namespace tl::app {

// ---------------------------------------------------------------------------------------------
// [SECTION] Loading and re-running
// ---------------------------------------------------------------------------------------------
namespace {

void submit_run(AppState& state) {
  if (!state.session) state.session = std::make_unique<Session>(state.session_mode);
  state.requested = state.base;
  state.requested.machine.cores = std::uint32_t(state.cores);
  state.request = state.session->submit(state.requested);   // cancels the previous request
  state.pending = true;
  state.submitted_frame = state.frame;
}

void show(AppState& state, ResultPtr result) {
  state.scenario = state.requested;
  state.result = std::move(result);
  state.states_seen = 0;
  for (const auto& lane : state.result->trace.threads)
    for (const StateSpan& span : lane) state.states_seen |= std::uint8_t(1u << unsigned(span.state));
  state.outcome = outcome_line(state.scenario, *state.result);
  state.variables = shared_variables(state.scenario, *state.result);
  ++state.runs;
  state.playhead = std::clamp<TimeNs>(state.playhead, 0, state.result->trace.makespan);
  zoom_to_fit(state);
}

}  // namespace

bool load_scenario(AppState& state, std::string_view json_text, std::string_view name) {
  ParseResult parsed = parse_scenario(json_text);
  if (!parsed.scenario) {
    state.error.clear();
    for (const ScenarioError& error : parsed.errors) {
      if (!state.error.empty()) state.error += '\n';
      state.error += format_error(error);
    }
    return false;
  }
  load_scenario(state, std::move(*parsed.scenario), name);
  // The engine's Scenario carries no prose; the UI reads it from the (already valid) file.
  const nlohmann::json document = nlohmann::json::parse(json_text, nullptr, false);
  const auto text = [&](const char* key) {
    return document.is_object() && document.contains(key) && document[key].is_string() ? document[key].get<std::string>()
                                                                                       : std::string();
  };
  state.title = text("name");
  state.description = text("description");
  state.description_cores = mentions_core_count(state.description);
  return true;
}

void load_scenario(AppState& state, Scenario scenario, std::string_view name) {
  state.base = std::move(scenario);
  state.scenario_name = std::string(name);
  state.title.clear();
  state.description.clear();
  state.description_cores = false;
  state.error.clear();
  state.cores = std::clamp(int(state.base.machine.cores), kMinCores, kMaxCores);
  state.playhead = 0;
  submit_run(state);
}

bool set_cores(AppState& state, int cores) {
  if (cores < kMinCores || cores > kMaxCores) return false;
  state.cores = cores;
  submit_run(state);
  return true;
}

bool update_run(AppState& state) {
  if (!state.pending || !state.session) return false;
  if (state.session->mode() == Session::Mode::Sliced && state.frame > state.submitted_frame)
    state.session->poll();
  const std::shared_ptr<const SessionSnapshot> snapshot = state.session->snapshot();
  if (snapshot->request != state.request) return false;   // not yet started over
  if (!snapshot->error.empty()) {
    state.pending = false;
    state.error = "the simulation failed: " + snapshot->error;
    return false;
  }
  if (snapshot->cancelled) {                                // only we cancel, and only by a newer
    state.pending = false;                                  // submit; be safe all the same
    return false;
  }
  if (snapshot->result() == nullptr) return false;
  state.pending = false;
  show(state, snapshot->cells.front());   // shared with the snapshot: no copy of the trace
  return true;
}

void wait_for_run(AppState& state) {
  if (!state.pending || !state.session) return;
  state.session->wait_idle();
  update_run(state);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Playback and view range
// ---------------------------------------------------------------------------------------------
void zoom_to_fit(AppState& state) {
  state.view_t0 = 0;
  state.view_t1 = std::max<TimeNs>(state.result->trace.makespan, 1);
}

void advance_playback(AppState& state, double seconds) {
  const TimeNs makespan = state.result->trace.makespan;
  if (!state.playing || makespan <= 0 || seconds <= 0) return;
  const double rate = double(makespan) / kBaseSeconds * double(state.speed);   // ns per second
  state.playhead += std::max<TimeNs>(1, TimeNs(rate * seconds));
  if (state.playhead >= makespan) {
    state.playhead = makespan;
    state.playing = false;
  }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] The frame
// ---------------------------------------------------------------------------------------------
void draw_frame(AppState& state) {
  const ImGuiIO& io = ImGui::GetIO();
  update_run(state);
  advance_playback(state, io.DeltaTime);

  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings |
                                      ImGuiWindowFlags_NoBringToFrontOnFocus |
                                      ImGuiWindowFlags_NoScrollWithMouse;
  ImGui::Begin("threadlab", nullptr, kFlags);

  draw_scenario_info(state);
  ImGui::Spacing();
  draw_controls(state);
  ImGui::Spacing();

  // Under the timeline: the legend (wrapped to the width) and the metrics table (it scrolls).
  // The timeline gets what it wants as long as the table keeps a few rows, and never less
  // than it needs to show every lane while the table keeps one; the table gets the rest, up
  // to all of its rows.
  const float width = ImGui::GetContentRegionAvail().x;
  const float avail_h = ImGui::GetContentRegionAvail().y;
  const float spacing = ImGui::GetStyle().ItemSpacing.y;
  const float line_h = ImGui::GetTextLineHeightWithSpacing();
  const float row_h = line_h + 2 * ImGui::GetStyle().CellPadding.y;
  const int cores = int(state.result->trace.cores.size());
  const int threads = int(state.scenario.threads.size());
  const float legend_h = legend_height(state, width) + 2 * spacing;
  const float table_h = line_h + row_h * float(threads + 1);
  const float table_min = line_h + row_h * float(std::min(threads, 2) + 1);
  const float table_least = line_h + row_h * 2;
  const float wanted = timeline_preferred_height(cores, threads);
  const float table_space = std::max(table_min, std::min(table_h, avail_h - legend_h - wanted));
  const float needed = std::min(timeline_min_height(cores, threads), avail_h - legend_h - table_least);
  const float timeline_h = std::min(std::max({avail_h - legend_h - table_space, needed, 80.0f}), wanted);
  draw_timeline(state, ImVec2(width, timeline_h));
  draw_legend(state);
  ImGui::Spacing();
  ImGui::BeginChild("metrics", ImVec2(0, 0), false);
  draw_metrics_table(state);
  ImGui::EndChild();

  ImGui::End();

  state.layout.canvas_w = io.DisplaySize.x;
  state.layout.canvas_h = io.DisplaySize.y;
  ++state.frame;
}

}  // namespace tl::app
