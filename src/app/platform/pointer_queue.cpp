#include "app/platform/pointer_queue.h"

namespace tl::app::platform {

const PointerState& PointerQueue::next_frame() {
  while (!events_.empty()) {
    const PointerEvent event = events_.front();
    events_.pop_front();
    state_.x = event.x;
    state_.y = event.y;
    if (event.kind == PointerEvent::Move) continue;
    if (event.button >= 0 && event.button < 3) state_.down[event.button] = event.kind == PointerEvent::Down;
    break;  // one button change per frame
  }
  return state_;
}

}  // namespace tl::app::platform
