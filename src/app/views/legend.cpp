#include "app/views/legend.h"

#include "app/theme.h"

#include <imgui.h>

namespace tl::app {
namespace {

// A colour square aligned with the text line that follows it.
void swatch(ImU32 color, bool hatched = false) {
  const float size = ImGui::GetTextLineHeight() - 2;
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList& dl = *ImGui::GetWindowDrawList();
  dl.AddRectFilled(ImVec2(p.x, p.y + 1), ImVec2(p.x + size, p.y + 1 + size), color);
  if (hatched)
    for (float x = 0; x < size; x += 4)
      dl.AddLine(ImVec2(p.x + x, p.y + 1 + size), ImVec2(p.x + size, p.y + 1 + x), theme::kOverheadHatch);
  ImGui::Dummy(ImVec2(size, size));
  ImGui::SameLine();
}

}  // namespace

void draw_legend(const AppState& state) {
  ImGui::TextDisabled("Legend");
  const Scenario& scenario = state.scenario;
  for (ThreadId t = 0; t < scenario.threads.size(); ++t) {
    const ThreadSpec& thread = scenario.threads[t];
    swatch(theme::thread_color(t));
    ImGui::TextUnformatted(thread.name.c_str());
    if (thread.process < scenario.processes.size()) {
      ImGui::SameLine();
      ImGui::TextDisabled("(process %s)", scenario.processes[thread.process].name.c_str());
    }
  }
  swatch(theme::kLaneIdle);
  ImGui::TextUnformatted("idle: nothing to run");
  if (scenario.machine.switch_cost > 0) {
    swatch(theme::kOverhead, true);
    ImGui::TextUnformatted("context switch cost");
  }
  swatch(theme::kFoldMixed);
  ImGui::TextUnformatted("many tiny spans (zoom in)");
}

}  // namespace tl::app
