// Which view fills the area under the title: the tab bar at the top of the frame picks one.
// Each view lives in its own file(s) under src/app/views/ and is drawn by one call.
#pragma once
#include <cstdint>

namespace tl::app {

enum class ViewKind : std::uint8_t {
  Timeline,  // the scenario's run: controls, timeline, legend, metrics
  Lab,       // measurements of this machine beside the simulator's predictions (desktop)
};

}  // namespace tl::app
