// Small pieces of tl_state_json shared by the views that report themselves (api.cpp and the
// views' *_json.cpp): rectangles in the page's CSS pixels and colours as the page writes them.
#pragma once
#include "app/theme.h"
#include "app/rect.h"

#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace tl::app {

// In CSS pixels of the canvas: the layout's units times its scale in a large window.
inline nlohmann::json rect_json(const Rect& r) {
  const float s = theme::ui_scale();
  return {{"x0", r.x0 * s}, {"y0", r.y0 * s}, {"x1", r.x1 * s}, {"y1", r.y1 * s}};
}

inline nlohmann::json rects_json(const std::vector<Rect>& rects) {
  nlohmann::json out = nlohmann::json::array();
  for (const Rect& r : rects) out.push_back(rect_json(r));
  return out;
}

inline std::string hex_color(std::uint32_t rgb) {  // "#rrggbb"
  char text[8];
  std::snprintf(text, sizeof text, "#%06x", unsigned(rgb & 0xFFFFFF));
  return text;
}

}  // namespace tl::app
