// A playhead slider for the views that hide the timeline (memory, race): drag or click it to
// move the playhead through the run; doing so pauses playback, as scrubbing the axis does.
#pragma once
#include "app/rect.h"
#include "app/state/playback.h"

namespace tl::app {

// Draws the slider across the available width; returns where it was drawn.
Rect draw_playhead_bar(Playback& playback, TimeNs makespan);

}  // namespace tl::app
