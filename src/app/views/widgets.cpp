#include "app/views/widgets.h"

#include <cstdio>
#include <imgui.h>
#include <imgui_internal.h>  // TempInputIsActive: while the number is being typed, leave it be

namespace tl::app {

Rect item_rect() {
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  return Rect{min.x, min.y, max.x, max.y};
}

bool readable_slider_int(const char* label, int* value, int min, int max) {
  // The frame's width, not the label's beside it (read before the slider uses up the width a
  // SetNextItemWidth gave it).
  const float frame_width = ImGui::CalcItemWidth();
  const bool changed = ImGui::SliderInt(label, value, min, max, "%d", ImGuiSliderFlags_AlwaysClamp);
  if (ImGui::TempInputIsActive(ImGui::GetItemID())) return changed;
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 min_corner = ImGui::GetItemRectMin();
  const float frame_height = ImGui::GetFrameHeight();
  char text[16];
  std::snprintf(text, sizeof text, "%d", *value);
  const ImVec2 size = ImGui::CalcTextSize(text);
  const ImVec2 at(min_corner.x + (frame_width - size.x) * 0.5f, min_corner.y + (frame_height - size.y) * 0.5f);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float pad = 3.0f;
  draw->AddRectFilled(ImVec2(at.x - pad, at.y - 1), ImVec2(at.x + size.x + pad, at.y + size.y + 1),
                      ImGui::GetColorU32(ImGui::IsItemActive()    ? ImGuiCol_FrameBgActive
                                         : ImGui::IsItemHovered() ? ImGuiCol_FrameBgHovered
                                                                  : ImGuiCol_FrameBg),
                      style.FrameRounding);
  draw->AddText(at, ImGui::GetColorU32(ImGuiCol_Text), text);
  return changed;
}

}  // namespace tl::app
