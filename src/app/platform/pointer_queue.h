// Mouse input handed to ImGui one button change per frame, each at the position where it
// happened. A browser or a slow frame can deliver "move there, press, release, move on" between
// two frames; ImGui polls one position and one button state per frame, so the press would land
// where the mouse ended up (or, shorter than a frame, be lost) and the frame's mouse delta would
// carry the whole move. Queued, every press and release is seen, in order, where it happened.
#pragma once
#include <cfloat>
#include <deque>

namespace tl::app::platform {

struct PointerEvent {
  enum Kind { Move,
              Down,
              Up } kind;
  int button;  // 0 left, 1 right, 2 middle (Down/Up)
  float x, y;  // window coordinates; -FLT_MAX: the pointer left the window
};

struct PointerState {
  float x = -FLT_MAX, y = -FLT_MAX;
  bool down[3] = {false, false, false};
};

class PointerQueue {
 public:
  void push(const PointerEvent& event) { events_.push_back(event); }
  // What this frame sees: every move up to and including the next button change (the rest
  // waits for the next frame).
  const PointerState& next_frame();
  bool pending() const { return !events_.empty(); }  // the next frame has more to see
  const PointerState& state() const { return state_; }

 private:
  std::deque<PointerEvent> events_;
  PointerState state_;
};

}  // namespace tl::app::platform
