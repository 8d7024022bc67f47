// The row of controls above the timeline: scenario, playback, speed, cores, zoom.
#pragma once
#include "app/app.h"

namespace tl::app {

void draw_controls(AppState& state);

}  // namespace tl::app
