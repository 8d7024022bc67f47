#include "app/views/controls.h"

#include "app/format.h"
#include "app/theme.h"

#include <imgui.h>

namespace tl::app {
namespace {

const char* policy_name(PolicyKind policy) {
  switch (policy) {
    case PolicyKind::Fifo:     return "FIFO";
    case PolicyKind::Sjf:      return "SJF";
    case PolicyKind::Stcf:     return "STCF";
    case PolicyKind::Rr:       return "round robin";
    case PolicyKind::Priority: return "priority";
    case PolicyKind::Mlfq:     return "MLFQ";
    case PolicyKind::Cyclic:   return "cyclic";
  }
  return "?";
}

}  // namespace

void draw_controls(AppState& state) {
  const TimeNs makespan = state.result.trace.makespan;
  const bool at_end = state.playhead >= makespan;
  if (ImGui::Button(state.playing ? "Pause" : at_end ? "Replay" : "Play", ImVec2(64, 0))) {
    if (!state.playing && at_end) state.playhead = 0;
    state.playing = !state.playing;
  }
  ImGui::SameLine();
  if (ImGui::Button("Restart")) {
    state.playhead = 0;
    state.playing = true;
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(140);
  ImGui::SliderFloat("Speed", &state.speed, 0.1f, 10.0f, "%.1fx", ImGuiSliderFlags_Logarithmic);

  ImGui::SameLine(0, 24);
  int cores = state.cores;
  ImGui::SetNextItemWidth(180);
  if (ImGui::SliderInt("Cores", &cores, kMinCores, kMaxCores, "%d", ImGuiSliderFlags_AlwaysClamp) &&
      cores != state.cores)
    set_cores(state, cores);
  // The slider's frame, without its label: where a browser test clicks or drags.
  const ImVec2 slider_min = ImGui::GetItemRectMin();
  state.layout.cores_slider = Rect{slider_min.x, slider_min.y, slider_min.x + 180, ImGui::GetItemRectMax().y};

  ImGui::SameLine(0, 24);
  if (ImGui::Button("Fit")) zoom_to_fit(state);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Show the whole run. Wheel over the timeline zooms, drag pans, the axis scrubs.");

  ImGui::SameLine(0, 24);
  const TimeText now = format_time(state.playhead), total = format_time(makespan);
  ImGui::AlignTextToFramePadding();
  ImGui::Text("t = %s / %s", now.c_str(), total.c_str());
  ImGui::SameLine(0, 24);
  const TimeText quantum = format_time(state.scenario.scheduler.quantum);
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kDimText);
  if (state.scenario.scheduler.policy == PolicyKind::Rr)
    ImGui::Text("scheduler: %s, quantum %s", policy_name(state.scenario.scheduler.policy), quantum.c_str());
  else
    ImGui::Text("scheduler: %s", policy_name(state.scenario.scheduler.policy));
  ImGui::PopStyleColor();
}

}  // namespace tl::app
