// Keys, typed characters and mouse buttons handed to ImGui in the order they happened, at most
// one press or release per key or button per frame.
//
// ImGui 1.86 polls state once a frame: whether each key and button is down, one mouse position.
// A browser under a software renderer, or any slow frame, delivers whole sequences between two
// frames ("Ctrl down, A down, A up, Ctrl up, 1, 0, Enter"); fed to ImGui at once, a key pressed
// and released in the same frame was never down, a click landed where the mouse ended up, and
// characters were inserted before the keys typed ahead of them took effect. The queue splits
// such a batch into frames: a second change of a key or button waits for the next frame, and
// so does everything after it, so the order is kept.
#pragma once
#include <bitset>
#include <cfloat>
#include <deque>
#include <string>

struct ImGuiIO;

namespace tl::app::platform {

constexpr int kKeyCount = 512;  // ImGui 1.86's io.KeysDown, indexed by SDL scancode

struct InputEvent {
  enum Kind { Move,    // the pointer moved to (x, y); -FLT_MAX: it left the window
              Button,  // mouse button `code` (0 left, 1 right, 2 middle) went down or up at (x, y)
              Key,     // key `code` (a scancode) went down or up
              Text };  // characters typed (UTF-8), as the platform composed them
  Kind kind = Move;
  int code = 0;
  bool down = false;
  float x = 0, y = 0;
  std::string text;

  static InputEvent move(float x, float y) { return {Move, 0, false, x, y, {}}; }
  static InputEvent button(int b, bool down, float x, float y) { return {Button, b, down, x, y, {}}; }
  static InputEvent key(int scancode, bool down) { return {Key, scancode, down, 0, 0, {}}; }
  static InputEvent typed(std::string text) { return {Text, 0, false, 0, 0, std::move(text)}; }
};

// What one frame sees.
struct FrameInput {
  float x = -FLT_MAX, y = -FLT_MAX;
  bool mouse_down[3] = {false, false, false};
  std::bitset<kKeyCount> keys;  // down this frame
  std::string text;             // typed this frame, in order
};

// Modifier scancodes (SDL's numbering, the USB HID usage ids).
constexpr int kLeftCtrl = 224, kLeftShift = 225, kLeftAlt = 226, kLeftGui = 227;
constexpr int kRightCtrl = 228, kRightShift = 229, kRightAlt = 230, kRightGui = 231;

class InputQueue {
 public:
  void push(InputEvent event) { events_.push_back(std::move(event)); }
  // Takes events in order until the next one would be a second change of a key or button this
  // frame (or a move after a button change, or text after another key's press): that one and
  // the rest wait for the next frame.
  const FrameInput& next_frame();
  bool pending() const { return !events_.empty(); }  // the next frame has more to see
  // The keys ImGui acts on (its key map: Enter, Backspace, arrows, Space, A for Ctrl+A...);
  // until told, every key. A key that only types (a digit) may be pressed and released in one
  // frame: its characters are queued, its state is never read, and typing stays fast.
  void set_acting_keys(const std::bitset<kKeyCount>& keys) { acting_ = keys; }
  const FrameInput& state() const { return state_; }
  bool ctrl() const { return state_.keys[kLeftCtrl] || state_.keys[kRightCtrl]; }
  bool shift() const { return state_.keys[kLeftShift] || state_.keys[kRightShift]; }
  bool alt() const { return state_.keys[kLeftAlt] || state_.keys[kRightAlt]; }
  bool super() const { return state_.keys[kLeftGui] || state_.keys[kRightGui]; }

 private:
  std::deque<InputEvent> events_;
  FrameInput state_;
  std::bitset<kKeyCount> acting_ = std::bitset<kKeyCount>().set();
};

// ImGui's key map as the queue's acting keys.
std::bitset<kKeyCount> keys_imgui_acts_on(const ImGuiIO& io);

// Gives ImGui this frame's input (after the backend's NewFrame, which polls the mouse itself):
// position, buttons, keys, modifiers from the keys held, characters.
void feed_imgui(const InputQueue& queue, ImGuiIO& io);

}  // namespace tl::app::platform
