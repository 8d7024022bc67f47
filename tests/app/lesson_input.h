// A learner's mouse and keyboard on the lesson column, through the null backend: clicks and
// typing at the rectangles the column reports (the same ones tl_state_json gives the browser
// tests), scrolling the column until a part is in view.
#pragma once
#include "headless.h"

#include <functional>
#include <string>

namespace tl::app::test {

class LessonInput {
 public:
  LessonInput(HeadlessUi& ui, AppState& state) : ui_(ui), state_(state) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyMap[ImGuiKey_Enter] = kEnter;
    io.KeyMap[ImGuiKey_Backspace] = kBackspace;
    io.KeyMap[ImGuiKey_A] = kKeyA;
    io.KeyMap[ImGuiKey_Escape] = kEscape;
  }

  void frame() { ui_.frame(state_); }
  // Frames until the lesson's runs and the timeline's run are done (the worker runs them).
  void settle() {
    wait_for_lesson(state_.lesson);
    wait_for_run(state_);
    frame();
    frame();
  }

  // Scrolls the column until `part()` is a non-empty rectangle; false if it never shows.
  bool reveal(const std::function<Rect()>& part) {
    frame();
    if (visible(part())) return true;
    const Rect column = state_.layout.lesson.column;
    move_to((column.x0 + column.x1) / 2, (column.y0 + column.y1) / 2);
    for (int i = 0; i < 200 && state_.layout.lesson.scroll_y > 0; ++i) wheel(+1);  // to the top
    for (int i = 0; i < 200; ++i) {
      if (visible(part())) return true;
      const float before = state_.layout.lesson.scroll_y;
      wheel(-1);
      if (state_.layout.lesson.scroll_y == before && !visible(part())) return false;
    }
    return false;
  }
  bool click(const std::function<Rect()>& part, bool ctrl = false) {
    if (!reveal(part)) return false;
    const Rect r = part();
    move_to((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2);
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = ctrl;
    press(true);
    press(false);
    io.KeyCtrl = false;
    return true;
  }
  void type(const std::string& text) {
    ImGui::GetIO().AddInputCharactersUTF8(text.c_str());
    frame();
  }
  void key(int index) {
    ImGui::GetIO().KeysDown[index] = true;
    frame();
    ImGui::GetIO().KeysDown[index] = false;
    frame();
  }
  void enter() { key(kEnter); }

  // Sets a lesson control as a learner does: Ctrl+click a slider and type, click a time field
  // (it selects its text) and type, tick a checkbox, open a combo and pick.
  bool set_control(const std::string& name, const lessons::ControlValue& value) {
    const auto control = [&] { return rect_of(state_.layout.lesson.controls, name); };
    switch (value.type) {
      case lessons::ValueType::Int:
      case lessons::ValueType::Time:
        if (!click(control, value.type == lessons::ValueType::Int)) return false;
        select_all();
        type(value.display());
        enter();
        return true;
      case lessons::ValueType::Bool: {
        if (shown_value(name) == value) return true;
        return click(control);
      }
      case lessons::ValueType::Choice: {
        if (shown_value(name) == value) return true;
        if (!click(control)) return false;
        frame();
        const Rect option = rect_of(state_.layout.lesson.options, value.text);
        if (!visible(option)) return false;
        move_to((option.x0 + option.x1) / 2, (option.y0 + option.y1) / 2);
        press(true);
        press(false);
        return true;
      }
    }
    return false;
  }

  void move_to(float x, float y) {
    ImGui::GetIO().MousePos = ImVec2(x, y);
    frame();
  }
  void press(bool down) {
    ImGui::GetIO().MouseDown[0] = down;
    frame();
  }
  void wheel(float notches) {
    ImGui::GetIO().MouseWheel = notches;
    frame();
  }
  void select_all() {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = true;
    key(kKeyA);
    io.KeyCtrl = false;
  }

  // The value the column shows: the learner's, else the scenario's own.
  std::optional<lessons::ControlValue> shown_value(const std::string& name) const {
    const auto set = state_.lesson.controls.find(name);
    if (set != state_.lesson.controls.end()) return set->second;
    const auto& runs = state_.lesson.runs;
    if (runs.empty() || !runs.front().built.scenario) return std::nullopt;
    return lessons::control_value_in(*runs.front().built.scenario, name);
  }

  static bool visible(const Rect& r) { return r.x1 > r.x0 && r.y1 > r.y0; }
  template <class Map>
  static Rect rect_of(const Map& map, const std::string& key) {
    const auto found = map.find(key);
    return found == map.end() ? Rect{} : found->second;
  }

 private:
  static constexpr int kEnter = 13, kBackspace = 8, kKeyA = 65, kEscape = 27;
  HeadlessUi& ui_;
  AppState& state_;
};

}  // namespace tl::app::test
