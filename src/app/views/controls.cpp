#include "app/views/controls.h"

#include "app/format.h"
#include "app/theme.h"

#include <cstdio>
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

// Continues the row only if an item `width` wide still fits; otherwise it starts a new line,
// so a narrow canvas (a course page's iframe) wraps the controls instead of clipping them.
void same_line_if_fits(float width, float spacing = 24.0f) {
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + spacing + width <= right) ImGui::SameLine(0, spacing);
}

float text_width(const char* text) { return ImGui::CalcTextSize(text).x; }

}  // namespace

void draw_controls(AppState& state) {
  const TimeNs makespan = state.result->trace.makespan;
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

  same_line_if_fits(180 + ImGui::GetStyle().ItemInnerSpacing.x + text_width("Cores"));
  int cores = state.cores;
  ImGui::SetNextItemWidth(180);
  if (ImGui::SliderInt("Cores", &cores, kMinCores, kMaxCores, "%d", ImGuiSliderFlags_AlwaysClamp) &&
      cores != state.cores)
    set_cores(state, cores);
  // The slider's frame, without its label: where a browser test clicks or drags.
  const ImVec2 slider_min = ImGui::GetItemRectMin();
  state.layout.cores_slider = Rect{slider_min.x, slider_min.y, slider_min.x + 180, ImGui::GetItemRectMax().y};

  same_line_if_fits(text_width("Fit") + 2 * ImGui::GetStyle().FramePadding.x);
  if (ImGui::Button("Fit")) zoom_to_fit(state);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Show the whole run. Wheel over the timeline zooms, drag pans, the axis scrubs.");

  const TimeText now = format_time(state.playhead), total = format_time(makespan);
  char text[96];
  std::snprintf(text, sizeof text, "t = %s / %s", now.c_str(), total.c_str());
  same_line_if_fits(text_width(text));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text);

  const SchedulerSpec& scheduler = state.scenario.scheduler;
  if (scheduler.policy == PolicyKind::Rr)
    std::snprintf(text, sizeof text, "scheduler: %s, quantum %s", policy_name(scheduler.policy),
                  format_time(scheduler.quantum).c_str());
  else
    std::snprintf(text, sizeof text, "scheduler: %s", policy_name(scheduler.policy));
  same_line_if_fits(text_width(text));
  ImGui::AlignTextToFramePadding();
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kDimText);
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
}

}  // namespace tl::app
