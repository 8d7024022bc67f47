#include "app/views/scenario_info.h"

#include "app/format.h"
#include "app/theme.h"

#include <cstdio>

#include <imgui.h>

namespace tl::app {
namespace {

Rect wrapped(ImU32 color, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  return Rect{min.x, min.y, max.x, max.y};
}

// A completed run that lost increments is the race lesson's point: worth the warning colour.
bool any_update_lost(const AppState& state) {
  if (state.result->outcome != Outcome::Completed) return false;
  for (const VariableSummary& v : state.variables)
    if (lost_any(v)) return true;
  return false;
}

}  // namespace

std::string description_text(const AppState& state) {
  // A description states the example's own core count; once the slider moves, say so rather
  // than leave the learner a statement that no longer holds.
  std::string text = state.description;
  if (!state.description_cores) return text;
  const int own = int(state.base.machine.cores);
  text += " (default: " + std::to_string(own) + (own == 1 ? " core" : " cores");
  if (state.cores != own) text += "; now " + std::to_string(state.cores);
  return text + ")";
}

std::string variables_text(const AppState& state) {
  if (state.variables.empty()) return {};
  std::string text = "shared: ";
  for (std::size_t i = 0; i < state.variables.size(); ++i) {
    if (i > 0) text += ", ";
    text += variable_line(state.variables[i]);
  }
  return text;
}

void draw_scenario_info(AppState& state) {
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kTitle);
  ImGui::TextUnformatted("threadlab \xE2\x80\x94 threads vs processes");
  ImGui::PopStyleColor();
  if (!state.scenario_name.empty()) {
    ImGui::SameLine(0, 24);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kAccent);
    ImGui::TextUnformatted(state.title.empty() ? state.scenario_name.c_str() : state.title.c_str());
    ImGui::PopStyleColor();
  }
  // The scheduler of the run on screen: beside the titles, or on a line of its own when the
  // canvas is too narrow.
  char text[96];
  const SchedulerSpec& scheduler = state.scenario.scheduler;
  if (scheduler.policy == PolicyKind::Rr)
    std::snprintf(text, sizeof text, "scheduler: %s, quantum %s", policy_name(scheduler.policy),
                  format_time(scheduler.quantum).c_str());
  else
    std::snprintf(text, sizeof text, "scheduler: %s", policy_name(scheduler.policy));
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + 24 + ImGui::CalcTextSize(text).x <= right) ImGui::SameLine(0, 24);
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kDimText);
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();

  if (state.description.empty())
    wrapped(theme::kDimText, "Core rows: which thread each core runs, one at a time. "
                             "Thread rows: what each thread is doing.");
  else
    wrapped(theme::kText, description_text(state));

  // Outcome and variables belong to the run on screen (state.scenario, state.result), not to
  // a pending request.
  state.layout.outcome_line = state.outcome.empty() ? Rect{} : wrapped(theme::kWarning, state.outcome);
  state.layout.variables_line =
      state.variables.empty() ? Rect{} : wrapped(any_update_lost(state) ? theme::kWarning : theme::kTitle, variables_text(state));

  if (!state.error.empty()) wrapped(theme::kError, state.error);
}

}  // namespace tl::app
