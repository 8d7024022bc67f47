#include "app/platform/input_queue.h"

#include <imgui.h>

namespace tl::app::platform {
namespace {

bool is_modifier(int scancode) { return scancode >= kLeftCtrl && scancode <= kRightGui; }

}  // namespace

const FrameInput& InputQueue::next_frame() {
  state_.text.clear();
  std::bitset<kKeyCount> changed;  // keys that went down or up this frame
  std::bitset<kKeyCount> typed;    // keys whose press this frame typed characters
  bool button_changed = false;
  bool key_went_down = false;  // a key other than a modifier went down this frame
  int typing_key = -1;         // the key whose press came just before: the characters it typed follow
  while (!events_.empty()) {
    const InputEvent& event = events_.front();
    int pressed = -1;
    switch (event.kind) {
      case InputEvent::Move:
        // A move after a press or release would carry the click away from where it happened.
        if (button_changed) return state_;
        state_.x = event.x;
        state_.y = event.y;
        break;
      case InputEvent::Button:
        if (button_changed) return state_;
        state_.x = event.x;
        state_.y = event.y;
        if (event.code >= 0 && event.code < 3 && state_.mouse_down[event.code] != event.down) {
          state_.mouse_down[event.code] = event.down;
          button_changed = true;
        }
        break;
      case InputEvent::Key: {
        if (event.code < 0 || event.code >= kKeyCount) break;
        const std::size_t k = std::size_t(event.code);
        if (state_.keys[k] == event.down) break;  // no change: a held key's repeat
        // Pressed and released in one frame, ImGui would never see it down; a key that only
        // typed characters has done its work, unless Ctrl, Alt or Super is held: then it is a
        // shortcut (Ctrl+Q), whatever text the platform made of it.
        const bool shortcut = ctrl() || alt() || super();
        if (changed[k] && !(typed[k] && !acting_[k] && !shortcut)) return state_;
        // A modifier released in the frame a key went down waits a frame: the key keeps the
        // modifiers it came with (X sends Ctrl's release before Q's).
        if (is_modifier(int(k)) && !event.down && key_went_down) return state_;
        if (!is_modifier(int(k)) && event.down) key_went_down = true;
        changed[k] = true;
        state_.keys[k] = event.down;
        if (event.down) pressed = event.code;
        break;
      }
      case InputEvent::Text:
        // ImGui inserts a frame's characters before it acts on the frame's keys: characters
        // typed after Backspace, Enter or an arrow wait for the frame after that key's. The key
        // that typed them, and modifiers (Shift), are no such keys.
        for (int k = 0; k < kKeyCount; ++k)
          if (changed[std::size_t(k)] && state_.keys[std::size_t(k)] && acting_[std::size_t(k)] && k != typing_key &&
              !is_modifier(k))
            return state_;
        state_.text += event.text;
        if (typing_key >= 0) typed[std::size_t(typing_key)] = true;
        pressed = typing_key;
        break;
    }
    typing_key = pressed;
    events_.pop_front();
  }
  return state_;
}

std::bitset<kKeyCount> keys_imgui_acts_on(const ImGuiIO& io) {
  std::bitset<kKeyCount> keys;
  for (int key : io.KeyMap)
    if (key >= 0 && key < kKeyCount) keys[std::size_t(key)] = true;
  return keys;
}

void feed_imgui(const InputQueue& queue, ImGuiIO& io) {
  const FrameInput& in = queue.state();
  io.MousePos = ImVec2(in.x, in.y);
  for (int b = 0; b < 3; ++b) io.MouseDown[b] = in.mouse_down[b];
  for (int k = 0; k < kKeyCount; ++k) io.KeysDown[k] = in.keys[std::size_t(k)];
  // The modifiers held at this frame, as the queue replays them (not the platform's state after
  // the whole batch: Ctrl released right after Q must still count for Ctrl+Q).
  io.KeyCtrl = queue.ctrl();
  io.KeyShift = queue.shift();
  io.KeyAlt = queue.alt();
  io.KeySuper = queue.super();
  if (!in.text.empty()) io.AddInputCharactersUTF8(in.text.c_str());
}

}  // namespace tl::app::platform
