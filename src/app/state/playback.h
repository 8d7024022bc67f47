// The playhead sweeping simulated time: 1x plays a whole run in kBaseSeconds of wall time.
#pragma once
#include "sim/core/types.h"

namespace tl::app {

inline constexpr double kBaseSeconds = 10.0;

struct Playback {
  TimeNs playhead = 0;
  bool playing = true;
  float speed = 1.0f;  // 0.1x .. 10x
};

// Advances the playhead by `seconds` of wall time through a run of `makespan`; stops at its end.
void advance_playback(Playback& playback, TimeNs makespan, double seconds);
// The Play/Pause/Replay button: at the end, playing starts over.
void toggle_playback(Playback& playback, TimeNs makespan);
void restart_playback(Playback& playback);

}  // namespace tl::app
