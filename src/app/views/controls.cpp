#include "app/views/controls.h"
#include "app/views/widgets.h"

#include "app/format.h"
#include "app/state/catalog.h"
#include "app/theme.h"

#include <cmath>
#include <cstdio>
#include <string_view>
#include <imgui.h>

namespace tl::app {
namespace {

// Continues the row only if an item `width` wide still fits; otherwise it starts a new line,
// so a narrow canvas (a course page's iframe) wraps the controls instead of clipping them.
void same_line_if_fits(float width, float spacing = 24.0f) {
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + spacing + width <= right) ImGui::SameLine(0, spacing);
}

float text_width(const char* text) { return ImGui::CalcTextSize(text).x; }

constexpr float kScenarioComboWidth = 170.0f;
constexpr float kScenarioNameColumn = 190.0f;  // where the titles start in the open combo
// Widths chosen so that a 480 px frame needs three rows: scenario and playback; speed, cores
// and Fit; time.
constexpr float kSpeedWidth = 110.0f;
constexpr float kCoresWidth = 150.0f;
constexpr float kTextGap = 12.0f;  // before the time text that ends the row

// The picker: every embedded scenario by name, its title beside it. Choosing one (even the
// current one: a way back to its defaults) loads it with its own core count.
const char* draw_scenario_combo(const std::string& current, ControlsLayout& layout) {
  layout.scenario_items.clear();
  ImGui::SetNextItemWidth(kScenarioComboWidth);
  const bool open = ImGui::BeginCombo("Scenario", current.c_str(), ImGuiComboFlags_HeightLarge);
  const ImVec2 combo_min = ImGui::GetItemRectMin();
  layout.scenario_combo = Rect{combo_min.x, combo_min.y, combo_min.x + kScenarioComboWidth, ImGui::GetItemRectMax().y};
  if (!open) return nullptr;
  const char* chosen = nullptr;
  for (const EmbeddedScenario& scenario : embedded_scenarios()) {
    const bool selected = current == scenario.name;
    ImGui::PushID(scenario.name);
    if (ImGui::Selectable(scenario.name, selected)) chosen = scenario.name;
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    layout.scenario_items.push_back(Rect{min.x, min.y, max.x, max.y});
    if (selected) ImGui::SetItemDefaultFocus();
    if (std::string_view(scenario.title) != scenario.name) {
      ImGui::SameLine(kScenarioNameColumn);
      ImGui::PushStyleColor(ImGuiCol_Text, theme::kDimText);
      ImGui::TextUnformatted(scenario.title);
      ImGui::PopStyleColor();
    }
    ImGui::PopID();
  }
  ImGui::EndCombo();
  return chosen;
}

}  // namespace

std::string speed_text(double speed) {
  if (std::abs(speed / kRealTime - 1.0) < 0.005) return "speed: real time";
  const TimeText per_second = format_time(TimeNs(std::llround(speed)));
  return std::string("speed ") + per_second.c_str() + "/s";
}

ControlsAsk draw_controls(const ControlsInput& in, Playback& playback, ControlsLayout& layout) {
  ControlsAsk ask;
  const bool at_end = playback.playhead >= in.makespan;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float button_w = text_width("Restart") + 2 * style.FramePadding.x;
  if (!in.lesson) {
    ask.scenario = draw_scenario_combo(in.scenario, layout);
    same_line_if_fits(64 + style.ItemSpacing.x + button_w);
  } else {
    layout.scenario_combo = Rect{};
    layout.scenario_items.clear();
  }
  if (ImGui::Button(playback.playing ? "Pause" : at_end ? "Replay"
                                                        : "Play",
                    ImVec2(64, 0)))
    toggle_playback(playback, in.makespan);
  ImGui::SameLine();
  if (ImGui::Button("Restart")) restart_playback(playback);
  // Speed in simulated time per second of wall time. The slider draws no text of its own (its
  // handle would cover it); the value stands beside it in a fixed slot.
  const float speed_slot = text_width("speed 500 us/s");
  same_line_if_fits(kSpeedWidth + style.ItemInnerSpacing.x + speed_slot, style.ItemSpacing.x);
  ImGui::SetNextItemWidth(kSpeedWidth);
  static constexpr double kSlowest = kMinSpeed, kFastest = kMaxSpeed;
  if (ImGui::SliderScalar("##speed", ImGuiDataType_Double, &playback.speed, &kSlowest, &kFastest, "",
                          ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp))
    playback.speed_auto = false;
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "Simulated time per second of wall time (1 s/s is real time; simulated runs last ms, so "
        "slower shows them)");
  const ImVec2 speed_min = ImGui::GetItemRectMin();
  layout.speed_slider = Rect{speed_min.x, speed_min.y, speed_min.x + kSpeedWidth, ImGui::GetItemRectMax().y};
  ImGui::SameLine(0, style.ItemInnerSpacing.x);
  ImGui::AlignTextToFramePadding();
  const std::string speed = speed_text(playback.speed);
  ImGui::TextUnformatted(speed.c_str());
  if (text_width(speed.c_str()) < speed_slot) {
    ImGui::SameLine(0, 0);
    ImGui::Dummy(ImVec2(speed_slot - text_width(speed.c_str()), ImGui::GetItemRectSize().y));
  }

  if (!in.lesson) {
    same_line_if_fits(kCoresWidth + style.ItemInnerSpacing.x + text_width("Cores"));
    int cores = in.cores;
    ImGui::SetNextItemWidth(kCoresWidth);
    if (readable_slider_int("Cores", &cores, kMinCores, kMaxCores) && cores != in.cores)
      ask.cores = cores;
    // The slider's frame, without its label: where a browser test clicks or drags.
    const ImVec2 slider_min = ImGui::GetItemRectMin();
    layout.cores_slider = Rect{slider_min.x, slider_min.y, slider_min.x + kCoresWidth, ImGui::GetItemRectMax().y};
  } else {
    layout.cores_slider = Rect{};
  }

  same_line_if_fits(text_width("Fit") + 2 * ImGui::GetStyle().FramePadding.x);
  ask.fit = ImGui::Button("Fit");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Show the whole run. Wheel over the timeline zooms, drag pans, the axis scrubs.");

  const TimeText now = format_time(playback.playhead), total = format_time(in.makespan);
  char text[96];
  std::snprintf(text, sizeof text, "t = %s / %s", now.c_str(), total.c_str());
  // A fixed slot (the font is monospaced): the row must not re-wrap as the playhead's digits
  // change during playback.
  ImGui::PushFont(theme::mono_font());
  const float slot = text_width("t = 000.00 ms / 000.00 ms");
  same_line_if_fits(slot, kTextGap);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text);
  if (text_width(text) < slot) {
    ImGui::SameLine(0, 0);
    ImGui::Dummy(ImVec2(slot - text_width(text), ImGui::GetItemRectSize().y));
  }
  ImGui::PopFont();
  return ask;
}

}  // namespace tl::app
