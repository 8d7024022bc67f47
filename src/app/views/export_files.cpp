#include "app/views/export_files.h"

#include "app/course_bridge.h"

#include <fstream>
#include <imgui.h>

namespace tl::app {
namespace {

std::string safe_name(std::string_view name) {
  std::string out;
  for (const char c : name)
    out.push_back((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ? c : '_');
  return out.empty() ? "run" : out;
}

}  // namespace

SavedExports save_exports(const AppState& state, const std::filesystem::path& dir) {
  SavedExports out;
  const std::string base = "threadlab-" + safe_name(state.lesson.open() ? state.lesson.lesson().id : state.document.name);
  const std::pair<const char*, const char*> kinds[] = {
      {"trace", ".trace.json"}, {"metrics", ".metrics.csv"}, {"scenario", ".scenario.json"}};
  for (const auto& [kind, suffix] : kinds) {
    std::string error;
    const std::string text = export_text(state, kind, error);
    if (!error.empty()) {
      if (std::string_view(kind) != "scenario" && out.error.empty()) out.error = error;
      continue;  // a scenario built in code has no file to save
    }
    const std::filesystem::path path = dir / (base + suffix);
    std::ofstream file(path, std::ios::binary);
    file << text;
    if (!file) {
      if (out.error.empty()) out.error = path.string() + ": cannot write";
      continue;
    }
    out.files.push_back(path.string());
  }
  return out;
}

void draw_export_button(const AppState& state) {
  static std::string status;  // what the last click wrote, shown beside the button
  const float button_w = ImGui::CalcTextSize("Export").x + 2 * ImGui::GetStyle().FramePadding.x;
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + 24 + button_w > right) return;
  ImGui::SameLine(0, 24);
  if (ImGui::Button("Export")) {
    const SavedExports saved = save_exports(state, std::filesystem::current_path());
    status = saved.error.empty() ? "wrote " : "error: " + saved.error + "; wrote ";
    for (const std::string& f : saved.files) status += std::filesystem::path(f).filename().string() + " ";
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Writes the trace (Chrome JSON), metrics (CSV) and scenario (JSON) to the working directory");
  if (!status.empty() && ImGui::GetItemRectMax().x + 12 + ImGui::CalcTextSize(status.c_str()).x <= right) {
    ImGui::SameLine(0, 12);
    ImGui::TextDisabled("%s", status.c_str());
  }
}

}  // namespace tl::app
