#include "app/views/playhead_bar.h"

#include "app/format.h"

#include <algorithm>
#include <imgui.h>
#include <string>

namespace tl::app {

Rect draw_playhead_bar(Playback& playback, TimeNs makespan) {
  ImGui::SetNextItemWidth(std::max(60.0f, ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize("playhead").x -
                                              ImGui::GetStyle().ItemInnerSpacing.x));
  std::int64_t t = std::clamp<TimeNs>(playback.playhead, 0, makespan);
  const std::int64_t lo = 0, hi = std::max<TimeNs>(makespan, 1);
  const std::string label = format_time(t).c_str();
  if (ImGui::SliderScalar("playhead", ImGuiDataType_S64, &t, &lo, &hi, label.c_str(), ImGuiSliderFlags_AlwaysClamp)) {
    playback.playhead = std::clamp<TimeNs>(t, 0, makespan);
    playback.playing = false;
  }
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  return {a.x, a.y, b.x - ImGui::CalcTextSize("playhead").x - ImGui::GetStyle().ItemInnerSpacing.x, b.y};
}

}  // namespace tl::app
