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
bool any_update_lost(const ShownRun& run) {
  if (run.result->outcome != Outcome::Completed) return false;
  for (const VariableSummary& v : run.variables)
    if (lost_any(v)) return true;
  return false;
}

}  // namespace

std::string description_text(const Document& document, int cores) {
  // A description states the example's own core count; once the slider moves, say so rather
  // than leave the learner a statement that no longer holds.
  std::string text = document.description;
  if (!document.description_cores) return text;
  const int own = int(document.scenario.machine.cores);
  text += " (default: " + std::to_string(own) + (own == 1 ? " core" : " cores");
  if (cores != own) text += "; now " + std::to_string(cores);
  return text + ")";
}

std::string lanes_legend(const MachineSpec& machine) {
  // With SMT the rows are hardware threads ("cpu 2 (core 1)"), not cores: calling them cores
  // would repeat the myth that each one is a whole core.
  if (clamped_smt(machine) > 1)
    return "CPU rows: which thread each hardware thread runs, one at a time; the cpus of one core "
           "share its execution units. Thread rows: what each thread is doing.";
  return "Core rows: which thread each core runs, one at a time. Thread rows: what each thread is doing.";
}

std::string variables_text(const std::vector<VariableSummary>& variables) {
  if (variables.empty()) return {};
  std::string text = "shared: ";
  for (std::size_t i = 0; i < variables.size(); ++i) {
    if (i > 0) text += ", ";
    text += variable_line(variables[i]);
  }
  return text;
}

std::string variables_text(const std::vector<VariableSummary>& variables, std::span<const std::int64_t> at_playhead) {
  if (at_playhead.size() != variables.size()) return variables_text(variables);
  if (variables.empty()) return {};
  std::string text = "shared: ";
  for (std::size_t i = 0; i < variables.size(); ++i) {
    if (i > 0) text += "; ";
    // The final line without its name: "1059 (2000 increments, 941 lost)".
    const std::string final_line = variable_line(variables[i]);
    const std::string prefix = variables[i].name + " = ";
    const std::string end = final_line.rfind(prefix, 0) == 0 ? final_line.substr(prefix.size()) : final_line;
    text += prefix + std::to_string(at_playhead[i]) + " at the playhead; at the end " + end;
  }
  return text;
}

void draw_scenario_info(const Document& document, int cores, const ShownRun& run, const std::string& error,
                        std::span<const std::int64_t> at_playhead, ScenarioInfoLayout& layout) {
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kTitle);
  ImGui::TextUnformatted("threadlab \xE2\x80\x94 threads vs processes");
  ImGui::PopStyleColor();
  if (!document.name.empty()) {
    // Beside the program's name where it fits, else wrapped on lines of its own: never cut.
    const char* title = document.title.empty() ? document.name.c_str() : document.title.c_str();
    const float right_edge = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + 24 + ImGui::CalcTextSize(title).x <= right_edge) ImGui::SameLine(0, 24);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kAccent);
    ImGui::TextWrapped("%s", title);
    ImGui::PopStyleColor();
  }
  // The scheduler of the run on screen: beside the titles, or on a line of its own when the
  // canvas is too narrow.
  char text[96];
  const SchedulerSpec& scheduler = run.scenario.scheduler;
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

  if (document.description.empty())
    wrapped(theme::kDimText, lanes_legend(run.scenario.machine));
  else
    wrapped(theme::kText, description_text(document, cores));

  // Outcome and variables belong to the run on screen, not to a pending request.
  layout.outcome_line = run.outcome.empty() ? Rect{} : wrapped(theme::kWarning, run.outcome);
  layout.variables = variables_text(run.variables, at_playhead);
  layout.variables_line =
      run.variables.empty() ? Rect{} : wrapped(any_update_lost(run) ? theme::kWarning : theme::kTitle, layout.variables);

  if (!error.empty()) wrapped(theme::kError, error);
}

}  // namespace tl::app
