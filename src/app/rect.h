// A rectangle where a frame put something, in ImGui coordinates = CSS pixels of the canvas:
// what tl_state_json reports and tests aim the mouse at.
#pragma once

namespace tl::app {

struct Rect {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

}  // namespace tl::app
