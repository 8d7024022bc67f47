// [SECTION] Loading and re-running
// [SECTION] Playback and view range
// [SECTION] The frame: one full-window ImGui window laid out top to bottom
#include "app/app.h"

#include "app/theme.h"
#include "app/views/controls.h"
#include "app/views/legend.h"
#include "app/views/metrics_table.h"
#include "app/views/timeline.h"

#include <algorithm>
#include <imgui.h>
#include <nlohmann/json.hpp>

namespace tl::app {

// ---------------------------------------------------------------------------------------------
// [SECTION] Loading and re-running
// ---------------------------------------------------------------------------------------------
namespace {

void rerun(AppState& state) {
  state.scenario.machine.cores = std::uint32_t(state.cores);
  state.result = run(state.scenario);
  ++state.runs;
  state.playhead = std::clamp<TimeNs>(state.playhead, 0, state.result.trace.makespan);
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
  if (document.is_object() && document.contains("description") && document["description"].is_string())
    state.description = document["description"].get<std::string>();
  return true;
}

void load_scenario(AppState& state, Scenario scenario, std::string_view name) {
  state.base = std::move(scenario);
  state.scenario = state.base;
  state.scenario_name = std::string(name);
  state.description.clear();
  state.error.clear();
  state.cores = std::clamp(int(state.base.machine.cores), kMinCores, kMaxCores);
  state.playhead = 0;
  rerun(state);
}

bool set_cores(AppState& state, int cores) {
  if (cores < kMinCores || cores > kMaxCores) return false;
  state.cores = cores;
  rerun(state);
  return true;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Playback and view range
// ---------------------------------------------------------------------------------------------
void zoom_to_fit(AppState& state) {
  state.view_t0 = 0;
  state.view_t1 = std::max<TimeNs>(state.result.trace.makespan, 1);
}

void advance_playback(AppState& state, double seconds) {
  const TimeNs makespan = state.result.trace.makespan;
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
  advance_playback(state, io.DeltaTime);

  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings |
                                      ImGuiWindowFlags_NoBringToFrontOnFocus |
                                      ImGuiWindowFlags_NoScrollWithMouse;
  ImGui::Begin("threadlab", nullptr, kFlags);

  ImGui::PushStyleColor(ImGuiCol_Text, theme::kTitle);
  ImGui::TextUnformatted("threadlab \xE2\x80\x94 threads vs processes");
  ImGui::PopStyleColor();
  if (!state.scenario_name.empty()) {
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kDimText);
    ImGui::Text("   scenario: %s", state.scenario_name.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::TextWrapped("Each row is a CPU core; each colour a thread; a core runs one thread at a time.");
  if (!state.description.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kDimText);
    ImGui::TextWrapped("%s", state.description.c_str());
    ImGui::PopStyleColor();
  }
  if (!state.error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kError);
    ImGui::TextWrapped("%s", state.error.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::Spacing();
  draw_controls(state);
  ImGui::Spacing();

  // The bottom panel fits the metrics table; the timeline takes everything above it.
  const float row_h = ImGui::GetTextLineHeightWithSpacing() + 2 * ImGui::GetStyle().CellPadding.y;
  const float table_h = row_h * float(state.scenario.threads.size() + 1) +
                        2 * ImGui::GetTextLineHeightWithSpacing() + 16.0f;
  const float avail_h = ImGui::GetContentRegionAvail().y;
  const float bottom_h = std::min(table_h, avail_h * 0.45f);
  const float timeline_h = std::min(std::max(avail_h - bottom_h, 80.0f),
                                    timeline_preferred_height(int(state.result.trace.cores.size())));
  draw_timeline(state, ImVec2(ImGui::GetContentRegionAvail().x, timeline_h));
  ImGui::Spacing();

  const float legend_w = std::min(300.0f, ImGui::GetContentRegionAvail().x * 0.35f);
  ImGui::BeginChild("legend", ImVec2(legend_w, 0), false);
  draw_legend(state);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("metrics", ImVec2(0, 0), false);
  draw_metrics_table(state);
  ImGui::EndChild();

  ImGui::End();

  state.layout.canvas_w = io.DisplaySize.x;
  state.layout.canvas_h = io.DisplaySize.y;
  ++state.frame;
}

}  // namespace tl::app
