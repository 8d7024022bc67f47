// A learner's mouse and keyboard on the lesson column, through the null backend: clicks and
// typing at the rectangles the column reports (the same ones tl_state_json gives the browser
// tests), scrolling the column until a part is in view. Everything goes through the program's
// own input queue, a whole gesture (Ctrl+click, select all, type, Enter) between two frames as a
// slow frame delivers it, and frames are drawn until the queue has handed all of it to ImGui.
#pragma once
#include "app/platform/input_queue.h"
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
    queue_.set_acting_keys(platform::keys_imgui_acts_on(io));
  }

  void frame() {
    queue_.next_frame();
    platform::feed_imgui(queue_, ImGui::GetIO());
    ui_.frame(state_);
  }
  // Frames until every queued event reached ImGui, and one more that draws what they changed.
  void drain() {
    while (queue_.pending()) frame();
    frame();
  }
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
    const float x = (r.x0 + r.x1) / 2, y = (r.y0 + r.y1) / 2;
    if (ctrl) queue_.push(platform::InputEvent::key(platform::kLeftCtrl, true));
    queue_.push(platform::InputEvent::move(x, y));
    queue_.push(platform::InputEvent::button(0, true, x, y));
    queue_.push(platform::InputEvent::button(0, false, x, y));
    if (ctrl) queue_.push(platform::InputEvent::key(platform::kLeftCtrl, false));
    drain();
    return true;
  }
  // Each character as a key press that types it (a letter or digit key; others as text alone).
  void type(const std::string& text, bool now = true) {
    for (char c : text) {
      const int key = c >= 'a' && c <= 'z' ? 4 + (c - 'a') : c >= '1' && c <= '9' ? 30 + (c - '1')
                                                         : c == '0'               ? 39
                                                                                  : -1;
      if (key >= 0) queue_.push(platform::InputEvent::key(key, true));
      queue_.push(platform::InputEvent::typed(std::string(1, c)));
      if (key >= 0) queue_.push(platform::InputEvent::key(key, false));
    }
    if (now) drain();
  }
  void key(int index, bool now = true) {
    queue_.push(platform::InputEvent::key(index, true));
    queue_.push(platform::InputEvent::key(index, false));
    if (now) drain();
  }
  void enter(bool now = true) { key(kEnter, now); }

  // Sets a lesson control as a learner does: Ctrl+click a slider and type, click a time field
  // (it selects its text) and type, tick a checkbox, open a combo and pick.
  bool set_control(const std::string& name, const lessons::ControlValue& value) {
    const auto control = [&] { return rect_of(state_.layout.lesson.controls, name); };
    switch (value.type) {
      case lessons::ValueType::Int:
      case lessons::ValueType::Time:
        if (!click(control, value.type == lessons::ValueType::Int)) return false;
        // All typed between two frames.
        select_all(false);
        type(value.display(), false);
        enter(false);
        drain();
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
    queue_.push(platform::InputEvent::move(x, y));
    drain();
  }
  void press(bool down) {
    const platform::FrameInput& at = queue_.state();
    queue_.push(platform::InputEvent::button(0, down, at.x, at.y));
    drain();
  }
  void wheel(float notches) {
    ImGui::GetIO().MouseWheel = notches;
    frame();
  }
  void select_all(bool now = true) {
    queue_.push(platform::InputEvent::key(platform::kLeftCtrl, true));
    key(kKeyA, false);
    queue_.push(platform::InputEvent::key(platform::kLeftCtrl, false));
    if (now) drain();
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
  // SDL's scancodes, as the desktop and web feed the queue.
  static constexpr int kEnter = 40, kBackspace = 42, kKeyA = 4, kEscape = 41;
  HeadlessUi& ui_;
  AppState& state_;
  platform::InputQueue queue_;
};

}  // namespace tl::app::test
